// Which language the widget speaks: the first of the candidates (the embed's data-lang, the page's
// <html lang>, the browser's languages) that is one the policies are written in.
import type { Language } from '../../shared/schema/consent';

/**
 * The language of the first candidate that is Chinese (any variant: the policy has zh-CN only) or
 * English; English when none is.
 *
 * @example
 *   pickLanguage(undefined, 'zh-Hans', 'en-US'); // 'zh-CN'
 */
export function pickLanguage(...candidates: readonly (string | null | undefined)[]): Language {
  for (const c of candidates) {
    const tag = c?.trim().toLowerCase() ?? '';
    if (/^zh\b/.test(tag)) return 'zh-CN';
    if (/^en\b/.test(tag)) return 'en';
  }
  return 'en';
}
