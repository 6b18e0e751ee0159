// The staff policy: which pages the extension protects, what each role may reveal, and the site
// rules for values the text engine cannot recognise (R11, R12, R15). Admins write it as JSON.
import { z } from 'zod';
import { PiiTypeSchema } from './pii';
import { BehaviourRulesSchema } from './rules';

/** Longest reveal a policy may set: a revealed value is on screen, so minutes, not hours. */
export const MAX_REVEAL_SECONDS = 600;
/** Reveal time when the policy names none (issue 3: "default 30 s"). */
export const DEFAULT_REVEAL_SECONDS = 30;
/** The rules' zone when the policy names none: the policies are Chinese companies'. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * A page pattern, in Chrome's match-pattern form (`https://crm.example.com/*`,
 * `*://*.example.com/*`, `<all_urls>`): scheme (`http`, `https` or `*`), host (exact, `*`, or
 * `*.` plus a domain), then a path that may contain `*`. Ports are matched when given.
 */
export const UrlPatternSchema = z
  .string()
  .trim()
  .regex(
    /^(<all_urls>|(\*|https?):\/\/(\*|(\*\.)?[^/*:]+)(:\d{1,5})?\/.*)$/,
    'must be a match pattern such as "https://crm.example.com/*", "*://*.example.com/*" or "<all_urls>"',
  );
export type UrlPattern = z.infer<typeof UrlPatternSchema>;

/** A CSS selector whose elements' text is a PII value of one type (e.g. `td.customer-name`). */
export const SelectorRuleSchema = z.strictObject({
  selector: z.string().trim().min(1, 'must be a CSS selector such as "td.customer-name"'),
  type: PiiTypeSchema,
});
export type SelectorRule = z.infer<typeof SelectorRuleSchema>;

/** Rules for the pages of one site. */
export const SiteRuleSchema = z.strictObject({
  /** The pages these rules apply to. */
  match: z.array(UrlPatternSchema).min(1, 'list at least one page pattern'),
  /** Elements whose whole text is a value of a type the engine cannot find alone (names, addresses). */
  selectors: z.array(SelectorRuleSchema).default([]),
  /** A faint staff-id-and-time watermark over the page (R15: deters photographing the screen). */
  watermark: z.boolean().default(false),
});
export type SiteRule = z.infer<typeof SiteRuleSchema>;

/**
 * How much of a value a reveal shows (R12): `partial` shows the value in its partial form
 * (`partialForm` in shared/pii: e.g. a card's first six and last four digits), `full` shows it
 * whole. A type the role may not reveal at all ("none") is simply absent from `reveal`.
 */
export const RevealAccessSchema = z.enum(['partial', 'full']);
export type RevealAccess = z.infer<typeof RevealAccessSchema>;

/** What a role may do with one PII type. */
export const RevealRuleSchema = z.strictObject({
  /** The staff member must say why before the value shows (the reason is logged). */
  reasonRequired: z.boolean().default(false),
  access: RevealAccessSchema.default('full'),
  /** Only on these pages (e.g. the support desk but not the marketing tool); absent: every protected page. */
  sites: z
    .array(UrlPatternSchema)
    .min(1, 'list at least one page pattern, or leave "sites" out')
    .optional(),
  /**
   * Revealable while the audit service cannot be reached, from the cached policy alone (issue 6):
   * the reveal is logged as an offline one and the service counts it when it arrives.
   */
  offline: z.boolean().default(false),
});
export type RevealRule = z.infer<typeof RevealRuleSchema>;

/** A role: the PII types it may reveal (absent = never) and whether it may pause protection. */
export const RoleSchema = z.strictObject({
  reveal: z.partialRecord(PiiTypeSchema, RevealRuleSchema).default({}),
  /** Pausing shows every value unmasked on a tab until resumed; the pause itself is logged. */
  mayPause: z.boolean().default(false),
});
export type Role = z.infer<typeof RoleSchema>;

/** A role name: letters, digits, `-` and `_` (e.g. `support`, `data-admin`). */
export const RoleNameSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9_-]{0,39}$/,
    'must be lower-case letters, digits, "-" or "_" (e.g. "support")',
  );

/**
 * The staff policy. Until one is installed the extension applies `FAIL_CLOSED_POLICY`.
 *
 * @example
 *   StaffPolicySchema.parse({
 *     version: '2026-11-01',
 *     protect: ['https://crm.example.com/*'],
 *     sites: [{ match: ['https://crm.example.com/*'], selectors: [{ selector: 'td.name', type: 'name' }] }],
 *     roles: { support: { reveal: { phone: { reasonRequired: true } } } },
 *   });
 */
export const StaffPolicySchema = z.strictObject({
  /** Any label the admin uses to tell policies apart; it goes into every event. */
  version: z.string().trim().min(1, 'give the policy a version, e.g. "2026-11-01"').max(64),
  /** Pages masked. Everything else is left alone. */
  protect: z.array(UrlPatternSchema).min(1, 'list at least one page pattern to protect'),
  /** Pages never masked even when `protect` matches them (e.g. the company's own login page). */
  exclude: z.array(UrlPatternSchema).default([]),
  sites: z.array(SiteRuleSchema).default([]),
  roles: z.record(RoleNameSchema, RoleSchema).default({}),
  revealSeconds: z.number().int().min(1).max(MAX_REVEAL_SECONDS).default(DEFAULT_REVEAL_SECONDS),
  /** Behaviour rules (R16); the time zone also sets when an unlock ends (the local midnight). */
  rules: BehaviourRulesSchema.prefault({ timeZone: DEFAULT_TIME_ZONE }),
});
export type StaffPolicy = z.infer<typeof StaffPolicySchema>;
/** The policy as written, before defaults are filled in. */
export type StaffPolicyInput = z.input<typeof StaffPolicySchema>;

/** Who runs this browser: set by managed storage or the options page until enrollment exists. */
export const StaffIdentitySchema = z.strictObject({
  staffId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be the staff number, e.g. "CS-0420"'),
  role: RoleNameSchema,
});
export type StaffIdentity = z.infer<typeof StaffIdentitySchema>;

/**
 * The policy in force when none is installed: every http(s) page is protected and no role may
 * reveal or pause. Failing closed means a fresh install never shows a raw value.
 */
export const FAIL_CLOSED_POLICY: StaffPolicy = StaffPolicySchema.parse({
  version: 'none (fail closed)',
  protect: ['<all_urls>'],
});

/** Where the policy in force came from. */
export const PolicySourceSchema = z.enum(['managed', 'server', 'options', 'fail-closed']);
export type PolicySource = z.infer<typeof PolicySourceSchema>;

/** The policy in force on a browser, with its identity and why a configured policy was refused. */
export const PolicyStateSchema = z.strictObject({
  policy: StaffPolicySchema,
  source: PolicySourceSchema,
  identity: StaffIdentitySchema.nullable(),
  /** Why a configured policy was not used (the policy is then FAIL_CLOSED_POLICY). */
  problems: z.array(z.strictObject({ path: z.string(), message: z.string() })),
  /** Whether the identity is pinned by the administrator (managed storage). */
  identityManaged: z.boolean(),
  /**
   * Set when the browser is enrolled with the audit service (issue 6): the staff member, and the
   * roles their grants give them now. `identity` then holds the first of those roles (null when
   * they hold none); reveals are decided by the service, not by `identity`.
   */
  staff: z
    .strictObject({
      staffId: StaffIdentitySchema.shape.staffId,
      name: z.string(),
      roles: z.array(RoleNameSchema),
    })
    .optional(),
});
export type PolicyState = z.infer<typeof PolicyStateSchema>;
