/**
 * The language of one request, decided once (app/i18n/negotiate.ts has the
 * order): the page, its fragments, its plain-text answers and its e-mails all
 * read it from here.
 */
import { getEnv } from "~/utils/env.server";
import { getSessionViewer } from "~/utils/session.server";
import type { Locale } from "./catalog";
import { chooseLocale, LOCALE_COOKIE } from "./negotiate";

export { LOCALE_COOKIE } from "./negotiate";

export function defaultLocale(): Locale {
  return getEnv().DEFAULT_LOCALE;
}

/**
 * The locale of a request from its URL, cookie and header: what a signed-out visitor gets, or, given the
 * saved language of an account the caller has already read, what that viewer gets.
 */
export function anonymousLocale(
  url: URL,
  cookie: string | null | undefined,
  acceptLanguage: string | null | undefined,
  account: string | null = null,
) {
  return chooseLocale({ url, cookie, acceptLanguage, account }, defaultLocale());
}

const localeByRequest = new WeakMap<Request, Promise<Locale>>();

/** The locale of a request, the signed-in viewer's saved language included (one session read per request). */
export function requestLocale(request: Request): Promise<Locale> {
  let pending = localeByRequest.get(request);
  if (!pending) {
    pending = getSessionViewer(request).then((viewer) =>
      chooseLocale(
        {
          url: new URL(request.url),
          cookie: request.headers.get("Cookie"),
          acceptLanguage: request.headers.get("Accept-Language"),
          account: viewer?.locale ?? null,
        },
        defaultLocale(),
      ),
    );
    localeByRequest.set(request, pending);
  }
  return pending;
}

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/** The Set-Cookie value that keeps a chosen language on this browser for a year. */
export function localeCookieHeader(locale: Locale): string {
  const secure = getEnv().NODE_ENV === "production" ? "; Secure" : "";
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${YEAR_SECONDS}; SameSite=Lax; HttpOnly${secure}`;
}
