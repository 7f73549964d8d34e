/**
 * The document every page shares: landmarks, skip link, header with the
 * sign-out button, a polite status region for htmx updates, and the few
 * scripts a page needs. No <Scripts/>: pages are never hydrated.
 */
import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  isRouteErrorResponse,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { LOCALE_CODES, useLocale, useT } from "~/i18n";
import { requestLocale } from "~/i18n/locale.server";
import { metaTranslator, pageMeta } from "~/i18n/meta";
import { LOCALE_PARAM } from "~/i18n/negotiate";
import { LanguageSwitch } from "~/components/language-switch";
import styles from "~/styles/app.css";
import { getAssets, type Assets } from "~/utils/assets.server";
import { getEnv } from "~/utils/env.server";
import type { RouteHandle } from "~/utils/route-handle";
import { readFlash } from "~/utils/flash.server";
import { getSessionUser } from "~/utils/session.server";
import { CsrfField, useCsrfToken } from "~/components/csrf-field";
import { FORM_REFUSED } from "~/utils/csrf.server";
import { VerifyBanner } from "~/components/verify-banner";
import { Icon } from "~/components/icon";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/**
 * Only used when no deeper route has meta: error pages (the root
 * ErrorBoundary renders with the root's meta alone) still need a <title>.
 */
export const meta: MetaFunction = ({ error, matches }) => {
  const t = metaTranslator(matches);
  if (!error) return pageMeta(t, t("home.title"));
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key =
    status === 400
      ? "error.badRequest.title"
      : status === 404
        ? "error.notFound.title"
        : status === 403
          ? "error.forbidden.title"
          : status === 503
            ? "error.catalog.title"
            : "error.generic.title";
  return pageMeta(t, `${t(key)} · Dracin`);
};

export async function loader({ request }: LoaderFunctionArgs) {
  // The account comes with the session lookup: no query of its own.
  const [user, flash, locale] = await Promise.all([
    getSessionUser(request),
    readFlash(request),
    requestLocale(request),
  ]);
  return data(
    {
      user: user ? { name: user.name ?? user.email, role: user.role } : null,
      // The verify banner (app/components/verify-banner.tsx) until the email is confirmed.
      unverifiedEmail: user && !user.emailVerified ? user.email : null,
      flash: flash.message,
      assets: getAssets(),
      // For the routes' meta (app/i18n/meta.ts); components read it from <I18nProvider> (app/entry.server.tsx).
      locale,
      // Where the language alternates point: absolute when the deployment names its public origin.
      origin: getEnv().PUBLIC_URL?.replace(/\/+$/, "") ?? "",
    },
    { headers: flash.headers },
  );
}

/** The root loader reads the viewer's account (header, verify banner): part of every per-viewer page's fingerprint. */
export const handle: RouteHandle = { viewerData: ["account"] };

function useRouteHandles(): RouteHandle[] {
  return useMatches().map((match) => (match.handle as RouteHandle | undefined) ?? {});
}

/**
 * Scripts come from this site only (CSP script-src 'self', no nonce: pages are the same for every viewer).
 * Module scripts: deferred, run in this order, and skipped whole by the no-JS tier's engines (KaiOS, UC Browser,
 * Opera Mini), which would fail on half of them (docs/browsers.md, "Scripts"). htmx only where the page has
 * htmx markup for this viewer (`handle.htmx`).
 */
function PageScripts({ assets, signedIn }: { assets: Assets; signedIn: boolean }) {
  const handles = useRouteHandles();
  const htmx = handles.some(({ htmx }) => htmx === "everyone" || (htmx === "signed-in" && signedIn));
  const player = handles.some((handle) => handle.assets?.includes("player"));
  const captionStyle = handles.some((handle) => handle.assets?.includes("caption-style"));
  const feed = handles.some((handle) => handle.assets?.includes("feed"));
  return (
    <>
      {htmx ? <script type="module" src={assets.htmx} /> : null}
      <script type="module" src={assets.enhance} />
      {player ? <script type="module" src={assets.player} data-hls-engine={assets.playerHls} /> : null}
      {captionStyle ? <script type="module" src={assets.captionStyle} /> : null}
      {feed ? <script type="module" src={assets.feed} /> : null}
    </>
  );
}

