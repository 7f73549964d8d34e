import type { InputHTMLAttributes } from "react";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/auth/schemas";
import { isMessageKey, useT, type Vars } from "~/i18n";

/** A labelled input with its error message tied to it for screen readers. */
export function Field({
  label,
  name,
  error,
  hint,
  ...input
}: { label: string; name: string; error?: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const t = useT();
  const id = input.id ?? `field-${name}`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>{" "}
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {error ? (
        <p id={errorId} className="field-error">
          {isMessageKey(error) ? t(error) : error}
        </p>
      ) : null}
    </div>
  );
}

/** A form-level error summary, announced when the page loads with it. */
export function FormError({ message, vars }: { message?: string | null; vars?: Vars }) {
  const t = useT();
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {isMessageKey(message) ? t(message, vars) : message}
    </p>
  );
}

type PresetProps = { error?: string; defaultValue?: string };

export function NameField({ error, defaultValue }: PresetProps) {
  const t = useT();
  return (
    <Field
      label={t("form.name")}
      name="name"
      autoComplete="name"
      required
      maxLength={60}
      defaultValue={defaultValue}
      error={error}
    />
  );
}

export function EmailField({ error, defaultValue }: PresetProps) {
  const t = useT();
  return (
    <Field
      label={t("form.email")}
      name="email"
      type="email"
      autoComplete="email"
      inputMode="email"
      required
      defaultValue={defaultValue}
      error={error}
    />
  );
}

/** A password field: "current" for sign-in checks, "new" with the length rule as a hint. */
export function PasswordField({
  kind,
  name,
  label,
  error,
}: {
  kind: "current" | "new";
  name: string;
  label: string;
  error?: string;
}) {
  const t = useT();
  return kind === "new" ? (
    <Field
      label={label}
      name={name}
      type="password"
      autoComplete="new-password"
      required
      minLength={PASSWORD_MIN}
      hint={t("form.password.hint", { min: PASSWORD_MIN, max: PASSWORD_MAX })}
      error={error}
    />
  ) : (
    <Field label={label} name={name} type="password" autoComplete="current-password" required error={error} />
  );
}
