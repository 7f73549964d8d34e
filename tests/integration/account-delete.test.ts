/**
 * /account/delete: confirmation (password, or a fresh sign-in without one),
 * the cascade row by row, the audit rows that outlive the user, and the
 * signed-out browser afterwards.
 */
import { describe, expect, it } from "vitest";
import { writeAudit } from "~/models/audit.server";
import { hashToken } from "~/models/sessions.server";
import { subjectKey } from "~/models/throttle.server";
import { action as deleteAction, loader as deleteLoader } from "~/routes/account_.delete";
import { prisma } from "~/utils/db.server";
import { getUserId, sessionCookie } from "~/utils/session.server";
import { getRequest, postForm, setCookieFor, TEST_USER_AGENT } from "../helpers/requests";
import { callRoute, dataOf, TEST_CLIENT_IP } from "../helpers/route";
import { createUser, signIn, type TestUser } from "../helpers/users";

const MINUTE = 60_000;

function post(cookie: string | undefined, fields: Record<string, string>) {
  return callRoute(deleteAction, postForm("/account/delete", fields, { cookie }));
}

async function signedInAs(cookie: string): Promise<string | null> {
  return getUserId(getRequest("/", { cookie }));
}

async function currentSessionId(user: TestUser): Promise<string> {
  const token: unknown = await sessionCookie().parse(user.cookie);
  if (typeof token !== "string") throw new Error("no token in the test cookie");
  const row = await prisma.session.findUniqueOrThrow({
    where: { sessionToken: hashToken(token) },
    select: { id: true },
  });
  return row.id;
}

/** One row in every table that hangs off a user, plus audit rows; returns their ids. */
async function giveUserData(user: TestUser) {
  const account = await prisma.account.create({
    data: { userId: user.id, type: "oauth", provider: "github", providerAccountId: `gh-${user.id}` },
    select: { id: true },
  });
  const progress = await prisma.userProgress.create({
    data: {
      userId: user.id,
      episodeId: "moonlit-tea-house-ep-1",
      dramaId: "moonlit-tea-house",
      currentTime: 30,
      duration: 600,
    },
    select: { id: true },
  });
  const history = await prisma.watchHistory.create({
    data: { userId: user.id, episodeId: "moonlit-tea-house-ep-1", dramaId: "moonlit-tea-house" },
    select: { id: true },
  });
  const favorite = await prisma.favorites.create({
    data: { userId: user.id, dramaId: "moonlit-tea-house" },
    select: { id: true },
  });
  const secondCookie = await signIn(user.email, user.password); // a second session + LOGIN_SUCCESS row
  await writeAudit({
    action: "PROFILE_UPDATE",
    userId: user.id,
    entityType: "User",
    entityId: user.id,
    info: { ipAddress: "203.0.113.5", userAgent: "test" },
  });
  const auditIds = (await prisma.auditLog.findMany({ where: { userId: user.id }, select: { id: true } })).map(
    (row) => row.id,
  );
  const sessionIds = (await prisma.session.findMany({ where: { userId: user.id }, select: { id: true } })).map(
    (row) => row.id,
  );
  return {
    account: account.id,
    progress: progress.id,
    history: history.id,
    favorite: favorite.id,
    auditIds,
    sessionIds,
    secondCookie,
  };
}

