// The consent side (issue 5, R1–R10): the versioned consent policy a site shows its customers, the
// decisions the widget sends, the signed receipts the service returns, and the subject's requests.
// The widget cannot afford zod's bytes, so it checks the JSON Schemas generated from these
// (shared/consent/json-check.ts); keep to what JSON Schema can say, and put cross-field rules in
// shared/consent/policy-problems.ts, which both sides run.
import { z } from 'zod';
import { UuidSchema } from './events';
import { policyProblems } from '../consent/policy-problems';
import { HashHexSchema } from './ledger';

/** The languages every text of a policy is written in (R1: plain language, both audiences). */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

/** A text in every language; the widget shows one, chosen from the page, then the browser. */
const Text = z.string().max(2000).regex(/\S/, 'must not be blank');
export const LocalizedTextSchema = z.strictObject({ 'zh-CN': Text, en: Text });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** Site and purpose ids: lower-case words joined by '-', as they appear in URLs and markup. */
const SLUG = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const SiteIdSchema = z
  .string()
  .max(40)
  .regex(SLUG, 'must be lower-case words joined by "-", e.g. "shop"');
export const PurposeIdSchema = z
  .string()
  .max(40)
  .regex(SLUG, 'must be lower-case words joined by "-", e.g. "marketing-email"');

/**
 * What a purpose is for. `necessary` purposes are shown but not toggled; Global Privacy Control
 * refuses `marketing` and `sharing` (see GPC_REFUSES).
 */
export const PurposeCategorySchema = z.enum([
  'necessary',
  'functional',
  'analytics',
  'marketing',
  'sharing',
]);
export type PurposeCategory = z.infer<typeof PurposeCategorySchema>;

/** A third party that receives data for a purpose (R8): named, with where it is. */
export const ThirdPartySchema = z.strictObject({
  name: LocalizedTextSchema,
  /** Country or region the recipient processes the data in. */
  location: LocalizedTextSchema,
});

/** One purpose of processing: what it needs, how long, who else gets it (R1, R2, R4, R8, R10). */
export const ConsentPurposeSchema = z.strictObject({
  id: PurposeIdSchema,
  category: PurposeCategorySchema,
  title: LocalizedTextSchema,
  /** One or two plain-language sentences: what is done and why. */
  summary: LocalizedTextSchema,
  /** The data fields this purpose needs, and no more (R2). */
  fields: z.array(LocalizedTextSchema).min(1).max(30),
  /** R11: 1 = direct harm if leaked (ID numbers, bank cards), 2 = contact details, 3 = statistics. */
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  /** How long the data is kept after the purpose ends (R10). */
  retentionDays: z.int().min(1).max(36500),
  /** How long a grant lasts before the customer is asked again (R4). */
  consentDays: z.int().min(1).max(3650),
  thirdParties: z.array(ThirdPartySchema).max(20),
  /** Strictly necessary: shown, never toggled, always on. */
  required: z.boolean(),
  /** Sensitive personal information (R4): asked on its own screen with an explicit statement. */
  sensitive: z.boolean(),
});
export type ConsentPurpose = z.infer<typeof ConsentPurposeSchema>;

/** Google Consent Mode v2 signals, each granted when every purpose listed for it is granted. */
export const GCM_SIGNALS = [
  'ad_storage',
  'analytics_storage',
  'ad_user_data',
  'ad_personalization',
] as const;
export const GoogleConsentModeSchema = z.strictObject({
  ad_storage: z.array(PurposeIdSchema).min(1),
  analytics_storage: z.array(PurposeIdSchema).min(1),
  ad_user_data: z.array(PurposeIdSchema).min(1),
  ad_personalization: z.array(PurposeIdSchema).min(1),
});
export type GoogleConsentMode = z.infer<typeof GoogleConsentModeSchema>;

export const VerificationChannelSchema = z.enum(['email', 'sms']);
export type VerificationChannel = z.infer<typeof VerificationChannelSchema>;

/**
 * A site's consent policy, one version of it. A new version (a higher `version`) makes the widget
 * ask again and show what changed (R7).
 */
