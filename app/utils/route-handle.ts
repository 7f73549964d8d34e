/**
 * What a route module can declare through its `handle` export, for the
 * layout (root.tsx) and for the page caches (app/utils/cache-policy.server.ts).
 * Plain data, so it is readable before a request is rendered.
 */

/** The viewer's data a loader may read; each name has its summary in app/models/viewer-state.server.ts. */
export type ViewerDataName = "account" | "progress" | "favorites";

/**
 * How a route's page may be kept. Undeclared means rendered for every request
 * and sent `private, no-cache`.
 */
export interface PageCaching {
  /**
   * For a signed-out visitor: "public" when the page is the same for everyone
   * who sends the same URL and preferences (kept a few seconds per instance
   * and by shared proxies; a page that renders a CSRF token or sets a cookie
   * is still never shared), or "never".
   */
  anonymous: "public" | "never";
  /**
   * For a signed-in viewer: "per-viewer" keeps the page for their session and
   * serves it while every piece of `viewerData` declared by the routes it
   * matches reads the same, or "never".
   */
  signedIn: "per-viewer" | "never";
}

export interface RouteHandle {
  /**
   * Extra scripts and styles: "player" adds video.js; "caption-style" the caption settings' preview script
   * (app/client/caption-style.ts); "feed" the binge feed's script (app/client/feed.ts).
   */
  assets?: ("player" | "caption-style" | "feed")[];
  /**
   * Who gets htmx markup (`hx-*` attributes) on this page, and so the htmx script: "everyone", or only a
   * "signed-in" viewer (a visitor's copy has none). Undeclared: nobody; the page loads no htmx.
   */
  htmx?: "everyone" | "signed-in";
  /** How the page may be cached (the deepest matched route that declares it decides). */
  cache?: PageCaching;
  /** Every piece of the viewer's data this route's loader reads (for "per-viewer" pages). */
  viewerData?: readonly ViewerDataName[];
}
