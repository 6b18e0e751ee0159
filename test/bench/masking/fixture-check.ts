// Checks the demo pages' declared values against the PII engine, so a probe or table figure never
// rests on a fixture value the engine does not find (nothing to mask) or a decoy it does find.
import { mask, scan } from '../../../shared/pii';
import type { PiiType } from '../../../shared/pii';

/** bench-table.html's columns that hold PII, with the type the engine must give each. */
const TABLE_PII_COLUMNS: ReadonlyMap<number, PiiType> = new Map([
  [1, 'phone'],
  [2, 'cn_id'],
  [3, 'email'],
  [4, 'bank_card'],
]);
/** bench-table.html's decoy columns: customer and order numbers, amounts, timestamps. */
const TABLE_DECOY_COLUMNS = [0, 5, 6, 7];

export interface FixtureProblems {
  /** PII values the engine does not find whole with the expected type. */
  missed: number;
  /** Decoys in which the engine finds something. */
  flagged: number;
  /** A few examples as `type@index`, never the value. */
  examples: string[];
}

const MAX_EXAMPLES = 5;

function note(problems: FixtureProblems, example: string): void {
  if (problems.examples.length < MAX_EXAMPLES) problems.examples.push(example);
}

/** Each table cell scanned alone, as it sits in its own cell (and text node) on the page. */
export function checkTableValues(rows: readonly (readonly string[])[]): FixtureProblems {
  const problems: FixtureProblems = { missed: 0, flagged: 0, examples: [] };
  rows.forEach((row, r) => {
    for (const [column, type] of TABLE_PII_COLUMNS) {
      const value = row[column] ?? '';
      const findings = scan(value);
      const whole = findings.length === 1 && findings[0]!.start === 0;
      if (!whole || findings[0]!.end !== value.length || findings[0]!.type !== type) {
        problems.missed++;
        note(problems, `${type}@row${r}`);
      }
    }
    for (const column of TABLE_DECOY_COLUMNS) {
      if (scan(row[column] ?? '').length > 0) {
        problems.flagged++;
        note(problems, `decoy-column${column}@row${r}`);
      }
    }
  });
  return problems;
}

export interface DeclaredValues {
  engine: string[];
  rule: string[];
  decoys: string[];
}

/** Start offsets of every occurrence of `value` in `text`. */
function occurrences(text: string, value: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(value); i >= 0; i = text.indexOf(value, i + 1)) at.push(i);
  return at;
}

/**
 * A page's texts as its paint probe reads them (without the extension): every occurrence of an
 * `engine` value must lie inside one finding, and no occurrence of a decoy may touch one.
 * Values that occur nowhere are the probe's "unseen" figure, not counted here.
 */
export function checkProbeTexts(
  declared: DeclaredValues,
  texts: readonly string[],
): FixtureProblems {
  const problems: FixtureProblems = { missed: 0, flagged: 0, examples: [] };
  const scanned = texts.map((text) => ({ text, findings: scan(text) }));
  declared.engine.forEach((value, index) => {
    const uncovered = scanned.some(({ text, findings }) =>
      occurrences(text, value).some(
        (at) => !findings.some((f) => f.start <= at && f.end >= at + value.length),
      ),
    );
    if (uncovered) {
      problems.missed++;
      note(problems, `engine@${index}`);
    }
  });
  declared.decoys.forEach((value, index) => {
    const touched = scanned.some(({ text, findings }) =>
      occurrences(text, value).some((at) =>
        findings.some((f) => f.start < at + value.length && f.end > at),
      ),
    );
    if (touched) {
      problems.flagged++;
      note(problems, `decoy@${index}`);
    }
  });
  return problems;
}

/**
 * How a declared value is shown in the bench's output: masked as the engine would mask it (its
 * first finding's type), or first character and stars; never the raw value.
 */
export function maskedForm(value: string): string {
  const [finding] = scan(value);
  if (finding && finding.start === 0 && finding.end === value.length) {
    return mask(finding.type, value);
  }
  return value.slice(0, 1) + '*'.repeat(Math.max(0, value.length - 1));
}
