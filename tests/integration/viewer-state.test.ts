/**
 * viewerFingerprint (app/models/viewer-state.server.ts): every write a
 * signed-in page could show changes the viewer's fingerprint, and nothing
 * else does. The signed-in page cache relies on it (decision 016). Runs on
 * SQLite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { changeRole } from "~/models/admin-users.server";
import { addFavorite, removeFavorite } from "~/models/favorites.server";
import { recordViewing, removeDramaFromHistory } from "~/models/history.server";
import { clearProgress, hideDramaProgress, saveProgress } from "~/models/progress.server";
import { touchSession } from "~/models/sessions.server";
import { updateDisplayName } from "~/models/users.server";
import { viewerFingerprint } from "~/models/viewer-state.server";
import * as home from "~/routes/_index";
import * as root from "~/root";
import type { ViewerDataName } from "~/utils/route-handle";
import { CSRF_COOKIE, newCsrfSecret } from "~/utils/csrf.server";
import { prisma } from "~/utils/db.server";
import { buildOf, pageRenderer } from "../helpers/render-page";
import { createUser, type TestUser } from "../helpers/users";

/** What the signed-in home declares: the root's viewer data and its own. */
const HOME: ViewerDataName[] = [...(root.handle.viewerData ?? []), ...(home.handle.viewerData ?? [])];
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
  const before = await viewerFingerprint(viewer.id, HOME);
  await write();
  const after = await viewerFingerprint(viewer.id, HOME);
  expect(before).not.toBeNull();
  expect(after).not.toBeNull();
  return before !== after;
}

describe("viewerFingerprint", () => {
  it("reads the same twice when nothing changed, and is null for a user that does not exist", async () => {
    expect(await viewerFingerprint(viewer.id, HOME)).toBe(await viewerFingerprint(viewer.id, HOME));
    expect(await viewerFingerprint("no-such-user", HOME)).toBeNull();
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
    expect(
      await changes(() => prisma.user.update({ where: { id: viewer.id }, data: { emailVerified: new Date() } })),
    ).toBe(true);
  });

  it("stays the same for what the page does not show: another viewer's data, history rows, the session's last-seen time", async () => {
    expect(await changes(() => addFavorite(other.id, "kite-season"))).toBe(false);
    expect(await changes(() => saveProgress(other.id, save(1, 30, 1)))).toBe(false);
    expect(
      await changes(() => recordViewing(viewer.id, { episodeId: "kite-season-ep-1", dramaId: "kite-season" })),
    ).toBe(false);
    const session = await prisma.session.findFirstOrThrow({ where: { userId: viewer.id }, select: { id: true } });
    expect(await changes(() => touchSession(session.id, new Date(Date.now() + 120_000)))).toBe(false);
  });
});

/** One write any model can make that a page might show (or not). */
type Write =
  | { kind: "save"; who: "viewer" | "other"; drama: string; episode: number; position: number; seqStep: number }
  | { kind: "unwatch"; drama: string; episode: number }
  | { kind: "hide"; drama: string }
  | { kind: "favorite" | "unfavorite"; who: "viewer" | "other"; drama: string }
  | { kind: "history"; drama: string; episode: number }
  | { kind: "forget-history"; drama: string }
  | { kind: "rename"; name: string }
  | { kind: "role"; role: "ADMIN" | "USER" }
  | { kind: "verify"; verified: boolean }
  | { kind: "touch-session" };

const drama = fc.constantFrom("kite-season", "neon-rain", "moonlit-tea-house");
const episode = fc.integer({ min: 1, max: 3 });
const who = fc.constantFrom<"viewer" | "other">("viewer", "viewer", "other");
const write: fc.Arbitrary<Write> = fc.oneof(
  fc.record({
    kind: fc.constant("save" as const),
    who,
    drama,
    episode,
    position: fc.integer({ min: 0, max: 600 }),
    seqStep: fc.integer({ min: -3, max: 10 }),
  }),
  fc.record({ kind: fc.constant("unwatch" as const), drama, episode }),
  fc.record({ kind: fc.constant("hide" as const), drama }),
  fc.record({ kind: fc.constantFrom("favorite" as const, "unfavorite" as const), who, drama }),
  fc.record({ kind: fc.constant("history" as const), drama, episode }),
  fc.record({ kind: fc.constant("forget-history" as const), drama }),
  fc.record({ kind: fc.constant("rename" as const), name: fc.constantFrom("Ana", "Budi", "Citra Dewi") }),
  fc.record({ kind: fc.constantFrom("role" as const), role: fc.constantFrom<"ADMIN" | "USER">("ADMIN", "USER") }),
  fc.record({ kind: fc.constant("verify" as const), verified: fc.boolean() }),
  fc.record({ kind: fc.constant("touch-session" as const) }),
);

describe("the signed-in home and its declared viewer data", () => {
  const render = pageRenderer(buildOf([{ id: "routes/_index", index: true, module: home }]));

  it("declares every piece of data its loaders read: for random sequences of writes, the page changed => the fingerprint changed", async () => {
    let pageChanges = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 8 }), async (writes) => {
        const me = await createUser();
        const someoneElse = await createUser();
        const cookie = `${me.cookie}; ${CSRF_COOKIE}=${newCsrfSecret()}`;
        let seq = 100;
        const apply = async (change: Write) => {
          const target = "who" in change && change.who === "other" ? someoneElse.id : me.id;
          switch (change.kind) {
            case "save":
              seq += change.seqStep;
              return saveProgress(target, {
                episodeId: `${change.drama}-ep-${change.episode}`,
                dramaId: change.drama,
                position: change.position,
                duration: 600,
                seq,
              });
            case "unwatch":
              return clearProgress(me.id, `${change.drama}-ep-${change.episode}`);
            case "hide":
              return hideDramaProgress(me.id, change.drama);
            case "favorite":
              return addFavorite(target, change.drama);
            case "unfavorite":
              return removeFavorite(target, change.drama);
            case "history":
              return recordViewing(me.id, { episodeId: `${change.drama}-ep-${change.episode}`, dramaId: change.drama });
            case "forget-history":
              return removeDramaFromHistory(me.id, change.drama);
            case "rename":
              return updateDisplayName(me.id, change.name, INFO);
            case "role":
              return changeRole({ id: me.id }, change.role, { by: "cli" }, INFO);
            case "verify":
              return prisma.user.update({
                where: { id: me.id },
                data: { emailVerified: change.verified ? new Date() : null },
              });
            case "touch-session": {
              const session = await prisma.session.findFirstOrThrow({ where: { userId: me.id }, select: { id: true } });
              return touchSession(session.id, new Date(Date.now() + 120_000));
            }
          }
        };
        let before = { html: (await render("/", cookie)).html, fingerprint: await viewerFingerprint(me.id, HOME) };
        for (const change of writes) {
          await apply(change);
          const page = await render("/", cookie);
          expect(page.status).toBe(200);
          const after = { html: page.html, fingerprint: await viewerFingerprint(me.id, HOME) };
          if (after.html !== before.html) {
            pageChanges += 1;
            expect(after.fingerprint, `the page changed after ${JSON.stringify(change)}`).not.toBe(before.fingerprint);
          }
          before = after;
        }
      }),
      { numRuns: 25 },
    );
    // Not vacuous: the writes did change the page, many times.
    expect(pageChanges).toBeGreaterThan(10);
  }, 120_000);
});
