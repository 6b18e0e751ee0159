// The storage.local key under which the background publishes the policy in force; its own module
// so the content script can read it without loading the policy code (and zod) of policy-state.ts.

/**
 * Where the background publishes the policy in force, for content scripts: they must decide at
 * document_start, and `storage.managed` can take seconds to answer (2.5 s seen in Chromium 156
 * on its first read), while one `storage.local` key answers in a few ms.
 */
export const EFFECTIVE_KEY = 'effectivePolicy';
