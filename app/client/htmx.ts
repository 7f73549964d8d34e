/**
 * htmx, for the pages that use it (route handle `assets: ["htmx"]`). Bundled by
 * esbuild like our own scripts so that it parses on every full-tier browser:
 * the published htmx.min.js uses ES2020 syntax (`?.`, `??`). Served as a
 * module script: htmx reads <meta name="htmx-config"> and starts itself on
 * DOMContentLoaded, and nothing of ours needs a `window.htmx` global.
 */
import "htmx.org";
