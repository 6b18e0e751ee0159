import { describe, expect, it } from 'vitest';
import { createStreamScanner } from './stream';

describe('createStreamScanner', () => {
  it('finds a phone split across chunks at its true offset in the whole text', () => {
    const scanner = createStreamScanner();
    const padding = 'x'.repeat(5000);
    const found = [
      ...scanner.push(padding + '电话 138 12'),
      ...scanner.push('34 5678 end'),
      ...scanner.end(),
    ];
    expect(found).toEqual([
      expect.objectContaining({
        type: 'phone',
        start: 5003,
        end: 5016,
        masked: '138 **** 5678',
      }),
    ]);
  });

  it('keeps a context word that arrived in an earlier chunk', () => {
    const scanner = createStreamScanner();
    const found = [
      ...scanner.push('y'.repeat(3000) + '身份证：'),
      ...scanner.push('110105491231002'),
      ...scanner.end(),
    ];
    expect(found.map((f) => f.type)).toEqual(['cn_id']);
  });

  it('refuses a push after end', () => {
    const scanner = createStreamScanner();
    scanner.end();
    expect(() => scanner.push('a')).toThrow(/create a new scanner/);
  });
});
