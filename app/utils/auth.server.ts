/**
 * Sign-in through remix-auth. The form strategy validates the fields and
 * checks the password; the routes own the session and the audit trail.
 */
import { Authenticator } from "remix-auth";
import { FormStrategy } from "remix-auth-form";
import { LoginFormSchema } from "~/auth/schemas";
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

export const authenticator = new Authenticator<PublicUser>();

authenticator.use(
  new FormStrategy(async ({ form }) => {
    const parsed = parseForm(LoginFormSchema, form);
    const rawEmail = formText(form, "email").slice(0, 254);
    if (!parsed.ok) throw new LoginValidationError(parsed.errors, rawEmail);
    const user = await verifyLogin(parsed.data.email, parsed.data.password);
    if (!user) throw new InvalidCredentialsError(parsed.data.email);
    return user;
  }),
  "form",
);
