/**
 * One "instance" writing audit rows concurrently, for the chain's
 * concurrency test (tests/integration/audit-chain.test.ts): run with tsx and
 * the test file's DATABASE_URL and DATA_DIR (so the same key). Writes
 * `count` rows ten at a time, a third of them inside transactions with a change,
 * then seals what is left and exits.
 */
import { writeAudit } from "~/models/audit.server";
import { sealPending, settleSealing } from "~/models/audit-seal.server";
import { disconnectDatabases, transaction } from "~/utils/db.server";

const count = Number(process.argv[2] ?? "50");
const tag = process.argv[3] ?? "writer";
const info = { ipAddress: "203.0.113.9", userAgent: `audit-writer ${tag}` };

// Ten at a time, as many as an instance's connection pool holds.
for (let start = 0; start < count; start += 10) {
  await Promise.all(
    Array.from({ length: Math.min(10, count - start) }, (_, j) => {
      const i = start + j;
      return i % 3 === 0
        ? transaction((tx) => writeAudit({ action: "PROFILE_UPDATE", metadata: { tag, i }, info }, tx))
        : writeAudit({ action: "LOGIN_FAILURE", metadata: { tag, i }, info });
    }),
  );
}
// Rows written inside transactions are sealed shortly after their commit; seal them now instead.
await settleSealing();
await sealPending();
await disconnectDatabases();
