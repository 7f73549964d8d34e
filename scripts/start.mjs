#!/usr/bin/env node
// Applies pending migrations to the database, then starts the built server.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
// The built site runs in production mode unless told otherwise.
process.env.NODE_ENV ??= "production";
if (!fs.existsSync(path.join(root, "build", "server.js"))) {
  console.error('No build found: run "npm run build" (or "npm start", which builds first).');
  process.exit(1);
}
execFileSync(path.join(root, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
  cwd: root,
  stdio: ["ignore", "ignore", "inherit"],
});
await import(path.join(root, "build", "server.js"));
