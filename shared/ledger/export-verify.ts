// The offline check of a ledger export (JSON lines): every entry's canonical bytes, the tree they
// make, each signed checkpoint against it, and consistency with a checkpoint seen before. Lines
// are fed one at a time, so a file of any size is checked in flat memory. A pruned entry (payload
// removed past retention) has only its leaf hash, which the tree and the checkpoints still check.
import { ExportLineSchema, type ExportLine } from '../schema/ledger';
import { bytesEqual, fromHex, toHex, utf8Encode } from './bytes';
import { canonicalize } from './canonical-json';
import { openCheckpoint, type Checkpoint } from './checkpoint';
import { CompactRange } from './compact-range';
import { LedgerEntrySchema } from './entry';
import { treeHasher, type Hasher, type TreeHasher } from './merkle';
import { parseVerifierKey, sameKey, type NoteVerifier, type VerifierKey } from './signed-note';

export interface ExportVerifierOptions {
  hasher: Hasher;
  /** Leaf and node hashes; defaults to `treeHasher(hasher)`. */
  th?: TreeHasher;
  /** The ledger's public key, from a source the auditor trusts (not from the export). */
  key: VerifierKey;
  /** Ed25519 verification for `key`. */
  verifier: NoteVerifier;
  /** A checkpoint this auditor verified before: the export must extend it. */
  known?: Checkpoint;
}

export type ExportReport =
  | {
      ok: true;
      size: number;
      root: string;
      checkpoints: number;
      latest: string;
      unsignedTail: number;
      /** Entries given as a leaf hash only, their payloads pruned past retention. */
      pruned: number;
    }
  | { ok: false; index: number; line: number; reason: string };

type Failure = { index: number; reason: string };

/**
 * A streaming checker of one export file.
 *
 * @example
 *   const check = exportVerifier({ th, key, verifier });
 *   for (const line of lines) if (check.line(line)) break;
 *   check.finish(); // { ok: true, size, root, checkpoints, latest, unsignedTail } or the first failure
 */
