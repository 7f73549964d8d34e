// Preloaded into Prisma CLI runs (scripts/start.mjs): Prisma 6.19's wasm schema
// engine leaves a 10-second setTimeout pending after `migrate deploy` on
// PostgreSQL, so the CLI sat idle for 10 s before exiting. Timers of 10 s or
// more stop holding the process open; whatever work is still running keeps
// its own handles (sockets, files), so nothing is cut short.
const setTimeoutOriginal = globalThis.setTimeout;
globalThis.setTimeout = function setTimeoutUnrefLong(callback, delay, ...args) {
  const timer = setTimeoutOriginal(callback, delay, ...args);
  if (Number(delay) >= 10_000) timer.unref?.();
  return timer;
};
