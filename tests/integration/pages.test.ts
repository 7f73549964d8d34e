import { beforeAll, describe, expect, it, vi } from "vitest";
import { createLocalCatalog } from "~/catalog/local.server";
import { FEATURED_DRAMA_ID } from "~/catalog/demo-data";
import { links, loader as rootLoader } from "~/root";
import { loader as homeLoader } from "~/routes/_index";
import { loader as notFoundLoader } from "~/routes/$";
import { loader as browseLoader } from "~/routes/browse";
import { loader as healthLoader } from "~/routes/healthz";
import { loader as dramaLoader } from "~/routes/drama.$dramaId";
import { loader as historyLoader } from "~/routes/history";
import { action as favoritesAction } from "~/routes/resources.favorites";
import { action as progressAction } from "~/routes/resources.progress";
import { loader as searchFragmentLoader } from "~/routes/resources.search";
import { loader as searchLoader } from "~/routes/search";
import { cookieHeaderFrom, getRequest, postForm } from "../helpers/requests";
import { callRoute, dataOf } from "../helpers/route";
import { createUser, type TestUser } from "../helpers/users";

vi.mock("~/utils/assets.server", () => import("../helpers/test-assets"));

const catalog = createLocalCatalog();
let user: TestUser;

beforeAll(async () => {
  user = await createUser({ name: "Page Viewer" });
});

function saveProgress(cookie: string, episodeId: string, position: number) {
  return callRoute(progressAction, postForm("/resources/progress", { episodeId, position }, { cookie }));
}

describe("root loader", () => {
  it("has no user for an anonymous visitor", async () => {
    const data = dataOf(await callRoute(rootLoader, getRequest("/")));
    expect(data.user).toBeNull();
    expect(data.flash).toBeNull();
    expect(data.assets.htmx).toBe("/assets/htmx-test.js");
  });

  it("shows the signed-in viewer's name", async () => {
    const data = dataOf(await callRoute(rootLoader, getRequest("/", { cookie: user.cookie })));
    expect(data.user).toEqual({ name: "Page Viewer", role: "USER" });
  });

  it("shows a flash notice once and clears it", async () => {
    const added = await callRoute(
      favoritesAction,
      postForm("/resources/favorites", { intent: "add", dramaId: "kite-season" }, { cookie: user.cookie }),
    );
    const cookie = `${user.cookie}; ${cookieHeaderFrom(added.headers)}`;
    const result = await callRoute(rootLoader, getRequest("/drama/kite-season", { cookie }));
    expect(dataOf(result).flash).toBe("flash.favoriteAdded");
    expect(result.headers.getSetCookie().join("\n")).toMatch(/^dracin_flash=;.*Max-Age=0/m);
  });

  it("ignores a forged flash cookie", async () => {
    const result = await callRoute(rootLoader, getRequest("/", { cookie: "dracin_flash=flash.signedOut" }));
    expect(dataOf(result).flash).toBeNull();
  });

  it("links the stylesheet", () => {
    expect(links()).toContainEqual({ rel: "stylesheet", href: "/test.css" });
  });
});

describe("home", () => {
  it("has no Continue Watching or My List for an anonymous visitor", async () => {
    const data = dataOf(await callRoute(homeLoader, getRequest("/")));
    expect(data.signedIn).toBe(false);
    expect(data.continueWatching).toEqual([]);
    expect(data.myList).toEqual([]);
    expect(data.featured.id).toBe(FEATURED_DRAMA_ID);
    // The catalog rows come as HTML (tests/integration/home-rows.test.tsx checks them in the page).
    for (const kind of ["latest", "popular", "genre", "vibe"]) expect(data.rowsHtml).toContain(`id="row-${kind}-`);
    const sections = data.rowsHtml.split("<section").slice(1);
    expect(sections.length).toBeGreaterThan(0);
    expect(sections.every((section) => section.includes('class="card-link"'))).toBe(true);
  });

  it("offers to resume an episode in progress, then the next episode once it is completed", async () => {
    const viewer = await createUser();
    const [first, second] = await catalog.getEpisodes("letters-to-2009");
    const home = async () => dataOf(await callRoute(homeLoader, getRequest("/", { cookie: viewer.cookie })));

    expect((await home()).continueWatching).toEqual([]);

    expect((await saveProgress(viewer.cookie, first.id, 6)).status).toBe(204);
    const resume = (await home()).continueWatching;
    expect(resume).toHaveLength(1);
    expect(resume[0]).toMatchObject({
      kind: "resume",
      episodeId: first.id,
      number: 1,
      secondsLeft: first.duration - 6,
      percent: Math.round((6 / first.duration) * 100),
    });
    expect(resume[0].drama.id).toBe("letters-to-2009");

    expect((await saveProgress(viewer.cookie, first.id, first.duration)).status).toBe(204);
    const next = (await home()).continueWatching;
    expect(next).toHaveLength(1);
    expect(next[0]).toMatchObject({ kind: "next", episodeId: second.id, number: 2 });
  });

  it("drops a drama whose last episode is completed", async () => {
    const viewer = await createUser();
    const episodes = await catalog.getEpisodes("kite-season");
    const last = episodes[episodes.length - 1];
    await saveProgress(viewer.cookie, last.id, last.duration);
    const data = dataOf(await callRoute(homeLoader, getRequest("/", { cookie: viewer.cookie })));
    expect(data.continueWatching).toEqual([]);
  });
});

