import { beforeAll, describe, expect, it } from "vitest";
import { action as favoritesAction, loader as favoritesLoader } from "~/routes/resources.favorites";
import { prisma } from "~/utils/db.server";
import { postForm, setCookieFor } from "../helpers/requests";
import { callRoute } from "../helpers/route";
import { createUser, type TestUser } from "../helpers/users";

const DRAMA = "moonlit-tea-house";
const TITLE = "Moonlit Tea House";

let user: TestUser;

beforeAll(async () => {
  user = await createUser();
});

function favorite(fields: Record<string, string>, options: { htmx?: boolean; cookie?: string | null } = {}) {
  const cookie = options.cookie === null ? undefined : (options.cookie ?? user.cookie);
  return callRoute(favoritesAction, postForm("/resources/favorites", fields, { cookie, htmx: options.htmx }));
}

function rows(dramaId = DRAMA, userId = user.id) {
  return prisma.favorites.count({ where: { userId, dramaId } });
}

describe("favorites without htmx", () => {
  it("adds a drama and redirects back with a notice", async () => {
    const result = await favorite({ intent: "add", dramaId: DRAMA, redirectTo: `/drama/${DRAMA}` });
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe(`/drama/${DRAMA}`);
    expect(setCookieFor(result.headers, "dracin_flash")).toBeDefined();
    expect(await rows()).toBe(1);
  });

  it("adding twice keeps one row", async () => {
    await favorite({ intent: "add", dramaId: DRAMA });
    await favorite({ intent: "add", dramaId: DRAMA });
    expect(await rows()).toBe(1);
  });

  it("removes a drama and redirects back", async () => {
    await favorite({ intent: "add", dramaId: DRAMA });
    const result = await favorite({ intent: "remove", dramaId: DRAMA, redirectTo: "/my-list" });
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/my-list");
    expect(await rows()).toBe(0);
  });

  it("goes back to the drama page when redirectTo is missing or unsafe", async () => {
    const missing = await favorite({ intent: "add", dramaId: DRAMA });
    expect(missing.headers.get("Location")).toBe(`/drama/${DRAMA}`);
    const unsafe = await favorite({ intent: "add", dramaId: DRAMA, redirectTo: "//evil.com" });
    expect(unsafe.headers.get("Location")).toBe(`/drama/${DRAMA}`);
  });

  it("sends a GET to My List", async () => {
    const result = await callRoute(favoritesLoader, new Request("http://localhost/resources/favorites"));
    expect(result.headers.get("Location")).toBe("/my-list");
  });
});

describe("favorites with htmx", () => {
  it("answers an add with the swapped button and an announcement", async () => {
    const result = await favorite({ intent: "add", dramaId: DRAMA, redirectTo: `/drama/${DRAMA}` }, { htmx: true });

    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Type")).toContain("text/html");
    expect(result.headers.get("Vary")).toMatch(/\bHX-Request\b/);
    expect(result.headers.get("Location")).toBeNull();
    const html = result.text ?? "";
    expect(html).not.toContain("<html");
    expect(html).toContain(`id="favorite-${DRAMA}"`);
    expect(html).toContain('<input type="hidden" name="intent" value="remove"/>');
    expect(html).toContain("Remove from My List");
    expect(html).toContain('data-hx-swap-oob="innerHTML:#announcer"');
    expect(html).toContain(`Added ${TITLE} to My List.`);
    expect(await rows()).toBe(1);
  });

  it("answers a remove with the add button and an announcement", async () => {
    await favorite({ intent: "add", dramaId: DRAMA });
    const result = await favorite({ intent: "remove", dramaId: DRAMA, redirectTo: "/my-list" }, { htmx: true });

    expect(result.status).toBe(200);
    expect(result.headers.get("Vary")).toMatch(/\bHX-Request\b/);
    const html = result.text ?? "";
    expect(html).toContain('<input type="hidden" name="intent" value="add"/>');
    expect(html).toContain("Add to My List");
    expect(html).not.toContain("Remove from My List");
    expect(html).toContain(`Removed ${TITLE} from My List.`);
    expect(html).toContain('name="redirectTo" value="/my-list"');
    expect(await rows()).toBe(0);
  });

  it("treats a history-restore request as a full request (redirect, not a fragment)", async () => {
    const result = await callRoute(
      favoritesAction,
      postForm(
        "/resources/favorites",
        { intent: "add", dramaId: DRAMA },
        { cookie: user.cookie, htmx: true, headers: { "HX-History-Restore-Request": "true" } },
      ),
    );
    expect(result.status).toBe(303);
  });
});

describe("favorites refusals", () => {
  it("answers 404 for an unknown drama and stores nothing", async () => {
    for (const htmx of [false, true]) {
      const result = await favorite({ intent: "add", dramaId: "no-such-drama" }, { htmx });
      expect(result.status).toBe(404);
    }
    expect(await rows("no-such-drama")).toBe(0);
  });

  it("still removes a drama the catalog no longer has", async () => {
    await prisma.favorites.create({ data: { userId: user.id, dramaId: "retired-drama" } });
    const result = await favorite({ intent: "remove", dramaId: "retired-drama" });
    expect(result.status).toBe(303);
    expect(await rows("retired-drama")).toBe(0);
  });

  it("sends an anonymous viewer to sign in", async () => {
    const before = await prisma.favorites.count();
    const result = await favorite({ intent: "add", dramaId: DRAMA }, { cookie: null });
    expect(result.thrown).toBe(true);
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/login?redirectTo=%2Fresources%2Ffavorites");
    expect(await prisma.favorites.count()).toBe(before);
  });

  it("sends an anonymous htmx request to sign in with HX-Redirect, never a swapped login page", async () => {
    const result = await favorite({ intent: "add", dramaId: DRAMA }, { cookie: null, htmx: true });
    expect(result.thrown).toBe(true);
    expect(result.status).toBe(204);
    expect(result.headers.get("HX-Redirect")).toBe("/login?redirectTo=%2Fresources%2Ffavorites");
    expect(result.headers.get("Location")).toBeNull();
    expect(result.headers.get("Vary")).toMatch(/\bHX-Request\b/);
    expect(result.text).toBe("");
  });

  it.each([
    ["an unknown intent", { intent: "toggle", dramaId: DRAMA }],
    ["a missing intent", { dramaId: DRAMA }],
    ["a missing dramaId", { intent: "add" }],
    ["an empty dramaId", { intent: "add", dramaId: "" }],
  ])("answers 400 for %s", async (_label, fields) => {
    const before = await prisma.favorites.count({ where: { userId: user.id } });
    const result = await favorite(fields);
    expect(result.status).toBe(400);
    expect(await prisma.favorites.count({ where: { userId: user.id } })).toBe(before);
  });
});
