import { describe, expect, it } from 'vitest';
import { cnIdCheckChar, luhnValid, usccValid } from './checksums';

describe('cnIdCheckChar (GB 11643-1999)', () => {
  it('gives the check character of the standard’s own example', () => {
    expect(cnIdCheckChar('11010519491231002')).toBe('X');
  });
  it('gives a digit check character', () => {
    expect(cnIdCheckChar('44030419900307123')).toMatch(/^[0-9X]$/);
  });
});

describe('luhnValid', () => {
  it.each(['4111111111111111', '5500005555555559', '378282246310005', '6011111111111117'])(
    'accepts the test card %s',
    (n) => expect(luhnValid(n)).toBe(true),
  );
  it('rejects a changed digit', () => expect(luhnValid('4111111111111112')).toBe(false));
});

describe('usccValid (GB 32100-2015)', () => {
  it.each(['91110000802100433B', '91330100799655058B', '9144030071526726XG', '91440300708461136T'])(
    'accepts the registered code %s',
    (c) => expect(usccValid(c)).toBe(true),
  );
  it('rejects a wrong check character', () => expect(usccValid('91110000802100433C')).toBe(false));
  it('rejects letters outside the alphabet (I, O, S, V, Z)', () =>
    expect(usccValid('9111000080210043IB')).toBe(false));
  it('rejects other lengths', () => expect(usccValid('9111000080210043')).toBe(false));
});
