// The console's ledger writer: entries parsed before they are written, under kind `console`,
// retried once after a failed append, and a second failure passed on.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Ledger } from '../ledger';
import { tempLedger } from '../ledger/test-helpers';
import { CONSOLE_KIND } from './config';
import { record } from './record';
import { consoleEntries } from './test-helpers';

const at = '2026-11-24T02:00:00.000Z';
let ledger: Ledger;
beforeEach(() => {
  ledger = tempLedger().ledger;
});
afterEach(() => {
  vi.restoreAllMocks();
  ledger.close();
});

/** The ledger, with its next `failures` appends failing as a second writer would make them. */
function flaky(failures: number): Ledger {
  let left = failures;
  return {
    ...ledger,
    append(kind, payloads) {
      if (left-- > 0) throw new Error('ledger: another process appended to this file');
      return ledger.append(kind, payloads);
    },
  };
}

describe('record', () => {
  it('appends a parsed console entry and returns its index', () => {
    const index = record(ledger, { kind: 'signed-in', by: 'li.wei', at });
    expect(index).toBe(ledger.size() - 1);
    expect(consoleEntries(ledger).at(-1)).toEqual({ kind: 'signed-in', by: 'li.wei', at });
    expect(CONSOLE_KIND).toBe('console');
  });

  it('refuses an entry that fails its schema, writing nothing', () => {
    const size = ledger.size();
    expect(() => record(ledger, { kind: 'signed-in', by: 'not a name!', at })).toThrow();
    expect(ledger.size()).toBe(size);
  });

  it('retries once after a failed append, and passes a second failure on', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const size = ledger.size();
    expect(record(flaky(1), { kind: 'signed-in', by: 'zhao.min', at })).toBe(size);
    expect(warn).toHaveBeenCalledWith(
      '[console] ledger append of signed-in failed, retrying once:',
      'ledger: another process appended to this file',
    );
    expect(() => record(flaky(2), { kind: 'signed-in', by: 'zhao.min', at })).toThrow(
      /another process/,
    );
    expect(ledger.size()).toBe(size + 1);
  });
});
