// The signed policy this browser keeps (issue 6): the last note that verified, with when it was
// fetched, and why the last refresh failed. The note itself is kept, not the parsed policy, so
// every read verifies the signature again: storage holds nothing the service did not sign.
import { z } from 'zod';
import type { Result } from '../../../shared/ledger';
import type { StaffPolicy } from '../../../shared/schema';
import type { StorageArea } from '../service/area';
import { verifyPolicyNote } from './verify';

/** Key in `storage.local`. */
export const SERVER_POLICY_KEY = 'serverPolicy';

const ServerPolicyRecordSchema = z.strictObject({
  schema: z.literal(1),
  /** The last good signed policy: the service's version label, the note, when fetched (ms). */
  kept: z.strictObject({ version: z.string(), note: z.string(), fetchedAt: z.number() }).nullable(),
  /** Why the last refresh did not replace it; null when it did. */
  problem: z.string().nullable(),
  problemAt: z.number().nullable(),
});
export type ServerPolicyRecord = z.infer<typeof ServerPolicyRecordSchema>;

export const NO_SERVER_POLICY: ServerPolicyRecord = {
  schema: 1,
  kept: null,
  problem: null,
  problemAt: null,
};

/** The record; `NO_SERVER_POLICY` when none is stored or it does not parse. */
export async function readServerPolicyRecord(area: StorageArea): Promise<ServerPolicyRecord> {
  const parsed = ServerPolicyRecordSchema.safeParse(
    (await area.get(SERVER_POLICY_KEY))[SERVER_POLICY_KEY],
  );
  return parsed.success ? parsed.data : NO_SERVER_POLICY;
}

/**
 * The kept policy, verified again against `serverKey`: null when none is kept, an error when it
 * no longer verifies (storage was changed, or the browser was enrolled with another service).
 *
 * @example
 *   await keptServerPolicy(record, enrollment.serverKey); // { ok: true, value: policy } | null
 */
export async function keptServerPolicy(
  record: ServerPolicyRecord,
  serverKey: string,
): Promise<Result<StaffPolicy> | null> {
  if (!record.kept) return null;
  return verifyPolicyNote(record.kept.note, serverKey);
}
