/**
 * Test users with real session cookies. `registerUser` goes through the
 * register action (the full path, one bcrypt hash per call); `createUser`
 * is the fast path for tests about something else: one cached hash of the
 * default password, the real session model and the real signed cookie.
 */
import { createSession } from "~/models/sessions.server";
import { hashPassword } from "~/models/users.server";
import { action as loginAction } from "~/routes/login";
import { action as registerAction } from "~/routes/register";
import { prisma } from "~/utils/db.server";
import { sessionCookie } from "~/utils/session.server";
import { postForm, setCookieFor } from "./requests";
import { callRoute } from "./route";

export const SESSION_COOKIE = "dracin_session";
export const TEST_PASSWORD = "correct horse battery";

let counter = 0;

/** An email no other test (or worker, or run) uses. */
export function uniqueEmail(label = "viewer"): string {
  counter += 1;
  return `${label}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.test`;
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
  /** Cookie header value of a signed-in session (`dracin_session=...`). */
  cookie: string;
}

interface UserInput {
  name?: string;
  email?: string;
  password?: string;
}

/** The `dracin_session=...` pair of a response, for a following request's Cookie header. */
export function sessionCookieFrom(headers: Headers): string {
  const setCookie = setCookieFor(headers, SESSION_COOKIE);
  if (!setCookie) throw new Error(`No ${SESSION_COOKIE} Set-Cookie in the response`);
  return setCookie.split(";")[0];
}

/** Registers through the register action and returns the user with their session cookie. */
export async function registerUser(input: UserInput = {}): Promise<TestUser> {
  const name = input.name ?? "Test Viewer";
  const email = input.email ?? uniqueEmail();
  const password = input.password ?? TEST_PASSWORD;
  const result = await callRoute(registerAction, postForm("/register", { name, email, password, redirectTo: "/" }));
  if (result.status !== 303) {
    throw new Error(`register failed with ${result.status}: ${JSON.stringify(result.data ?? result.text)}`);
  }
  const normalised = email.trim().toLowerCase();
  const row = await prisma.user.findUniqueOrThrow({ where: { email: normalised }, select: { id: true } });
  return { id: row.id, email: normalised, name, password, cookie: sessionCookieFrom(result.headers) };
}

let defaultHash: Promise<string> | undefined;

/** A user row and a signed-in session, without the cost of a bcrypt hash per user. */
export async function createUser(input: UserInput = {}): Promise<TestUser> {
  const name = input.name ?? "Test Viewer";
  const email = (input.email ?? uniqueEmail()).trim().toLowerCase();
  const password = input.password ?? TEST_PASSWORD;
  const passwordHash =
    password === TEST_PASSWORD ? await (defaultHash ??= hashPassword(TEST_PASSWORD)) : await hashPassword(password);
  const user = await prisma.user.create({ data: { email, name, password: passwordHash }, select: { id: true } });
  const { token } = await createSession(user.id, 24 * 60 * 60 * 1000);
  const setCookie = await sessionCookie().serialize(token);
  return { id: user.id, email, name, password, cookie: setCookie.split(";")[0] };
}

/** A user with role ADMIN (createUser, then the role). */
export async function createAdmin(input: UserInput = {}): Promise<TestUser> {
  const user = await createUser({ name: "Test Admin", ...input });
  await prisma.user.update({ where: { id: user.id }, data: { role: "ADMIN" }, select: { id: true } });
  return user;
}

/** Signs in through the login action; returns the new session cookie. */
export async function signIn(email: string, password: string): Promise<string> {
  const result = await callRoute(loginAction, postForm("/login", { email, password, redirectTo: "/" }));
  if (result.status !== 303) throw new Error(`sign-in failed with ${result.status}`);
  return sessionCookieFrom(result.headers);
}
