#!/usr/bin/env node
// Starts the fake OAuth2 authorization server (tests/helpers/fake-oauth-server.ts)
// for the browser tests, on 127.0.0.1:$E2E_OAUTH_PORT (default 4421). It accepts
// the app's callbacks on 127.0.0.1:$E2E_PORT for the providers playwright.config.ts
// points at it ("fake", the generic provider, and GitHub's endpoint overrides).
// Tests steer it with POST /__control {"identity": {...}, "faults": {...}, "reset": true}.
import { register } from "tsx/esm/api";

register();
const { startFakeOAuthServer } = await import("../helpers/fake-oauth-server.ts");

const port = Number(process.env.E2E_OAUTH_PORT || 4421);
const appPort = Number(process.env.E2E_PORT || 3271);
const server = await startFakeOAuthServer({
  port,
  clientId: process.env.E2E_OAUTH_CLIENT_ID || "dracin-e2e",
  clientSecret: process.env.E2E_OAUTH_CLIENT_SECRET || "dracin-e2e-secret",
  redirectUris: ["fake", "github"].flatMap((id) => [
    `http://127.0.0.1:${appPort}/auth/${id}/callback`,
    `http://localhost:${appPort}/auth/${id}/callback`,
  ]),
});
console.log(`fake OAuth server on ${server.url}`);

function stop() {
  server.close().then(() => process.exit(0));
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
