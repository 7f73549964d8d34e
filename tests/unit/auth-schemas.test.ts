import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  ChangePasswordSchema,
  EmailSchema,
  LoginFormSchema,
  NameSchema,
  PASSWORD_MAX,
  PASSWORD_MIN,
  PasswordSchema,
  ProfileSchema,
  RegisterFormSchema,
} from "~/auth/schemas";
import { isMessageKey } from "~/i18n";
import { parseForm } from "~/utils/forms";

/** The message keys of a failed parse, in order. */
function messages(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

describe("EmailSchema", () => {
  it("trims and lower-cases the address", () => {
    expect(EmailSchema.parse("  Mei.Ling@Example.COM \n")).toBe("mei.ling@example.com");
  });

  it("answers an invalid address with the form.email.invalid message key", () => {
    expect(messages(EmailSchema, "not-an-email")).toEqual(["form.email.invalid"]);
    expect(messages(EmailSchema, "two@@example.com")).toEqual(["form.email.invalid"]);
  });

  it("asks for an address when it is empty or only spaces", () => {
    expect(messages(EmailSchema, "")[0]).toBe("form.email.required");
    expect(messages(EmailSchema, "   ")[0]).toBe("form.email.required");
    expect(messages(EmailSchema, undefined)[0]).toBe("form.email.required");
  });

  it("refuses an address longer than 254 characters", () => {
    const long = `${"a".repeat(250)}@example.com`;
    expect(messages(EmailSchema, long)[0]).toBe("form.email.invalid");
  });

  it("uses only keys that exist in the message catalog", () => {
    for (const key of [...messages(EmailSchema, ""), ...messages(EmailSchema, "x")]) {
      expect(isMessageKey(key)).toBe(true);
    }
  });
});

describe("PasswordSchema", () => {
  it(`accepts ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`, () => {
    expect(PasswordSchema.safeParse("a".repeat(PASSWORD_MIN)).success).toBe(true);
    expect(PasswordSchema.safeParse("a".repeat(PASSWORD_MAX)).success).toBe(true);
  });

  it("refuses a password shorter than 8 characters as too short", () => {
    expect(messages(PasswordSchema, "a".repeat(PASSWORD_MIN - 1))).toEqual(["form.password.tooShort"]);
  });

  it("asks for a password when it is empty", () => {
    expect(messages(PasswordSchema, "")[0]).toBe("form.password.required");
  });

  it("refuses 73 ASCII characters as too long", () => {
    expect(messages(PasswordSchema, "a".repeat(PASSWORD_MAX + 1))).toEqual(["email.password.tooLong"]);
  });

  it("counts bytes, not characters: multibyte passwords over 72 bytes are too long", () => {
    // "é" is 2 bytes in UTF-8, "密" 3 bytes, "😀" 4 bytes.
    expect(PasswordSchema.safeParse("é".repeat(36)).success).toBe(true); // 72 bytes
    expect(messages(PasswordSchema, "é".repeat(37))).toEqual(["email.password.tooLong"]); // 37 chars, 74 bytes
    expect(PasswordSchema.safeParse("密".repeat(24)).success).toBe(true); // 72 bytes
    expect(messages(PasswordSchema, "密".repeat(25))).toEqual(["email.password.tooLong"]);
    expect(messages(PasswordSchema, "😀".repeat(19))).toEqual(["email.password.tooLong"]); // 76 bytes
  });

  it("keeps spaces in passwords (no trimming)", () => {
    expect(PasswordSchema.parse("  spaced out  ")).toBe("  spaced out  ");
  });
});

describe("NameSchema", () => {
  it("is required, also when it is only spaces", () => {
    expect(messages(NameSchema, "")[0]).toBe("form.name.required");
    expect(messages(NameSchema, "    ")[0]).toBe("form.name.required");
  });

  it("allows 60 characters and refuses 61 as too long", () => {
    expect(NameSchema.safeParse("n".repeat(60)).success).toBe(true);
    expect(messages(NameSchema, "n".repeat(61))).toEqual(["form.name.tooLong"]);
  });

  it("trims the name", () => {
    expect(NameSchema.parse("  Su Wan ")).toBe("Su Wan");
    expect(ProfileSchema.parse({ name: " Su Wan " })).toEqual({ name: "Su Wan" });
  });
});

describe("LoginFormSchema", () => {
  it("checks presence of the password only (no length policy at sign-in)", () => {
    expect(LoginFormSchema.safeParse({ email: "a@example.com", password: "x" }).success).toBe(true);
    expect(messages(LoginFormSchema, { email: "a@example.com", password: "" })).toEqual(["form.password.required"]);
  });
});

describe("ChangePasswordSchema", () => {
  it("refuses a new password equal to the current one, on the newPassword field", () => {
    const result = ChangePasswordSchema.safeParse({ currentPassword: "same password", newPassword: "same password" });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ["newPassword"], message: "form.newPassword.same" }),
    ]);
  });

  it("accepts a different new password of a valid length", () => {
    expect(
      ChangePasswordSchema.safeParse({ currentPassword: "old password", newPassword: "new password" }).success,
    ).toBe(true);
  });

  it("asks for the current password", () => {
    expect(messages(ChangePasswordSchema, { currentPassword: "", newPassword: "new password" })).toEqual([
      "form.currentPassword.required",
    ]);
  });
});

describe("parseForm", () => {
  it("returns the parsed, normalised data", () => {
    const result = parseForm(
      RegisterFormSchema,
      form([
        ["name", " Su Wan "],
        ["email", " SU@Example.com "],
        ["password", "long enough"],
      ]),
    );
    expect(result).toEqual({ ok: true, data: { name: "Su Wan", email: "su@example.com", password: "long enough" } });
  });

  it("returns the first message per field", () => {
    const result = parseForm(
      RegisterFormSchema,
      form([
        ["email", "nope"],
        ["password", ""],
      ]),
    );
    expect(result).toEqual({
      ok: false,
      errors: { name: "form.name.required", email: "form.email.invalid", password: "form.password.required" },
    });
  });

  it("uses the first value when a field is sent twice", () => {
    const result = parseForm(
      LoginFormSchema,
      form([
        ["email", "first@example.com"],
        ["email", "second@example.com"],
        ["password", "pw"],
      ]),
    );
    expect(result.ok && result.data.email).toBe("first@example.com");
  });

  it("files issues without a path under `form`", () => {
    const schema = z.object({ a: z.string() }).refine(() => false, { message: "whole form" });
    expect(parseForm(schema, form([["a", "x"]]))).toEqual({ ok: false, errors: { form: "whole form" } });
  });

  it("ignores fields the schema does not know", () => {
    const result = parseForm(
      ProfileSchema,
      form([
        ["name", "Mei"],
        ["role", "ADMIN"],
      ]),
    );
    expect(result).toEqual({ ok: true, data: { name: "Mei" } });
  });
});
