/**
 * A short, human description of a User-Agent header for /account/sessions:
 * "Chrome 131 on Android", "Firefox on Windows", or "Unknown browser".
 * Parsing is ua-parser-js's (well kept; hand-written UA sniffing is not).
 */
import UAParser from "ua-parser-js";
import type { Translate } from "~/i18n";

/** Longer headers are cut before parsing (a header is client-controlled). */
const MAX_UA_LENGTH = 512;

export function describeUserAgent(userAgent: string | null | undefined, t: Translate): string {
  const ua = (userAgent ?? "").slice(0, MAX_UA_LENGTH).trim();
  if (!ua) return t("sessions.device.unknown");
  const { browser, os } = new UAParser(ua).getResult();
  const browserName = browser.name
    ? browser.major
      ? t("sessions.device.browserVersion", { browser: browser.name, version: browser.major })
      : browser.name
    : null;
  if (browserName && os.name) return t("sessions.device.browserOnOs", { browser: browserName, os: os.name });
  if (browserName) return browserName;
  if (os.name) return t("sessions.device.unknownOnOs", { os: os.name });
  return t("sessions.device.unknown");
}
