// Tests of `npm run consent`: publish, sites, origins, the request queue, and usage errors.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../ledger/test-helpers';
import { runConsentCli } from './cli';
import { shopPolicy, tempConsent } from './test-helpers';

function cli() {
  const t = tempConsent();
  const dir = tempDir();
  const file = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };
  const run = (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = runConsentCli(
      argv,
      { out: (l) => out.push(l), err: (l) => err.push(l) },
      t.consent,
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  return { ...t, file, run };
}

describe('npm run consent', () => {
  it('publishes a policy with its origins, lists sites, and refuses an older version (exit 1)', () => {
    const { run, file, close } = cli();
    try {
      const v1 = file('v1.json', shopPolicy(1));
      const published = run(
        'publish',
        v1,
        '--origin',
        'https://shop.example',
        '--origin',
        'http://localhost:8787',
      );
      expect(published.code).toBe(0);
      expect(published.out).toMatch(
        /^published shop version 1 \(ledger entry \d+; text hashes zh-CN [0-9a-f]{64}, en [0-9a-f]{64}\)/,
      );
      expect(published.out).toContain(
        'allowed origins: https://shop.example http://localhost:8787',
      );
      expect(run('sites').out).toBe(
        'shop\tversion 1\torigins https://shop.example http://localhost:8787',
      );
      const again = run('publish', v1);
      expect(again.code).toBe(1);
      expect(again.err).toMatch(/higher "version"/);
      expect(run('origins', 'shop', 'https://new.example')).toMatchObject({
        code: 0,
        out: 'shop: origins https://new.example',
      });
    } finally {
      close();
    }
  });

  it('lists data requests and moves one along', async () => {
    const { run, consent, close } = cli();
    try {
      expect(run('requests').out).toBe('no data requests');
      const published = consent.publish(shopPolicy(1));
      if (!published.ok) throw new Error(published.message);
      const { shopDecision } = await import('./test-helpers');
      const decided = consent.decide(
        'shop',
        undefined,
        shopDecision(published.value.textHashes.en),
      );
      if (!decided.ok || !decided.value.response.subject) throw new Error('no subject');
      const { subjectId, token } = decided.value.response.subject;
      const request = consent.requestData('shop', subjectId, `Bearer ${token}`, { kind: 'copy' });
      if (!request.ok) throw new Error(request.message);
      expect(run('requests').out).toBe(
        `${request.value.id}\tcopy\topen\tdue 2026-12-07T10:00:00.000Z\tshop\t${subjectId}`,
      );
      expect(run('request-status', request.value.id, 'in-progress')).toMatchObject({
        code: 0,
        out: `${request.value.id}: copy request is now in-progress`,
      });
      expect(run('request-status', '0190a000-0000-7000-8000-000000000000', 'done').code).toBe(1);
      expect(run('request-status', request.value.id, 'finished').code).toBe(2);
    } finally {
      close();
    }
  });

  it('exits 2 with the usage for bad arguments and unreadable files', () => {
    const { run, file, close } = cli();
    try {
      for (const argv of [
        [],
        ['frob'],
        ['publish'],
        ['publish', join(tempDir(), 'missing.json')],
        ['publish', file('bad.json', '{"schema": 1,')],
        ['publish', file('p.json', shopPolicy(1)), '--origin'],
        ['publish', file('q.json', shopPolicy(1)), '--color', 'red'],
        ['sites', 'extra'],
        ['origins', 'shop'],
      ]) {
        const result = run(...argv);
        expect(result.code, argv.join(' ')).toBe(2);
        expect(result.err).toMatch(/usage: npm run consent -- publish FILE/);
      }
    } finally {
      close();
    }
  });
});
