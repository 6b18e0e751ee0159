import { describe, expect, it } from 'vitest';
import { milestone } from './clock';

describe('milestone', () => {
  const running = (minutes: number) =>
    milestone({ status: 'running', remainingMs: minutes * 60_000 });

  it('changes only at the announced minutes', () => {
    expect(running(45)).toBe(running(31));
    expect(running(30)).toBe('running-30');
    expect(running(29.5)).toBe('running-30');
    expect(running(14)).toBe('running-15');
    expect(running(0.5)).toBe('running-1');
    expect(running(120)).toBe('running-more');
  });

  it('names overdue and done states as they are', () => {
    expect(milestone({ status: 'overdue', remainingMs: -1 })).toBe('overdue');
    expect(milestone({ status: 'done', remainingMs: null })).toBe('done');
  });
});
