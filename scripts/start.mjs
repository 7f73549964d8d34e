#!/usr/bin/env node
// Applies pending migrations to the database, then starts the built server.
import fs from "node:fs";
import path from "node:path";
import { migrateDeploy } from "./migrate.mjs";

const root = path.resolve(import.meta.dirname, "..");
// The built site runs in production mode unless told otherwise.
process.env.NODE_ENV ??= "production";
if (!fs.existsSync(path.join(root, "build", "server.js"))) {
  console.error('No build found: run "npm run build" (or "npm start", which builds first).');
  process.exit(1);
}
migrateDeploy();
await import(path.join(root, "build", "server.js"));
