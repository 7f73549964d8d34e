/**
 * Chromium made to behave like the older engines of the browser policy (docs/browsers.md):
 * every stylesheet is served with the CSS functions such an engine lacks renamed to ones no
 * browser knows, so declarations using them are dropped as there.
 *  - "no min()/clamp()" (Chrome < 79, Samsung Internet < 12, KaiOS 2.5): min(), max(), clamp()
 *    renamed. A declaration using one is dropped when parsed (the earlier fallback applies); a
 *    custom property holding one keeps it, and what uses it becomes invalid at computed-value
 *    time, as there; @supports tests for them are false.
 *  - "no custom properties" (Opera Mini): var() and calc() renamed as well, so every declaration
 *    using them is dropped.
 */
import { expect, type Page } from "@playwright/test";

export const ENGINES = {
  "as served": null,
  "no min()/clamp()": /\b(min|max|clamp)\(/gi,
  "no custom properties": /\b(var|calc|min|max|clamp)\(/gi,
} as const;
export type Engine = keyof typeof ENGINES;

/** Serves the page's stylesheets as `engine` would read them. */
export async function emulate(page: Page, engine: Engine): Promise<void> {
  const unsupported = ENGINES[engine];
  if (unsupported === null) return;
  await page.route(/\.css(\?.*)?$/, async (route) => {
    const response = await route.fetch();
    const css = await response.text();
    await route.fulfill({ response, body: css.replace(unsupported, "unsupported-$1(") });
  });
}

/** The page is no wider than the screen: nothing makes the viewer scroll sideways. */
export async function expectNoSidewaysScrolling(page: Page, what: string): Promise<void> {
  const screen = page.viewportSize()?.width ?? 0;
  const { width, culprits } = await page.evaluate(() => {
    // What sticks out: elements whose content is wider than their box (scrolling containers excepted).
    const found: string[] = [];
    for (const element of document.querySelectorAll("body *")) {
      if (element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 1) {
        if (getComputedStyle(element).overflowX !== "visible") continue;
        const text = (element.textContent ?? "").trim().slice(0, 40);
        found.push(
          `<${element.tagName.toLowerCase()} class="${element.className}"> ${element.clientWidth} px holding ${element.scrollWidth} px: "${text}"`,
        );
      }
    }
    return { width: document.documentElement.scrollWidth, culprits: found.slice(-5) };
  });
  expect(
    width,
    `${what}: the page is no wider than the ${screen} px screen\n${culprits.join("\n")}`,
  ).toBeLessThanOrEqual(screen);
}
