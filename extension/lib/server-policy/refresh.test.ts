// Tests of the signed policy's refresh: a good policy is kept; a forged, unsigned or malformed
// one, a missing one and an unreachable service keep the last good one and say why.
import { describe, expect, it } from 'vitest';
import { memoryArea } from '../service/area';
import type { FetchLike } from '../service/call';
import { refreshServerPolicy } from './refresh';
import { keptServerPolicy, readServerPolicyRecord } from './store';
import { makeServerKey } from './test-keys';

const SERVER = 'https://audit.example.com';
const settings = async () => ({ serverUrl: SERVER, deviceToken: 'cdt_0123456789abcdef' });
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const policy = (version: string) => ({ version, protect: ['https://crm.example.com/*'] });

async function setup() {
  const key = await makeServerKey();
  const local = memoryArea();
  const requests: { url: string; auth: string | null }[] = [];
  let answer: () => Promise<Response> = async () => json(404, {});
  const fetch: FetchLike = async (url, init) => {
    requests.push({ url, auth: new Headers(init.headers).get('authorization') });
    return answer();
  };
  let clock = 1_000;
  const refresh = () =>
    refreshServerPolicy({
      fetch,
      local,
      settings,
      serverKey: async () => key.serverKey,
      now: () => (clock += 1000),
    });
  return {
    key,
    local,
    requests,
    refresh,
    answer: (next: () => Promise<Response>) => (answer = next),
  };
}

describe('refreshServerPolicy', () => {
  it('keeps a policy that verifies, fetched with the device token', async () => {
    const t = await setup();
    const note = await t.key.signPolicy(policy('v1'));
    t.answer(async () => json(200, { version: 'v1', note }));
    const record = await t.refresh();
    expect(record).toMatchObject({ kept: { version: 'v1', note }, problem: null });
    expect(t.requests).toEqual([
      { url: `${SERVER}/v1/staff/policy`, auth: 'Bearer cdt_0123456789abcdef' },
    ]);
    const kept = await keptServerPolicy(await readServerPolicyRecord(t.local), t.key.serverKey);
    expect(kept).toMatchObject({ ok: true, value: { version: 'v1' } });
  });

  it('refuses a forged, unsigned or malformed policy and keeps the last good one', async () => {
    const t = await setup();
    const good = await t.key.signPolicy(policy('v1'));
    t.answer(async () => json(200, { version: 'v1', note: good }));
    await t.refresh();

    const forged = (await t.key.signPolicy(policy('v2'))).replace('crm.example', 'evil.example');
    const other = await (await makeServerKey()).signPolicy(policy('v2'));
    const unsigned = 'custodian-staff-policy/1\n{"protect":["<all_urls>"],"version":"v2"}\n';
    for (const body of [
      { version: 'v2', note: forged },
      { version: 'v2', note: other },
      { version: 'v2', note: unsigned },
      { version: 'v2' },
      'not json at all',
    ]) {
      t.answer(async () => json(200, body));
      const record = await t.refresh();
      expect(record.kept?.version, JSON.stringify(body)).toBe('v1');
      expect(record.kept?.note).toBe(good);
      expect(record.problem, JSON.stringify(body)).toMatch(/refused|not a signed policy/);
      expect(record.problemAt).not.toBeNull();
    }
    // A good one again clears the problem.
    const v3 = await t.key.signPolicy(policy('v3'));
    t.answer(async () => json(200, { version: 'v3', note: v3 }));
    expect(await t.refresh()).toMatchObject({ kept: { version: 'v3' }, problem: null });
  });

  it("passes on the service's message when none is published, and says when it is unreachable", async () => {
    const t = await setup();
    t.answer(async () =>
      json(404, { error: { code: 'no-policy', message: 'No staff policy is published yet.' } }),
    );
    expect(await t.refresh()).toMatchObject({
      kept: null,
      problem: 'No staff policy is published yet.',
    });
    t.answer(() => Promise.reject(new TypeError('Failed to fetch')));
    expect((await t.refresh()).problem).toContain('cannot be reached');
    t.answer(async () => json(503, {}));
    expect((await t.refresh()).problem).toContain('HTTP 503');
  });
});
