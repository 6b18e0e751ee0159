// Trusting data that reaches the content script (storage, messages) only once it passed the JSON
// Schema generated from its zod schema: zod itself is too heavy to load at document_start.
import { checkJson, type JsonSchema } from '../../../shared/consent/json-check';

/** A check's verdict; a refusal names the field and the rule broken, never the value. */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * `value` as `T` once it passed `schema`, the JSON Schema generated from T's zod schema
 * (shared/schema/json), so the check and the type say the same thing.
 */
export function checked<T>(schema: JsonSchema, value: unknown): Checked<T> {
  const r = checkJson(schema, value);
  if (!r.ok) return { ok: false, reason: `malformed at ${r.path || '(root)'}: ${r.message}` };
  // The one cast of boundary data in the content script: checkJson just proved the shape.
  return { ok: true, value: value as T };
}
