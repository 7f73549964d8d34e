/**
 * The account forms' zod schemas, shared by the routes and the form strategy.
 * Field messages are message-catalog keys, translated when rendered.
 */
import { z } from "zod";
import { msg } from "~/i18n";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 72; // bcrypt ignores bytes past 72

export const EmailSchema = z
  .string({ error: msg("form.email.required") })
  .trim()
  .toLowerCase()
  .min(1, { error: msg("form.email.required") })
  .max(254, { error: msg("form.email.invalid") })
  .pipe(z.email({ error: msg("form.email.invalid") }));

export const PasswordSchema = z
  .string({ error: msg("form.password.required") })
  .min(1, { error: msg("form.password.required") })
  .min(PASSWORD_MIN, { error: msg("form.password.tooShort") })
  .refine((value) => new TextEncoder().encode(value).length <= PASSWORD_MAX, {
    error: msg("form.password.tooLong"),
  });

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
