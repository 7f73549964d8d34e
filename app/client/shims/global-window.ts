/**
 * Stands in for the `global/window` package in the browser bundles (scripts/build.mjs): video.js's HLS engine
 * imports it from six modules. The package is CommonJS exporting `window` itself, and esbuild's interop copies
 * every property of what a CommonJS module exports into a new object at each import: some thousand properties of
 * `window`, six times, which cost the player ~250 ms of main thread on a slow phone. In the browser it is `window`.
 */
export default window;
