/**
 * Fuzzing the forms and actions with fast-check: thousands of random and
 * hostile inputs (odd Unicode, huge strings, SQL and HTML injection, numbers
 * that are not numbers, unknown and repeated fields). Whatever comes in, an
 * action answers below 500, and a refused request (4xx) stores nothing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { action as favoritesAction } from "~/routes/resources.favorites";
import { action as progressAction } from "~/routes/resources.progress";
import { action as watchedAction } from "~/routes/resources.watched";
import { action as continueAction } from "~/routes/resources.continue-watching";
import { action as preferencesAction } from "~/routes/resources.preferences";
import { action as historyAction } from "~/routes/history";
import { action as loginAction } from "~/routes/login";
import { action as registerAction } from "~/routes/register";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as resetAction } from "~/routes/reset-password";
import { action as verifyAction } from "~/routes/verify-email";
import { action as accountAction } from "~/routes/account";
import { action as sessionsAction } from "~/routes/account_.sessions";
import { action as deleteAction } from "~/routes/account_.delete";
import { action as connectionsAction } from "~/routes/account_.connections";
import { action as adminUserAction } from "~/routes/admin.users.$userId";
import { loader as adminAuditLoader } from "~/routes/admin.audit._index";
import { loader as searchLoader } from "~/routes/search";
import { loader as browseLoader } from "~/routes/browse";
import { prisma } from "~/utils/db.server";
import { getRequest, postForm } from "../helpers/requests";
import { callRoute, type RouteArgs } from "../helpers/route";
import { createUser } from "../helpers/users";

const RUNS = 300;

const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    '\'; DROP TABLE "User"; --',
    '" OR 1=1 --',
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "//evil.example",
    "../../etc/passwd",
    "\u0000",
    "\uFEFF\u202E",
    "NaN",
    "Infinity",
    "-1",
    "1e309",
    "0x10",
    "9007199254740993",
    "neon-rain",
    "neon-rain-ep-1",
    "add",
    "remove",
    "watched",
    "watched-next",
    "remove-drama",
  ),
  fc.integer().map(String),
  fc.double().map(String),
  fc.nat(5_000).map((n) => "x".repeat(n)),
);

const FIELD_NAMES = [
  "intent",
  "dramaId",
  "episodeId",
  "position",
  "duration",
  "seq",
  "viewingStart",
  "redirectTo",
  "captions",
  "autoplay",
  "dataSaver",
  "email",
  "password",
  "name",
  "_csrf",
  "currentPassword",
  "newPassword",
  "confirmPassword",
  "token",
  "sessionId",
  "provider",
  "role",
  "q",
  "action",
  "ip",
  "from",
  "to",
  "after",
];

const fields = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 12 })), hostile), {
  maxLength: 8,
});

type Action = (args: RouteArgs) => unknown;

async function counts(userId: string) {
  const [favorites, progress, history, audit] = await Promise.all([
    prisma.favorites.count({ where: { userId } }),
    prisma.userProgress.count({ where: { userId } }),
    prisma.watchHistory.count({ where: { userId } }),
    prisma.auditLog.count({ where: { userId } }),
  ]);
  return { favorites, progress, history, audit };
}

describe("fuzzed actions never fail and a refusal stores nothing", () => {
  const actions: [string, string, Action, boolean][] = [
    ["/resources/favorites", "favorites", favoritesAction, true],
    ["/resources/progress", "progress", progressAction, true],
    ["/resources/watched", "watched", watchedAction, true],
    ["/resources/continue-watching", "continue-watching", continueAction, true],
    ["/resources/preferences", "preferences", preferencesAction, false],
    ["/history", "history", historyAction, true],
  ];

  it.each(actions)("POST %s", async (path, _name, action, signedIn) => {
    const user = await createUser();
    await fc.assert(
      fc.asyncProperty(fields, fc.boolean(), async (pairs, htmx) => {
        const before = await counts(user.id);
        const result = await callRoute(
          action,
          postForm(path, pairs, { cookie: signedIn ? user.cookie : undefined, htmx }),
        );
        expect(result.status).toBeLessThan(500);
        if (result.status >= 400) expect(await counts(user.id)).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it("POST /login", async () => {
    // Random emails from one IP end in the per-IP throttle (429) after 50 failures: also never a 5xx.
    await fc.assert(
      fc.asyncProperty(fields, async (pairs) => {
        const result = await callRoute(loginAction, postForm("/login", pairs), {}, { clientIp: "10.99.0.1" });
        expect(result.status).toBeLessThan(500);
        expect(result.headers.get("Set-Cookie") ?? "").not.toContain("dracin_session=");
      }),
      { numRuns: 150 },
    );
    expect(await prisma.session.count({ where: { ipAddress: "10.99.0.1" } })).toBe(0);
  });

  const listLoaders: [string, Action][] = [
    ["/search", searchLoader],
    ["/browse", browseLoader],
  ];

  it.each(listLoaders)("GET %s with hostile query strings", async (path, loader) => {
    await fc.assert(
      fc.asyncProperty(fields, async (pairs) => {
        const query = new URLSearchParams(pairs).toString();
        const result = await callRoute(loader, getRequest(`${path}?${query}`));
        expect(result.status).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
  });

  it.each([
    ["/register", registerAction],
    ["/forgot-password", forgotAction],
    ["/reset-password", resetAction],
  ] as [string, Action][])("POST %s (signed out) never fails and never signs in on refusal", async (path, action) => {
    const before = await prisma.user.count();
    let created = 0;
    await fc.assert(
      fc.asyncProperty(fields, async (pairs) => {
        const result = await callRoute(action, postForm(path, pairs), {}, { clientIp: "10.98.0.1" });
        expect(result.status).toBeLessThan(500);
        if (result.status >= 400) expect(result.headers.get("Set-Cookie") ?? "").not.toContain("dracin_session=");
        else if (path === "/register" && (result.headers.get("Set-Cookie") ?? "").includes("dracin_session="))
          created += 1;
      }),
      { numRuns: 200 },
    );
    expect(await prisma.user.count()).toBe(before + created);
  });

  it.each([
    ["/verify-email", verifyAction],
    ["/account", accountAction],
    ["/account/sessions", sessionsAction],
    ["/account/delete", deleteAction],
    ["/account/connections", connectionsAction],
  ] as [string, Action][])(
    "POST %s (signed in) never fails, and the account survives hostile input",
    async (path, action) => {
      const user = await createUser();
      await fc.assert(
        fc.asyncProperty(fields, async (pairs) => {
          const result = await callRoute(
            action,
            postForm(path, pairs, { cookie: user.cookie }),
            {},
            { clientIp: "10.98.0.2" },
          );
          expect(result.status).toBeLessThan(500);
        }),
        { numRuns: 200 },
      );
      // No random input knows the password: the account, its password and its session are intact.
      const row = await prisma.user.findUnique({ where: { id: user.id }, select: { password: true } });
      expect(row?.password).toBeTruthy();
      expect(await prisma.session.count({ where: { userId: user.id } })).toBeGreaterThan(0);
    },
  );

  it("admin user actions and the audit filters never fail", async () => {
    const admin = await createUser();
    await prisma.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
    const target = await createUser();
    await fc.assert(
      fc.asyncProperty(fields, async (pairs) => {
        const action = await callRoute(
          adminUserAction,
          postForm(`/admin/users/${target.id}`, pairs, { cookie: admin.cookie }),
          { userId: target.id },
        );
        expect(action.status).toBeLessThan(500);
        const query = new URLSearchParams(pairs).toString();
        const page = await callRoute(adminAuditLoader, getRequest(`/admin/audit?${query}`, { cookie: admin.cookie }));
        expect(page.status).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
  });
});
