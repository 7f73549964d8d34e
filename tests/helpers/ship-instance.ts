/**
 * A second "instance" of the audit shipper, for tests/integration/audit-shipping.test.ts:
 * run with Node and tsx's loader (`node --import tsx`) and the test file's DATABASE_URL and
 * DATA_DIR. Ships to SHIP_URL with a short lease (SHIP_LEASE_MS) and round interval
 * (SHIP_INTERVAL_MS) until SIGTERM (stops cleanly, releasing the lease), SIGKILL (dies holding
 * it) or the end of its standard input (the test process is gone).
 */
import { startAuditShipping } from "~/models/audit-shipping.server";
import { disconnectDatabases } from "~/utils/db.server";

const stop = startAuditShipping({
  url: process.env.SHIP_URL ?? null,
  leaseMs: Number(process.env.SHIP_LEASE_MS ?? "3000"),
  intervalMs: Number(process.env.SHIP_INTERVAL_MS ?? "200"),
});
process.once("SIGTERM", () => {
  void stop()
    .then(() => disconnectDatabases())
    .then(() => process.exit(0));
});
// Alive while the test holds its standard input open: a test process that dies takes this one with it.
process.stdin.resume();
process.stdin.once("end", () => process.exit(0));
process.stdin.once("close", () => process.exit(0));
// Its pid: the syslog PROCID and the lease owner's prefix.
console.log(`shipping ${process.pid}`);
