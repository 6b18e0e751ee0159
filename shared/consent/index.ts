// The consent core (issue 5, R1–R10): pure rules shared by the widget and the consent service.
// The widget imports the files it needs directly (not this barrel), so receipt.ts and
// json-schemas.ts, which bring zod, never reach its bundle.
export {
  allChoices,
  choicesProblem,
  decisionsFor,
  GPC_REFUSES,
  initialChoices,
  isGpcRefused,
  optionalPurposes,
} from './choices';
export { consentModeSignals, type ConsentModeSignals } from './consent-mode';
export { policyChanges, unchanged, type PolicyChanges, type PurposeChange } from './diff';
export { checkJson, type JsonCheck, type JsonSchema } from './json-check';
export { consentJsonSchemas, type ConsentJsonSchemaName } from './json-schemas';
export { policyProblems } from './policy-problems';
export { openReceipt, RECEIPT_HEADER, receiptText } from './receipt';
export { shownText, type ShownText } from './shown-text';
export {
  grantedPurposes,
  promptFor,
  type DecidedState,
  type Prompt,
  type PromptReason,
} from './state';
