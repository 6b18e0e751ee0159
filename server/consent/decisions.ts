// A customer's decision (R3–R5, R7): checked against the version it was made under, signed as a
// receipt with the ledger's key, appended to the ledger, and stored. Resending the same decisionId
// gives the same receipt, so a widget whose answer was lost can simply send again.
//
// Rules, in the order they are checked:
// - a bad token is a 401 even for a resend (the caller claims a subject it cannot prove);
// - a known decisionId answers 200 with its receipt when it is the same decision of the same
//   subject (or no subject is claimed: a first decision whose answer, with the token, was lost);
//   another subject or other content is a 409;
// - the version must be published on this site; textHash must be the service's hash of that
//   version's text in that language; choices must satisfy choicesProblem (GPC included);
// - verification is required for a decision that newly grants a purpose (one the subject's
//   receipts do not grant now): any, when the policy says 'always'; a sensitive one, for
//   'sensitive'. A withdrawal never waits for a code (R6). A token, when sent, must be usable
//   either way, and is spent;
// - grants lapse from decidedAt, but never later than from the moment the service recorded the
//   decision, so a browser clock set ahead cannot stretch a grant.
import { canonicalize, signNote } from '../../shared/ledger';
import { choicesProblem, decisionsFor, receiptText } from '../../shared/consent';
import {
  DecisionRequestSchema,
  type DecisionRequest,
  type DecisionResponse,
  type PurposeDecision,
  type ReceiptBody,
  type SignedReceipt,
} from '../../shared/schema';
import { isoAt, logKeyed, type ConsentContext } from './context';
import { unknownSite } from './policies';
import { done, issuesText, refuse, type Outcome } from './problems';
import { authenticate, createSubject } from './subjects';
import { usableToken, type UsableToken } from './verifications';

/** The ledger kind of a decision's receipt body. */
export const DECISION_KIND = 'consent-decision';

export interface RecordedDecision {
  /** True when this call stored the decision (201), false for a resend (200). */
  created: boolean;
  response: DecisionResponse;
}

/** The parts of a receipt that follow from the request, to compare a resend with the original. */
type RequestPart = Pick<
  ReceiptBody,
  'site' | 'policyVersion' | 'language' | 'textHash' | 'decisions' | 'method' | 'gpc' | 'decidedAt'
>;

function requestPart(b: RequestPart): string {
  const { site, policyVersion, language, textHash, decisions, method, gpc, decidedAt } = b;
  const text = canonicalize({
    site,
    policyVersion,
    language,
    textHash,
    decisions,
    method,
    gpc,
    decidedAt,
  });
  return text.ok ? text.text : '';
}

/** The receipt's decisions, lapsing from decidedAt or from `recordedAt`, whichever is earlier. */
function decisionsOf(
  policy: Parameters<typeof decisionsFor>[0],
  req: DecisionRequest,
  recordedAt: number,
) {
  return decisionsFor(
    policy,
    req.choices,
    new Date(Math.min(Date.parse(req.decidedAt), recordedAt)),
  );
}

/** The purposes the subject's latest receipts grant at `now` (the latest decision per purpose). */
function grantedNow(ctx: ConsentContext, subjectId: string, now: number): Set<string> {
  const latest = new Map<string, PurposeDecision>();
  for (const { body } of ctx.store.receiptsOf(subjectId)) {
    for (const d of body.decisions) latest.set(d.purpose, d);
  }
  const granted = new Set<string>();
  for (const [purpose, d] of latest) {
    if (d.granted && d.expiresAt !== null && Date.parse(d.expiresAt) > now) granted.add(purpose);
  }
  return granted;
}

/** Answers a resent decisionId with its stored receipt, or a 409 when it is not the same decision. */
function resend(
  ctx: ConsentContext,
  site: string,
  claimed: string | null,
  stored: { subject: string; receipt: SignedReceipt },
  req: DecisionRequest,
): Outcome<RecordedDecision> {
  const { body } = stored.receipt;
  const conflict = (why: string) =>
    refuse<RecordedDecision>(
      409,
      'decision_conflict',
      `The decisionId ${req.decisionId} is already recorded ${why}. Make a new UUIDv7 for every ` +
        'new decision; resend an id only with exactly the same decision.',
    );
  if ((claimed !== null && stored.subject !== claimed) || body.site !== site) {
    return conflict('for another subject or site');
  }
  const policy = ctx.store.policy(site, req.policyVersion)?.policy;
  const same =
    policy !== undefined &&
    requestPart({
      site,
      policyVersion: req.policyVersion,
      language: req.language,
      textHash: req.textHash,
      decisions: decisionsOf(policy, req, Date.parse(body.recordedAt)),
      method: req.method,
      gpc: req.gpc,
      decidedAt: req.decidedAt,
    }) === requestPart(body);
  if (!same) return conflict('with different content');
  return done({ created: false, response: { receipt: stored.receipt } });
}

