/**
 * Calls a route's loader or action the way Remix does (a real Request,
 * params, and the load context the HTTP server gives) and normalises
 * whatever comes back: a plain object, `data(...)`, a Response, or a thrown
 * Response (guards, 404s).
 */
import type { AppLoadContext, data } from "@remix-run/node";
import { withClientIp } from "~/utils/request.server";

type DataWithResponseInit = ReturnType<typeof data<unknown>>;

/** The data a loader/action returned, without `data()` wrappers and Responses. */
export type Unwrapped<T> = T extends Response
  ? never
  : // Structural match on DataWithResponseInit (its `type` is typed as plain string).
    T extends { type: string; data: infer D; init: ResponseInit | null }
    ? D
    : T;

export interface RouteResult<D> {
  status: number;
  headers: Headers;
  /** A returned plain object or the payload of `data(...)`. */
  data?: D;
  /** The body of a returned or thrown Response. */
  text?: string;
  /** True when the function threw (a guard's redirect, a 404). */
  thrown: boolean;
}

export type RouteArgs = {
  request: Request;
  params: Record<string, string | undefined>;
  context: AppLoadContext;
};

export const TEST_CLIENT_IP = "127.0.0.1";

function isDataWithResponseInit(value: unknown): value is DataWithResponseInit {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { type?: unknown }).type === "DataWithResponseInit" &&
    "data" in value
  );
}

async function fromResponse<D>(response: Response, thrown: boolean): Promise<RouteResult<D>> {
  return { status: response.status, headers: response.headers, text: await response.text(), thrown };
}

export async function callRoute<T>(
  fn: (args: RouteArgs) => T | Promise<T>,
  request: Request,
  params: Record<string, string | undefined> = {},
  context: AppLoadContext = { clientIp: TEST_CLIENT_IP },
): Promise<RouteResult<Unwrapped<T>>> {
  let result: unknown;
  try {
    // As the HTTP server does: the client IP is also at hand for guards given only the Request (requireAdmin).
    result = await withClientIp(context.clientIp, () => fn({ request, params, context }));
  } catch (error) {
    if (error instanceof Response) return fromResponse(error, true);
    throw error;
  }
  if (result instanceof Response) return fromResponse(result, false);
  if (isDataWithResponseInit(result)) {
    const init = result.init ?? {};
    return {
      status: init.status ?? 200,
      headers: new Headers(init.headers),
      data: result.data as Unwrapped<T>,
      thrown: false,
    };
  }
  return { status: 200, headers: new Headers(), data: result as Unwrapped<T>, thrown: false };
}

/** The data of a result that must have some; fails with the status and body otherwise. */
export function dataOf<D>(result: RouteResult<D>): D {
  if (result.data === undefined) {
    throw new Error(`Expected data, got status ${result.status}${result.text ? `: ${result.text.slice(0, 300)}` : ""}`);
  }
  return result.data;
}
