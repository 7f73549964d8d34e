/**
 * The password policy for new passwords (register, password change, reset):
 * 8–72 UTF-8 bytes (bcrypt ignores every byte after the 72nd), not guessable
 * (zxcvbn-ts score ≥ 3 with its common, English and Indonesian dictionaries),
 * and not built from the user's own email or name. A refusal says why, as a
 * message key. Sign-in never applies it (old passwords keep working).
 *
 * zod checks the shape (app/auth/schemas.ts); actions call this afterwards.
 */
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as zxcvbnCommon from "@zxcvbn-ts/language-common";
import * as zxcvbnEn from "@zxcvbn-ts/language-en";
import * as zxcvbnId from "@zxcvbn-ts/language-id";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/auth/schemas";
import type { MessageKey } from "~/i18n";

/** Lowest accepted zxcvbn score (0–4): 3 = "safely unguessable" (≈10^8 guesses and more). */
export const MIN_SCORE = 3;

export type PolicyResult = { ok: true } | { ok: false; error: MessageKey };

/**
 * zxcvbn reports its warning as translated text. We give it a "translation"
 * whose texts are the warning names themselves, so the warning comes back as a
 * stable name that we map to our own message keys below.
 */
function namesAsTranslations<T extends Record<string, Record<string, string>>>(translations: T): T {
  return Object.fromEntries(
    Object.entries(translations).map(([group, entries]) => [
      group,
      Object.fromEntries(Object.keys(entries).map((name) => [name, name])),
    ]),
  ) as T;
}

let factory: ZxcvbnFactory | undefined;

/** Built once per process (the dictionaries take ~150 ms to load). */
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary, ...zxcvbnId.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: namesAsTranslations(zxcvbnEn.translations),
    // Bounded work per check (a request must not hold the CPU for seconds): Levenshtein matching and
    // the default 100 l33t substitutions took 1–2 s on 72-byte passwords such as "4@3!1$0+" × 9;
    // with these settings the worst case we measured is under 0.2 s and the scores did not change.
    useLevenshteinDistance: false,
    l33tMaxSubstitutions: 10,
    maxLength: PASSWORD_MAX,
  });
  return factory;
}

const WARNING_KEYS: Record<string, MessageKey> = {
  straightRow: "email.password.keyboard",
  keyPattern: "email.password.keyboard",
  simpleRepeat: "email.password.repeat",
  extendedRepeat: "email.password.repeat",
  sequences: "email.password.sequence",
  recentYears: "email.password.dates",
  dates: "email.password.dates",
  topTen: "email.password.common",
  topHundred: "email.password.common",
  common: "email.password.common",
  similarToCommon: "email.password.common",
  pwned: "email.password.common",
  wordByItself: "email.password.word",
  namesByThemselves: "email.password.names",
  commonNames: "email.password.names",
  userInputs: "email.password.personal",
};

export function utf8Length(value: string): number {
  return Buffer.byteLength(value, "utf8");
}

/** Pieces of the user's identity a password must not contain (lower case, 3+ characters). */
function personalWords(user: { email?: string | null; name?: string | null }): string[] {
  // The whole local part or name from 3 characters; its parts from 4 (so "Mei" or "an" alone do not
  // rule out half the dictionary).
  const words = new Set<string>();
  const parts = new Set<string>();
  const local = user.email?.split("@")[0]?.toLowerCase().trim();
  if (local) {
    words.add(local);
    for (const part of local.split(/[^\p{L}\p{N}]+/u)) parts.add(part);
  }
  const name = user.name?.toLowerCase().trim();
  if (name) {
    words.add(name.replace(/\s+/g, ""));
    for (const part of name.split(/[^\p{L}\p{N}]+/u)) parts.add(part);
  }
  return [
    ...[...words].filter((word) => [...word].length >= 3),
    ...[...parts].filter((part) => [...part].length >= 4 && /\p{L}/u.test(part)),
  ];
}

/** Checks a new password; `user` is who it is for (email and name are refused inside it). */
export function checkPasswordPolicy(
  password: string,
  user: { email?: string | null; name?: string | null } = {},
): PolicyResult {
  if (password.length === 0) return { ok: false, error: "form.password.required" };
  if ([...password].length < PASSWORD_MIN) return { ok: false, error: "form.password.tooShort" };
  if (utf8Length(password) > PASSWORD_MAX) return { ok: false, error: "email.password.tooLong" };

  const lower = password.toLowerCase();
  const compact = lower.replace(/[^\p{L}\p{N}]+/gu, "");
  const personal = personalWords(user);
  if (personal.some((word) => lower.includes(word) || compact.includes(word))) {
    return { ok: false, error: "email.password.personal" };
  }

  const result = zxcvbn().check(password, personal);
  if (result.score >= MIN_SCORE) return { ok: true };
  const warning = result.feedback.warning;
  return { ok: false, error: (warning && WARNING_KEYS[warning]) || "email.password.guessable" };
}
