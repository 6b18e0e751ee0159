// Calendar days as the console handles them: `YYYY-MM-DD` strings, stepped in UTC so a daylight
// saving change never skips or repeats a day, and the default 90-day range of the activity page.
import { MAX_CHART_DAYS } from '../../../shared/schema/review';

const DAY_MS = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The local calendar day of `now`. */
export const localDay = (now: Date): string =>
  `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;

/** `day` moved by `n` days (negative goes back). */
export function addDays(day: string, n: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + n * DAY_MS;
  return new Date(t).toISOString().slice(0, 10);
}

/** How many days [from, to] holds, both included (0 when `to` is before `from`). */
export const dayCount = (from: string, to: string): number =>
  Math.max(
    0,
    Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1,
  );

/** Every day of [from, to], in order. */
export function daysOf(from: string, to: string): string[] {
  const n = dayCount(from, to);
  return Array.from({ length: n }, (_, i) => addDays(from, i));
}

/** The activity page's default: the last 90 days, today included. */
export const DEFAULT_RANGE_DAYS = 90;

export function defaultRange(now: Date): { from: string; to: string } {
  const to = localDay(now);
  return { from: addDays(to, -(DEFAULT_RANGE_DAYS - 1)), to };
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** What is wrong with a range the chart would draw, or null when it is fine. */
export function rangeProblem(from: string, to: string): string | null {
  if (
    !DAY_RE.test(from) ||
    !DAY_RE.test(to) ||
    Number.isNaN(Date.parse(from)) ||
    Number.isNaN(Date.parse(to))
  )
    return '请填写日期 Enter both dates as YYYY-MM-DD.';
  if (to < from) return '结束日期早于开始日期 The end date is before the start date; swap them.';
  const n = dayCount(from, to);
  if (n > MAX_CHART_DAYS)
    return `范围过长 The range holds ${n} days; the chart draws at most ${MAX_CHART_DAYS} (a quarter): move the start date later.`;
  return null;
}

/** The current quarter and the `count - 1` before it, newest first, e.g. ['2026-Q4', '2026-Q3', …]. */
export function recentQuarters(today: string, count: number): string[] {
  let year = Number(today.slice(0, 4));
  let q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) {
    out.push(`${year}-Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      year -= 1;
    }
  }
  return out;
}

/** An instant as local `YYYY-MM-DD HH:MM:SS` (readable in both languages, sorts as text). */
export function formatInstant(iso: string | number): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return `${localDay(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The value of an `<input type="datetime-local">` for an instant (local, to the minute). */
export const datetimeLocalValue = (d: Date): string =>
  `${localDay(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** A duration as `H:MM:SS` (hours may exceed 24: a 48-hour clock reads 47:59:59). */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${pad(m)}:${pad(s)}`;
}
