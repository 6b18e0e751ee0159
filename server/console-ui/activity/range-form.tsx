// The date range of the activity pages: two date fields that navigate (the range lives in the
// hash, so a drill-down and the back button keep it). The chart draws at most 92 days.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Field } from '../components/field';
import { rangeProblem } from '../lib/days';

export function RangeForm({
  from,
  to,
  onSubmit,
  children,
}: {
  from: string;
  to: string;
  onSubmit: (range: { from: string; to: string }) => void;
  /** More fields (the drill-down's filters). */
  children?: ComponentChildren;
}) {
  const [start, setStart] = useState(from);
  const [end, setEnd] = useState(to);
  const [problem, setProblem] = useState('');
  useEffect(() => {
    setStart(from);
    setEnd(to);
  }, [from, to]);
  return (
    <form
      class="filters"
      onSubmit={(e) => {
        e.preventDefault();
        const p = rangeProblem(start, end);
        setProblem(p ?? '');
        if (!p) onSubmit({ from: start, to: end });
      }}
    >
      <Field label="开始日期 From" error={problem || undefined}>
        {(a) => (
          <input
            {...a}
            type="date"
            required
            value={start}
            onInput={(e) => setStart(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field label="结束日期 To">
        {(a) => (
          <input
            {...a}
            type="date"
            required
            value={end}
            onInput={(e) => setEnd(e.currentTarget.value)}
          />
        )}
      </Field>
      {children}
      <button type="submit">显示 Show</button>
    </form>
  );
}

/** The range a page's parameters ask for, or the default when they ask for none or a bad one. */
export function rangeFrom(
  params: URLSearchParams,
  fallback: { from: string; to: string },
): { from: string; to: string; problem: string | null } {
  const from = params.get('from') ?? fallback.from;
  const to = params.get('to') ?? fallback.to;
  const problem = rangeProblem(from, to);
  return problem ? { ...fallback, problem } : { from, to, problem: null };
}
