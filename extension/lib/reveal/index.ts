// Revealing a masked value on demand: the content side (click, reason, toast) and the background side.
export { watchReveals, type AskBackground } from './controller';
export {
  authorizeReveal,
  type GovernedContext,
  type RevealDeps,
  type ServiceVerdict,
} from './authorize';
export { decideOffline, localVerdict, STOP_AT_ONCE, type OfflineDecision } from './offline';
export { showToast } from './toast';
