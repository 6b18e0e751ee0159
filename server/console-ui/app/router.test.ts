import { describe, expect, it } from 'vitest';
import { href, parseHash } from './router';

describe('hash routes', () => {
  it('reads path segments and parameters', () => {
    const r = parseHash('#/activity/staff/CS-0420?from=2026-09-01&to=2026-11-22');
    expect(r.path).toEqual(['activity', 'staff', 'CS-0420']);
    expect(r.params.get('from')).toBe('2026-09-01');
  });

  it('treats an empty hash as the first page and keeps a malformed escape as written', () => {
    expect(parseHash('').path).toEqual([]);
    expect(parseHash('#/').path).toEqual([]);
    expect(parseHash('#/x/%E0%A4%A').path).toEqual(['x', '%E0%A4%A']);
  });

  it('round-trips what it writes, leaving out empty parameters', () => {
    const h = href(['activity', 'staff', 'CS 1/2'], { from: '2026-09-01', kind: '', page: 2 });
    expect(h).toBe('#/activity/staff/CS%201%2F2?from=2026-09-01&page=2');
    expect(parseHash(h).path).toEqual(['activity', 'staff', 'CS 1/2']);
  });
});
