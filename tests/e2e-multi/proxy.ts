/**
 * What the multi-instance specs need to see through the round-robin proxy
 * (scripts/rr-proxy.mjs): which instance answered (`X-Backend`), the proxy's
 * per-instance counts, and raw HTTP requests from a chosen client address
 * (127.0.0.x: the proxy forwards it as X-Forwarded-For, which the instances
 * trust with TRUST_PROXY).
 */
import http from "node:http";
import type { APIRequestContext, Page, Response } from "@playwright/test";

export interface ProxyStats {
  backends: { url: string; requests: number }[];
}

/** The proxy's own counts (GET /__proxy/stats is answered by the proxy, not forwarded). */
export async function proxyStats(request: APIRequestContext): Promise<number[]> {
  const response = await request.get("/__proxy/stats");
  if (!response.ok()) throw new Error(`/__proxy/stats answered ${response.status()}`);
  const stats = (await response.json()) as ProxyStats;
  return stats.backends.map((backend) => backend.requests);
}

/** Requests each instance served between two proxyStats() readings. */
export function servedBetween(before: number[], after: number[]): number[] {
  return after.map((count, index) => count - (before[index] ?? 0));
}

/** The instance (1 or 2) that answered a response. */
export function backendOf(response: Response | { headers(): Record<string, string> }): number {
  const value = Number(response.headers()["x-backend"]);
  if (!Number.isInteger(value) || value < 1)
    throw new Error("response has no X-Backend header: not through the proxy?");
  return value;
}

export interface Served {
  method: string;
  path: string;
  backend: number;
  /** The request carried the session cookie (the instance had to recognise the viewer). */
  withSession: boolean;
  status: number;
}

/**
 * Records every response the page gets from the proxy. `settle()` waits for
 * the asynchronous header reads; call it before looking at `served`.
 */
export function recordServed(page: Page) {
  const served: Served[] = [];
  const pending: Promise<void>[] = [];
  page.on("response", (response) => {
    const header = response.headers()["x-backend"];
    if (!header) return;
    const request = response.request();
    pending.push(
      request
        .allHeaders()
        .then((headers) => {
          served.push({
            method: request.method(),
            path: new URL(response.url()).pathname,
            backend: Number(header),
            withSession: /(?:^|;\s*)dracin_session=/.test(headers.cookie ?? ""),
            status: response.status(),
          });
        })
        .catch(() => undefined),
    );
  });
  return {
    served,
    settle: async () => {
      await Promise.all(pending);
    },
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  backend: number;
  body: string;
  /** `name=value` of each Set-Cookie. */
  cookies: Record<string, string>;
}

/**
 * One HTTP request to the proxy from `localAddress` (default 127.0.0.1), with
 * only the headers given: no Origin or Sec-Fetch-Site unless asked for, like a
 * browser that sends neither (then the CSRF token is what lets a post through).
 */
export function rawRequest(
  baseURL: string,
  path: string,
  options: {
    method?: string;
    form?: Record<string, string>;
    headers?: Record<string, string>;
    localAddress?: string;
  } = {},
): Promise<RawResponse> {
  const url = new URL(path, baseURL);
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        hostname: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: options.method ?? (body === undefined ? "GET" : "POST"),
        localAddress: options.localAddress,
        agent: false,
        headers: {
          ...(body === undefined
            ? {}
            : {
                "Content-Type": "application/x-www-form-urlencoded",
                "Content-Length": String(Buffer.byteLength(body)),
              }),
          ...options.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const cookies: Record<string, string> = {};
          for (const line of response.headers["set-cookie"] ?? []) {
            const [pair] = line.split(";");
            const at = pair.indexOf("=");
            cookies[pair.slice(0, at)] = pair.slice(at + 1);
          }
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            backend: backendOf({ headers: () => ({ "x-backend": String(response.headers["x-backend"] ?? "") }) }),
            body: Buffer.concat(chunks).toString("utf8"),
            cookies,
          });
        });
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** A Cookie header from name/value pairs. */
export function cookieHeader(cookies: Record<string, string | undefined>): string {
  return Object.entries(cookies)
    .filter((entry): entry is [string, string] => typeof entry[1] === "string")
    .map(([name, value]) => `${name}=${value}`)
    .join("; ");
}

/** The `_csrf` hidden field of a rendered form. */
export function csrfFieldOf(html: string): string | null {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? null;
}
