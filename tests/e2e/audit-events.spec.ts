/**
 * The audit events in a browser: a viewer who is not an admin opening an admin page gets the same 403 as
 * before; an admin reads a refusal's entry (what was refused, what was left out before it), and opening it
 * is recorded as AUDIT_VIEW, which links back to it. In English and Indonesian; axe. (Whether a refusal
 * writes its row is tested in tests/integration/authz-audit.test.ts: here every request comes from
 * 127.0.0.1, whose one row a minute an earlier spec may already have taken.)
 */
import crypto from "node:crypto";
import path from "node:path";
import { adminRole, E2E_DATABASE_URL as DATABASE_URL, insertAuditRows } from "../helpers/e2e-database";
import { expect, newAccount, registerAccount, signIn, test, type Account } from "./fixtures";
import { expectNoViolations } from "./axe";

const root = path.resolve(import.meta.dirname, "..", "..");

function grantAdmin(email: string): void {
  expect(adminRole("grant", email)).toContain("is now an admin");
}

/** A refusal row like the app's, with left-out refusals before it (the helper wants an entity). */
async function seedRefusal(): Promise<{ id: string; ip: string }> {
  const id = `e2e${crypto.randomBytes(10).toString("hex")}`;
  const ip = `2001:db8::a:${crypto.randomBytes(2).readUInt16BE(0).toString(16)}`;
  await insertAuditRows(
    DATABASE_URL,
    [
      {
        id,
        action: "AUTHZ_FAILURE",
        ipAddress: ip,
        userAgent: "Flood/1.0",
        entityType: "Request",
        entityId: "/resources/favorites",
        metadata: {
          kind: "csrf",
          method: "POST",
          path: "/resources/favorites",
          reason: "Sec-Fetch-Site: cross-site",
          suppressed: 12,
          suppressedAll: 30,
        },
        timestamp: new Date(),
      },
    ],
    root,
  );
  return { id, ip };
}

test("a viewer is refused an admin page as before; an admin reads what a refusal was, and the reading is recorded", async ({
  page,
  signedIn: _,
  playwright,
  baseURL,
}) => {
  // The viewer is refused exactly as before.
  const refused = await page.request.get("/admin/audit");
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain("Only administrators can open this page.");

  // An admin, in a browser of their own.
  const admin: Account = newAccount("admin");
  const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } });
  await registerAccount(request, admin);
  await request.dispose();
  grantAdmin(admin.email);
  await page.context().clearCookies();
  await signIn(page, admin);

  const seeded = await seedRefusal();
  await page.goto(`/admin/audit/${seeded.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit entry: AUTHZ_FAILURE");
  const summary = page.getByRole("region", { name: "What was refused" });
  await expect(summary).toContainText("A change that did not come from a Dracin page");
  await expect(summary).toContainText(
    "Before this entry, 12 more refusals of this kind from this IP address were not recorded.",
  );
  await expect(summary).toContainText("In all, 30 refused requests were not recorded on this server");
  await expect(summary).toContainText("at most once a minute per kind and IP address, and at most 60 times");
  await expectNoViolations(page);

  await page.goto(`/admin/audit/${seeded.id}?lang=id`);
  const ringkasan = page.getByRole("region", { name: "Apa yang ditolak" });
  await expect(ringkasan).toContainText("Sebelum entri ini, 12 penolakan lain");
  await expect(ringkasan).toContainText("paling banyak 60 kali per menit");
  await expectNoViolations(page);

  // Each opening was recorded; the AUDIT_VIEW entry links back to the entry it names.
  await page.goto("/admin/audit?action=AUDIT_VIEW");
  await page
    .getByRole("link", { name: /^View entry/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit entry: AUDIT_VIEW");
  await expect(page.getByRole("region", { name: "What was refused" })).toHaveCount(0);
  await page.getByRole("link", { name: seeded.id }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/audit/${seeded.id}$`));
  await expectNoViolations(page);
});
