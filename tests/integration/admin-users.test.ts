import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { changeRole } from "~/models/admin-users.server";
import { loader as accountLoader } from "~/routes/account";
import { action as userAction, loader as userLoader } from "~/routes/admin.users.$userId";
import { loader as usersLoader } from "~/routes/admin.users._index";
import { prisma } from "~/utils/db.server";
import { runAdminRole } from "../../scripts/admin-role";
import { getRequest, postForm, setCookieFor, url } from "../helpers/requests";
import { callRoute, dataOf } from "../helpers/route";
import { createUser, signIn, type TestUser } from "../helpers/users";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..", "..");

async function createAdmin(name = "Users Admin"): Promise<TestUser> {
  const user = await createUser({ name });
  await prisma.user.update({ where: { id: user.id }, data: { role: "ADMIN" }, select: { id: true } });
  return user;
}

function post(target: TestUser, cookie: string | undefined, fields: Record<string, string>) {
  return callRoute(userAction, postForm(`/admin/users/${target.id}`, fields, { cookie }), { userId: target.id });
}

async function roleOf(userId: string) {
  return (await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { role: true } })).role;
}

/** Leaves `keep` as the only admin (tests in this file share one database). */
async function onlyAdmin(keep: TestUser): Promise<void> {
  await prisma.user.updateMany({ where: { role: "ADMIN", id: { not: keep.id } }, data: { role: "USER" } });
}

