// All rules together: the verdict lists every rule that fires, in order, matches its schema, and
// bad times come back as errors that say what to pass instead.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BehaviourRulesSchema, RulesVerdictSchema, type Activity } from '../schema/rules';
import { evaluateRules } from './evaluate';
import { localTime } from './local-time';

const rules = BehaviourRulesSchema.parse({ timeZone: 'Asia/Shanghai' });
const at = (iso: string, kind: Activity['kind'] = 'reveal'): Activity => ({
  at: Date.parse(iso),
  kind,
});
/** `n` reveals one second apart, ending just before `end`. */
const burst = (n: number, end: string): Activity[] =>
  Array.from({ length: n }, (_, i) => ({ at: Date.parse(end) - (n - i) * 1000, kind: 'reveal' }));

describe('evaluateRules', () => {
  it('allows an ordinary reveal in working hours', () => {
    expect(evaluateRules(rules, [], at('2026-03-06T10:00:00+08:00'))).toEqual({
      ok: true,
      value: { allowed: true },
    });
  });

  it('lists every rule that fires, daily limit first, and the verdict matches its schema', () => {
    // 60 reveals in the last minute before 18:30 on a Friday: all three rules.
    const result = evaluateRules(
      rules,
      burst(60, '2026-03-06T18:30:00+08:00'),
      at('2026-03-06T18:30:00+08:00'),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(RulesVerdictSchema.parse(result.value)).toEqual(result.value);
    expect(result.value.allowed).toBe(false);
    if (result.value.allowed) return;
    expect(result.value.fired.map((f) => f.rule)).toEqual([
      'daily-limit',
      'working-hours',
      'bulk-reveals',
    ]);
    for (const firing of result.value.fired) {
      expect(firing.message).toMatch(/Reveals are paused until a reviewer has looked at it/);
    }
  });

  it('refuses a time that is not one, saying what to pass', () => {
    const bad = evaluateRules(
      rules,
      [at('2026-03-06T10:00:00+08:00'), { at: NaN, kind: 'view' }],
      at('2026-03-06T10:00:00+08:00'),
    );
    expect(bad).toEqual({
      ok: false,
      error: expect.stringContaining(
        'history[1].at is NaN, not a time; pass milliseconds since 1970',
      ),
    });
    expect(evaluateRules(rules, [], { at: 1.5, kind: 'view' })).toMatchObject({ ok: false });
    expect(evaluateRules(rules, [], { at: 9e15, kind: 'view' })).toMatchObject({ ok: false });
  });

  it('refuses rules with a time zone the runtime does not know', () => {
    const unknown = { ...rules, timeZone: 'Mars/Olympus_Mons' };
    expect(evaluateRules(unknown, [], at('2026-03-06T10:00:00+08:00'))).toEqual({
      ok: false,
      error: expect.stringContaining('use an IANA name such as "Asia/Shanghai"'),
    });
  });

  it('never changes the daily verdict for history outside the candidate’s local day', () => {
    const start = Date.parse('2026-03-01T00:00:00+08:00');
    const instant = fc.integer({ min: start, max: start + 10 * 86_400_000 });
    const activity = fc.record({
      at: instant,
      kind: fc.constantFrom<Activity['kind']>('view', 'reveal'),
    });
    const tight = BehaviourRulesSchema.parse({
      timeZone: 'America/New_York',
      dailyLimit: { max: 4 },
    });
    const daily = (history: Activity[], candidate: Activity) => {
      const result = evaluateRules(tight, history, candidate);
      if (!result.ok) throw new Error(result.error);
      return result.value.allowed ? null : result.value.fired.find((f) => f.rule === 'daily-limit');
    };
    fc.assert(
      fc.property(
        fc.array(activity, { maxLength: 10 }),
        fc.array(activity, { maxLength: 30 }),
        instant,
        (history, extra, c) => {
          const candidate: Activity = { at: c, kind: 'view' };
          const day = localTime(c, 'America/New_York').date;
          const outside = extra.filter((a) => localTime(a.at, 'America/New_York').date !== day);
          expect(daily([...outside, ...history], candidate)).toEqual(daily(history, candidate));
        },
      ),
    );
  });
});