export const ConsentPolicySchema = z.strictObject({
  schema: z.literal(1),
  site: SiteIdSchema,
  version: z.int().min(1),
  /** Who is responsible for the data, and how to reach them. */
  controller: z.strictObject({ name: LocalizedTextSchema, contact: z.string().min(3).max(200) }),
  /** The plain-language summary of the whole policy (隐私政策摘要版, R1). */
  summary: LocalizedTextSchema,
  /** The customer's rights and how to use them, in a sentence or two (R1, R6). */
  rights: LocalizedTextSchema,
  /** The full policy: an http(s) address, or a path on the site that embeds the widget. */
  fullPolicyUrl: z
    .string()
    .max(2000)
    .regex(/^(?:https?:\/\/|\/)\S*$/, 'must be an http(s) address or a path starting with "/"'),
  /** When a decision must be verified by a one-time code (R5), and through which channels. */
  verification: z.strictObject({
    when: z.enum(['never', 'sensitive', 'always']),
    channels: z.array(VerificationChannelSchema).min(1),
  }),
  purposes: z.array(ConsentPurposeSchema).min(1).max(30),
  googleConsentMode: GoogleConsentModeSchema.optional(),
});
export type ConsentPolicy = z.infer<typeof ConsentPolicySchema>;

/** The policy with its cross-field rules (policyProblems): what the service accepts to publish. */
export const ValidConsentPolicySchema = ConsentPolicySchema.superRefine((policy, ctx) => {
  for (const message of policyProblems(policy)) ctx.addIssue({ code: 'custom', message });
});

/** How a decision was made (R3, R6). */
export const ConsentMethodSchema = z.enum(['banner', 'privacy-center', 'gpc', 'api']);
export type ConsentMethod = z.infer<typeof ConsentMethodSchema>;

/** One decision per optional purpose of the version shown (R3: no bundling). */
export const ChoicesSchema = z.record(PurposeIdSchema, z.boolean());
export type Choices = z.infer<typeof ChoicesSchema>;

/** `POST /v1/consent/sites/:site/decisions`: what the customer chose under which text. */
export const DecisionRequestSchema = z.strictObject({
  /** UUIDv7 made by the widget: a decision resent after a lost answer is recorded once. */
  decisionId: UuidSchema,
  policyVersion: z.int().min(1),
  language: LanguageSchema,
  /** The hash the service gave for the text shown (`PolicyResponse.textHashes[language]`). */
  textHash: HashHexSchema,
  choices: ChoicesSchema,
  method: ConsentMethodSchema,
  /** The browser sent Global Privacy Control; marketing and sharing were refused for it. */
  gpc: z.boolean(),
  /** From `POST …/verifications/:id/confirm`, when the policy asks for verification. */
  verificationToken: z.string().min(16).max(200).optional(),
  /** When the customer decided (the widget's clock): a decision sent later keeps its moment. */
  decidedAt: z.iso.datetime(),
});
export type DecisionRequest = z.infer<typeof DecisionRequestSchema>;

/** The decision on one purpose, as the receipt states it. */
export const PurposeDecisionSchema = z.strictObject({
  purpose: PurposeIdSchema,
  granted: z.boolean(),
  /** When the grant lapses and the customer is asked again (R4); null for a refusal. */
  expiresAt: z.iso.datetime().nullable(),
});
export type PurposeDecision = z.infer<typeof PurposeDecisionSchema>;

/** What the service signs and writes to the ledger (kind `consent-decision`) for each decision. */
export const ReceiptBodySchema = z.strictObject({
  format: z.literal('custodian-consent-receipt/1'),
  receiptId: UuidSchema,
  /** Pseudonymous: random, never derived from who the customer is. */
  subjectId: z.string().regex(/^sub_[0-9a-z]{26}$/),
  site: SiteIdSchema,
  policyVersion: z.int().min(1),
  language: LanguageSchema,
  /** SHA-256 of the canonical JSON of the text shown (shared/consent shownText). */
  textHash: HashHexSchema,
  decisions: z.array(PurposeDecisionSchema),
  method: ConsentMethodSchema,
  gpc: z.boolean(),
  verification: z
    .strictObject({ channel: VerificationChannelSchema, verifiedAt: z.iso.datetime() })
    .nullable(),
  decidedAt: z.iso.datetime(),
  recordedAt: z.iso.datetime(),
});
export type ReceiptBody = z.infer<typeof ReceiptBodySchema>;

