// The staff policy as the audit service signs it (issue 6): a C2SP signed note whose text is a
// header line and the policy's RFC 8785 canonical JSON on one line. The extension refuses a note
// whose signature or schema fails and keeps its last good policy.
import { canonicalize } from '../ledger/canonical-json';
import { err, ok, type Result } from '../ledger/result';
import { parsePolicy, type PolicyProblem } from '../policy/parse';
import type { StaffPolicy } from '../schema/policy';

/** The note's first line: names the format, so a consent receipt can never pass for a policy. */
export const POLICY_NOTE_HEADER = 'custodian-staff-policy/1';

/**
 * The text to sign for a policy: the header, then the canonical JSON of the policy as written
 * (defaults are filled in by whoever reads it, with the same schema).
 *
 * @example
 *   policyNoteText({ version: '1', protect: ['<all_urls>'] });
 *   // { ok: true, value: 'custodian-staff-policy/1\n{"protect":["<all_urls>"],"version":"1"}\n' }
 */
export function policyNoteText(policy: unknown): Result<string> {
  const parsed = parsePolicy(policy);
  if (!parsed.ok) return err(problemsText(parsed.problems));
  // JSON text (which parsePolicy accepts too) is signed as the value it holds, not as a string:
  // readPolicyNoteText could not read the note back otherwise. It parsed above, so this cannot throw.
  const value: unknown = typeof policy === 'string' ? JSON.parse(policy) : policy;
  const canonical = canonicalize(value);
  if (!canonical.ok)
    return err(`the policy is not JSON: ${canonical.error.path}: ${canonical.error.reason}`);
  // RFC 8785 writes DEL as it is, and a signed note may not hold it: refuse here, as a problem
  // with the policy, rather than fail when signing.
  if (canonical.text.includes('\u007f'))
    return err('the policy holds the control character DEL (U+007F); remove it from its strings');
  return ok(`${POLICY_NOTE_HEADER}\n${canonical.text}\n`);
}

/**
 * Reads the policy out of a note's verified text (what `openNote` returns). The signature is the
 * caller's job: this checks the layout and the schema.
 *
 * @example
 *   readPolicyNoteText('custodian-staff-policy/1\n{"protect":["<all_urls>"],"version":"1"}\n');
 *   // { ok: true, value: { version: '1', protect: ['<all_urls>'], … } }
 */
export function readPolicyNoteText(text: string): Result<StaffPolicy> {
  const [header, json, rest, ...more] = text.split('\n');
  if (header !== POLICY_NOTE_HEADER || json === undefined || rest !== '' || more.length > 0) {
    return err(
      `This note is not a staff policy: expected the line ${POLICY_NOTE_HEADER}, then the policy's JSON on one line.`,
    );
  }
  const parsed = parsePolicy(json);
  if (!parsed.ok)
    return err(`The signed policy does not pass the schema: ${problemsText(parsed.problems)}`);
  return ok(parsed.policy);
}

const problemsText = (problems: readonly PolicyProblem[]): string =>
  problems.map((p) => `${p.path}: ${p.message}`).join('; ');
