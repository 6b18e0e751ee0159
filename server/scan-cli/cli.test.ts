// The scanner as a person runs it: real process, real files, exit codes and output streams.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'custodian-scan-'));
const withPii = join(dir, 'export.csv');
const clean = join(dir, 'clean.txt');
writeFileSync(withPii, '姓名,手机\n张三,13812345678\n李四,+86 139 1234 5678\n');
writeFileSync(clean, 'order SO20231115000123 shipped 2023-11-15\n');

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/bin/scan.ts', ...args], {
    input,
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run scan', () => {
  it('exits 1 with a JSON line per finding and a summary when PII is found', () => {
    const r = run([withPii, clean]);
    expect(r.code).toBe(1);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { file: withPii, type: 'phone', start: 9, end: 20, masked: '138****5678' },
      { file: withPii, type: 'phone', start: 24, end: 41, masked: '+86 139 **** 5678' },
    ]);
    expect(r.err).toContain('2 findings in 2 inputs (phone 2)');
  });

  it('exits 0 when nothing is found, reading stdin for -', () => {
    const r = run(['-'], 'nothing personal here');
    expect(r).toMatchObject({ code: 0, out: '' });
    expect(r.err).toContain('no PII found');
  });

  it('exits 2 with how to call it on a usage error or a missing file', () => {
    const none = run([]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('Usage: npm run scan -- FILE...');
    const missing = run([join(dir, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read .*nope\.csv.*ENOENT/);
    expect(missing.out).toBe('');
    const directory = run([withPii, dir]);
    expect(directory.code).toBe(2);
    expect(directory.err).toContain('is a directory. Name the files in it');
    expect(directory.out).toBe('');
  });
});
