/**
 * The hidden CSRF token every POST form carries (app/utils/csrf.server.ts).
 * Modern browsers are checked by their Origin / Sec-Fetch-Site headers; the
 * token covers the ones that send neither. The root layout provides the
 * token; fragments rendered for htmx have none in context, and need none:
 * htmx sends it as the X-CSRF-Token header (hx-headers on <body>).
 */
import { createContext, useContext, type ReactNode } from "react";

const CsrfContext = createContext<string | null>(null);

export function CsrfProvider({ token, children }: { token: string | null; children: ReactNode }) {
  return <CsrfContext.Provider value={token}>{children}</CsrfContext.Provider>;
}

export function useCsrfToken(): string | null {
  return useContext(CsrfContext);
}

export function CsrfField() {
  const token = useCsrfToken();
  return token ? <input type="hidden" name="_csrf" value={token} /> : null;
}
