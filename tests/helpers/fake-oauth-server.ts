/**
 * A real OAuth2 authorization server on 127.0.0.1 for the OAuth tests: the
 * app's real routes and remix-auth-oauth2 talk to it over HTTP (no stubbed
 * strategy). It checks what a strict provider checks:
 * - GET /authorize: client_id, redirect_uri (exact match), response_type=code,
 *   state, and a PKCE S256 code_challenge; then redirects back with code+state
 *   for the configured identity, or with ?error=... (e.g. access_denied).
 * - POST /token: client credentials (HTTP Basic or in the body), grant_type,
 *   a fresh single-use code, the same redirect_uri, and the PKCE code_verifier.
 * - GET /userinfo (OIDC-shaped), GET /user and /user/emails (GitHub-shaped):
 *   a valid Bearer token.
 * Faults for error tests: a token endpoint answering 500, a malformed userinfo.
 *
 * vitest starts it on a random port; tests/e2e/fake-oauth.mjs starts it on a
 * fixed one for Playwright, which steers it through POST /__control (JSON).
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeIdentity {
  sub: string;
  email: string | null;
  email_verified: boolean;
  name: string | null;
  picture?: string | null;
}

export interface FakeFaults {
  /** /authorize redirects back with ?error=<this> instead of a code (e.g. "access_denied"). */
  authorizeError?: string | null;
  /** /token answers with this HTTP status and a non-OAuth body (e.g. 500). */
  tokenStatus?: number | null;
  /** /userinfo, /user, /user/emails answer a JSON body of the wrong shape. */
  badUserinfo?: boolean;
}

export interface FakeOAuthOptions {
  port?: number;
  clientId?: string;
  clientSecret?: string;
  /** Accepted redirect_uri values (exact match). */
  redirectUris: string[];
}

export interface TokenRequestRecord {
  clientAuth: "basic" | "body" | "none";
  ok: boolean;
  error?: string;
}

export interface FakeOAuthServer {
  url: string;
  port: number;
  clientId: string;
  clientSecret: string;
  /** The identity the next sign-ins return (until changed). */
  setIdentity(identity: FakeIdentity): void;
  setFaults(faults: FakeFaults): void;
  /** Accept another redirect_uri (e.g. once the app's port is known). */
  addRedirectUri(uri: string): void;
  reset(): void;
  /** What reached /token, oldest first. */
  tokenRequests: TokenRequestRecord[];
  close(): Promise<void>;
}

interface CodeGrant {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  identity: FakeIdentity;
  expires: number;
  used: boolean;
}

const DEFAULT_IDENTITY: FakeIdentity = {
  sub: "fake-user-1",
  email: "fake.user@example.test",
  email_verified: true,
  name: "Fake User",
};

function base64url(buffer: Buffer): string {
  return buffer.toString("base64url");
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers });
  res.end(JSON.stringify(body));
}

