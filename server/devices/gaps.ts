// Gaps in a device's event sequence numbers (issue 4): pure range arithmetic, so the server can
// tell an auditor "device D never sent events 12-14" without storing every number it saw.

/** Missing sequence numbers `from`..`to`, inclusive. */
export interface Gap {
  from: number;
  to: number;
}

/** What is known of one device: the highest number seen and the holes below it. */
export interface SequenceState {
  maxSeq: number;
  gaps: Gap[];
}

/**
 * Folds newly received sequence numbers into a device's state. Contract: `gaps` stay sorted and
 * disjoint; a number inside a gap splits it; a repeated number changes nothing.
 *
 * @example
 *   receive({ maxSeq: -1, gaps: [] }, [0, 1, 4]); // { maxSeq: 4, gaps: [{ from: 2, to: 3 }] }
 */
export function receive(state: SequenceState, seqs: readonly number[]): SequenceState {
  let { maxSeq } = state;
  let gaps = state.gaps.slice();
  for (const seq of [...seqs].sort((a, b) => a - b)) {
    if (seq > maxSeq) {
      if (seq > maxSeq + 1) gaps.push({ from: maxSeq + 1, to: seq - 1 });
      maxSeq = seq;
      continue;
    }
    const i = gaps.findIndex((g) => g.from <= seq && seq <= g.to);
    if (i < 0) continue; // seen before
    const g = gaps[i]!;
    const parts: Gap[] = [];
    if (g.from < seq) parts.push({ from: g.from, to: seq - 1 });
    if (seq < g.to) parts.push({ from: seq + 1, to: g.to });
    gaps = [...gaps.slice(0, i), ...parts, ...gaps.slice(i + 1)];
  }
  return { maxSeq, gaps };
}
