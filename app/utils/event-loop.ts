/**
 * Lets timers, sockets and other requests run before going on: long loops over
 * the database (a SQLite read is synchronous, and a chain of resolved promises
 * never yields) call it between batches.
 */
export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
