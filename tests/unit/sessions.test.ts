import { describe, expect, it } from "vitest";
import { createSession, deleteSession, findSessionUserId, hashToken } from "~/models/sessions.server";
import { prisma } from "~/utils/db.server";
import { uniqueEmail } from "../helpers/users";

const DAY_MS = 24 * 60 * 60 * 1000;

async function makeUser(): Promise<string> {
  const user = await prisma.user.create({ data: { email: uniqueEmail("session") }, select: { id: true } });
  return user.id;
}

describe("session rows", () => {
  it("stores the SHA-256 of the cookie token, never the token itself", async () => {
    const userId = await makeUser();
    const { token, expires } = await createSession(userId, DAY_MS);

    const rows = await prisma.session.findMany({ where: { userId } });
    expect(rows).toHaveLength(1);
    expect(rows[0].sessionToken).not.toBe(token);
    expect(rows[0].sessionToken).toBe(hashToken(token));
    expect(rows[0].sessionToken).not.toContain(token);
    expect(rows[0].expires.getTime()).toBe(expires.getTime());
    expect(token.length).toBeGreaterThanOrEqual(43); // 32 random bytes
  });

  it("finds the user of a live session", async () => {
    const userId = await makeUser();
    const { token } = await createSession(userId, DAY_MS);
    expect(await findSessionUserId(token)).toBe(userId);
  });

  it("does not accept the stored hash as a token", async () => {
    const userId = await makeUser();
    const { token } = await createSession(userId, DAY_MS);
    expect(await findSessionUserId(hashToken(token))).toBeNull();
  });

  it("returns null for an expired session and deletes its row", async () => {
    const userId = await makeUser();
    const { token } = await createSession(userId, DAY_MS);
    await prisma.session.updateMany({ where: { userId }, data: { expires: new Date(Date.now() - 1000) } });

    expect(await findSessionUserId(token)).toBeNull();
    expect(await prisma.session.count({ where: { userId } })).toBe(0);
  });

  it("returns null for an unknown token", async () => {
    expect(await findSessionUserId("not-a-token")).toBeNull();
  });

  it("issues a different token for every session", async () => {
    const userId = await makeUser();
    const a = await createSession(userId, DAY_MS);
    const b = await createSession(userId, DAY_MS);
    expect(a.token).not.toBe(b.token);
    expect(await prisma.session.count({ where: { userId } })).toBe(2);
  });

  it("deleteSession removes only that session", async () => {
    const userId = await makeUser();
    const a = await createSession(userId, DAY_MS);
    const b = await createSession(userId, DAY_MS);
    await deleteSession(a.token);
    expect(await findSessionUserId(a.token)).toBeNull();
    expect(await findSessionUserId(b.token)).toBe(userId);
  });
});
