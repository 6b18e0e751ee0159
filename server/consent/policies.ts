// Publishing consent policies (R7): each version is parsed with its cross-field rules, must be
// newer than the site's current one, and is written to the ledger with the hash of each
// language's shown text, so the exact text a receipt refers to is on record.
import { ValidConsentPolicySchema, type Language, type PolicyResponse } from '../../shared/schema';
import { canonicalize } from '../../shared/ledger';
import { shownText } from '../../shared/consent';
import { nodeHasher } from '../ledger/node-crypto';
import { isoAt, logKeyed, type ConsentContext } from './context';
import { done, issuesText, refuse, type Outcome } from './problems';
import type { PolicyRow, SiteRow, TextHashes } from './store';

/** The ledger kind of a published policy version. */
export const POLICY_KIND = 'consent-policy';

/**
 * SHA-256 (hex) of the RFC 8785 canonical JSON of each language's shown text: what a decision's
 * `textHash` must equal.
 *
 * @example
 *   policyTextHashes(policy).en; // '3f0c…' (64 hex digits)
 */
export function policyTextHashes(policy: PolicyResponse['policy']): TextHashes {
  const hash = (language: Language) => {
    const text = canonicalize(shownText(policy, language));
    // A parsed policy is plain JSON; failing here would be a bug, not bad input.
    if (!text.ok) throw new Error(`shown text is not JSON at ${text.error.path}`);
    return Buffer.from(nodeHasher.sha256(Buffer.from(text.text, 'utf8'))).toString('hex');
  };
  return { 'zh-CN': hash('zh-CN'), en: hash('en') };
}

/**
 * An origin as browsers send it in `Origin`: scheme, host and port only.
 *
 * @example
 *   parseOrigin('http://127.0.0.1:8787'); // 'http://127.0.0.1:8787'
 *   parseOrigin('https://shop.example/path'); // undefined
 */
export function parseOrigin(text: string): string | undefined {
  try {
    const url = new URL(text);
    const bare = text.replace(/\/$/, '');
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === bare
      ? url.origin
      : undefined;
  } catch {
    return undefined;
  }
}

/** Checks a list of origins; the message names the first bad one (origins are not personal). */
function checkOrigins(origins: readonly string[]): Outcome<string[]> {
  const out: string[] = [];
  for (const origin of origins) {
    const parsed = parseOrigin(origin);
    if (!parsed) {
      return refuse(
        400,
        'bad_origin',
        `${JSON.stringify(origin)} is not an origin: give scheme, host and port only, e.g. https://shop.example or http://127.0.0.1:8787.`,
      );
    }
    if (!out.includes(parsed)) out.push(parsed);
  }
  return done(out);
}

/**
 * Publishes a policy version. `origins`, when given, replace the site's allowed CORS origins.
 * Refuses (409) a version that is not higher than the site's current one.
 *
 * @example
 *   publishPolicy(ctx, JSON.parse(readFileSync('shop-policy.v2.json', 'utf8')), ['https://shop.example']);
 *   // { ok: true, value: { policy, textHashes, publishedAt, ledgerIndex } }
 */
export function publishPolicy(
  ctx: ConsentContext,
  input: unknown,
  origins?: readonly string[],
): Outcome<PolicyRow> {
  const parsed = ValidConsentPolicySchema.safeParse(input);
  if (!parsed.success) {
    return refuse(
      400,
      'bad_policy',
      `The policy is not valid: ${issuesText(parsed.error.issues)}.`,
    );
  }
  const policy = parsed.data;
  const checked = origins ? checkOrigins(origins) : done(undefined);
  if (!checked.ok) return checked;
  const textHashes = policyTextHashes(policy);
  return ctx.store.transaction(() => {
    const current = ctx.store.site(policy.site)?.currentVersion ?? null;
    if (current !== null && policy.version <= current) {
      return refuse<PolicyRow>(
        409,
        'version_not_higher',
        `Site "${policy.site}" already has version ${current}; a new policy needs a higher ` +
          `"version" (${current + 1} or more). Published versions never change: receipts refer to them.`,
      );
    }
    const publishedAt = isoAt(ctx.now());
    const [stored] = logKeyed(ctx, POLICY_KIND, [
      {
        key: `${policy.site}/${policy.version}`,
        payload: { site: policy.site, version: policy.version, textHashes, policy },
      },
    ]);
    const row: PolicyRow = { policy, textHashes, publishedAt, ledgerIndex: stored!.index };
    ctx.store.putSite(policy.site, checked.value, publishedAt);
    ctx.store.insertPolicy(row);
    return done(row);
  });
}

/** Replaces a site's allowed CORS origins. */
export function setOrigins(
  ctx: ConsentContext,
  site: string,
  origins: readonly string[],
): Outcome<SiteRow> {
  const checked = checkOrigins(origins);
  if (!checked.ok) return checked;
  if (!ctx.store.site(site)) return unknownSite(site);
  ctx.store.putSite(site, checked.value, isoAt(ctx.now()));
  return done(ctx.store.site(site)!);
}

export const unknownSite = <T = never>(site: string): Outcome<T> =>
  refuse(
    404,
    'unknown_site',
    `No consent policy is published for site "${site}". Check the site id in the widget's ` +
      'data-site attribute, or publish one: npm run consent -- publish policy.json --origin https://your.site',
  );

/**
 * The site's current policy (or `version`, when given) with its text hashes.
 *
 * @example
 *   policyFor(ctx, 'shop'); // { ok: true, value: { policy, textHashes: { 'zh-CN': '…', en: '…' } } }
 */
export function policyFor(
  ctx: ConsentContext,
  site: string,
  version?: number,
): Outcome<PolicyResponse> {
  const current = ctx.store.site(site)?.currentVersion;
  if (current === undefined || current === null) return unknownSite(site);
  const row = ctx.store.policy(site, version ?? current);
  if (!row) {
    return refuse(
      404,
      'unknown_version',
      `Site "${site}" has no policy version ${version}; its current version is ${current}.`,
    );
  }
  return done({ policy: row.policy, textHashes: row.textHashes });
}