describe("browse", () => {
  it("parses the filters and lists only matching dramas", async () => {
    const result = await callRoute(
      browseLoader,
      getRequest("/browse?genre=Romance&vibe=sweet&status=completed&sort=rating&year="),
    );
    const data = dataOf(result);
    expect(data.filters).toEqual({
      genre: "romance",
      vibe: "sweet",
      status: "completed",
      sort: "rating",
      year: undefined,
    });
    expect(data.result.total).toBeGreaterThan(0);
    for (const drama of data.result.items) {
      expect(drama.genres).toContain("romance");
      expect(drama.vibes).toContain("sweet");
      expect(drama.status).toBe("completed");
    }
    const ratings = data.result.items.map((drama) => drama.rating);
    expect(ratings).toEqual([...ratings].sort((a, b) => b - a));
  });

  it("filters by year", async () => {
    const data = dataOf(await callRoute(browseLoader, getRequest("/browse?year=2024")));
    expect(data.filters.year).toBe(2024);
    expect(data.result.items.length).toBeGreaterThan(0);
    expect(data.result.items.every((drama) => drama.year === 2024)).toBe(true);
  });

  it("ignores malformed filter values instead of failing", async () => {
    const all = dataOf(await callRoute(browseLoader, getRequest("/browse")));
    const data = dataOf(
      await callRoute(
        browseLoader,
        getRequest("/browse?genre=%3Cscript%3E&vibe=a%20b&year=abc&status=paused&sort=random&page=-3"),
      ),
    );
    expect(data.filters).toEqual({
      genre: undefined,
      vibe: undefined,
      year: undefined,
      status: undefined,
      sort: "latest",
    });
    expect(data.result.page).toBe(1);
    expect(data.result.total).toBe(all.result.total);
  });

  it("pages through the results 24 at a time", async () => {
    const first = dataOf(await callRoute(browseLoader, getRequest("/browse")));
    const second = dataOf(await callRoute(browseLoader, getRequest("/browse?page=2")));
    expect(first.result.pageSize).toBe(24);
    expect(first.result.totalPages).toBe(Math.ceil(first.result.total / 24));
    expect(second.result.page).toBe(2);
    expect(second.result.items.length).toBe(first.result.total - 24);
    const firstIds = new Set(first.result.items.map((drama) => drama.id));
    expect(second.result.items.some((drama) => firstIds.has(drama.id))).toBe(false);
  });

  it("shows the last page for a page number past the end", async () => {
    const data = dataOf(await callRoute(browseLoader, getRequest("/browse?page=999")));
    expect(data.result.page).toBe(data.result.totalPages);
    expect(data.result.items.length).toBeGreaterThan(0);
  });

  it("offers the facets of the catalog", async () => {
    const data = dataOf(await callRoute(browseLoader, getRequest("/browse")));
    expect(data.facets.genres).toContain("romance");
    expect(data.facets.years.length).toBeGreaterThan(0);
  });
});

