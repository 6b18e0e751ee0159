// Unlocking reveals for the working day with the authenticator's code (issue 6, R13), and the
// code form the popup and the options page share.
export { unlock, lockoutLeft, type UnlockDeps } from './unlock';
export { CodeForm } from './code-form';
export { clockTime } from './clock';
