/**
 * OAuth sign-in providers, configured by OAUTH_* environment variables
 * (docs/oauth.md). Google and GitHub are each enabled when both their client
 * id and secret are set; one generic OAuth2/OIDC provider is enabled when
 * OAUTH_CUSTOM_ID and its client and endpoint variables are set. Parsed with
 * zod once and cached, like getEnv(). A bad value turns OAuth off (password
 * sign-in keeps working) and logs an error naming the variable.
 */
import { z } from "zod";
import { ConfigError } from "~/utils/env.server";
import { log } from "~/utils/log.server";

export type ProviderKind = "google" | "github" | "oidc";

export interface OAuthProvider {
  /** The URL slug: /auth/<id>, /auth/<id>/callback; also Account.provider. */
  id: string;
  kind: ProviderKind;
  /** The name on the buttons ("Continue with <label>"). */
  label: string;
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** OIDC-style userinfo endpoint (Google, generic). */
  userinfoUrl: string | null;
  /** GitHub's REST API base (GET /user, /user/emails). */
  apiUrl: string | null;
  scopes: string[];
}

const HttpUrl = z.url({ protocol: /^https?$/, message: "must be an http(s) URL" });
const Text = z.string().trim().min(1);
const RESERVED_IDS = ["google", "github"];

const OAuthEnvSchema = z
  .object({
    OAUTH_GOOGLE_CLIENT_ID: Text.optional(),
    OAUTH_GOOGLE_CLIENT_SECRET: Text.optional(),
    /** For testing or proxies: replace Google's endpoints. */
    OAUTH_GOOGLE_AUTHORIZE_URL: HttpUrl.default("https://accounts.google.com/o/oauth2/v2/auth"),
    OAUTH_GOOGLE_TOKEN_URL: HttpUrl.default("https://oauth2.googleapis.com/token"),
    OAUTH_GOOGLE_USERINFO_URL: HttpUrl.default("https://openidconnect.googleapis.com/v1/userinfo"),
    OAUTH_GITHUB_CLIENT_ID: Text.optional(),
    OAUTH_GITHUB_CLIENT_SECRET: Text.optional(),
    /** For testing or proxies: replace GitHub's endpoints. */
    OAUTH_GITHUB_AUTHORIZE_URL: HttpUrl.default("https://github.com/login/oauth/authorize"),
    OAUTH_GITHUB_TOKEN_URL: HttpUrl.default("https://github.com/login/oauth/access_token"),
    OAUTH_GITHUB_API_URL: HttpUrl.default("https://api.github.com"),
    OAUTH_CUSTOM_ID: z
      .string()
      .trim()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/, {
        message: "must be a short lowercase slug (a-z, 0-9, -), e.g. keycloak",
      })
      .refine((id) => !RESERVED_IDS.includes(id), { message: 'must not be "google" or "github"' })
      .optional(),
    OAUTH_CUSTOM_NAME: z.string().trim().min(1).max(40).optional(),
    OAUTH_CUSTOM_CLIENT_ID: Text.optional(),
    OAUTH_CUSTOM_CLIENT_SECRET: Text.optional(),
    OAUTH_CUSTOM_AUTHORIZE_URL: HttpUrl.optional(),
    OAUTH_CUSTOM_TOKEN_URL: HttpUrl.optional(),
    OAUTH_CUSTOM_USERINFO_URL: HttpUrl.optional(),
    /** Space- or comma-separated (default "openid email profile"). */
    OAUTH_CUSTOM_SCOPES: z.string().trim().min(1).default("openid email profile"),
  })
  .superRefine((env, ctx) => {
    if (!env.OAUTH_CUSTOM_ID) return;
    const required = [
      "OAUTH_CUSTOM_CLIENT_ID",
      "OAUTH_CUSTOM_CLIENT_SECRET",
      "OAUTH_CUSTOM_AUTHORIZE_URL",
      "OAUTH_CUSTOM_TOKEN_URL",
      "OAUTH_CUSTOM_USERINFO_URL",
    ] as const;
    for (const key of required) {
      if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when OAUTH_CUSTOM_ID is set" });
    }
  });

export interface OAuthConfig {
  providers: OAuthProvider[];
  /** Half-configured providers (id without secret or the reverse), for a startup warning. */
  incomplete: string[];
}

