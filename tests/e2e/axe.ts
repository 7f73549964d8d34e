/**
 * axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA) on the page a test is
 * looking at, for every spec.
 *
 * axe runs as a script inside the page, and a browser context with
 * JavaScript switched off runs no script at all (Playwright's evaluate waits
 * forever there). So for such a page, `javaScript: false` checks a copy: the
 * same HTML, at the same URL and viewport, opened in a context where scripts
 * may run but every script file the page names is refused, so the copy keeps
 * exactly the DOM a browser without JavaScript shows.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function analyze(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.map((node) => `${node.target.join(" ")}: ${node.failureSummary}`),
  }));
  expect(summary, `axe violations on ${what}`).toEqual([]);
  // axe did look at the page.
  expect(results.passes.length).toBeGreaterThan(0);
}

/**
 * A copy of `page` as a browser without JavaScript shows it (its HTML, its scripts refused), in a context that
 * does run scripts, so Playwright can inspect it (axe, computed styles). `viewport` and `storageState` as asked.
 */
export async function scriptlessCopy(
  page: Page,
  options: { viewport?: { width: number; height: number } | null; storageState?: boolean } = {},
): Promise<{ view: Page; close: () => Promise<void> }> {
  const url = page.url();
  const html = await page.content();
  const browser = page.context().browser();
  if (!browser) throw new Error("a copy without JavaScript needs the page's browser");
  const copy = await browser.newContext({
    viewport: options.viewport === undefined ? page.viewportSize() : options.viewport,
    javaScriptEnabled: true,
    ...(options.storageState ? { storageState: await page.context().storageState() } : {}),
  });
  const view = await copy.newPage();
  await view.route("**/*", async (route) => {
    const request = route.request();
    if (request.isNavigationRequest() && request.url() === url) {
      await route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html });
    } else if (request.resourceType() === "script") {
      await route.abort();
    } else {
      await route.continue();
    }
  });
  await view.goto(url);
  return { view, close: () => copy.close() };
}

/** The page as a browser without JavaScript shows it, in a context where axe can run. */
async function analyzeWithoutJavaScript(page: Page, what: string): Promise<void> {
  const { view, close } = await scriptlessCopy(page);
  try {
    await analyze(view, `${what} (JavaScript off)`);
  } finally {
    await close();
  }
}

/**
 * No axe violations on the page. `state` names what is being checked in the failure message;
 * `javaScript: false` for a page in a context with JavaScript switched off.
 */
export async function expectNoViolations(
  page: Page,
  options: { state?: string; javaScript?: boolean } = {},
): Promise<void> {
  const what = options.state ? `${page.url()} (${options.state})` : page.url();
  if (options.javaScript === false) await analyzeWithoutJavaScript(page, what);
  else await analyze(page, what);
}
