// Trusting JSON from outside (the service, localStorage, a policy file) only once it passed its
// JSON Schema: the widget's stand-in for zod, which it cannot afford (15 KiB budget).
import { checkJson, type JsonSchema } from '../../shared/consent/json-check';

/**
 * `value` as `T` once it passed `schema`, the JSON Schema generated from T's zod schema (so the
 * check and the type say the same thing); otherwise an error naming `what`, the path and the fix.
 */
export function checked<T>(schema: JsonSchema, value: unknown, what: string): T {
  const r = checkJson(schema, value);
  if (!r.ok)
    throw new Error(
      `custodian-consent: ${what} is malformed at ${r.path || '(root)'}: ${r.message}`,
    );
  // The one cast of boundary data in the widget: checkJson just proved the shape.
  return value as T;
}
