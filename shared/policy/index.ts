// The staff policy's pure logic: page matching, reveal and pause decisions, parsing with problems.
export { matchesUrl, matchesAny } from './url-pattern';
export { pagePolicy, decideReveal, mayPause, type PagePolicy, type RevealDecision } from './decide';
export { parsePolicy, type PolicyProblem, type PolicyResult } from './parse';
export {
  revealRight,
  roleOf,
  type NoRevealRight,
  type RevealRight,
  type RevealRightResult,
} from './reveal-right';
