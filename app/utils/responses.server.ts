/** Small Response helpers shared by routes, the server entry and the request adapter. */
import { data } from "@remix-run/node";
import { translator, type MessageKey, type Vars } from "~/i18n";
import { requestLocale } from "~/i18n/locale.server";

/**
 * A plain-text answer in the request's language (a form post or fetch that
 * cannot be served; a document request shows the layout's error page instead).
 */
export async function plainText(request: Request, status: number, key: MessageKey, vars?: Vars): Promise<Response> {
  const locale = await requestLocale(request);
  return new Response(translator(locale)(key, vars), {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Content-Language": locale },
  });
}

/** Throw this for anything the URL names that does not exist (`throw await notFoundFor(request)`). */
export function notFoundFor(request: Request, key: MessageKey = "http.notFound"): Promise<Response> {
  return plainText(request, 404, key);
}

/**
 * The same 404 where no request is at hand (the catalog's lookups). Its text
 * is for logs and tests: pages show the layout's translated 404 instead;
 * routes use notFoundFor.
 */
export function notFound(what = "Not found"): Response {
  return new Response(what, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export function badRequest<T>(body: T, init?: { headers?: HeadersInit }) {
  return data(body, { status: 400, headers: init?.headers });
}

/**
 * 429 for a throttled request (app/models/throttle.server.ts): the page with
 * its message, and Retry-After in seconds.
 */
export function tooManyRequests<T>(body: T, retryAfterSeconds: number) {
  return data(body, { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } });
}

/**
 * A route's `headers` export for throttled forms: a document response to a
 * POST only carries the headers this returns, so Retry-After is passed on
 * from the action (`export { retryAfterHeaders as headers }`).
 */
export function retryAfterHeaders({ actionHeaders }: { actionHeaders: Headers }): HeadersInit {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : {};
}

/** Positive page number from a query parameter; 1 when absent or invalid. */
export function pageParam(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 0 && page < 100_000 ? page : 1;
}

/** The bytes each whole-bytes Response was made from (see wholeBytesResponse). */
const bytesOf = new WeakMap<Response, Buffer<ArrayBuffer>>();

/**
 * A Response of `bytes` (a rendered document) that remembers them, so the
 * request adapter sends them as they are instead of reading them back through
 * the body stream (`responseBytes`; that read was ~3 % of a signed-in page's
 * CPU). The body stays readable for everyone else (tests, Remix).
 */
export function wholeBytesResponse(bytes: Buffer<ArrayBuffer>, init: ResponseInit): Response {
  const response = new Response(bytes, init);
  bytesOf.set(response, bytes);
  return response;
}

/** A whole body as bytes: those it was made from when it is a wholeBytesResponse not read yet, else read now. */
export async function responseBytes(response: Response): Promise<Buffer> {
  const bytes = bytesOf.get(response);
  if (bytes && !response.bodyUsed) return bytes;
  return Buffer.from(await response.arrayBuffer());
}
