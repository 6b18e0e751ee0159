// Access governance's pure core (issue 6): grants in force, unlock ends, the governed reveal
// decision with reviews taken into account, and the signed policy's text.
export { activeGrants, rolesAt } from './grants';
export { unlockEnds } from './unlock';
export { evaluateWithApprovals } from './approvals';
export { decideGovernedReveal, type GovernedRevealInput } from './governed-reveal';
export { POLICY_NOTE_HEADER, policyNoteText, readPolicyNoteText } from './policy-note';
