/**
 * The process's lifecycle state, set by the HTTP server's shutdown
 * (server/index.ts, through app/utils/http-hooks.server.ts) and read by the
 * Remix routes (/readyz).
 */
let draining = false;

/** True once SIGTERM/SIGINT started a graceful shutdown: /readyz answers 503. */
export function isDraining(): boolean {
  return draining;
}

export function startDraining(): void {
  draining = true;
}
