// What the content script receives, checked at its boundary without zod: the published policy,
// the background's messages and reveal answers (JSON Schemas generated from the zod schemas).
export { checked, type Checked } from './checked';
export { readPolicyStateInContent } from './policy-state';
export { acceptBackgroundMessageInContent, contentMessenger, parseRevealAnswer } from './messages';
