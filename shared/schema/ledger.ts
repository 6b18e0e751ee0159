// Schemas of the ledger's HTTP bodies and export lines (issue 4): checkpoint, proofs, the verify
// report, one line of an export, and the query strings the ledger routes accept.
import { z } from 'zod';

/** A SHA-256 hash in lowercase hex, as the ledger's JSON writes every hash. */
export const HashHexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash in lowercase hex');

const Count = z.number().int().nonnegative();

/** `GET /v1/ledger/checkpoint`: the latest signed checkpoint, parsed and as its signed note. */
export const CheckpointResponseSchema = z.object({
  origin: z.string().min(1),
  size: Count,
  root: HashHexSchema,
  /** The C2SP signed note, verbatim: what tlog tooling reads. */
  note: z.string().min(1),
  /** The verifier key, `<name>+<key hash>+<base64>`. */
  publicKey: z.string().min(1),
});
export type CheckpointResponse = z.infer<typeof CheckpointResponseSchema>;

/** `GET /v1/ledger/proof/inclusion`: RFC 9162 audit path of entry `index` in the tree of `size`. */
export const InclusionProofSchema = z.object({
  index: Count,
  size: Count,
  leafHash: HashHexSchema,
  root: HashHexSchema,
  hashes: z.array(HashHexSchema),
});
export type InclusionProofBody = z.infer<typeof InclusionProofSchema>;

/** `GET /v1/ledger/proof/consistency`: RFC 9162 consistency proof between two tree sizes. */
export const ConsistencyProofSchema = z.object({
  from: Count,
  to: Count,
  fromRoot: HashHexSchema,
  toRoot: HashHexSchema,
  hashes: z.array(HashHexSchema),
});
export type ConsistencyProofBody = z.infer<typeof ConsistencyProofSchema>;

/** `GET /v1/ledger/verify` and `npm run verify`: OK with size and root, or the first bad index. */
export const VerifyReportSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    size: Count,
    root: HashHexSchema,
    /** Signed checkpoints checked against the recomputed tree. */
    checkpoints: Count,
    /** Entries [0, pruned) whose payloads were removed past retention, checked by leaf hash only. */
    pruned: Count.optional(),
  }),
  z.object({
    ok: z.literal(false),
    /** The first entry index where the ledger breaks (or the size it was cut at). */
    index: Count,
    reason: z.string().min(1),
  }),
]);
export type VerifyReport = z.infer<typeof VerifyReportSchema>;

/** One line of `GET /v1/ledger/export`, in this order: header, prefix, entries and checkpoints, end. */
export const ExportLineSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('header'),
    format: z.literal('custodian-ledger-export/1'),
    origin: z.string().min(1),
    publicKey: z.string().min(1),
    from: Count,
    to: Count,
  }),
  z.object({
    /** The subtree roots covering entries [0, size), largest first, so [from, to) can be checked. */
    type: z.literal('prefix'),
    size: Count,
    hashes: z.array(HashHexSchema),
  }),
  z.object({
    type: z.literal('entry'),
    index: Count,
    /** The entry's canonical JSON text, exactly the bytes its leaf hash covers. */
    canonical: z.string().min(1),
  }),
  z.object({
    /** An entry whose payload was removed past retention: only its leaf hash remains. */
    type: z.literal('pruned'),
    index: Count,
    leafHash: HashHexSchema,
  }),
  z.object({
    /** Placed right after the entry that brings the tree to the checkpoint's size. */
    type: z.literal('checkpoint'),
    note: z.string().min(1),
  }),
  z.object({ type: z.literal('end'), entries: Count }),
]);
export type ExportLine = z.infer<typeof ExportLineSchema>;

/** A tree size or index in a query string: a decimal whole number. */
const QueryCount = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,14})$/, 'must be a whole number (0, 1, 2, …)')
  .transform(Number);

/** Query of `GET /v1/ledger/proof/inclusion`. */
export const InclusionQuerySchema = z.object({ index: QueryCount, size: QueryCount });
/** Query of `GET /v1/ledger/proof/consistency`. */
export const ConsistencyQuerySchema = z.object({ from: QueryCount, to: QueryCount });
/** Query of `GET /v1/ledger/export`: both optional (from 0 to the latest checkpoint). */
export const ExportQuerySchema = z.object({
  from: QueryCount.optional(),
  to: QueryCount.optional(),
});
