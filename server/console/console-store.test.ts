// The console store: records survive a reopen, a damaged row or a newer schema is refused with a
// message that says what to do, and verify runs are pruned to the newest.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/schema/review';
import { tempDir } from '../ledger/test-helpers';
import { CONSOLE_DB_FILE, VERIFY_RUNS_KEPT } from './config';
import { openConsoleStore } from './console-store';

const incident: Incident = {
  incidentId: '0190f7a2-1b3c-7def-8a12-000000000001',
  level: 1,
  title: 'Misdirected parcel',
  description: '',
  discoveredAt: '2026-11-24T01:00:00.000Z',
  openedBy: 'zhao.min',
  openedAt: '2026-11-24T01:10:00.000Z',
  steps: [],
  closedAt: null,
};

describe('openConsoleStore', () => {
  it('keeps incidents and the last verification across a reopen', () => {
    const dir = tempDir();
    let store = openConsoleStore(dir);
    store.insertIncident(incident);
    store.putVerifyRun({
      ok: true,
      size: 3,
      root: 'a'.repeat(64),
      checkpoints: 1,
      checkedAt: incident.openedAt,
    });
    store.close();
    store = openConsoleStore(dir);
    expect(store.incident(incident.incidentId)).toEqual(incident);
    expect(store.lastVerifyRun()).toEqual({
      ok: true,
      size: 3,
      root: 'a'.repeat(64),
      checkpoints: 1,
      checkedAt: incident.openedAt,
    });
    store.close();
  });

  it('keeps only the newest verify runs', () => {
    const dir = tempDir();
    const store = openConsoleStore(dir);
    for (let i = 0; i < VERIFY_RUNS_KEPT + 5; i++) {
      store.putVerifyRun({ ok: false, index: i, reason: 'broken', checkedAt: incident.openedAt });
    }
    expect(store.lastVerifyRun()).toMatchObject({ index: VERIFY_RUNS_KEPT + 4 });
    store.close();
    const db = new Database(join(dir, CONSOLE_DB_FILE), { readonly: true });
    expect(db.prepare('SELECT COUNT(*) FROM verify_runs').pluck().get()).toBe(VERIFY_RUNS_KEPT);
    db.close();
  });

  it('refuses a damaged row and a file of another schema, saying what to do', () => {
    const dir = tempDir();
    const store = openConsoleStore(dir);
    store.insertIncident(incident);
    const db = new Database(join(dir, CONSOLE_DB_FILE));
    db.prepare('UPDATE incidents SET body = \'{"level": 9}\'').run();
    db.prepare("UPDATE meta SET value = '2' WHERE key = 'schema'").run();
    db.close();
    expect(() => store.incident(incident.incidentId)).toThrow(
      /a stored incident is damaged; restore the file from backup/,
    );
    store.close();
    expect(() => openConsoleStore(dir)).toThrow(/console schema 2, this server knows 1/);
  });
});
