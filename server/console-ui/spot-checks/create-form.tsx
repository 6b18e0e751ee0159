// A new quarterly spot check (R18): the quarter, the high-risk roles, the sample size. The server
// draws the seed and the sample; the form only checks what it sends with the shared schema.
import { useState } from 'preact/hooks';
import { SpotCheckCreateBodySchema, type SpotCheck } from '../../../shared/schema/review';
import { useConsole } from '../app/context';
import { errorText } from '../app/use-load';
import { Field } from '../components/field';
import { ErrorNotice } from '../components/notice';
import { localDay, recentQuarters } from '../lib/days';

/** Quarters offered: this one and the seven before (two years of quarterly checks). */
const QUARTERS_SHOWN = 8;

export function CreateSpotCheck({ onCreated }: { onCreated: (check: SpotCheck) => void }) {
  const { api } = useConsole();
  const quarters = recentQuarters(localDay(new Date()), QUARTERS_SHOWN);
  // The quarter just finished is the usual one to check.
  const [quarter, setQuarter] = useState(quarters[1] ?? quarters[0] ?? '');
  const [roles, setRoles] = useState('data-admin');
  const [size, setSize] = useState('25');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError('');
    const parsed = SpotCheckCreateBodySchema.safeParse({
      quarter,
      roles: roles.split(/[\s,，、]+/).filter(Boolean),
      sampleSize: Number(size),
    });
    if (!parsed.success) {
      const p: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? 'form');
        p[key] ??= issue.message;
      }
      setProblems(p);
      return;
    }
    setProblems({});
    setBusy(true);
    try {
      onCreated(await api.createSpotCheck(parsed.data));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="filters" onSubmit={(e) => void submit(e)} noValidate>
      <Field label="季度 Quarter" error={problems.quarter}>
        {(a) => (
          <select {...a} value={quarter} onChange={(e) => setQuarter(e.currentTarget.value)}>
            {quarters.map((q) => (
              <option key={q} value={q}>
                {q}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="高风险角色 High-risk roles"
        hint="用逗号分隔 Separate with commas, e.g. data-admin, dba"
        error={problems.roles}
      >
        {(a) => <input {...a} value={roles} onInput={(e) => setRoles(e.currentTarget.value)} />}
      </Field>
      <Field label="样本量 Sample size" hint="1–500" error={problems.sampleSize}>
        {(a) => (
          <input
            {...a}
            type="number"
            min={1}
            max={500}
            class="short"
            value={size}
            onInput={(e) => setSize(e.currentTarget.value)}
          />
        )}
      </Field>
      <button type="submit" disabled={busy}>
        {busy ? '抽取中 Drawing…' : '抽取样本 Draw the sample'}
      </button>
      <ErrorNotice message={error} />
    </form>
  );
}
