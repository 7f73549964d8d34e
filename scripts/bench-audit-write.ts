/**
 * What the hash chain adds to writing an audit row (a sign-in writes one; a
 * progress save writes none). On a fresh database (SQLite in a temp folder;
 * PostgreSQL with BENCH_DATABASE_URL=postgresql://..., scripts/bench-database.mjs)
 * it writes N rows three ways, one after another, and reports wall time and
 * this process's CPU per row:
 *   plain   — the row as before the chain (Prisma create, no MAC, never sealed);
 *   chained — writeAudit (MAC, create) and waiting for its seal, row by row;
 *   burst   — writeAudit for N rows 10 at a time, seals coalescing as under load.
 * Usage: npx tsx scripts/bench-audit-write.ts [--rows 2000] [--json]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { freshBenchDatabase } from "./bench-database.mjs";
import { migrateDeploy } from "./migrate.mjs";

const { values: args } = parseArgs({
  options: { rows: { type: "string", default: "2000" }, json: { type: "boolean", default: false } },
});
const ROWS = Number(args.rows);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dracin-bench-audit-write-"));
const database = await freshBenchDatabase(dir);
migrateDeploy({ env: { ...process.env, DATABASE_URL: database.url } });
Object.assign(process.env, {
  NODE_ENV: "production",
  DATABASE_URL: database.url,
  DATA_DIR: path.join(dir, "data"),
  LOG_LEVEL: "warn",
});

const { writeAudit } = await import("~/models/audit.server");
const { initialiseChain, sealPending, settleSealing } = await import("~/models/audit-seal.server");
const { verifyAuditTrail } = await import("~/models/audit-verify.server");
const { prisma, disconnectDatabases } = await import("~/utils/db.server");
await initialiseChain();

const info = { ipAddress: "203.0.113.7", userAgent: "Mozilla/5.0 (Linux; Android 10; K) Chrome/120.0 Mobile" };
const metadata = { via: "password" };

async function measure(name: string, work: () => Promise<void>) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    name,
    wallUsPerRow: Math.round((ms * 1000) / ROWS),
    cpuUsPerRow: Math.round((used.user + used.system) / ROWS),
  };
}

// Warm-up: statements prepared, JIT warm.
for (let i = 0; i < 100; i++) await writeAudit({ action: "LOGIN_SUCCESS", metadata, info });
await settleSealing();

const results = [
  await measure("plain", async () => {
    for (let i = 0; i < ROWS; i++) {
      await prisma.auditLog.create({
        data: { action: "LOGIN_SUCCESS", metadata, ...info, entityType: "plain" },
        select: { id: true },
      });
    }
  }),
  await measure("chained", async () => {
    for (let i = 0; i < ROWS; i++) {
      await writeAudit({ action: "LOGIN_SUCCESS", metadata, info });
      await settleSealing();
    }
  }),
  await measure("burst", async () => {
    for (let i = 0; i < ROWS; i += 10) {
      await Promise.all(Array.from({ length: 10 }, () => writeAudit({ action: "LOGIN_SUCCESS", metadata, info })));
    }
    await settleSealing();
    await sealPending();
  }),
];
// The plain rows carry no MAC (they are never sealed): gone before checking that the chained ones hold.
await prisma.auditLog.deleteMany({ where: { entityType: "plain" } });
const report = await verifyAuditTrail();
await disconnectDatabases();
fs.rmSync(dir, { recursive: true, force: true });
if (!report.intact) throw new Error(`the chain does not hold: ${JSON.stringify(report.broken)}`);
if (args.json) console.log(JSON.stringify({ engine: database.engine, rows: ROWS, results }));
else {
  console.log(`${database.engine}, ${ROWS} rows each; chain intact (${report.rows} rows)`);
  console.table(results);
}
