// The staff status as last fetched from the audit service (issue 6): grants in force, this
// browser's unlock, an open review case, recent approvals and the signed policy's version. Kept in
// `storage.local` with when it was fetched and why the last refresh failed; parsed on every read.
import { z } from 'zod';
import { StaffStatusSchema, type StaffStatus } from '../../../shared/schema';
import type { StorageArea } from '../service/area';

/** Key in `storage.local`. */
export const STATUS_KEY = 'staffStatus';

const StatusCacheSchema = z.strictObject({
  schema: z.literal(1),
  status: StaffStatusSchema.nullable(),
  /** When `status` was fetched, ms since the epoch. */
  fetchedAt: z.number().nullable(),
  /** Why the last refresh failed; null when it worked. */
  problem: z.string().nullable(),
});
export type StatusCache = z.infer<typeof StatusCacheSchema>;

export const EMPTY_STATUS: StatusCache = {
  schema: 1,
  status: null,
  fetchedAt: null,
  problem: null,
};

/**
 * The cached status; `EMPTY_STATUS` when none is stored or what is stored does not parse (a
 * status is never trusted blindly: the next refresh rewrites it).
 */
export async function readStatusCache(area: StorageArea): Promise<StatusCache> {
  const parsed = StatusCacheSchema.safeParse((await area.get(STATUS_KEY))[STATUS_KEY]);
  return parsed.success ? parsed.data : EMPTY_STATUS;
}

let writing: Promise<unknown> = Promise.resolve();

/**
 * Changes the cached status with `change`, one change at a time (a refresh and an unlock may
 * finish together; neither may lose the other's write). Resolves with the new cache.
 */
export function updateStatusCache(
  area: StorageArea,
  change: (cache: StatusCache) => StatusCache,
): Promise<StatusCache> {
  const run = writing
    .catch(() => undefined)
    .then(async () => {
      const next = change(await readStatusCache(area));
      await area.set({ [STATUS_KEY]: next });
      return next;
    });
  writing = run;
  return run;
}

/**
 * The cache after an unlock: this browser's unlock ends at `until` (ms), whatever the cached
 * status said, until the next refresh brings the service's own figure.
 *
 * @example
 *   withUnlock(cache, Date.parse('2026-03-06T16:00:00Z')).status?.unlockedUntil;
 *   // '2026-03-06T16:00:00.000Z'
 */
export function withUnlock(cache: StatusCache, until: number): StatusCache {
  if (!cache.status) return cache;
  const status: StaffStatus = {
    ...cache.status,
    totpActive: true,
    unlockedUntil: new Date(until).toISOString(),
  };
  return { ...cache, status };
}

/**
 * When this browser's unlock ends (ms), or null when it is locked or the unlock has ended.
 *
 * @example
 *   unlockedUntil(cache.status, Date.now()); // 1772812800000 or null
 */
export function unlockedUntil(status: StaffStatus | null, now: number): number | null {
  if (!status?.unlockedUntil) return null;
  const until = Date.parse(status.unlockedUntil);
  return Number.isFinite(until) && until > now ? until : null;
}
