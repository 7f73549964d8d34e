/**
 * An unexpected console.error fails the test (tests/setup/worker-setup.ts
 * spies on it). A test that expects one says so with allowConsoleError().
 */
import type { MockInstance } from "vitest";

interface ConsoleErrorState {
  calls: unknown[][];
  allowed: boolean;
  spy: MockInstance<(...args: unknown[]) => void> | undefined;
}

// On globalThis so the setup file and the test file share it whatever the module graph.
const holder = globalThis as { dracinConsoleErrors?: ConsoleErrorState };
export const consoleErrorState: ConsoleErrorState = (holder.dracinConsoleErrors ??= {
  calls: [],
  allowed: false,
  spy: undefined,
});

/** Lets the current test log errors; returns what was logged so far (a live array). */
export function allowConsoleError(): unknown[][] {
  consoleErrorState.allowed = true;
  return consoleErrorState.calls;
}