export function exportVerifier(options: ExportVerifierOptions) {
  const { hasher, key, verifier, known } = options;
  const th = options.th ?? treeHasher(hasher);
  let header: Extract<ExportLine, { type: 'header' }> | null = null;
  let range: CompactRange | null = null;
  let lineNo = 0;
  let ended = false;
  let checkpoints = 0;
  let pruned = 0;
  let latest: { note: string; checkpoint: Checkpoint } | null = null;
  let knownChecked = known === undefined || known.size === 0;
  let failure: (Failure & { line: number }) | null = null;

  const provenUpTo = () => latest?.checkpoint.size ?? header?.from ?? 0;

  function checkKnown(current: CompactRange): Failure | null {
    if (!known || knownChecked || current.size !== known.size) return null;
    knownChecked = true;
    return bytesEqual(current.root(), known.rootHash)
      ? null
      : {
          index: 0,
          reason: `the entries do not match your last checkpoint (size ${known.size}): the log was rewritten or forked`,
        };
  }

  /** The line read holds a later entry than the tree's next one. */
  function missing(index: number, found: number): Failure {
    return { index, reason: `entry ${index} is missing (the next line holds entry ${found})` };
  }

  function entry(
    line: Extract<ExportLine, { type: 'entry' }>,
    current: CompactRange,
  ): Failure | null {
    const index = current.size;
    if (line.index !== index) return missing(index, line.index);
    let parsed: unknown;
    try {
      parsed = JSON.parse(line.canonical);
    } catch {
      return { index, reason: `entry ${index} is not JSON` };
    }
    const canonical = canonicalize(parsed);
    if (!canonical.ok || canonical.text !== line.canonical) {
      return { index, reason: `entry ${index} is not in canonical form (RFC 8785): it was edited` };
    }
    const fields = LedgerEntrySchema.safeParse(parsed);
    if (!fields.success)
      return { index, reason: `entry ${index} is not a ledger entry: it was edited` };
    if (fields.data.index !== index) {
      return {
        index,
        reason: `entry ${index} says it is entry ${fields.data.index}: it was moved`,
      };
    }
    current.append(th.leaf(utf8Encode(line.canonical)!));
    return checkKnown(current);
  }

  function prunedEntry(
    line: Extract<ExportLine, { type: 'pruned' }>,
    current: CompactRange,
  ): Failure | null {
    const index = current.size;
    if (line.index !== index) return missing(index, line.index);
    pruned++;
    // The schema admits only 64 hex digits, so this is 32 bytes.
    current.append(fromHex(line.leafHash)!);
    return checkKnown(current);
  }

  function checkpoint(note: string, current: CompactRange): Failure | null {
    const opened = openCheckpoint(note, verifier);
    if (!opened.ok)
      return { index: provenUpTo(), reason: `a checkpoint does not verify: ${opened.error}` };
    const cp = opened.value;
    if (cp.origin !== header!.origin) {
      return {
        index: provenUpTo(),
        reason: `a checkpoint names the log ${cp.origin}, not ${header!.origin}`,
      };
    }
    if (cp.size !== current.size) {
      return {
        index: current.size,
        reason: `the checkpoint of size ${cp.size} sits after entry ${current.size - 1}: entries are missing or misplaced`,
      };
    }
    if (!bytesEqual(cp.rootHash, current.root())) {
      return {
        index: provenUpTo(),
        reason: `the entries before ${cp.size} do not hash to the signed root of that size: an entry from ${provenUpTo()} on was changed`,
      };
    }
    checkpoints++;
    latest = { note, checkpoint: cp };
    return null;
  }

  function step(text: string): Failure | null {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { index: range?.size ?? 0, reason: 'the line is not JSON' };
    }
    const parsed = ExportLineSchema.safeParse(json);
    if (!parsed.success)
      return { index: range?.size ?? 0, reason: 'the line is not an export line' };
    const line = parsed.data;
    if (ended) return { index: range?.size ?? 0, reason: 'there are lines after the end line' };
    if (!header) {
      if (line.type !== 'header')
        return { index: 0, reason: 'the export does not start with its header line' };
      header = line;
      const theirs = parseVerifierKey(hasher, line.publicKey);
      if (!theirs.ok || !sameKey(theirs.value, key)) {
        return {
          index: line.from,
          reason: 'the export was signed with another key than the one you gave',
        };
      }
      return null;
    }
    if (!range) {
      if (line.type !== 'prefix' || line.size !== header.from) {
        return {
          index: header.from,
          reason: 'the header must be followed by the prefix line of size `from`',
        };
      }
      const hashes = line.hashes.map((h) => fromHex(h)!);
      range = CompactRange.fromHashes(th, line.size, hashes);
      if (!range)
        return { index: header.from, reason: 'the prefix line has the wrong number of hashes' };
      return checkKnown(range);
    }
    switch (line.type) {
      case 'entry':
        return entry(line, range);
      case 'pruned':
        return prunedEntry(line, range);
      case 'checkpoint':
        return checkpoint(line.note, range);
      case 'end':
        ended = true;
        return line.entries === range.size - header.from
          ? null
          : {
              index: range.size,
              reason: `the end line counts ${line.entries} entries, the file holds ${range.size - header.from}`,
            };
      default:
        return { index: range.size, reason: `a second ${line.type} line` };
    }
  }

  return {
    /** Checks one line; returns the failure (and keeps it) or null. */
    line(text: string): Failure | null {
      if (failure) return failure;
      lineNo++;
      const result = step(text);
      if (result) failure = { ...result, line: lineNo };
      return result;
    },
    /** The verdict, once every line was fed. */
    finish(): ExportReport {
      if (failure) return { ok: false, ...failure };
      const at = range?.size ?? 0;
      const fail = (reason: string): ExportReport => ({
        ok: false,
        index: at,
        line: lineNo,
        reason,
      });
      if (!header || !range)
        return fail('the file is empty or has no prefix line: it is not a ledger export');
      if (!ended)
        return fail('the export has no end line: the file was cut short; download it again');
      if (range.size !== header.to)
        return fail(
          `the header promises entries up to ${header.to}, the file stops at ${range.size}`,
        );
      if (!knownChecked) {
        return fail(
          `your last checkpoint (size ${known!.size}) is outside this export's entries [${header.from}, ${header.to}): ` +
            `export with from ≤ ${known!.size} ≤ to to check consistency`,
        );
      }
      if (!latest)
        return fail(
          'no signed checkpoint covers these entries: export up to a checkpoint size (the default)',
        );
      const cp: Checkpoint = latest.checkpoint;
      return {
        ok: true,
        size: cp.size,
        root: toHex(cp.rootHash),
        checkpoints,
        latest: latest.note,
        unsignedTail: range.size - cp.size,
        pruned,
      };
    },
  };
}
