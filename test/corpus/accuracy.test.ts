// Accuracy of the PII engine on the independent labelled corpus: per-type precision and recall, exact (type, start, end).
import { describe, expect, it } from 'vitest';
import { scan } from '../../shared/pii';
import type { PiiType } from '../../shared/schema/pii';
import {
  generateCorpus,
  handwrittenDocuments,
  type Label,
  type LabelledDocument,
} from '../fixtures/corpus';

/** Held-out seed: never tune the engine against it. */
const SEED = 20261122;
/** Enough documents for ~1000 labels of the common types while the test stays well under 10 s. */
const DOCUMENTS = 400;

/**
 * Minimum precision and recall per type. Checksum-bearing types are near-exact by spec; passports,
 * names and addresses depend on context words and span judgement, so they get a looser floor.
 */
const FLOORS: Record<PiiType, number> = {
  cn_id: 0.99,
  phone: 0.99,
  bank_card: 0.99,
  email: 0.99,
  uscc: 0.99,
  passport: 0.9,
  name: 0.9,
  address: 0.9,
};
const TYPES = Object.keys(FLOORS) as PiiType[];
/** How many examples a failure message lists. */
const EXAMPLES = 10;
/** Characters of context printed on each side of an example. */
const CONTEXT = 20;

interface Example {
  kind: 'miss' | 'false positive';
  doc: LabelledDocument;
  span: Label;
  note: string;
}

interface Tally {
  labels: number;
  findings: number;
  truePositives: number;
  misses: Example[];
  falsePositives: Example[];
}

const overlaps = (a: Label, b: Label) => a.start < b.end && b.start < a.end;
const sameSpan = (a: Label, b: Label) => a.start === b.start && a.end === b.end;

/** Why a finding matched no label: a near miss on the span, a type mix-up, or plain noise. */
function explain(doc: LabelledDocument, finding: Label): string {
  const near = doc.labels.find((l) => overlaps(l, finding));
  if (!near) return 'no label here';
  if (near.type !== finding.type) {
    return `${sameSpan(near, finding) ? 'same span as' : 'overlaps'} ${near.type} label [${near.start},${near.end})`;
  }
  return `wrong span, label is [${near.start},${near.end})`;
}

function evaluate(docs: readonly LabelledDocument[]): Record<PiiType, Tally> {
  const tallies = {} as Record<PiiType, Tally>;
  for (const type of TYPES) {
    tallies[type] = { labels: 0, findings: 0, truePositives: 0, misses: [], falsePositives: [] };
  }
  for (const doc of docs) {
    const findings = scan(doc.text).map(({ type, start, end }) => ({ type, start, end }));
    const found = new Set(findings.map((f) => `${f.type}:${f.start}:${f.end}`));
    const labelled = new Set(doc.labels.map((l) => `${l.type}:${l.start}:${l.end}`));
    for (const label of doc.labels) {
      const tally = tallies[label.type];
      tally.labels++;
      if (found.has(`${label.type}:${label.start}:${label.end}`)) tally.truePositives++;
      else {
        const got = findings
          .filter((f) => overlaps(f, label))
          .map((f) => `${f.type} [${f.start},${f.end})`);
        const note = got.length ? `engine found ${got.join(', ')}` : 'nothing found';
        tally.misses.push({ kind: 'miss', doc, span: label, note });
      }
    }
    for (const finding of findings) {
      // PII outside the spec's contract (optional): neither credited nor penalised.
      if (doc.optional.some((o) => o.type === finding.type && overlaps(o, finding))) continue;
      const tally = tallies[finding.type];
      tally.findings++;
      if (!labelled.has(`${finding.type}:${finding.start}:${finding.end}`)) {
        tally.falsePositives.push({
          kind: 'false positive',
          doc,
          span: finding,
          note: explain(doc, finding),
        });
      }
    }
  }
  return tallies;
}

const ratio = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);
const precision = (t: Tally) => ratio(t.findings - t.falsePositives.length, t.findings);
const recall = (t: Tally) => ratio(t.truePositives, t.labels);

/** `type [start,end) "context around"` with the span bracketed; synthetic fixture data, safe to print. */
function describeExample({ kind, doc, span, note }: Example): string {
  const before = doc.text.slice(Math.max(0, span.start - CONTEXT), span.start);
  const value = doc.text.slice(span.start, span.end);
  const after = doc.text.slice(span.end, span.end + CONTEXT);
  const context = JSON.stringify(`${before}⟪${value}⟫${after}`);
  return `${span.type} [${span.start},${span.end}) ${context} — ${kind} in ${doc.id} (${doc.format}): ${note}`;
}

function table(tallies: Record<PiiType, Tally>): string {
  const pct = (n: number) => `${(n * 100).toFixed(1)}%`.padStart(7);
  const rows = TYPES.map((type) => {
    const t = tallies[type];
    const cells = [t.labels, t.findings, t.truePositives, t.falsePositives.length, t.misses.length];
    return `${type.padEnd(10)}${cells.map((c) => String(c).padStart(8)).join('')}${pct(precision(t))}${pct(recall(t))}${pct(FLOORS[type])}`;
  });
  const head = `${'type'.padEnd(10)}${['labels', 'found', 'TP', 'FP', 'FN'].map((h) => h.padStart(8)).join('')}${'prec'.padStart(7)}${'recall'.padStart(7)}${'floor'.padStart(7)}`;
  return [head, ...rows].join('\n');
}

/** Misses and false positives per document format, to show where the engine struggles. */
function byFormat(tallies: Record<PiiType, Tally>): string {
  const counts = new Map<string, number>();
  for (const t of Object.values(tallies)) {
    for (const e of [...t.misses, ...t.falsePositives]) {
      const key = `${e.span.type}/${e.doc.format}/${e.kind}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return (
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k}: ${n}`)
      .join(', ') || 'none'
  );
}

const corpus = [...generateCorpus({ seed: SEED, documents: DOCUMENTS }), ...handwrittenDocuments()];
const tallies = evaluate(corpus);

describe(`PII engine accuracy (seed ${SEED}, ${corpus.length} documents)`, () => {
  it('prints the per-type table', () => {
    console.log(`\n${table(tallies)}\nerrors by type/format: ${byFormat(tallies)}\n`);
    expect(TYPES.every((t) => tallies[t].labels > 0)).toBe(true);
  });

  it.each(TYPES)('%s: precision and recall reach the floor', (type) => {
    const t = tallies[type];
    const floor = FLOORS[type];
    const examples = [...t.misses, ...t.falsePositives].slice(0, EXAMPLES).map(describeExample);
    const summary = `${type}: precision ${precision(t).toFixed(4)}, recall ${recall(t).toFixed(4)} (floor ${floor})`;
    expect(precision(t) >= floor && recall(t) >= floor, `${summary}\n${examples.join('\n')}`).toBe(
      true,
    );
  });
});
