/**
 * The process's lifecycle state, shared by the HTTP server (server/index.ts)
 * and the Remix routes (/readyz). Kept on globalThis because the server
 * bundle and the Remix build each carry their own copy of this module.
 */
const state = globalThis as unknown as { dracinDraining?: boolean };

/** True once SIGTERM/SIGINT started a graceful shutdown: /readyz answers 503. */
export function isDraining(): boolean {
  return state.dracinDraining === true;
}

export function startDraining(): void {
  state.dracinDraining = true;
}