export function parseOAuthEnv(source: Record<string, string | undefined>): OAuthConfig {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(
      ([key, value]) => key.startsWith("OAUTH_") && value !== undefined && value.trim() !== "",
    ),
  );
  const result = OAuthEnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".") || "(environment)"}: ${issue.message}`);
    throw new ConfigError(`Invalid OAuth configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  const providers: OAuthProvider[] = [];
  const incomplete: string[] = [];
  if (env.OAUTH_GOOGLE_CLIENT_ID && env.OAUTH_GOOGLE_CLIENT_SECRET) {
    providers.push({
      id: "google",
      kind: "google",
      label: "Google",
      clientId: env.OAUTH_GOOGLE_CLIENT_ID,
      clientSecret: env.OAUTH_GOOGLE_CLIENT_SECRET,
      authorizeUrl: env.OAUTH_GOOGLE_AUTHORIZE_URL,
      tokenUrl: env.OAUTH_GOOGLE_TOKEN_URL,
      userinfoUrl: env.OAUTH_GOOGLE_USERINFO_URL,
      apiUrl: null,
      scopes: ["openid", "email", "profile"],
    });
  } else if (env.OAUTH_GOOGLE_CLIENT_ID || env.OAUTH_GOOGLE_CLIENT_SECRET) {
    incomplete.push("google");
  }
  if (env.OAUTH_GITHUB_CLIENT_ID && env.OAUTH_GITHUB_CLIENT_SECRET) {
    providers.push({
      id: "github",
      kind: "github",
      label: "GitHub",
      clientId: env.OAUTH_GITHUB_CLIENT_ID,
      clientSecret: env.OAUTH_GITHUB_CLIENT_SECRET,
      authorizeUrl: env.OAUTH_GITHUB_AUTHORIZE_URL,
      tokenUrl: env.OAUTH_GITHUB_TOKEN_URL,
      userinfoUrl: null,
      apiUrl: env.OAUTH_GITHUB_API_URL.replace(/\/+$/, ""),
      scopes: ["read:user", "user:email"],
    });
  } else if (env.OAUTH_GITHUB_CLIENT_ID || env.OAUTH_GITHUB_CLIENT_SECRET) {
    incomplete.push("github");
  }
  if (
    env.OAUTH_CUSTOM_ID &&
    env.OAUTH_CUSTOM_CLIENT_ID &&
    env.OAUTH_CUSTOM_CLIENT_SECRET &&
    env.OAUTH_CUSTOM_AUTHORIZE_URL &&
    env.OAUTH_CUSTOM_TOKEN_URL &&
    env.OAUTH_CUSTOM_USERINFO_URL
  ) {
    providers.push({
      id: env.OAUTH_CUSTOM_ID,
      kind: "oidc",
      label: env.OAUTH_CUSTOM_NAME ?? env.OAUTH_CUSTOM_ID,
      clientId: env.OAUTH_CUSTOM_CLIENT_ID,
      clientSecret: env.OAUTH_CUSTOM_CLIENT_SECRET,
      authorizeUrl: env.OAUTH_CUSTOM_AUTHORIZE_URL,
      tokenUrl: env.OAUTH_CUSTOM_TOKEN_URL,
      userinfoUrl: env.OAUTH_CUSTOM_USERINFO_URL,
      apiUrl: null,
      scopes: env.OAUTH_CUSTOM_SCOPES.split(/[\s,]+/).filter(Boolean),
    });
  }
  return { providers, incomplete };
}

let cached: OAuthConfig | undefined;

export function getOAuthConfig(): OAuthConfig {
  if (!cached) {
    try {
      cached = parseOAuthEnv(process.env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // Password sign-in keeps working; every OAuth provider stays off until the configuration is fixed.
      log.error("OAuth sign-in is off: the configuration is invalid", { error: error.message });
      cached = { providers: [], incomplete: [] };
    }
    if (cached.incomplete.length > 0) {
      log.warn("OAuth provider disabled: set both its client id and secret", { providers: cached.incomplete });
    }
  }
  return cached;
}

/** Tests change OAUTH_* between files' setups; this forgets the parsed copy. */
export function resetOAuthConfigForTests(): void {
  cached = undefined;
}

/** The enabled provider with this slug, or null (unknown or disabled). */
export function getProvider(id: string | undefined): OAuthProvider | null {
  if (!id) return null;
  return getOAuthConfig().providers.find((provider) => provider.id === id) ?? null;
}

/** What the pages need to draw buttons: id and label of each enabled provider. */
export interface ProviderButton {
  id: string;
  label: string;
}

export function enabledProviders(): ProviderButton[] {
  return getOAuthConfig().providers.map(({ id, label }) => ({ id, label }));
}

/**
 * Origins of the enabled providers' authorization pages. The sign-in and
 * connect forms post here and are redirected there, so the page's CSP
 * `form-action` must allow them (app/entry.server.tsx).
 */
export function oauthFormTargets(): string[] {
  return [...new Set(getOAuthConfig().providers.map((provider) => new URL(provider.authorizeUrl).origin))];
}
