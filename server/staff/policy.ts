// The staff policy the extension enforces (issue 6), published by an admin and served as a C2SP
// signed note under the service's key, so a policy changed on the way, or in the extension's
// storage, is refused there. Every publication is a ledger entry with the hash of the note's text.
//
// - A version names one content: republishing the current text is a no-op; other content under a
//   version published before is refused, since extensions fetch a policy only when its version
//   changes and would keep the old one.
import { policyNoteText, readPolicyNoteText } from '../../shared/access';
import { signNote, toHex } from '../../shared/ledger';
import { parsePolicy } from '../../shared/policy';
import { DEFAULT_TIME_ZONE, type StaffPolicy } from '../../shared/schema/policy';
import type { SignedPolicy } from '../../shared/schema/staff';
import { done, refuse, type Outcome } from '../consent/problems';
import { nodeHasher } from '../ledger/node-crypto';
import { isoAt, record, type GovernanceContext } from './context';

/** The policy in force, parsed (defaults filled in), with its signed form. */
export interface PublishedPolicy {
  signed: SignedPolicy;
  policy: StaffPolicy;
}

const badPolicy = <T>(problems: string): Outcome<T> =>
  refuse(400, 'bad-policy', `The staff policy is not valid: ${problems}.`);

/** Parsed policies by row id: the stored text is parsed once, not on every reveal. */
const parsedCache = new WeakMap<GovernanceContext, { id: number; value: PublishedPolicy }>();

/**
 * The published policy, or undefined before the first. Read from the store each time (the command
 * line may publish while the server runs), parsed only when it changed.
 *
 * @example
 *   currentPolicy(ctx)?.policy.rules.timeZone; // 'Asia/Shanghai'
 */
export function currentPolicy(ctx: GovernanceContext): PublishedPolicy | undefined {
  const row = ctx.store.policy();
  if (!row) return undefined;
  const cached = parsedCache.get(ctx);
  if (cached?.id === row.id) return cached.value;
  const policy = readPolicyNoteText(row.text);
  if (!policy.ok) {
    throw new Error(`governance.db: the stored staff policy is damaged (${policy.error}).`);
  }
  const value = { signed: { version: row.version, note: row.note }, policy: policy.value };
  parsedCache.set(ctx, { id: row.id, value });
  return value;
}

/** The rules' time zone: the policy's, or the default before a policy is published. */
export const rulesTimeZone = (ctx: GovernanceContext): string =>
  currentPolicy(ctx)?.policy.rules.timeZone ?? DEFAULT_TIME_ZONE;

/**
 * The signed policy (`GET /v1/staff/policy`, `GET /v1/admin/policy`); 404 before the first.
 *
 * @example
 *   signedPolicy(ctx); // { ok: true, value: { version: '2026-11-01', note: 'custodian-staff-policy/1\n…' } }
 */
export function signedPolicy(ctx: GovernanceContext): Outcome<SignedPolicy> {
  const current = currentPolicy(ctx);
  if (!current) {
    return refuse(
      404,
      'no-policy',
      'No staff policy is published yet. An admin publishes one: PUT /v1/admin/policy, or npm run staff -- policy publish FILE.',
    );
  }
  return done(current.signed);
}

/**
 * Publishes a staff policy (`PUT /v1/admin/policy`): 400 listing every problem (`path: message`).
 *
 * @example
 *   publishPolicy(ctx, 'li.wei', JSON.parse(readFileSync('crm-policy.json', 'utf8')));
 *   // { ok: true, value: { version: '2026-11-01', note: '…' } }
 */
export function publishPolicy(
  ctx: GovernanceContext,
  by: string,
  input: unknown,
): Outcome<SignedPolicy> {
  const parsed = parsePolicy(input);
  if (!parsed.ok) {
    return badPolicy(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  }
  const text = policyNoteText(input);
  if (!text.ok) return badPolicy(text.error);
  const { version } = parsed.policy;
  return ctx.store.transaction(() => {
    const current = ctx.store.policy();
    if (current && current.version === version && current.text === text.value) {
      return done<SignedPolicy>({ version, note: current.note });
    }
    if (ctx.store.policyTexts(version).some((t) => t !== text.value)) {
      return badPolicy<SignedPolicy>(
        `version: "${version}" was published before with other content; give this policy a new version (extensions fetch a policy when its version changes)`,
      );
    }
    const note = signNote(text.value, ctx.key.signer);
    // The text ends with a newline and the key's name is the ledger's: failing is a bug here.
    if (!note.ok) throw new Error(`the staff policy could not be signed: ${note.error}`);
    const now = ctx.now();
    const textHash = toHex(nodeHasher.sha256(new TextEncoder().encode(text.value)));
    ctx.store.insertPolicy({
      version,
      text: text.value,
      note: note.value,
      textHash,
      publishedAt: isoAt(now),
      by,
    });
    record(ctx, { kind: 'policy-published', by, at: isoAt(now), version, textHash });
    return done<SignedPolicy>({ version, note: note.value });
  });
}
