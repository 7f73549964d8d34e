/**
 * The audit trail's background work in a serving process: at start the chain
 * is checked against this instance's key (before serving); then, in the
 * background, the rows of a database from before the chain and anything
 * pending are sealed; every sealed row is logged and shipped
 * (app/models/audit-shipping.server.ts); a sweep seals rows a crash or
 * another instance left pending; retention runs
 * at start and then whenever a day has passed since the last prune (checked
 * hourly; one instance at a time holds the prune lease).
 */
import {
  initialiseChain,
  sealPending,
  sealRowsFromBeforeTheChain,
  sealSoon,
  settleSealing,
} from "~/models/audit-seal.server";
import { pruneAuditTrail, pruneDue } from "~/models/audit-retention.server";
import { startAuditShipping } from "~/models/audit-shipping.server";
import { log } from "~/utils/log.server";

/** How often pending rows are looked for (a row normally seals within milliseconds of its commit). */
const SWEEP_MS = 5_000;
/** How often an instance asks whether the daily prune is due. */
const PRUNE_CHECK_MS = 60 * 60 * 1000;

async function pruneQuietly(): Promise<void> {
  try {
    const outcome = await pruneAuditTrail();
    if (outcome.status === "broken") log.error("audit retention stopped at a broken chain", { ...outcome });
  } catch (error) {
    log.error("audit retention failed", { error });
  }
}

/**
 * Starts the jobs; throws ConfigError when the chain was sealed with another
 * AUDIT_HMAC_KEY. Returns the function that stops them (at shutdown).
 */
export async function startAuditJobs(): Promise<() => Promise<void>> {
  await initialiseChain();
  // Every sealed row goes out as a JSON log line, and to AUDIT_SYSLOG_URL when it is set.
  const stopShipping = startAuditShipping();
  // A database from before the chain is sealed in the background (one instance), then whatever is pending.
  const catchingUp = sealRowsFromBeforeTheChain()
    .then(() => sealPending())
    .catch((error: unknown) => log.error("audit: sealing the rows from before the chain failed", { error }));
  const sweep = setInterval(() => sealSoon(false), SWEEP_MS).unref();
  let pruning: Promise<void> = pruneQuietly();
  const daily = setInterval(() => {
    pruning = pruning.then(async () => {
      if (await pruneDue().catch(() => false)) await pruneQuietly();
    });
  }, PRUNE_CHECK_MS).unref();
  return async () => {
    clearInterval(sweep);
    clearInterval(daily);
    await pruning;
    await catchingUp;
    await settleSealing();
    await stopShipping();
  };
}
