import type { InputHTMLAttributes } from "react";
import { isMessageKey, useT } from "~/i18n";

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
      <label htmlFor={id}>{label}</label>
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
export function FormError({ message }: { message?: string | null }) {
  const t = useT();
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {isMessageKey(message) ? t(message) : message}
    </p>
  );
}