function text(res: http.ServerResponse, status: number, body: string) {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" });
  res.end(body);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > 64 * 1024) {
        reject(new Error("body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

export async function startFakeOAuthServer(options: FakeOAuthOptions): Promise<FakeOAuthServer> {
  const clientId = options.clientId ?? "dracin-test-client";
  const clientSecret = options.clientSecret ?? `secret-${crypto.randomBytes(8).toString("hex")}`;
  const redirectUris = new Set(options.redirectUris);
  const codes = new Map<string, CodeGrant>();
  const accessTokens = new Map<string, FakeIdentity>();
  const tokenRequests: TokenRequestRecord[] = [];
  let identity: FakeIdentity = { ...DEFAULT_IDENTITY };
  let faults: FakeFaults = {};

  function authorize(url: URL, res: http.ServerResponse) {
    const params = url.searchParams;
    // Errors about the client or redirect_uri are shown, never redirected (RFC 6749 4.1.2.1).
    if (params.get("client_id") !== clientId) return text(res, 400, "unknown client_id");
    const redirectUri = params.get("redirect_uri") ?? "";
    if (!redirectUris.has(redirectUri)) return text(res, 400, `redirect_uri not registered: ${redirectUri}`);
    const back = new URL(redirectUri);
    const state = params.get("state");
    const fail = (error: string) => {
      back.searchParams.set("error", error);
      if (state) back.searchParams.set("state", state);
      res.writeHead(302, { Location: back.href });
      res.end();
    };
    if (params.get("response_type") !== "code") return fail("unsupported_response_type");
    if (!state) return fail("invalid_request");
    const challenge = params.get("code_challenge") ?? "";
    if (params.get("code_challenge_method") !== "S256" || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
      return fail("invalid_request");
    }
    if (faults.authorizeError) return fail(faults.authorizeError);
    const code = base64url(crypto.randomBytes(24));
    codes.set(code, {
      clientId,
      redirectUri,
      codeChallenge: challenge,
      identity: { ...identity },
      expires: Date.now() + 60_000,
      used: false,
    });
    back.searchParams.set("code", code);
    back.searchParams.set("state", state);
    res.writeHead(302, { Location: back.href });
    res.end();
  }

  async function token(req: http.IncomingMessage, res: http.ServerResponse) {
    const body = new URLSearchParams(await readBody(req));
    const record: TokenRequestRecord = { clientAuth: "none", ok: false };
    tokenRequests.push(record);
    const refuse = (status: number, error: string) => {
      record.error = error;
      json(res, status, { error });
    };
    if (faults.tokenStatus) {
      record.error = `fault ${faults.tokenStatus}`;
      return text(res, faults.tokenStatus, "token endpoint unavailable");
    }
    let id: string | null = null;
    let secret: string | null = null;
    const authorization = req.headers.authorization ?? "";
    if (authorization.startsWith("Basic ")) {
      const decoded = Buffer.from(authorization.slice(6), "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      id = decodeURIComponent(decoded.slice(0, colon));
      secret = decodeURIComponent(decoded.slice(colon + 1));
      record.clientAuth = "basic";
    } else if (body.has("client_secret")) {
      id = body.get("client_id");
      secret = body.get("client_secret");
      record.clientAuth = "body";
    }
    if (id !== clientId || secret === null || !safeEqual(secret, clientSecret)) return refuse(401, "invalid_client");
    if (body.get("grant_type") !== "authorization_code") return refuse(400, "unsupported_grant_type");
    const code = body.get("code") ?? "";
    const grant = codes.get(code);
    if (!grant || grant.used || grant.expires < Date.now() || grant.clientId !== id)
      return refuse(400, "invalid_grant");
    grant.used = true;
    if (body.get("redirect_uri") !== grant.redirectUri) return refuse(400, "invalid_grant");
    const verifier = body.get("code_verifier") ?? "";
    const expected = base64url(crypto.createHash("sha256").update(verifier).digest());
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || !safeEqual(expected, grant.codeChallenge)) {
      return refuse(400, "invalid_grant");
    }
    const accessToken = base64url(crypto.randomBytes(24));
    accessTokens.set(accessToken, grant.identity);
    record.ok = true;
    json(res, 200, {
      access_token: accessToken,
      token_type: "Bearer",
      expires_in: 3600,
      refresh_token: base64url(crypto.randomBytes(24)),
      scope: "openid email profile",
    });
  }

  function bearer(req: http.IncomingMessage, res: http.ServerResponse): FakeIdentity | null {
    const authorization = req.headers.authorization ?? "";
    const who = authorization.startsWith("Bearer ") ? accessTokens.get(authorization.slice(7)) : undefined;
    if (!who) {
      json(res, 401, { error: "invalid_token" }, { "WWW-Authenticate": 'Bearer error="invalid_token"' });
      return null;
    }
    return who;
  }

  async function control(req: http.IncomingMessage, res: http.ServerResponse) {
    const body = JSON.parse((await readBody(req)) || "{}") as {
      identity?: FakeIdentity;
      faults?: FakeFaults;
      reset?: boolean;
      redirectUri?: string;
    };
    if (body.reset) {
      identity = { ...DEFAULT_IDENTITY };
      faults = {};
    }
    if (body.identity) identity = { ...body.identity };
    if (body.faults) faults = { ...body.faults };
    if (body.redirectUri) redirectUris.add(body.redirectUri);
    json(res, 200, { ok: true });
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const route = `${req.method} ${url.pathname}`;
    const handle = async () => {
      switch (route) {
        case "GET /healthz":
          return text(res, 200, "ok");
        case "GET /authorize":
          return authorize(url, res);
        case "POST /token":
          return token(req, res);
        case "POST /__control":
          return control(req, res);
        case "GET /userinfo": {
          const who = bearer(req, res);
          if (!who) return;
          if (faults.badUserinfo) return json(res, 200, { email: 42, name: ["not", "a", "name"] });
          return json(res, 200, {
            sub: who.sub,
            ...(who.email === null ? {} : { email: who.email, email_verified: who.email_verified }),
            name: who.name,
            picture: who.picture ?? null,
          });
        }
        case "GET /user": {
          const who = bearer(req, res);
          if (!who) return;
          if (faults.badUserinfo) return json(res, 200, { id: "not-a-number" });
          const numeric = Number.parseInt(crypto.createHash("sha256").update(who.sub).digest("hex").slice(0, 8), 16);
          return json(res, 200, {
            id: numeric,
            login: who.sub.replace(/[^A-Za-z0-9-]/g, "-"),
            name: who.name,
            email: null,
            avatar_url: who.picture ?? null,
          });
        }
        case "GET /user/emails": {
          const who = bearer(req, res);
          if (!who) return;
          if (faults.badUserinfo) return json(res, 200, { emails: "nope" });
          return json(
            res,
            200,
            who.email === null
              ? []
              : [
                  { email: `${who.sub}@users.noreply.example.test`, primary: false, verified: true, visibility: null },
                  { email: who.email, primary: true, verified: who.email_verified, visibility: "private" },
                ],
          );
        }
        default:
          return text(res, 404, "not found");
      }
    };
    handle().catch(() => {
      if (!res.headersSent) text(res, 400, "bad request");
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    clientId,
    clientSecret,
    setIdentity(next) {
      identity = { ...next };
    },
    setFaults(next) {
      faults = { ...next };
    },
    addRedirectUri(uri) {
      redirectUris.add(uri);
    },
    reset() {
      identity = { ...DEFAULT_IDENTITY };
      faults = {};
      tokenRequests.length = 0;
    },
    tokenRequests,
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
