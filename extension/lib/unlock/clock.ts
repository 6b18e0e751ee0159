// Times as staff read them on the popup and options page.

/**
 * A time as `HH:MM` on the local clock, with the date too when it is not today.
 *
 * @example
 *   clockTime(Date.parse('2026-03-06T16:00:00Z'), Date.parse('2026-03-06T09:00:00Z')); // '00:00 (3/7)' in Shanghai
 */
export function clockTime(ms: number, now: number = Date.now()): string {
  const at = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  const today = new Date(now);
  const sameDay =
    at.getFullYear() === today.getFullYear() &&
    at.getMonth() === today.getMonth() &&
    at.getDate() === today.getDate();
  return sameDay ? time : `${time} (${at.getMonth() + 1}/${at.getDate()})`;
}
