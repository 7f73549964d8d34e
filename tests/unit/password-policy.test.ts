import { describe, expect, it } from "vitest";
import { checkPasswordPolicy, utf8Length } from "~/auth/password-policy.server";
import { PasswordSchema } from "~/auth/schemas";

function reason(password: string, user: { email?: string; name?: string } = {}) {
  const result = checkPasswordPolicy(password, user);
  return result.ok ? "ok" : result.error;
}

describe("password policy", () => {
  it("refuses common English passwords and says they are common", () => {
    expect(reason("password123")).toBe("email.password.common");
    expect(reason("qwertyuiop")).toBe("email.password.common");
    expect(reason("iloveyou1")).toBe("email.password.common");
    expect(reason("12345678")).toBe("email.password.common");
  });

  it("refuses guessable Indonesian passwords (language-id dictionary)", () => {
    for (const password of ["sayangkamu", "rahasia123", "indonesia1945", "bismillah"]) {
      expect(reason(password), password).not.toBe("ok");
    }
    expect(reason("sayangkamu")).toBe("email.password.guessable");
  });

  it("explains keyboard patterns, repeats and sequences", () => {
    expect(reason("zxcvbnm,./")).toBe("email.password.keyboard");
    expect(reason("aaaaaaaaaaaa")).toBe("email.password.repeat");
    expect(reason("abcdefghij")).toBe("email.password.sequence");
  });

  it("accepts passphrases and random-looking passwords", () => {
    expect(reason("lantern river pepper kite")).toBe("ok");
    expect(reason("kopi susu di pagi hujan")).toBe("ok");
    expect(reason("correct horse battery")).toBe("ok");
    expect(reason("pw-mhx7abc-12345-1-long")).toBe("ok");
    expect(reason("G7#qv!2mZp")).toBe("ok");
  });

  it("refuses a password built from the user's email or name", () => {
    const user = { email: "siti.rahma88@example.com", name: "Siti Rahmawati" };
    expect(reason("siti.rahma88 is here", user)).toBe("email.password.personal");
    expect(reason("Rahmawati forever 7", user)).toBe("email.password.personal");
    expect(reason("sitirahmawati!", user)).toBe("email.password.personal");
    // Short name parts alone do not rule a word out.
    expect(reason("kite lantern pepper river", { email: "ki@example.com", name: "Li Ki" })).toBe("ok");
    expect(reason("lantern river pepper kite", user)).toBe("ok");
  });

  it("counts UTF-8 bytes for the 72 limit (bcrypt ignores the rest) and characters for the 8 minimum", () => {
    expect(utf8Length("é")).toBe(2);
    expect(utf8Length("密")).toBe(3);
    expect(utf8Length("😀")).toBe(4);
    const seventyTwo = "lantern river pepper kite ".repeat(3).slice(0, 72);
    expect(utf8Length(seventyTwo)).toBe(72);
    expect(reason(seventyTwo)).toBe("ok");
    expect(reason(`${seventyTwo}x`)).toBe("email.password.tooLong");
    expect(reason("é".repeat(37))).toBe("email.password.tooLong"); // 37 characters, 74 bytes
    expect(reason("密".repeat(25))).toBe("email.password.tooLong"); // 25 characters, 75 bytes
    expect(reason("密码安全很重要的事情吧密码安全很重要的事情吧")).toBe("ok"); // 22 characters, 66 bytes
    expect(reason("😀".repeat(7))).toBe("form.password.tooShort"); // 28 bytes but 7 characters
    expect(reason("")).toBe("form.password.required");
  });

  it("matches the zod shape check on length", () => {
    const messages = (value: string) => {
      const result = PasswordSchema.safeParse(value);
      return result.success ? [] : result.error.issues.map((issue) => issue.message);
    };
    expect(messages("a".repeat(73))).toEqual(["email.password.tooLong"]);
    expect(messages("é".repeat(37))).toEqual(["email.password.tooLong"]);
    expect(messages("😀".repeat(7))).toEqual(["form.password.tooShort"]);
    expect(messages("a".repeat(72))).toEqual([]);
  });
});

describe("cost of a check", () => {
  it("stays bounded for long l33t-heavy passwords (these took 1–2 s each with the defaults)", () => {
    checkPasswordPolicy("warm up the dictionaries");
    const started = performance.now();
    for (const password of [
      "4@3!1$0+".repeat(9),
      "a1!".repeat(24),
      "l0v3l0v3l0v3".repeat(6),
      "@!|1$0+3".repeat(9),
      "1!1!1!1!".repeat(9),
    ]) {
      checkPasswordPolicy(password);
    }
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
