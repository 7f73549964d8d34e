/**
 * Grants or revokes the admin role from the shell (the only way to get a
 * first admin; the web can only do it for an existing admin):
 *
 *   npm run admin:grant -- someone@example.com
 *   npm run admin:revoke -- someone@example.com
 *
 * Uses DATABASE_URL like the app (default file:./data/dracin.db). Writes a
 * ROLE_CHANGE audit row ({ from, to, by: "cli" }). Exit codes: 0 done (or
 * nothing to change), 1 refused (unknown email, last admin, database not
 * ready), 2 wrong usage. `npm run build` bundles this file to
 * build/admin-role.js, which runs with plain node (production images have no tsx).
 */
import { changeRole, type Role } from "~/models/admin-users.server";
import { disconnectDatabases } from "~/utils/db.server";
import { ConfigError } from "~/utils/env.server";

export interface CliResult {
  code: 0 | 1 | 2;
  message: string;
}

const USAGE = "Usage: npm run admin:grant -- someone@example.com   (or admin:revoke)";

/** The whole command, without process.exit, so tests can call it. */
export async function runAdminRole(args: string[]): Promise<CliResult> {
  const [command, email, ...rest] = args;
  if ((command !== "grant" && command !== "revoke") || !email || rest.length > 0 || !email.includes("@")) {
    return { code: 2, message: USAGE };
  }
  const to: Role = command === "grant" ? "ADMIN" : "USER";
  const result = await changeRole(
    { email },
    to,
    { by: "cli" },
    { ipAddress: null, userAgent: `cli: admin:${command}` },
  );
  if (!result.ok) {
    return result.reason === "not-found"
      ? { code: 1, message: `No account has the email ${email.trim().toLowerCase()}. Nothing changed.` }
      : {
          code: 1,
          message: `${email.trim().toLowerCase()} is the last admin; the role stays ADMIN. Grant another account first.`,
        };
  }
  if (!result.changed) {
    return {
      code: 0,
      message: `${result.email} is already ${to === "ADMIN" ? "an admin" : "not an admin"}. Nothing changed.`,
    };
  }
  return {
    code: 0,
    message:
      to === "ADMIN"
        ? `${result.email} is now an admin (was ${result.from}). They can open /admin/audit and /admin/users.`
        : `${result.email} is no longer an admin (role ${result.to}).`,
  };
}

function explain(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  const text = error instanceof Error ? error.message : String(error);
  if (/no such table/i.test(text)) {
    return "The database has no tables yet: run `npm run db:migrate` (or start the app once), then try again.";
  }
  return `Could not change the role: ${text}`;
}

async function main(): Promise<number> {
  try {
    const result = await runAdminRole(process.argv.slice(2));
    (result.code === 0 ? process.stdout : process.stderr).write(`${result.message}\n`);
    return result.code;
  } catch (error) {
    process.stderr.write(`${explain(error)}\n`);
    return 1;
  } finally {
    await disconnectDatabases().catch(() => undefined);
  }
}

// Run only as a program (node build/admin-role.js, tsx scripts/admin-role.ts), not when a test imports it.
const entry = process.argv[1] ?? "";
if (/admin-role\.(ts|js|mjs)$/.test(entry)) {
  process.exitCode = await main();
}
