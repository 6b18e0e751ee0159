// Revealing a masked value on demand: the content side (click, reason, toast) and the background side.
export { watchReveals, type AskBackground } from './controller';
export { authorizeReveal } from './authorize';
export { showToast } from './toast';
