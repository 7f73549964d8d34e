/**
 * viewerFingerprint (app/models/viewer-state.server.ts): every write a
 * signed-in page could show changes the viewer's fingerprint, and nothing
 * else does. The signed-in page cache relies on it (decision 016). Runs on
 * SQLite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { changeRole } from "~/models/admin-users.server";
import { addFavorite, removeFavorite } from "~/models/favorites.server";
import { recordViewing } from "~/models/history.server";
import { clearProgress, hideDramaProgress, saveProgress } from "~/models/progress.server";
import { touchSession } from "~/models/sessions.server";
import { updateDisplayName } from "~/models/users.server";
import { viewerFingerprint } from "~/models/viewer-state.server";
import { prisma } from "~/utils/db.server";
import { createUser, type TestUser } from "../helpers/users";

const INFO = { ipAddress: "127.0.0.1", userAgent: "vitest" };
const save = (episode: number, position: number, seq: number) => ({
  episodeId: `kite-season-ep-${episode}`,
  dramaId: "kite-season",
  position,
  duration: 600,
  seq,
});

let viewer: TestUser;
let other: TestUser;

beforeEach(async () => {
  viewer = await createUser();
  other = await createUser();
});

/** Runs `write` and says whether the viewer's fingerprint moved. */
async function changes(write: () => Promise<unknown>): Promise<boolean> {
  const before = await viewerFingerprint(viewer.id);
  await write();
  const after = await viewerFingerprint(viewer.id);
  expect(before).not.toBeNull();
  expect(after).not.toBeNull();
  return before !== after;
}

describe("viewerFingerprint", () => {
  it("reads the same twice when nothing changed, and is null for a user that does not exist", async () => {
    expect(await viewerFingerprint(viewer.id)).toBe(await viewerFingerprint(viewer.id));
    expect(await viewerFingerprint("no-such-user")).toBeNull();
  });

  it("changes with My List: an addition, a removal, a removal and another addition", async () => {
    expect(await changes(() => addFavorite(viewer.id, "kite-season"))).toBe(true);
    expect(await changes(() => addFavorite(viewer.id, "neon-rain"))).toBe(true);
    expect(await changes(() => removeFavorite(viewer.id, "kite-season"))).toBe(true);
    expect(
      await changes(async () => {
        await removeFavorite(viewer.id, "neon-rain");
        await addFavorite(viewer.id, "moonlit-tea-house");
      }),
    ).toBe(true);
  });

  it("changes with Continue Watching: a first save, a later save of the same episode, hide, play again, mark unwatched", async () => {
    expect(await changes(() => saveProgress(viewer.id, save(1, 30, 1)))).toBe(true);
    expect(await changes(() => saveProgress(viewer.id, save(1, 45, 2)))).toBe(true);
    expect(await changes(() => saveProgress(viewer.id, save(2, 10, 3)))).toBe(true);
    expect(await changes(() => hideDramaProgress(viewer.id, "kite-season"))).toBe(true);
    expect(await changes(() => saveProgress(viewer.id, save(2, 12, 4)))).toBe(true);
    expect(await changes(() => clearProgress(viewer.id, "kite-season-ep-1"))).toBe(true);
    // A save older than the stored one changes nothing, and the fingerprint says so.
    expect(await changes(() => saveProgress(viewer.id, save(2, 99, 1)))).toBe(false);
  });

  it("changes with the header and banner: display name, role, email verification", async () => {
    expect(await changes(() => updateDisplayName(viewer.id, "Another Name", INFO))).toBe(true);
    expect(await changes(() => changeRole({ id: viewer.id }, "ADMIN", { by: "cli" }, INFO))).toBe(true);
    expect(await changes(() => prisma.user.update({ where: { id: viewer.id }, data: { emailVerified: new Date() } }))).toBe(true);
  });

  it("stays the same for what the page does not show: another viewer's data, history rows, the session's last-seen time", async () => {
    expect(await changes(() => addFavorite(other.id, "kite-season"))).toBe(false);
    expect(await changes(() => saveProgress(other.id, save(1, 30, 1)))).toBe(false);
    expect(await changes(() => recordViewing(viewer.id, { episodeId: "kite-season-ep-1", dramaId: "kite-season" }))).toBe(false);
    const session = await prisma.session.findFirstOrThrow({ where: { userId: viewer.id }, select: { id: true } });
    expect(await changes(() => touchSession(session.id, new Date(Date.now() + 120_000)))).toBe(false);
  });
});
