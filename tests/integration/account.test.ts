import { describe, expect, it } from "vitest";
import { action as accountAction, loader as accountLoader } from "~/routes/account";
import { action as loginAction } from "~/routes/login";
import { prisma } from "~/utils/db.server";
import { getRequest, postForm, setCookieFor, TEST_USER_AGENT } from "../helpers/requests";
import { callRoute, dataOf, TEST_CLIENT_IP } from "../helpers/route";
import { createUser, signIn } from "../helpers/users";

function account(cookie: string | undefined, fields: Record<string, string>) {
  return callRoute(accountAction, postForm("/account", fields, { cookie }));
}

describe("account page", () => {
  it("requires sign-in", async () => {
    const result = await callRoute(accountLoader, getRequest("/account"));
    expect(result.thrown).toBe(true);
    expect(result.headers.get("Location")).toBe("/login?redirectTo=%2Faccount");
    const post = await account(undefined, { intent: "profile", name: "Nobody" });
    expect(post.headers.get("Location")).toBe("/login?redirectTo=%2Faccount");
  });

  it("shows the signed-in viewer", async () => {
    const user = await createUser({ name: "Account Owner" });
    const data = dataOf(await callRoute(accountLoader, getRequest("/account", { cookie: user.cookie })));
    expect(data.user).toEqual({ id: user.id, email: user.email, name: "Account Owner", role: "USER", locale: null });
    expect(data.user).not.toHaveProperty("password");
  });

  it("refuses a wrong current password with 400 and a message key, and keeps the old password", async () => {
    const user = await createUser();
    const before = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { password: true } });

    const result = await account(user.cookie, {
      intent: "password",
      currentPassword: "not my password",
      newPassword: "a brand new password",
    });

    expect(result.status).toBe(400);
    expect(dataOf(result)).toMatchObject({
      intent: "password",
      errors: { currentPassword: "account.currentPasswordWrong" },
    });
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { password: true } });
    expect(after.password).toBe(before.password);
    expect(await prisma.auditLog.count({ where: { userId: user.id, action: "PASSWORD_CHANGE" } })).toBe(0);
  });

  it("refuses a new password equal to the current one", async () => {
    const user = await createUser();
    const result = await account(user.cookie, {
      intent: "password",
      currentPassword: user.password,
      newPassword: user.password,
    });
    expect(result.status).toBe(400);
    expect(dataOf(result).errors).toEqual({ newPassword: "form.newPassword.same" });
  });

  it("refuses a too-short new password", async () => {
    const user = await createUser();
    const result = await account(user.cookie, {
      intent: "password",
      currentPassword: user.password,
      newPassword: "short",
    });
    expect(result.status).toBe(400);
    expect(dataOf(result).errors).toEqual({ newPassword: "form.password.tooShort" });
  });

  it("changes the password with the right current one: 303, audit row, and only the new password signs in", async () => {
    const user = await createUser();
    const newPassword = "a brand new password";

    const result = await account(user.cookie, { intent: "password", currentPassword: user.password, newPassword });

    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/account");
    expect(setCookieFor(result.headers, "dracin_flash")).toBeDefined();
    const audit = await prisma.auditLog.findMany({ where: { userId: user.id, action: "PASSWORD_CHANGE" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ ipAddress: TEST_CLIENT_IP, userAgent: TEST_USER_AGENT });
    expect(JSON.stringify(audit[0])).not.toContain(newPassword);

    const old = await callRoute(loginAction, postForm("/login", { email: user.email, password: user.password }));
    expect(old.status).toBe(400);
    expect(await signIn(user.email, newPassword)).toMatch(/^dracin_session=/);
  });

  it("ends every other session of the user on a password change, and keeps this one", async () => {
    const user = await createUser();
    const otherDevice = await signIn(user.email, user.password);
    const bystander = await createUser();

    const result = await account(user.cookie, {
      intent: "password",
      currentPassword: user.password,
      newPassword: "another new password",
    });

    expect(result.status).toBe(303);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
    expect((await callRoute(accountLoader, getRequest("/account", { cookie: user.cookie }))).status).toBe(200);
    const other = await callRoute(accountLoader, getRequest("/account", { cookie: otherDevice }));
    expect(other.headers.get("Location")).toBe("/login?redirectTo=%2Faccount");
    expect(await prisma.session.count({ where: { userId: bystander.id } })).toBe(1);
  });

  it("updates the display name: 303, trimmed name and a PROFILE_UPDATE audit row", async () => {
    const user = await createUser({ name: "Old Name" });
    const result = await account(user.cookie, { intent: "profile", name: "  New Name " });

    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/account");
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true } });
    expect(row.name).toBe("New Name");
    expect(await prisma.auditLog.count({ where: { userId: user.id, action: "PROFILE_UPDATE" } })).toBe(1);
  });

  it("refuses an empty or too-long display name and keeps the old one", async () => {
    const user = await createUser({ name: "Kept Name" });
    const empty = await account(user.cookie, { intent: "profile", name: "   " });
    expect(empty.status).toBe(400);
    expect(dataOf(empty).errors).toEqual({ name: "form.name.required" });
    const long = await account(user.cookie, { intent: "profile", name: "n".repeat(61) });
    expect(long.status).toBe(400);
    expect(dataOf(long).errors).toEqual({ name: "form.name.tooLong" });
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true } });
    expect(row.name).toBe("Kept Name");
  });

  it("refuses an unknown intent", async () => {
    const user = await createUser();
    const result = await account(user.cookie, { intent: "delete-everything" });
    expect(result.status).toBe(400);
    expect(dataOf(result).formError).toBe("account.unknownAction");
  });

  it("changes only the signed-in viewer's account", async () => {
    const [owner, other] = await Promise.all([createUser({ name: "Owner" }), createUser({ name: "Other" })]);
    await account(owner.cookie, { intent: "profile", name: "Renamed", userId: other.id });
    const rows = await prisma.user.findMany({
      where: { id: { in: [owner.id, other.id] } },
      select: { id: true, name: true },
    });
    expect(Object.fromEntries(rows.map((row) => [row.id, row.name]))).toEqual({
      [owner.id]: "Renamed",
      [other.id]: "Other",
    });
  });
});
