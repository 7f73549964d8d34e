/** Form parsing shared by every route action: zod over FormData. */
import type { z } from "zod";

export type FieldErrors = Partial<Record<string, string>>;

export type Parsed<T extends z.ZodType> = { ok: true; data: z.infer<T> } | { ok: false; errors: FieldErrors };

/** A text field's value, or "" when it is absent or a file (never "[object File]"). */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/** Parses FormData with a schema (first value per name); returns data or the first message per field. */
export function parseForm<T extends z.ZodType>(schema: T, form: FormData): Parsed<T> {
  const raw: Record<string, FormDataEntryValue> = {};
  for (const [key, value] of form.entries()) {
    if (!(key in raw)) raw[key] = value;
  }
  return parseFields(schema, raw);
}

/** Parses an already-decoded set of fields with a schema. */
export function parseFields<T extends z.ZodType>(schema: T, raw: Record<string, unknown>): Parsed<T> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? "form");
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}
