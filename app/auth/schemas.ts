/**
 * The account forms' zod schemas, shared by the routes and the form strategy.
 * Field messages are message-catalog keys, translated when rendered.
 */
import { z } from "zod";
import { msg } from "~/i18n";

export const PASSWORD_MIN = 8;
/** In UTF-8 bytes: bcrypt ignores every byte past the 72nd. */
export const PASSWORD_MAX = 72;

export const EmailSchema = z
  .string({ error: msg("form.email.required") })
  .trim()
  .toLowerCase()
  .min(1, { error: msg("form.email.required") })
  .max(254, { error: msg("form.email.invalid") })
  .pipe(z.email({ error: msg("form.email.invalid") }));

/**
 * The shape of a new password: 8 characters to 72 UTF-8 bytes. Whether it is
 * guessable is checked after parsing by checkPasswordPolicy()
 * (app/auth/password-policy.server.ts), which knows the user's email and name.
 */
export const PasswordSchema = z
  .string({ error: msg("form.password.required") })
  .min(1, { error: msg("form.password.required") })
  .refine((value) => [...value].length >= PASSWORD_MIN, { error: msg("form.password.tooShort"), abort: true })
  .refine((value) => new TextEncoder().encode(value).length <= PASSWORD_MAX, {
    error: msg("email.password.tooLong"),
  });

/** A new password typed twice (reset form). */
export const ResetPasswordSchema = z
  .object({
    token: z.string().max(200),
    password: PasswordSchema,
    confirmPassword: z.string({ error: msg("email.password.mismatch") }),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    error: msg("email.password.mismatch"),
  });

export const ForgotPasswordSchema = z.object({ email: EmailSchema });

export const NameSchema = z
  .string({ error: msg("form.name.required") })
  .trim()
  .min(1, { error: msg("form.name.required") })
  .max(60, { error: msg("form.name.tooLong") });

export const LoginFormSchema = z.object({
  email: EmailSchema,
  // Sign-in checks presence only: length rules would leak policy history.
  password: z.string({ error: msg("form.password.required") }).min(1, { error: msg("form.password.required") }),
});

export const RegisterFormSchema = z.object({
  name: NameSchema,
  email: EmailSchema,
  password: PasswordSchema,
});

export const ChangePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: msg("form.currentPassword.required") })
      .min(1, { error: msg("form.currentPassword.required") }),
    newPassword: PasswordSchema,
  })
  .refine((value) => value.currentPassword !== value.newPassword, {
    path: ["newPassword"],
    error: msg("form.newPassword.same"),
  });

export const ProfileSchema = z.object({ name: NameSchema });