describe("who may open the admin user pages", () => {
  it("sends visitors to sign in, from the pages and the actions", async () => {
    const target = await createUser();
    const list = await callRoute(usersLoader, getRequest("/admin/users"));
    expect(list.status).toBe(303);
    expect(list.headers.get("Location")).toBe("/login?redirectTo=%2Fadmin%2Fusers");
    const detail = await callRoute(userLoader, getRequest(`/admin/users/${target.id}`), { userId: target.id });
    expect(detail.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/admin/users/${target.id}`)}`);
    for (const fields of [{ intent: "end-sessions" }, { intent: "change-role", role: "ADMIN" }] as Record<
      string,
      string
    >[]) {
      const result = await post(target, undefined, fields);
      expect(result.status).toBe(303);
      expect(result.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    }
    expect(await roleOf(target.id)).toBe("USER");
  });

  it("answers 403 to viewers who are not admins, and changes nothing", async () => {
    const viewer = await createUser();
    const target = await createUser();
    const sessionsBefore = await prisma.session.count({ where: { userId: target.id } });
    expect((await callRoute(usersLoader, getRequest("/admin/users?q=a", { cookie: viewer.cookie }))).status).toBe(403);
    expect(
      (
        await callRoute(userLoader, getRequest(`/admin/users/${target.id}`, { cookie: viewer.cookie }), {
          userId: target.id,
        })
      ).status,
    ).toBe(403);
    // Making oneself an admin from the web is not possible.
    for (const [who, fields] of [
      [viewer, { intent: "change-role", role: "ADMIN" }],
      [target, { intent: "change-role", role: "ADMIN" }],
      [target, { intent: "end-sessions" }],
    ] as const) {
      const result = await post(who, viewer.cookie, fields);
      expect(result.status).toBe(403);
    }
    expect(await roleOf(viewer.id)).toBe("USER");
    expect(await roleOf(target.id)).toBe("USER");
    expect(await prisma.session.count({ where: { userId: target.id } })).toBe(sessionsBefore);
    expect(await prisma.auditLog.count({ where: { entityId: { in: [viewer.id, target.id] } } })).toBe(0);
  });

  it("refuses a cross-site form post even from an admin", async () => {
    const admin = await createAdmin();
    const target = await createUser();
    const request = new Request(url(`/admin/users/${target.id}`), {
      method: "POST",
      headers: {
        Cookie: admin.cookie,
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: "https://evil.example",
      },
      body: new URLSearchParams({ intent: "change-role", role: "ADMIN" }),
    });
    const result = await callRoute(userAction, request, { userId: target.id });
    expect(result.status).toBe(403);
    expect(await roleOf(target.id)).toBe("USER");
  });
});

describe("/admin/users", () => {
  it("searches email and name without regard to case, with role and active sessions", async () => {
    const admin = await createAdmin();
    const tag = `Zebra${Date.now().toString(36)}`;
    const byName = await createUser({ name: `Anna ${tag}` });
    const byEmail = await createUser({ email: `${tag.toLowerCase()}-mail@example.test` });
    await createUser({ name: "Somebody Else" });
    await prisma.session.create({
      data: { userId: byName.id, sessionToken: `expired-${tag}`, expires: new Date(Date.now() - 1000) },
      select: { id: true },
    });

    const data = dataOf(
      await callRoute(usersLoader, getRequest(`/admin/users?q=${tag.toUpperCase()}`, { cookie: admin.cookie })),
    );
    expect(data.total).toBe(2);
    expect(data.users.map((user) => user.id).sort()).toEqual([byName.id, byEmail.id].sort());
    const anna = data.users.find((user) => user.id === byName.id);
    expect(anna).toMatchObject({ email: byName.email, name: `Anna ${tag}`, role: "USER", activeSessions: 1 });
    expect(anna?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(anna).not.toHaveProperty("password");
  });

  it("pages through everyone, 25 at a time, and survives odd input", async () => {
    const admin = await createAdmin();
    const tag = `pager${Date.now().toString(36)}`;
    for (let index = 0; index < 27; index += 1) await createUser({ name: `${tag} ${index}` });
    const first = dataOf(await callRoute(usersLoader, getRequest(`/admin/users?q=${tag}`, { cookie: admin.cookie })));
    expect(first.users).toHaveLength(25);
    expect(first.totalPages).toBe(2);
    const second = dataOf(
      await callRoute(usersLoader, getRequest(`/admin/users?q=${tag}&page=2`, { cookie: admin.cookie })),
    );
    expect(second.users).toHaveLength(2);
    expect(new Set([...first.users, ...second.users].map((user) => user.id)).size).toBe(27);
    for (const query of ["?q=%25", "?q=_", `?q=${"x".repeat(5000)}`, "?page=-1", "?page=99999999", "?q=%27%22%3C"]) {
      const result = await callRoute(usersLoader, getRequest(`/admin/users${query}`, { cookie: admin.cookie }));
      expect(result.status, query).toBe(200);
    }
  });
});

describe("/admin/users/:userId", () => {
  it("shows the account, live sessions and the newest audit rows", async () => {
    const admin = await createAdmin();
    const target = await createUser({ name: "Detail Target" });
    await prisma.auditLog.createMany({
      data: Array.from({ length: 22 }, (_, index) => ({
        action: "LOGIN_SUCCESS",
        userId: target.id,
        timestamp: new Date(Date.UTC(2026, 0, 1) + index * 1000),
      })),
    });
    const data = dataOf(
      await callRoute(userLoader, getRequest(`/admin/users/${target.id}`, { cookie: admin.cookie }), {
        userId: target.id,
      }),
    );
    expect(data.user).toMatchObject({
      id: target.id,
      email: target.email,
      name: "Detail Target",
      role: "USER",
      hasPassword: true,
    });
    expect(data.user.sessions).toHaveLength(1);
    expect(data.user.sessions[0]).not.toHaveProperty("sessionToken");
    expect(data.activity).toHaveLength(20);
    expect(data.activity[0].timestamp).toBe(new Date(Date.UTC(2026, 0, 1) + 21_000).toISOString());
  });

  it("answers 404 for an unknown user, from the page and the actions", async () => {
    const admin = await createAdmin();
    const ghost = { id: "no-such-user" } as TestUser;
    expect(
      (
        await callRoute(userLoader, getRequest("/admin/users/no-such-user", { cookie: admin.cookie }), {
          userId: "no-such-user",
        })
      ).status,
    ).toBe(404);
    expect((await post(ghost, admin.cookie, { intent: "end-sessions" })).status).toBe(404);
    expect((await post(ghost, admin.cookie, { intent: "change-role", role: "ADMIN" })).status).toBe(404);
  });

  it("ends all sessions of a user: their old cookie stops working, and the change is audited", async () => {
    const admin = await createAdmin();
    const target = await createUser();
    const second = await signIn(target.email, target.password);
    expect((await callRoute(accountLoader, getRequest("/account", { cookie: second }))).status).toBe(200);

    const result = await post(target, admin.cookie, { intent: "end-sessions" });
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe(`/admin/users/${target.id}`);
    expect(setCookieFor(result.headers, "dracin_flash")).toBeDefined();

    for (const cookie of [target.cookie, second]) {
      const after = await callRoute(accountLoader, getRequest("/account", { cookie }));
      expect(after.status).toBe(303);
      expect(after.headers.get("Location")).toBe("/login?redirectTo=%2Faccount");
    }
    expect(await prisma.session.count({ where: { userId: target.id } })).toBe(0);
    const rows = await prisma.auditLog.findMany({
      where: { action: "SESSION_REVOKED", entityId: target.id },
      select: { userId: true, entityType: true, metadata: true, ipAddress: true },
    });
    expect(rows).toEqual([
      { userId: admin.id, entityType: "User", metadata: { by: "admin", count: 2 }, ipAddress: "127.0.0.1" },
    ]);
    // The admin is still signed in.
    expect((await callRoute(usersLoader, getRequest("/admin/users", { cookie: admin.cookie }))).status).toBe(200);
  });

  it("makes a user an admin and back, auditing each change", async () => {
    const admin = await createAdmin();
    const target = await createUser();
    const up = await post(target, admin.cookie, { intent: "change-role", role: "ADMIN" });
    expect(up.status).toBe(303);
    expect(up.headers.get("Location")).toBe(`/admin/users/${target.id}`);
    expect(await roleOf(target.id)).toBe("ADMIN");
    // The new admin can open the admin pages at once.
    expect((await callRoute(usersLoader, getRequest("/admin/users", { cookie: target.cookie }))).status).toBe(200);

    const same = await post(target, admin.cookie, { intent: "change-role", role: "ADMIN" });
    expect(same.status).toBe(303);
    const down = await post(target, admin.cookie, { intent: "change-role", role: "USER" });
    expect(down.status).toBe(303);
    expect(await roleOf(target.id)).toBe("USER");
    expect((await callRoute(usersLoader, getRequest("/admin/users", { cookie: target.cookie }))).status).toBe(403);

    const rows = await prisma.auditLog.findMany({
      where: { action: "ROLE_CHANGE", entityId: target.id },
      orderBy: { timestamp: "asc" },
      select: { userId: true, entityType: true, metadata: true },
    });
    expect(rows).toEqual([
      { userId: admin.id, entityType: "User", metadata: { from: "USER", to: "ADMIN", by: "admin" } },
      { userId: admin.id, entityType: "User", metadata: { from: "ADMIN", to: "USER", by: "admin" } },
    ]);
  });

  it("never demotes the last admin, and lets an admin step down only while another remains", async () => {
    const admin = await createAdmin();
    await onlyAdmin(admin);
    const refused = await post(admin, admin.cookie, { intent: "change-role", role: "USER" });
    expect(refused.status).toBe(409);
    expect(dataOf(refused)).toEqual({ intent: "change-role", formError: "admin.user.lastAdmin" });
    expect(await roleOf(admin.id)).toBe("ADMIN");
    expect(await prisma.auditLog.count({ where: { action: "ROLE_CHANGE", entityId: admin.id } })).toBe(0);

    const other = await createAdmin("Second Admin");
    const stepDown = await post(admin, admin.cookie, { intent: "change-role", role: "USER" });
    expect(stepDown.status).toBe(303);
    expect(stepDown.headers.get("Location")).toBe("/");
    expect(await roleOf(admin.id)).toBe("USER");
    // Now `other` is the last one; `admin` has no say any more.
    expect((await post(other, admin.cookie, { intent: "change-role", role: "USER" })).status).toBe(403);
    expect((await post(other, other.cookie, { intent: "change-role", role: "USER" })).status).toBe(409);
    expect(await roleOf(other.id)).toBe("ADMIN");
  });

  it("keeps one admin when two demotions race", async () => {
    const first = await createAdmin("Racer One");
    await onlyAdmin(first);
    const second = await createAdmin("Racer Two");
    const info = { ipAddress: null, userAgent: "test" };
    const results = await Promise.allSettled([
      changeRole({ id: first.id }, "USER", { by: "admin", adminId: second.id }, info),
      changeRole({ id: second.id }, "USER", { by: "admin", adminId: first.id }, info),
    ]);
    const done = results.filter((result) => result.status === "fulfilled" && result.value.ok).length;
    expect(done).toBeLessThanOrEqual(1);
    expect(await prisma.user.count({ where: { role: "ADMIN" } })).toBe(1);
  });

  it("answers 400 for an unknown intent or role, and changes nothing", async () => {
    const admin = await createAdmin();
    const target = await createUser();
    const cases: Record<string, string>[] = [
      {},
      { intent: "delete-everything" },
      { intent: "change-role" },
      { intent: "change-role", role: "SUPERUSER" },
      { intent: "change-role", role: "admin" },
    ];
    for (const fields of cases) {
      const result = await post(target, admin.cookie, fields);
      expect(result.status, JSON.stringify(fields)).toBe(400);
    }
    expect(await roleOf(target.id)).toBe("USER");
    expect(await prisma.auditLog.count({ where: { entityId: target.id } })).toBe(0);
  });
});

describe("the admin role script", () => {
  it("grants and revokes by email, audits with by: cli, and refuses unknown emails and the last admin", async () => {
    const person = await createUser();
    const granted = await runAdminRole(["grant", person.email.toUpperCase()]);
    expect(granted).toEqual({ code: 0, message: expect.stringContaining(`${person.email} is now an admin`) });
    expect(await roleOf(person.id)).toBe("ADMIN");
    expect(await runAdminRole(["grant", person.email])).toMatchObject({
      code: 0,
      message: expect.stringContaining("already"),
    });

    expect(await runAdminRole(["grant", "nobody-at-all@example.test"])).toMatchObject({
      code: 1,
      message: expect.stringContaining("No account has the email nobody-at-all@example.test"),
    });
    expect(await runAdminRole([])).toMatchObject({ code: 2 });
    expect(await runAdminRole(["promote", person.email])).toMatchObject({ code: 2 });

    await onlyAdmin(person);
    expect(await runAdminRole(["revoke", person.email])).toMatchObject({
      code: 1,
      message: expect.stringContaining("last admin"),
    });
    expect(await roleOf(person.id)).toBe("ADMIN");

    const rows = await prisma.auditLog.findMany({
      where: { action: "ROLE_CHANGE", entityId: person.id },
      select: { userId: true, entityType: true, metadata: true, userAgent: true },
    });
    expect(rows).toEqual([
      {
        userId: person.id,
        entityType: "User",
        metadata: { from: "USER", to: "ADMIN", by: "cli" },
        userAgent: "cli: admin:grant",
      },
    ]);
  });

  it("runs as a program against DATABASE_URL with clear output and exit codes", async () => {
    const person = await createUser();
    // Another admin, so the revoke below is not refused as the last one.
    await createAdmin("Script Helper");
    const env = { ...process.env };
    const tsx = path.join(root, "node_modules", ".bin", "tsx");
    const script = path.join(root, "scripts", "admin-role.ts");

    const grant = await run(tsx, [script, "grant", person.email], { cwd: root, env });
    expect(grant.stdout).toContain(`${person.email} is now an admin`);
    expect(await roleOf(person.id)).toBe("ADMIN");

    const revoke = await run(tsx, [script, "revoke", person.email], { cwd: root, env });
    expect(revoke.stdout).toContain(`${person.email} is no longer an admin`);
    expect(await roleOf(person.id)).toBe("USER");

    const unknown = await run(tsx, [script, "grant", "ghost@example.test"], { cwd: root, env }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(unknown).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("No account has the email ghost@example.test"),
    });
  }, 60_000);
});
