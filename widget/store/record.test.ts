// The stored record: read with a check; an invalid one is kept aside, never lost silently.
import { describe, expect, it, vi } from 'vitest';
import { memoryStorage, SUBJECT, v1 } from '../test-fixtures';
import { emptyRecord, readRecord, recordKey, writeRecord } from './record';

describe('readRecord', () => {
  it('is empty on a first visit and without storage', () => {
    const warn = vi.fn();
    expect(readRecord(memoryStorage(), 'shop', warn)).toEqual(emptyRecord());
    expect(readRecord(null, 'shop', warn)).toEqual(emptyRecord());
    expect(warn).not.toHaveBeenCalled();
  });

  it('reads back what was written', () => {
    const storage = memoryStorage();
    const record = { ...emptyRecord(), subject: SUBJECT, policy: v1 };
    writeRecord(storage, 'shop', record, vi.fn());
    expect(storage.data.has('custodian-consent:shop')).toBe(true);
    expect(readRecord(storage, 'shop', vi.fn())).toEqual(record);
  });

  it.each([
    ['not JSON', '{"schema":1,'],
    ['another schema', JSON.stringify({ ...emptyRecord(), schema: 2 })],
    ['a wrong token', JSON.stringify({ ...emptyRecord(), subject: { ...SUBJECT, token: 'x' } })],
  ])('keeps a record that is %s under :invalid, warns and goes on empty', (_, raw) => {
    const storage = memoryStorage();
    storage.data.set(recordKey('shop'), raw);
    const warn = vi.fn();
    expect(readRecord(storage, 'shop', warn)).toEqual(emptyRecord());
    expect(storage.data.get('custodian-consent:shop:invalid')).toBe(raw);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('custodian-consent:shop:invalid'));
  });

  it('survives a storage that throws', () => {
    const warn = vi.fn();
    const broken = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readRecord(broken, 'shop', warn)).toEqual(emptyRecord());
    writeRecord(broken, 'shop', emptyRecord(), warn);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('QuotaExceededError'));
  });
});
