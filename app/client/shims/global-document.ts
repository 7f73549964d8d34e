/** Stands in for the `global/document` package in the browser bundles, as ./global-window.ts does for `window`. */
export default document;
