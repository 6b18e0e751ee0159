// Tests of the managed pins: empty values pin nothing; a pinned key or staff id must match.
import { describe, expect, it } from 'vitest';
import { GO_NOTE } from '../../../shared/ledger/test-vectors';
import { makeServerKey } from '../server-policy/test-keys';
import { NO_PINS, pinsOf, pinsProblem } from './pins';

describe('pinsOf', () => {
  it('reads trimmed strings; absent, empty and non-string values pin nothing', () => {
    expect(pinsOf({})).toEqual(NO_PINS);
    expect(pinsOf({ serverUrl: ' https://a.example ', serverKey: '', staffId: 7 })).toEqual({
      serverUrl: 'https://a.example',
      serverKey: null,
      staffId: null,
    });
  });
});

describe('pinsProblem', () => {
  const enrolled = { staffId: 'CS-0420', serverKey: GO_NOTE.publicKey };
  it('accepts what matches the pins', () => {
    expect(pinsProblem(NO_PINS, enrolled)).toBeNull();
    expect(
      pinsProblem(
        { serverUrl: null, serverKey: ` ${GO_NOTE.publicKey}`, staffId: 'CS-0420' },
        enrolled,
      ),
    ).toBeNull();
  });
  it('refuses another key, a broken pinned key, another staff member', async () => {
    const other = (await makeServerKey('PeterNeumann')).serverKey;
    expect(pinsProblem({ ...NO_PINS, serverKey: other }, enrolled)).toContain(
      'is not the one your administrator pinned',
    );
    expect(pinsProblem({ ...NO_PINS, serverKey: 'x' }, enrolled)).toContain('not usable');
    expect(pinsProblem({ ...NO_PINS, staffId: 'CS-0001' }, enrolled)).toContain('CS-0001');
  });
});