describe("/account/delete", () => {
  it("requires sign-in", async () => {
    const page = await callRoute(deleteLoader, getRequest("/account/delete"));
    expect(page.thrown).toBe(true);
    expect(page.headers.get("Location")).toBe("/login?redirectTo=%2Faccount%2Fdelete");
    const result = await post(undefined, { currentPassword: "x" });
    expect(result.headers.get("Location")).toBe("/login?redirectTo=%2Faccount%2Fdelete");
  });

  it("asks for the password of an account that has one", async () => {
    const user = await createUser();
    const data = dataOf(await callRoute(deleteLoader, getRequest("/account/delete", { cookie: user.cookie })));
    expect(data).toEqual({ email: user.email, hasPassword: true, freshSignIn: true });
  });

  it("a wrong or missing password: 400 with a clear message, nothing deleted", async () => {
    const user = await createUser();
    const rows = await giveUserData(user);

    const wrong = await post(user.cookie, { currentPassword: "not my password" });
    expect(wrong.status).toBe(400);
    expect(dataOf(wrong)).toEqual({ errors: { currentPassword: "sessions.delete.wrongPassword" }, formError: null });
    const missing = await post(user.cookie, {});
    expect(missing.status).toBe(400);
    expect(dataOf(missing)).toMatchObject({ errors: { currentPassword: "sessions.reauth.passwordRequired" } });
    const huge = await post(user.cookie, { currentPassword: "x".repeat(5000) });
    expect(huge.status).toBe(400);

    expect(await prisma.user.count({ where: { id: user.id } })).toBe(1);
    expect(await prisma.account.count({ where: { id: rows.account } })).toBe(1);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(2);
    expect(await prisma.favorites.count({ where: { id: rows.favorite } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: "ACCOUNT_DELETE", entityId: user.id } })).toBe(0);
    expect(await signedInAs(user.cookie)).toBe(user.id);
  });

  it("the right password deletes the user and, by cascade, every row of theirs; audit rows stay with userId null", async () => {
    const user = await createUser();
    const bystander = await createUser();
    const bystanderFavorite = await prisma.favorites.create({
      data: { userId: bystander.id, dramaId: "moonlit-tea-house" },
      select: { id: true },
    });
    const rows = await giveUserData(user);
    expect(rows.sessionIds).toHaveLength(2);
    expect(rows.auditIds.length).toBeGreaterThanOrEqual(2);

    const result = await post(user.cookie, { currentPassword: user.password });

    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/");
    expect(setCookieFor(result.headers, "dracin_session")).toMatch(/Max-Age=0/);
    expect(setCookieFor(result.headers, "dracin_flash")).toBeDefined();

    // Row by row.
    expect(await prisma.user.count({ where: { id: user.id } })).toBe(0);
    expect(await prisma.user.count({ where: { email: user.email } })).toBe(0);
    expect(await prisma.account.count({ where: { id: rows.account } })).toBe(0);
    expect(await prisma.session.count({ where: { id: { in: rows.sessionIds } } })).toBe(0);
    expect(await prisma.userProgress.count({ where: { id: rows.progress } })).toBe(0);
    expect(await prisma.watchHistory.count({ where: { id: rows.history } })).toBe(0);
    expect(await prisma.favorites.count({ where: { id: rows.favorite } })).toBe(0);
    const kept = await prisma.auditLog.findMany({ where: { id: { in: rows.auditIds } }, select: { userId: true } });
    expect(kept).toHaveLength(rows.auditIds.length);
    expect(kept.every((row) => row.userId === null)).toBe(true);

    const deletion = await prisma.auditLog.findMany({ where: { action: "ACCOUNT_DELETE", entityId: user.id } });
    expect(deletion).toHaveLength(1);
    expect(deletion[0]).toMatchObject({
      userId: null,
      entityType: "User",
      ipAddress: TEST_CLIENT_IP,
      userAgent: TEST_USER_AGENT,
      metadata: { by: "user", subject: subjectKey(user.email), confirmedWith: "password" },
    });
    expect(JSON.stringify(deletion[0])).not.toContain(user.email);
    expect(JSON.stringify(deletion[0])).not.toContain(user.password);

    // Both browsers are signed out.
    expect(await signedInAs(user.cookie)).toBeNull();
    expect(await signedInAs(rows.secondCookie)).toBeNull();
    // Nobody else lost anything.
    expect(await signedInAs(bystander.cookie)).toBe(bystander.id);
    expect(await prisma.favorites.count({ where: { id: bystanderFavorite.id } })).toBe(1);
  });

  it("the email can register again afterwards (nothing of the old account blocks it)", async () => {
    const user = await createUser();
    expect((await post(user.cookie, { currentPassword: user.password })).status).toBe(303);
    const again = await createUser({ email: user.email });
    expect(again.id).not.toBe(user.id);
  });

  describe("an account without a password (OAuth only)", () => {
    it("is deleted within 10 minutes of signing in, without a password", async () => {
      const user = await createUser();
      await prisma.user.update({ where: { id: user.id }, data: { password: null } });
      const page = dataOf(await callRoute(deleteLoader, getRequest("/account/delete", { cookie: user.cookie })));
      expect(page).toMatchObject({ hasPassword: false, freshSignIn: true });

      const result = await post(user.cookie, {});

      expect(result.status).toBe(303);
      expect(await prisma.user.count({ where: { id: user.id } })).toBe(0);
      const deletion = await prisma.auditLog.findFirstOrThrow({
        where: { action: "ACCOUNT_DELETE", entityId: user.id },
      });
      expect(deletion.metadata).toMatchObject({ confirmedWith: "fresh-sign-in" });
    });

    it("is refused with a 'sign in again' message when the sign-in is older than 10 minutes", async () => {
      const user = await createUser();
      await prisma.user.update({ where: { id: user.id }, data: { password: null } });
      await prisma.session.update({
        where: { id: await currentSessionId(user) },
        data: { createdAt: new Date(Date.now() - 10 * MINUTE - 5_000) },
      });
      const page = dataOf(await callRoute(deleteLoader, getRequest("/account/delete", { cookie: user.cookie })));
      expect(page).toMatchObject({ hasPassword: false, freshSignIn: false });

      // A password is no way around it.
      const result = await post(user.cookie, { currentPassword: "guess" });

      expect(result.status).toBe(400);
      expect(dataOf(result)).toEqual({ errors: {}, formError: "sessions.reauth.stale" });
      expect(await prisma.user.count({ where: { id: user.id } })).toBe(1);
      expect(await signedInAs(user.cookie)).toBe(user.id);
    });
  });

  it("refuses a cross-site post", async () => {
    const user = await createUser();
    const sameSite = postForm("/account/delete", { currentPassword: user.password }, { cookie: user.cookie });
    const headers = new Headers(sameSite.headers);
    headers.set("Origin", "https://evil.example");
    const request = new Request(sameSite.url, { method: "POST", headers, body: await sameSite.text() });
    const result = await callRoute(deleteAction, request);
    expect(result.status).toBe(403);
    expect(await prisma.user.count({ where: { id: user.id } })).toBe(1);
  });
});