describe("search", () => {
  it("finds dramas on the search page", async () => {
    const data = dataOf(await callRoute(searchLoader, getRequest("/search?q=Moonlit")));
    expect(data.q).toBe("Moonlit");
    expect(data.result?.items[0]?.id).toBe("moonlit-tea-house");
  });

  it("shows a prompt, not results, for an empty or over-long query", async () => {
    expect(dataOf(await callRoute(searchLoader, getRequest("/search"))).result).toBeNull();
    expect(dataOf(await callRoute(searchLoader, getRequest("/search?q=%20%20"))).result).toBeNull();
    const long = dataOf(await callRoute(searchLoader, getRequest(`/search?q=${"a".repeat(101)}`)));
    expect(long.q).toBe("");
    expect(long.result).toBeNull();
  });

  it("reports no results for a query nothing matches", async () => {
    const data = dataOf(await callRoute(searchLoader, getRequest("/search?q=spaceship")));
    expect(data.result?.total).toBe(0);
  });

  it("answers htmx with the results fragment and the URL to push", async () => {
    const result = await callRoute(searchFragmentLoader, getRequest("/resources/search?q=moonlit+tea", { htmx: true }));
    expect(result.status).toBe(200);
    expect(result.headers.get("HX-Push-Url")).toBe("/search?q=moonlit+tea");
    expect(result.headers.get("Vary")).toMatch(/\bHX-Request\b/);
    expect(result.headers.get("Content-Type")).toContain("text/html");
    const html = result.text ?? "";
    expect(html.startsWith('<div id="search-results"')).toBe(true);
    expect(html).not.toContain("<html");
    expect(html).toContain("Moonlit Tea House");
    expect(html).toContain('data-hx-swap-oob="innerHTML:#announcer"');
  });

  it("pushes /search for an empty htmx query", async () => {
    const result = await callRoute(searchFragmentLoader, getRequest("/resources/search?q=", { htmx: true }));
    expect(result.status).toBe(200);
    expect(result.headers.get("HX-Push-Url")).toBe("/search");
    expect(result.text).toContain("Type a title, a name or a genre to search.");
  });

  it("redirects a direct (non-htmx) visit to the search page", async () => {
    const result = await callRoute(searchFragmentLoader, getRequest("/resources/search?q=moonlit"));
    expect(result.thrown).toBe(true);
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/search?q=moonlit");
  });

  it("redirects an htmx history restore to the search page", async () => {
    const result = await callRoute(
      searchFragmentLoader,
      getRequest("/resources/search?q=moonlit", { htmx: true, headers: { "HX-History-Restore-Request": "true" } }),
    );
    expect(result.headers.get("Location")).toBe("/search?q=moonlit");
  });
});

describe("drama page", () => {
  it("lists the drama and its episodes for an anonymous visitor", async () => {
    const data = dataOf(
      await callRoute(dramaLoader, getRequest("/drama/neon-rain?from=home"), { dramaId: "neon-rain" }),
    );
    expect(data.drama.title).toBe("Neon Rain");
    // An ongoing drama: 24 episodes announced, the ones out listed, the rest named as missing.
    expect(data.drama.episodeCount).toBe(24);
    expect(data.availability).toEqual({
      available: data.episodes.length,
      total: 24,
      missing: [{ from: data.episodes.length + 1, to: 24 }],
    });
    expect(data.signedIn).toBe(false);
    expect(data.favorite).toBe(false);
    expect(data.here).toBe("/drama/neon-rain?from=home");
  });

  it("shows the viewer's favorite state", async () => {
    await callRoute(
      favoritesAction,
      postForm("/resources/favorites", { intent: "add", dramaId: "silent-checkmate" }, { cookie: user.cookie }),
    );
    const data = dataOf(
      await callRoute(dramaLoader, getRequest("/drama/silent-checkmate", { cookie: user.cookie }), {
        dramaId: "silent-checkmate",
      }),
    );
    expect(data.favorite).toBe(true);
  });

  it("answers 404 for an unknown drama", async () => {
    const result = await callRoute(dramaLoader, getRequest("/drama/no-such-drama"), { dramaId: "no-such-drama" });
    expect(result.thrown).toBe(true);
    expect(result.status).toBe(404);
  });

  it("answers 404 for any unknown URL", async () => {
    const result = await callRoute(notFoundLoader, getRequest("/nowhere"));
    expect(result.status).toBe(404);
  });
});

describe("health check", () => {
  it("answers ok, uncached", async () => {
    const result = await callRoute(healthLoader, getRequest("/healthz"));
    expect(result.status).toBe(200);
    expect(result.headers.get("Cache-Control")).toBe("no-store");
    expect(JSON.parse(result.text ?? "")).toEqual({ status: "ok" });
  });
});

describe("history page", () => {
  it("requires sign-in", async () => {
    const result = await callRoute(historyLoader, getRequest("/history?page=2"));
    expect(result.headers.get("Location")).toBe("/login?redirectTo=%2Fhistory%3Fpage%3D2");
  });

  it("lists viewings newest first with their drama and episode", async () => {
    const viewer = await createUser();
    const [first, second] = await catalog.getEpisodes("kite-season");
    for (const episode of [first, second]) {
      await callRoute(
        progressAction,
        postForm(
          "/resources/progress",
          { episodeId: episode.id, position: 1, viewingStart: "1" },
          { cookie: viewer.cookie },
        ),
      );
    }
    const data = dataOf(await callRoute(historyLoader, getRequest("/history", { cookie: viewer.cookie })));
    expect(data.total).toBe(2);
    expect(data.items.map((item) => item.episode?.id)).toEqual([second.id, first.id]);
    expect(data.items[0].drama?.id).toBe("kite-season");
    expect(typeof data.items[0].watchedAt).toBe("string");
  });
});