/** A receipt the customer keeps: the body, the C2SP signed note over it, and where it is logged. */
export const SignedReceiptSchema = z.strictObject({
  body: ReceiptBodySchema,
  /** `custodian-consent-receipt/1\n<canonical JSON of body>\n`, signed by the service's key. */
  note: z.string().min(1).max(20000),
  /** The verifier key, `<name>+<key hash>+<base64>`. */
  publicKey: z.string().min(1),
  ledgerIndex: z.int().min(0),
});
export type SignedReceipt = z.infer<typeof SignedReceiptSchema>;

/** `GET /v1/consent/sites/:site/policy`: the current version and the hash of each language's text. */
export const PolicyResponseSchema = z.strictObject({
  policy: ConsentPolicySchema,
  textHashes: z.strictObject({ 'zh-CN': HashHexSchema, en: HashHexSchema }),
});
export type PolicyResponse = z.infer<typeof PolicyResponseSchema>;

/** A deletion or copy request (R6, R9), tracked to completion. */
export const DataRequestSchema = z.strictObject({
  id: UuidSchema,
  kind: z.enum(['deletion', 'copy']),
  status: z.enum(['open', 'in-progress', 'done', 'refused']),
  createdAt: z.iso.datetime(),
  dueAt: z.iso.datetime(),
});
export type DataRequest = z.infer<typeof DataRequestSchema>;

/** `POST …/subjects/:id/requests`. */
export const DataRequestBodySchema = z.strictObject({
  kind: z.enum(['deletion', 'copy']),
  /** UUIDv7 made by the widget: a request resent after a lost answer is stored once. */
  requestId: UuidSchema.optional(),
});

/** A subject's credentials: sent once, with the first decision; the service keeps only a hash. */
export const SubjectCredentialsSchema = z.strictObject({
  subjectId: ReceiptBodySchema.shape.subjectId,
  token: z.string().regex(/^cst_[A-Za-z0-9_-]{43}$/),
});
export type SubjectCredentials = z.infer<typeof SubjectCredentialsSchema>;

/** `GET /v1/consent/sites/:site/subjects/:id`: the subject's receipts (newest last) and requests. */
export const SubjectStateSchema = z.strictObject({
  subjectId: ReceiptBodySchema.shape.subjectId,
  receipts: z.array(SignedReceiptSchema),
  requests: z.array(DataRequestSchema),
});
export type SubjectState = z.infer<typeof SubjectStateSchema>;

/** `POST …/decisions` answer. `subject` only when this decision created the subject. */
export const DecisionResponseSchema = z.strictObject({
  receipt: SignedReceiptSchema,
  subject: SubjectCredentialsSchema.optional(),
});
export type DecisionResponse = z.infer<typeof DecisionResponseSchema>;

/** `POST /v1/consent/sites/:site/verifications`: send a one-time code (R5). */
export const VerificationStartSchema = z.strictObject({
  channel: VerificationChannelSchema,
  address: z.string().min(3).max(200),
});
export const VerificationStartedSchema = z.strictObject({
  verificationId: UuidSchema,
  expiresAt: z.iso.datetime(),
});
/** `POST …/verifications/:id/confirm`. */
export const VerificationConfirmSchema = z.strictObject({ code: z.string().regex(/^\d{6}$/) });
export const VerificationConfirmedSchema = z.strictObject({
  verificationToken: z.string().min(16).max(200),
});

/** A decision the widget made, in its own storage until the service confirms it. */
export const PendingDecisionSchema = z.strictObject({
  request: DecisionRequestSchema,
  /** The decisions as the widget computed them, so a refusal takes effect before it is sent. */
  decisions: z.array(PurposeDecisionSchema),
});
export type PendingDecision = z.infer<typeof PendingDecisionSchema>;

/**
 * The widget's record in the host page's localStorage (key `custodian-consent:<site>`). Holds the
 * policy it was decided under, to show what changed when a new version comes (R7).
 */
export const WidgetStoreSchema = z.strictObject({
  schema: z.literal(1),
  subject: SubjectCredentialsSchema.nullable(),
  /** The policy version last decided under, as shown then. */
  policy: ConsentPolicySchema.nullable(),
  /** The latest decision per purpose; in service mode, only those the service confirmed. */
  decisions: z.array(PurposeDecisionSchema),
  /** Decisions not yet confirmed by the service (it was down): sent again later, oldest first. */
  pending: z.array(PendingDecisionSchema),
  /** Receipts kept by the browser, newest last (service mode). */
  receipts: z.array(SignedReceiptSchema),
});
export type WidgetStore = z.infer<typeof WidgetStoreSchema>;
