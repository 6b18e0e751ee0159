// Tests of the device store: tokens bound to a staff member or to nobody, and the migration that
// adds the binding to a file written before enrollment existed.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../ledger/test-helpers';
import { openDeviceStore } from './store';

describe('openDeviceStore', () => {
  it('binds a device to a staff member when asked, and to nobody otherwise', () => {
    const devices = openDeviceStore(join(tempDir(), 'devices.db'));
    try {
      const enrolled = devices.issue('office laptop', 'CS-0420');
      const plain = devices.issue('CS-0421 laptop');
      expect(devices.authenticate(enrolled.token)).toEqual({
        id: enrolled.device.id,
        label: 'office laptop',
        staffId: 'CS-0420',
      });
      expect(devices.authenticate(plain.token)).toEqual({ ...plain.device, staffId: null });
      expect(devices.authenticate('cdt_unknown')).toBeUndefined();
      expect(devices.authenticate('no prefix')).toBeUndefined();
    } finally {
      devices.close();
    }
  });

  it('adds the staff column to a file from before enrollment, keeping its devices unbound', () => {
    const path = join(tempDir(), 'devices.db');
    const old = new Database(path);
    // The issue-4 layout, with one device whose token is "cdt_old".
    const hash = createHash('sha256').update('cdt_old').digest('hex');
    old.exec(`
      CREATE TABLE devices (id TEXT PRIMARY KEY, label TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL, revoked_at TEXT);
      CREATE TABLE sequences (event_device_id TEXT PRIMARY KEY, state TEXT NOT NULL);
      INSERT INTO devices VALUES ('d-1', 'CS-0420 laptop',
        '${hash}', '2026-01-01', NULL);
    `);
    old.close();
    for (let run = 0; run < 2; run += 1) {
      // Twice: the migration runs once, and a migrated file opens as it is.
      const devices = openDeviceStore(path);
      try {
        expect(devices.authenticate('cdt_old')).toEqual({
          id: 'd-1',
          label: 'CS-0420 laptop',
          staffId: null,
        });
        const { token } = devices.issue('office laptop', 'CS-0420');
        expect(devices.authenticate(token)?.staffId).toBe('CS-0420');
      } finally {
        devices.close();
      }
    }
    const db = new Database(path, { readonly: true });
    expect(db.prepare("SELECT staff_id FROM devices WHERE id = 'd-1'").get()).toEqual({
      staff_id: null,
    });
    db.close();
  });
});
