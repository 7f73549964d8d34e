/**
 * The home page's catalog rows are rendered to HTML once per HomeFeed object
 * (app/components/home-rows.server.tsx) and the page still shows every row:
 * heading, "See all" link and every card, after the viewer's own rows.
 */
import { renderToStaticMarkup, renderToString } from "react-dom/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createHttpCatalog, type HttpCatalogProvider } from "~/catalog/http.server";
import { setCatalogForTests } from "~/catalog/index.server";
import { createLocalCatalog } from "~/catalog/local.server";
import type { CatalogProvider, HomeFeed, HomeRow } from "~/catalog/types";
import { CsrfProvider } from "~/components/csrf-field";
import { labelForTag } from "~/components/tag-label";
import { I18nProvider, translator } from "~/i18n";
import { addFavorite } from "~/models/favorites.server";
import Home, { loader as homeLoader } from "~/routes/_index";
import { action as progressAction } from "~/routes/resources.progress";
import { startFaultUpstream, type FaultUpstream } from "../helpers/fault-upstream";
import { getRequest, postForm } from "../helpers/requests";
import { callRoute, dataOf } from "../helpers/route";
import { createUser, type TestUser } from "../helpers/users";

// Counts the renders of the rows (the only renderToStaticMarkup on this path).
vi.mock("react-dom/server", async (importOriginal) => {
  const actual = await importOriginal<typeof import("react-dom/server")>();
  return { ...actual, renderToStaticMarkup: vi.fn(actual.renderToStaticMarkup) };
});

// The page component reads its data through useLoaderData; here it gets the real loader's answer.
let pageData: Awaited<ReturnType<typeof homeLoader>> | undefined;
vi.mock("@remix-run/react", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@remix-run/react")>();
  return { ...actual, useLoaderData: vi.fn(() => pageData) };
});

const rowRenders = vi.mocked(renderToStaticMarkup);
let viewer: TestUser;
let upstream: FaultUpstream | undefined;
const httpProviders: HttpCatalogProvider[] = [];

beforeAll(async () => {
  viewer = await createUser({ name: "Row Viewer" });
});

afterEach(async () => {
  setCatalogForTests(undefined);
  await Promise.all(httpProviders.splice(0).map((provider) => provider.close()));
});

afterAll(async () => {
  await upstream?.close();
});

async function home(cookie?: string) {
  return dataOf(await callRoute(homeLoader, getRequest("/", cookie ? { cookie } : {})));
}

/** The whole page body the route renders, as the server entry would (same providers). */
async function renderHome(cookie?: string): Promise<string> {
  pageData = await home(cookie);
  return renderToString(
    <CsrfProvider source={{ token: () => "test-token" }}>
      <I18nProvider locale="en">
        <Home />
      </I18nProvider>
    </CsrfProvider>,
  );
}

/** A provider that serves the local catalog but hands out whichever feed object the test sets. */
function swappableFeed(): { provider: CatalogProvider; local: CatalogProvider; set(feed: HomeFeed): void } {
  const local = createLocalCatalog();
  let current: HomeFeed | undefined;
  const provider: CatalogProvider = { ...local, home: async () => current ?? local.home() };
  return { provider, local, set: (feed) => (current = feed) };
}

function rowHeadingId(row: HomeRow): string {
  return `row-${row.kind}-${row.value ?? "all"}`;
}

function rowTitle(row: HomeRow): string {
  const t = translator("en");
  if (row.kind === "latest") return t("home.row.latest");
  if (row.kind === "popular") return t("home.row.popular");
  return labelForTag(t, row.value ?? "");
}

/** The <section> of one row, from its opening tag to its end. */
function sectionOf(html: string, headingId: string): string {
  const start = html.indexOf(`<section class="row" aria-labelledby="${headingId}">`);
  expect(start, `section ${headingId}`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf("</section>", start) + "</section>".length);
}

function cardLinks(html: string): string[] {
  return [...html.matchAll(/<a href="\/drama\/([^"]+)" class="card-link">/g)].map((match) => match[1]);
}

