/**
 * The hidden CSRF token every POST form carries (app/utils/csrf.server.ts).
 * Modern browsers are checked by their Origin / Sec-Fetch-Site headers; the
 * token covers the ones that send neither. The server entry provides a
 * source that makes the token only when a form asks for it, so a page
 * without POST forms holds nothing per-browser (and may be cached). Fragments
 * rendered for htmx have no source and need none: htmx sends the page's
 * token as the X-CSRF-Token header (data-hx-headers on <body>) or the form's field.
 */
import { createContext, useContext, type ReactNode } from "react";

/** What the provider needs: a token made on first use (CsrfTokenSource on the server). */
export interface CsrfTokenProvider {
  token(): string;
}

const CsrfContext = createContext<CsrfTokenProvider | null>(null);

export function CsrfProvider({ source, children }: { source: CsrfTokenProvider | null; children: ReactNode }) {
  return <CsrfContext.Provider value={source}>{children}</CsrfContext.Provider>;
}

/**
 * The token, made now if this is the first use in the page; null where no
 * source is provided or the caller does not want it (`wanted` false).
 */
export function useCsrfToken(wanted = true): string | null {
  const source = useContext(CsrfContext);
  return wanted ? (source?.token() ?? null) : null;
}

export function CsrfField() {
  const token = useCsrfToken();
  return token ? <input type="hidden" name="_csrf" value={token} /> : null;
}
