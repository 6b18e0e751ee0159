// The ledger core (issue 4, R17): canonical JSON, RFC 9162 Merkle trees and proofs, C2SP
// checkpoints and signed notes, and the offline export check. Pure: hashing and signing are injected.
export { bytesEqual, concatBytes, fromBase64, fromHex, toBase64, toHex, utf8Encode } from './bytes';
export {
  canonicalize,
  type CanonicalError,
  type CanonicalResult,
  type JsonValue,
} from './canonical-json';
export { formatCheckpoint, openCheckpoint, parseCheckpoint, type Checkpoint } from './checkpoint';
export { bitCount, CompactRange, type OnNode } from './compact-range';
export {
  canonicalEntry,
  canonicalEntryPrinter,
  entryPrefix,
  KIND_PATTERN,
  LedgerEntrySchema,
  type LedgerEntry,
} from './entry';
export { exportVerifier, type ExportReport, type ExportVerifierOptions } from './export-verify';
export {
  isPowerOfTwo,
  rootFromLeafHashes,
  splitPoint,
  treeHasher,
  verifyConsistency,
  verifyInclusion,
  type Hasher,
  type ProofCheck,
  type TreeHasher,
} from './merkle';
export {
  consistencyProof,
  inclusionProof,
  rangeHash,
  subtreeFromLeaves,
  type SubtreeHash,
} from './merkle-proofs';
export { err, ok, type Result } from './result';
export { pureHasher, sha256 } from './sha256';
export {
  formatSignerKey,
  formatVerifierKey,
  keyHash,
  openNote,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  sameKey,
  signNote,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
  type VerifierKey,
} from './signed-note';
