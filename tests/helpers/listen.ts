/** Serves an Express app on a free port of 127.0.0.1 for a test file: its base URL, and how to stop it. */
import type { AddressInfo } from "node:net";
import type express from "express";

export async function listenOnLoopback(app: express.Express): Promise<{ base: string; close: () => Promise<void> }> {
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
