/**
 * The 403 page says why: a form post the CSRF check refuses (no token, no
 * Origin) and an admin page opened by a viewer who is not an admin each get
 * their own reason, in the viewer's language, never the other's text.
 */
import { describe, expect, it, vi } from "vitest";
import { translator } from "~/i18n";
import * as audit from "~/routes/admin.audit._index";
import * as login from "~/routes/login";
import { buildOf, pageRenderer } from "../helpers/render-page";
import { createUser } from "../helpers/users";

vi.mock("~/utils/assets.server", () => import("../helpers/test-assets"));

const render = pageRenderer(
  buildOf([
    { id: "routes/login", path: "login", module: login },
    { id: "routes/admin.audit._index", path: "admin/audit", module: audit },
  ]),
);

/** The text of the page's main content, tags dropped and entities for quotes decoded. */
function text(html: string): string {
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html;
  return main
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");
}

describe("the 403 page", () => {
  for (const locale of ["en", "id"] as const) {
    const t = translator(locale);
    const headers = { "Accept-Language": locale === "id" ? "id-ID" : "en-US" };

    it(`a refused form post says the form expired or came from elsewhere (${locale})`, async () => {
      const page = await render("/login", "", {
        headers,
        form: { email: "someone@example.com", password: "whatever it is" },
        origin: null,
      });
      expect(page.status).toBe(403);
      const body = text(page.html);
      expect(body).toContain(t("error.forbidden.title"));
      expect(body).toContain(t("http.csrfRefused"));
      expect(body).not.toContain(t("error.forbidden.body"));
      expect(body).not.toContain(t("http.adminOnly"));
      // A way back to the form, besides the home page.
      expect(page.html).toContain(`<a href="/login" class="button">${t("error.forbidden.formAgain")}</a>`);
    });

    it(`an admin page opened by a viewer who is not an admin says it is for administrators (${locale})`, async () => {
      const viewer = await createUser();
      const page = await render("/admin/audit", viewer.cookie, { headers });
      expect(page.status).toBe(403);
      const body = text(page.html);
      expect(body).toContain(t("http.adminOnly"));
      expect(body).not.toContain(t("http.csrfRefused"));
      expect(body).not.toContain(t("error.forbidden.formAgain"));
    });
  }
});