/**
 * A route's own CSS for this viewer: the `headStyle` its loader returns (the caption style on /watch and
 * /settings/captions, app/lib/caption-style.ts), in <head> where <style> belongs. It is built only from
 * closed lists of values, never from text a viewer sent, so it is written as it is (React would escape
 * the `>` of a child combinator). The CSP allows inline styles (app/utils/security.server.ts).
 */
function RouteStyles() {
  const styles = useMatches()
    .map((match) => {
      const data = match.data as { headStyle?: unknown } | null | undefined;
      return typeof data?.headStyle === "string" && data.headStyle !== "" ? data.headStyle : null;
    })
    .filter((css): css is string => css !== null);
  return (
    <>
      {styles.map((css, index) => (
        <style key={index} data-route-style="" dangerouslySetInnerHTML={{ __html: css }} />
      ))}
    </>
  );
}

function PlayerStyles({ assets }: { assets: Assets }) {
  const player = useRouteHandles().some((handle) => handle.assets?.includes("player"));
  return player ? <link rel="stylesheet" href={assets.playerCss} /> : null;
}

function SiteHeader({ user }: { user: { name: string; role: string } | null }) {
  const t = useT();
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <a href="/" className="brand">
          <Icon name="brand" className="brand-mark" /> Dracin
        </a>
        <nav aria-label={t("nav.label")} className="site-nav">
          <ul>
            <li>
              <a href="/browse">{t("nav.browse")}</a>
            </li>
            <li>
              <a href="/search">{t("nav.search")}</a>
            </li>
            {user ? (
              <>
                <li>
                  <a href="/my-list">{t("nav.myList")}</a>
                </li>
                <li>
                  <a href="/history">{t("nav.history")}</a>
                </li>
                <li>
                  <a href="/account">{t("nav.account")}</a>
                </li>
                {user.role === "ADMIN" ? (
                  <>
                    <li>
                      <a href="/admin/audit">{t("admin.nav.link")}</a>
                    </li>
                    <li>
                      <a href="/admin/catalog">{t("admin.catalog.title")}</a>
                    </li>
                  </>
                ) : null}
                <li>
                  <form method="post" action="/logout">
                    <CsrfField />
                    <button type="submit" className="link-button">
                      {t("nav.signOut")}
                    </button>
                  </form>
                </li>
              </>
            ) : (
              <>
                <li>
                  <a href="/login">{t("nav.signIn")}</a>
                </li>
                <li>
                  <a href="/register" className="nav-cta">
                    {t("nav.register")}
                  </a>
                </li>
              </>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  return <Document root={root}>{children}</Document>;
}

/** This page's address without `?lang=`: where the language switch returns, and the alternates' base. */
function usePageAddress(): { path: string; search: URLSearchParams } {
  const location = useLocation();
  const search = new URLSearchParams(location.search);
  search.delete(LOCALE_PARAM);
  return { path: location.pathname, search };
}

function withSearch(path: string, search: URLSearchParams): string {
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** The page in every language (`?lang=`), and the negotiated one as x-default. */
function LanguageAlternates({ origin }: { origin: string }) {
  const { path, search } = usePageAddress();
  return (
    <>
      {LOCALE_CODES.map((code) => {
        const params = new URLSearchParams(search);
        params.set(LOCALE_PARAM, code);
        return <link key={code} rel="alternate" hrefLang={code} href={origin + withSearch(path, params)} />;
      })}
      <link rel="alternate" hrefLang="x-default" href={origin + withSearch(path, search)} />
    </>
  );
}

function Document({
  root,
  children,
}: {
  root: ReturnType<typeof useRouteLoaderData<typeof loader>>;
  children: ReactNode;
}) {
  const t = useT();
  // Signed-in pages give htmx and the player's scripts the token (X-CSRF-Token); an anonymous page's
  // POST forms carry it as a field, so a page without them holds no per-browser token (the server entry provides it).
  const csrfToken = useCsrfToken(Boolean(root?.user));
  const locale = useLocale();
  const { path, search } = usePageAddress();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="dark" />
        <meta name="theme-color" content="#12131a" />
        <meta
          name="htmx-config"
          content='{"allowEval":false,"allowScriptTags":false,"includeIndicatorStyles":false,"historyCacheSize":0,"selfRequestsOnly":true}'
        />
        <Meta />
        <LanguageAlternates origin={root?.origin ?? ""} />
        <Links />
        {root ? <PlayerStyles assets={root.assets} /> : null}
        <RouteStyles />
        {root ? <PageScripts assets={root.assets} signedIn={Boolean(root.user)} /> : null}
      </head>
      <body data-hx-headers={csrfToken ? JSON.stringify({ "X-CSRF-Token": csrfToken }) : undefined}>
        <a href="#main" className="skip-link">
          {t("layout.skip")}
        </a>
        <SiteHeader user={root?.user ?? null} />
        <div
          id="announcer"
          role="status"
          aria-live="polite"
          className="visually-hidden"
          data-error-message={t("layout.requestFailed")}
          data-offline-message={t("layout.offline")}
        />
        <main id="main" tabIndex={-1}>
          {root?.flash ? (
            <p className="flash" role="status">
              {t(root.flash)}
            </p>
          ) : null}
          {root?.unverifiedEmail ? <VerifyBanner email={root.unverifiedEmail} /> : null}
          {children}
        </main>
        <footer className="site-footer">
          <LanguageSwitch returnTo={withSearch(path, search)} />
          <p>{t("layout.footer")}</p>
        </footer>
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

function ErrorView({
  title,
  body,
  status,
  children,
}: {
  title: string;
  body: string;
  status: number;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <div className="error-page">
      <h1>{title}</h1>
      <p>{body}</p>
      <p className="error-code">{t("error.code", { status })}</p>
      <p>{children}</p>
    </div>
  );
}

/** The text a thrown plain-text refusal carries (already in the request's language), if any. */
function refusalReason(error: unknown): string | null {
  return isRouteErrorResponse(error) && typeof error.data === "string" && error.data.trim() !== ""
    ? error.data.trim()
    : null;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const location = useLocation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const home = (
    <a href="/" className="button">
      {t("error.home")}
    </a>
  );
  switch (status) {
    case 403:
      // Two refusals end here, each thrown with its reason in the request's language: requireAdmin
      // (app/utils/session.server.ts: signed in, but not an admin) and the CSRF check of a form post
      // (app/utils/csrf.server.ts: a form that expired or came from another site). Show the one given;
      // a refused form gets a link to open it again (a page's own address shows its form; a fragment's does not).
      return (
        <ErrorView
          title={t("error.forbidden.title")}
          body={refusalReason(error) ?? t("error.forbidden.body")}
          status={status}
        >
          {isRouteErrorResponse(error) &&
          error.statusText === FORM_REFUSED &&
          !location.pathname.startsWith("/resources/") ? (
            <>
              <a href={`${location.pathname}${location.search}`} className="button">
                {t("error.forbidden.formAgain")}
              </a>{" "}
            </>
          ) : null}
          {home}
        </ErrorView>
      );
    case 400:
      return (
        <ErrorView title={t("error.badRequest.title")} body={t("error.badRequest.body")} status={status}>
          {home}
        </ErrorView>
      );
    case 503:
      // The catalog could not answer (app/catalog/index.server.ts catalogUnavailable()).
      return (
        <ErrorView title={t("error.catalog.title")} body={t("error.catalog.body")} status={status}>
          <a href={`${location.pathname}${location.search}`} className="button">
            {t("error.catalog.retry")}
          </a>{" "}
          <a href="/my-list">{t("nav.myList")}</a>
        </ErrorView>
      );
    case 404:
      return (
        <ErrorView title={t("error.notFound.title")} body={t("error.notFound.body")} status={status}>
          {home}
        </ErrorView>
      );
    default:
      return (
        <ErrorView title={t("error.generic.title")} body={t("error.generic.body")} status={status}>
          {home}
        </ErrorView>
      );
  }
}
