// The body of a C2SP tlog checkpoint (https://c2sp.org/tlog-checkpoint): origin, tree size and
// root hash, one per line, then optional extension lines. Signed as a note (./signed-note.ts).
import { fromBase64, toBase64 } from './bytes';
import { err, ok, type Result } from './result';
import { openNote, type NoteVerifier } from './signed-note';

export interface Checkpoint {
  /** Names the log, e.g. `custodian.local/ledger`; schema-less, as the spec recommends. */
  origin: string;
  size: number;
  /** MTH of the first `size` entries (32 bytes). */
  rootHash: Uint8Array;
  /** Extra lines, kept and signed but not interpreted. */
  extensions: string[];
}

const ROOT_BYTES = 32;

/**
 * The checkpoint's note text.
 *
 * @example
 *   formatCheckpoint({ origin: 'example.com/log', size: 3, rootHash, extensions: [] });
 *   // 'example.com/log\n3\n<base64 root>\n'
 */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, rootHash, extensions } = checkpoint;
  return [origin, String(size), toBase64(rootHash), ...extensions].map((l) => `${l}\n`).join('');
}

/**
 * Parses a checkpoint's note text (the part before the signatures).
 *
 * @example
 *   parseCheckpoint('example.com/log\n3\nAAAA…=\n').ok; // true
 */
export function parseCheckpoint(text: string): Result<Checkpoint> {
  if (!text.endsWith('\n')) return err('A checkpoint must end with a newline.');
  const [origin, size, root, ...extensions] = text.slice(0, -1).split('\n');
  if (!origin || size === undefined || root === undefined) {
    return err('A checkpoint has at least three lines: origin, tree size and root hash.');
  }
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size))) {
    return err('The second line of a checkpoint must be the tree size in decimal.');
  }
  const rootHash = fromBase64(root);
  if (!rootHash || rootHash.length !== ROOT_BYTES) {
    return err('The third line of a checkpoint must be the 32-byte root hash in base64.');
  }
  if (extensions.some((l) => l === '')) return err('A checkpoint has an empty extension line.');
  return ok({ origin, size: Number(size), rootHash, extensions });
}

/**
 * Verifies a signed checkpoint note with `verifier` and parses its body.
 *
 * @example
 *   openCheckpoint(note, verifier); // { ok: true, value: { origin, size, rootHash, extensions } }
 */
export function openCheckpoint(note: string, verifier: NoteVerifier): Result<Checkpoint> {
  const text = openNote(note, verifier);
  return text.ok ? parseCheckpoint(text.value) : text;
}
