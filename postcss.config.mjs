// PostCSS for the Remix build (it runs this on every imported .css file): static fallbacks before
// each var() use, for browsers without custom properties. See scripts/css-fallbacks.mjs.
import { fileURLToPath } from "node:url";
import cssFallbacks from "./scripts/css-fallbacks.mjs";

const theme = fileURLToPath(new URL("app/styles/app.css", import.meta.url));

export default { plugins: [cssFallbacks({ theme })] };