/**
 * Records a decision (`POST /v1/consent/sites/:site/decisions`).
 *
 * @example
 *   recordDecision(ctx, 'shop', undefined, request);
 *   // { ok: true, value: { created: true, response: { receipt, subject: { subjectId, token } } } }
 */
export function recordDecision(
  ctx: ConsentContext,
  site: string,
  authorization: string | undefined,
  input: unknown,
): Outcome<RecordedDecision> {
  if (!ctx.store.site(site)) return unknownSite(site);
  const who = authenticate(ctx, site, authorization);
  if (!who.ok) return who;
  const parsed = DecisionRequestSchema.safeParse(input);
  if (!parsed.success) {
    return refuse(
      400,
      'bad_request',
      `The decision is not valid: ${issuesText(parsed.error.issues)}.`,
    );
  }
  const req = parsed.data;
  const claimed = who.value?.id ?? null;

  const stored = ctx.store.receipt(req.decisionId);
  if (stored) return resend(ctx, site, claimed, stored, req);

  const published = ctx.store.policy(site, req.policyVersion);
  if (!published) {
    return refuse(
      400,
      'unknown_version',
      `Site "${site}" has no policy version ${req.policyVersion}. Fetch GET …/policy and decide under the version it gives.`,
    );
  }
  const { policy } = published;
  if (req.textHash !== published.textHashes[req.language]) {
    return refuse(
      400,
      'text_hash_mismatch',
      `textHash is not the hash of version ${req.policyVersion}'s ${req.language} text. Send ` +
        `textHashes["${req.language}"] from GET …/policy for the version shown, and show that text unchanged.`,
    );
  }
  const choices = choicesProblem(policy, req.choices, req.gpc);
  if (choices) return refuse(400, 'bad_choices', `${choices}.`);

  // Only a new grant needs a code: keeping a grant in force while withdrawing something else, or
  // a withdrawal alone (a GPC one included), must stay one step (R6).
  const inForce = who.value ? grantedNow(ctx, who.value.id, ctx.now()) : new Set<string>();
  const newGrants = policy.purposes.filter(
    (p) => !p.required && req.choices[p.id] === true && !inForce.has(p.id),
  );
  const { when } = policy.verification;
  const required =
    (when === 'always' && newGrants.length > 0) ||
    (when === 'sensitive' && newGrants.some((p) => p.sensitive));
  let token: UsableToken | null = null;
  if (req.verificationToken !== undefined) {
    const usable = usableToken(ctx, site, req.verificationToken);
    if (!usable.ok) return usable;
    token = usable.value;
  } else if (required) {
    return refuse(
      400,
      'verification-required',
      (when === 'always'
        ? `Site "${site}" verifies every new grant`
        : 'Granting a sensitive purpose needs verification (R4, R5)') +
        ': POST …/verifications, confirm the code, then send the decision with verificationToken.',
    );
  }

  const now = ctx.now();
  return ctx.store.transaction(() => {
    // Everything below is written together: a failure anywhere (the ledger included) leaves no
    // subject, no spent token and no receipt behind, and the widget's resend starts clean.
    const subject = who.value ? null : createSubject(ctx, site);
    if (token) ctx.store.useToken(token.id, now);
    const body: ReceiptBody = {
      format: 'custodian-consent-receipt/1',
      receiptId: req.decisionId,
      subjectId: who.value?.id ?? subject!.subjectId,
      site,
      policyVersion: req.policyVersion,
      language: req.language,
      textHash: req.textHash,
      decisions: decisionsOf(policy, req, now),
      method: req.method,
      gpc: req.gpc,
      verification: token?.verification ?? null,
      decidedAt: req.decidedAt,
      recordedAt: isoAt(now),
    };
    const text = receiptText(body);
    const note = text.ok ? signNote(text.value, ctx.key.signer) : text;
    if (!note.ok) throw new Error(`consent receipt could not be signed: ${note.error}`);
    // Keyed by decisionId, so a decision is logged once. The one gap: if this transaction's commit
    // failed after the ledger's (two files cannot commit together), the resend's receipt points at
    // the first attempt's entry, whose recordedAt (and new subject, if any) differ from its own.
    const [logged] = logKeyed(ctx, DECISION_KIND, [{ key: req.decisionId, payload: body }]);
    const receipt: SignedReceipt = {
      body,
      note: note.value,
      publicKey: ctx.key.publicKey,
      ledgerIndex: logged!.index,
    };
    ctx.store.insertReceipt(receipt);
    return done<RecordedDecision>({
      created: true,
      response: subject ? { receipt, subject } : { receipt },
    });
  });
}
