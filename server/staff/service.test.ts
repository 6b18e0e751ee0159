// Tests of the governance service's files: TOTP secrets sealed at rest (R20) under a key file only
// the service's user reads, the service key shared with the ledger, and a policy published by one
// process (the command line) seen by another (the server) at its next read.
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateKey } from '../ledger/key-file';
import { tempDir } from '../ledger/test-helpers';
import { GOVERNANCE_KEY_FILE } from './config';
import { loadOrCreateGovernanceKey } from './secret-key';
import { openGovernance } from './service';
import { crmPolicy, tempGovernance, totpCode } from './test-helpers';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

function setup() {
  const t = tempGovernance();
  open.push(t);
  return t;
}

describe('openGovernance', () => {
  it('keeps TOTP secrets only sealed, under a key file of mode 0600', () => {
    const t = setup();
    const created = t.governance.createStaff('cli', { staffId: 'CS-0420', name: '王芳' });
    if (!created.ok) throw new Error(created.message);
    const enrolled = t.governance.enroll({
      code: created.value.enrollment.code,
      deviceLabel: 'pc',
    });
    if (!enrolled.ok) throw new Error(enrolled.message);
    const who = t.governance.device(`Bearer ${enrolled.value.deviceToken}`);
    if (!who.ok) throw new Error(who.message);
    const code = totpCode(enrolled.value.totp.secret, t.clock.now());
    expect(t.governance.confirmTotp(who.value, { code })).toMatchObject({ ok: true });

    const { secret } = enrolled.value.totp;
    for (const name of readdirSync(t.dir).filter((n) => n.startsWith('governance.db'))) {
      expect(readFileSync(join(t.dir, name)).includes(secret), name).toBe(false);
    }
    if (process.platform !== 'win32') {
      expect(statSync(join(t.dir, GOVERNANCE_KEY_FILE)).mode & 0o777).toBe(0o600);
    }
  });

  it('refuses a key file others can read, or a damaged one, saying how to fix it', () => {
    const dir = tempDir();
    const path = join(dir, GOVERNANCE_KEY_FILE);
    const box = loadOrCreateGovernanceKey(path);
    expect(box.unseal(box.seal('JBSWY3DP', 'totp:CS-0420'), 'totp:CS-0420')).toBe('JBSWY3DP');
    expect(() => box.unseal(box.seal('JBSWY3DP', 'totp:CS-0420'), 'totp:CS-0421')).toThrow();
    if (process.platform !== 'win32') {
      chmodSync(path, 0o644);
      expect(() => loadOrCreateGovernanceKey(path)).toThrow(`chmod 600 ${path}`);
    }
    writeFileSync(path, 'custodian-governance-key/1 short\n', { mode: 0o600 });
    chmodSync(path, 0o600);
    expect(() => loadOrCreateGovernanceKey(path)).toThrow(/damaged .* Restore it from backup/);
  });

  it("refuses a signing key that is not the ledger's", () => {
    const t = setup();
    const other = loadOrCreateKey(join(tempDir(), 'other-key'), 'other.example/ledger');
    expect(() =>
      openGovernance({ dir: t.dir, ledger: t.ledger, devices: t.devices, key: other }),
    ).toThrow(/is not the ledger's/);
  });

  it('sees a policy another process published at its next read', () => {
    const t = setup();
    const server = openGovernance({ dir: t.dir, ledger: t.ledger, devices: t.devices });
    open.push(server);
    expect(server.policy()).toMatchObject({ ok: false, code: 'no-policy' });
    expect(t.governance.publishPolicy('cli', crmPolicy())).toMatchObject({ ok: true });
    expect(server.policy()).toMatchObject({ ok: true, value: { version: 'crm-demo-1' } });
    t.governance.publishPolicy('cli', { ...crmPolicy(), version: 'crm-demo-2' });
    expect(server.policy()).toMatchObject({ ok: true, value: { version: 'crm-demo-2' } });
  });
});
