// Reads a staff policy from untrusted JSON text (the options page, managed storage) into either
// the policy or a list of problems, each naming the field and how to fix it.
import type { z } from 'zod';
import { StaffPolicySchema, type StaffPolicy } from '../schema/policy';

/** One problem in a policy, at a dotted path such as `roles.support.reveal.phon`. */
export interface PolicyProblem {
  path: string;
  message: string;
}

export type PolicyResult =
  { ok: true; policy: StaffPolicy } | { ok: false; problems: PolicyProblem[] };

/**
 * Parses policy JSON (text or an already-parsed value, as managed storage gives it).
 *
 * @example
 *   parsePolicy('{"version":"1","protect":["ftp://x/*"]}');
 *   // { ok: false, problems: [{ path: 'protect.0', message: 'must be a match pattern …' }] }
 */
export function parsePolicy(input: string | unknown): PolicyResult {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        problems: [
          { path: '(json)', message: `not valid JSON (${detail}); check quotes and commas` },
        ],
      };
    }
  }
  const parsed = StaffPolicySchema.safeParse(value);
  if (parsed.success) return { ok: true, policy: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.flatMap(toProblems),
  };
}

const dotted = (path: readonly PropertyKey[]): string =>
  path.map(String).join('.') || '(top level)';

/** Zod reports unknown keys at their object and bad record keys without the key's own rule. */
function toProblems(issue: z.core.$ZodIssue): PolicyProblem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: dotted([...issue.path, key]),
      message: `unknown key "${key}"; check its spelling or remove it`,
    }));
  }
  if (issue.code === 'invalid_key') {
    return [{ path: dotted(issue.path), message: issue.issues[0]?.message ?? issue.message }];
  }
  return [{ path: dotted(issue.path), message: issue.message }];
}
