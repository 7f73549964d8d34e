/**
 * Sign-in through remix-auth. The form strategy validates the fields and
 * checks the password; the routes own the session and the audit trail.
 */
import { Authenticator } from "remix-auth";
import { FormStrategy } from "remix-auth-form";
import { LoginFormSchema } from "~/auth/schemas";
import { isAccountDisabled } from "~/models/incidents.server";
import { verifyLogin, type PublicUser } from "~/models/users.server";
import { formText, parseForm, type FieldErrors } from "~/utils/forms";

/** The fields were missing or malformed: show these messages. */
export class LoginValidationError extends Error {
  override name = "LoginValidationError";
  constructor(
    readonly errors: FieldErrors,
    readonly email: string,
  ) {
    super("Invalid sign-in form");
  }
}

/** Unknown email or wrong password: one message for both. */
export class InvalidCredentialsError extends Error {
  override name = "InvalidCredentialsError";
  constructor(readonly email: string) {
    super("Invalid email or password");
  }
}

/**
 * The right password for an account an admin has disabled. The route answers
 * it exactly like InvalidCredentialsError; only the audit row tells them apart.
 */
export class DisabledAccountError extends Error {
  override name = "DisabledAccountError";
  constructor(
    readonly email: string,
    readonly userId: string,
  ) {
    super("Account disabled");
  }
}

export const authenticator = new Authenticator<PublicUser>();

authenticator.use(
  new FormStrategy(async ({ form }) => {
    const parsed = parseForm(LoginFormSchema, form);
    const rawEmail = formText(form, "email").slice(0, 254);
    if (!parsed.ok) throw new LoginValidationError(parsed.errors, rawEmail);
    const user = await verifyLogin(parsed.data.email, parsed.data.password);
    if (!user) throw new InvalidCredentialsError(parsed.data.email);
    if (await isAccountDisabled(user.id)) throw new DisabledAccountError(parsed.data.email, user.id);
    return user;
  }),
  "form",
);
