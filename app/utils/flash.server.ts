/**
 * One-time notices after a redirect ("Signed out", "Password changed") for
 * viewers without JavaScript. A short-lived signed cookie holds a message key.
 */
import { createCookie } from "@remix-run/node";
import { isMessageKey, type MessageKey } from "~/i18n";
import { getEnv } from "~/utils/env.server";

let cookie: ReturnType<typeof createCookie> | undefined;

function flashCookie() {
  cookie ??= createCookie("dracin_flash", {
    httpOnly: true,
    sameSite: "lax",
    secure: getEnv().NODE_ENV === "production",
    path: "/",
    maxAge: 60,
    secrets: [getEnv().SESSION_SECRET],
  });
  return cookie;
}

export async function flashHeader(key: MessageKey): Promise<string> {
  return flashCookie().serialize(key);
}

/** The pending notice (if any) and the header that clears it. */
export async function readFlash(request: Request): Promise<{ message: MessageKey | null; headers: Headers }> {
  const headers = new Headers();
  const value: unknown = await flashCookie().parse(request.headers.get("Cookie"));
  if (typeof value !== "string" || !isMessageKey(value)) return { message: null, headers };
  headers.append("Set-Cookie", await flashCookie().serialize("", { maxAge: 0 }));
  return { message: value, headers };
}