describe("home page catalog rows", () => {
  it("renders the rows' HTML once per feed object, whoever asks", async () => {
    const local = createLocalCatalog();
    setCatalogForTests(local);
    expect(await local.home()).toBe(await local.home());
    rowRenders.mockClear();

    const anonymous = await home();
    const signedIn = await home(viewer.cookie);
    const again = await home();

    expect(rowRenders).toHaveBeenCalledTimes(1);
    expect(signedIn.rowsHtml).toBe(anonymous.rowsHtml);
    expect(again.rowsHtml).toBe(anonymous.rowsHtml);
  });

  it("renders the rows again for a new feed object, and only once for it", async () => {
    const catalog = swappableFeed();
    setCatalogForTests(catalog.provider);
    const first = await catalog.local.home();
    catalog.set(first);
    rowRenders.mockClear();
    const before = (await home()).rowsHtml;
    expect(before).toContain('id="row-latest-all"');

    // A catalog change: a new feed without the Latest row.
    catalog.set({ featured: first.featured, rows: first.rows.filter((row) => row.kind !== "latest") });
    const after = (await home()).rowsHtml;
    await home(viewer.cookie);

    expect(rowRenders).toHaveBeenCalledTimes(2);
    expect(after).not.toContain('id="row-latest-all"');
    expect(after).toContain('id="row-popular-all"');
  });

  it("gets one feed object from the HTTP catalog until it refreshes, then a new one it renders again", async () => {
    upstream = await startFaultUpstream();
    let clock = Date.now();
    const provider = createHttpCatalog({ baseUrl: upstream.url, timeoutMs: 500, now: () => clock });
    httpProviders.push(provider);
    setCatalogForTests(provider);
    rowRenders.mockClear();

    const cached = await provider.home();
    const first = await home();
    await home(viewer.cookie);
    expect(await provider.home()).toBe(cached);
    expect(upstream.count("/v1/home")).toBe(1);
    expect(rowRenders).toHaveBeenCalledTimes(1);

    // Past the home TTL: the stale copy is served while a refresh loads a new object.
    clock += 61_000;
    expect(await provider.home()).toBe(cached);
    await vi.waitFor(() => expect(provider.status().cache.inflight).toBe(0));
    const refreshed = await provider.home();
    expect(refreshed).not.toBe(cached);
    expect(refreshed).toEqual(cached);
    expect(upstream.count("/v1/home")).toBe(2);

    const second = await home();
    expect(rowRenders).toHaveBeenCalledTimes(2);
    expect(second.rowsHtml).toBe(first.rowsHtml);
  });

  it("puts every row heading, 'See all' link and card in the page, after Continue Watching and My List", async () => {
    setCatalogForTests(createLocalCatalog());
    const watcher = await createUser({ name: "Row Watcher" });
    await addFavorite(watcher.id, "kite-season");
    const saved = await callRoute(
      progressAction,
      postForm("/resources/progress", { episodeId: "letters-to-2009-ep-1", position: 6 }, { cookie: watcher.cookie }),
    );
    expect(saved.status).toBe(204);
    const feed = await createLocalCatalog().home();

    for (const cookie of [undefined, watcher.cookie]) {
      const page = await renderHome(cookie);
      expect(feed.rows.length).toBeGreaterThan(5);
      for (const row of feed.rows) {
        const section = sectionOf(page, rowHeadingId(row));
        expect(section).toContain(`<h2 id="${rowHeadingId(row)}">${rowTitle(row)}</h2>`);
        expect(section).toMatch(/<a href="\/browse\?[^"]+" class="row-more">See all/);
        expect(cardLinks(section)).toEqual(row.dramas.map((drama) => drama.id));
      }
      // The rows sit in one plain wrapper right after the viewer's own rows.
      expect(page).toContain(`<div><section class="row" aria-labelledby="${rowHeadingId(feed.rows[0])}">`);
    }

    const signedIn = await renderHome(watcher.cookie);
    const order = ["row-continue", "row-my-list", rowHeadingId(feed.rows[0])].map((id) =>
      signedIn.indexOf(`id="${id}"`),
    );
    expect(order.every((index) => index >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(cardLinks(sectionOf(signedIn, "row-my-list"))).toEqual(["kite-season"]);
    // The viewer's rows carry only the fields their cards show.
    const cardFields = ["genres", "id", "posterUrl", "title", "titleLang", "tracks", "year"];
    expect(pageData?.myList.map((drama) => Object.keys(drama).sort())).toEqual([cardFields]);
    expect(pageData?.continueWatching.map((item) => Object.keys(item.drama).sort())).toEqual([cardFields]);
  });
});
