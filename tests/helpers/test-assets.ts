/**
 * Stands in for app/utils/assets.server.ts in vitest: the real asset
 * manifest only exists after `npm run build`, and the suite must not depend
 * on a build. Use it as
 * `vi.mock("~/utils/assets.server", () => import("../helpers/test-assets"));`
 */
import type { fingerprinted as realFingerprinted, getAssets as realGetAssets } from "~/utils/assets.server";

export const getAssets: typeof realGetAssets = () => ({
  htmx: "/assets/htmx-test.js",
  enhance: "/assets/enhance-test.js",
  player: "/assets/player-test.js",
  playerHls: "/assets/player-hls-test.js",
  playerCss: "/assets/video-js-test.css",
  captionStyle: "/assets/caption-style-test.js",
  feed: "/assets/feed-test.js",
});

/** No fingerprinted files in tests: public paths stay as they are. */
export const fingerprinted: typeof realFingerprinted = (url) => url;
