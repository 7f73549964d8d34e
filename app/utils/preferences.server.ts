/**
 * Playback preferences (captions language, autoplay next episode, data
 * saver) in a long-lived signed cookie, so the server renders the right
 * defaults for every viewer, signed in or not, with or without JavaScript.
 */
import { createCookie } from "@remix-run/node";
import { z } from "zod";
import { getEnv } from "~/utils/env.server";

export const CAPTION_CHOICES = ["en", "id", "off"] as const;

export const PreferencesSchema = z.object({
  captions: z.enum(CAPTION_CHOICES).catch("en"),
  autoplay: z.boolean().catch(true),
  dataSaver: z.boolean().catch(false),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

export const DEFAULT_PREFERENCES: Preferences = { captions: "en", autoplay: true, dataSaver: false };

/** A form's subset of preferences: "1"/"0" for the switches. */
export const PreferencesFormSchema = z.object({
  captions: z.enum(CAPTION_CHOICES).optional(),
  autoplay: z
    .enum(["1", "0"])
    .transform((value) => value === "1")
    .optional(),
  dataSaver: z
    .enum(["1", "0"])
    .transform((value) => value === "1")
    .optional(),
});

let cookie: ReturnType<typeof createCookie> | undefined;

function preferencesCookie() {
  cookie ??= createCookie("dracin_prefs", {
    httpOnly: true,
    sameSite: "lax",
    secure: getEnv().NODE_ENV === "production",
    path: "/",
    maxAge: 365 * 24 * 60 * 60,
    secrets: [getEnv().SESSION_SECRET],
  });
  return cookie;
}

export async function getPreferences(request: Request): Promise<Preferences> {
  const value: unknown = await preferencesCookie().parse(request.headers.get("Cookie"));
  if (!value || typeof value !== "object") return DEFAULT_PREFERENCES;
  return PreferencesSchema.parse({ ...DEFAULT_PREFERENCES, ...value });
}

export async function serializePreferences(preferences: Preferences): Promise<string> {
  return preferencesCookie().serialize(preferences);
}
