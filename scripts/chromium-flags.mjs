// How Dracin starts Debian's Chromium for its tests and benchmarks: as root in a container, without a GPU,
// and without the background calls to Google's services that a machine with no internet refuses at every start.
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
