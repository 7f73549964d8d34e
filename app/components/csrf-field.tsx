/**
 * The hidden CSRF token every POST form carries (app/utils/csrf.server.ts).
 * Modern browsers are checked by their Origin / Sec-Fetch-Site headers; the
 * token covers the ones that send neither.
 */
import { useRouteLoaderData } from "@remix-run/react";

interface RootCsrf {
  csrfToken?: string | null;
}

export function useCsrfToken(): string | null {
  return useRouteLoaderData<RootCsrf>("root")?.csrfToken ?? null;
}

export function CsrfField() {
  const token = useCsrfToken();
  return token ? <input type="hidden" name="_csrf" value={token} /> : null;
}
