// The service client: the contract's URLs, headers and bodies; answers checked; errors typed.
import { describe, expect, it } from 'vitest';
import { initialChoices } from '../../shared/consent/choices';
import type { DecisionRequest } from '../../shared/schema/consent';
import { HASH, receiptFor, SUBJECT, v1 } from '../test-fixtures';
import { consentService, isTransient, ServiceError } from './client';

function fakeFetch(status: number, body: unknown) {
  const seen: { url: string; init: RequestInit | undefined }[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    seen.push({ url: String(input), init });
    return new Response(JSON.stringify(body), { status });
  };
  return { seen, fetchFn };
}

const request: DecisionRequest = {
  decisionId: '01890000-0000-7000-8000-000000000001',
  policyVersion: 1,
  language: 'en',
  textHash: HASH,
  choices: initialChoices(v1),
  method: 'banner',
  gpc: false,
  decidedAt: '2026-01-01T00:00:00.000Z',
};

describe('consentService', () => {
  it('reads the policy under /v1/consent/sites/:site/, whatever the base looks like', async () => {
    const answer = { policy: v1, textHashes: { 'zh-CN': HASH, en: HASH } };
    for (const base of ['https://c.example', 'https://c.example/', 'https://c.example/api']) {
      const { seen, fetchFn } = fakeFetch(200, answer);
      expect(await consentService(base, 'shop', fetchFn).policy()).toEqual(answer);
      const root = base.endsWith('api') ? 'https://c.example/api/' : 'https://c.example/';
      expect(seen[0]?.url).toBe(`${root}v1/consent/sites/shop/policy`);
      expect(seen[0]?.init?.method).toBe('GET');
    }
  });

  it('posts a decision with the subject token and JSON', async () => {
    const { seen, fetchFn } = fakeFetch(201, { receipt: receiptFor(request) });
    await consentService('https://c.example', 'shop', fetchFn).decide(request, SUBJECT);
    const headers = seen[0]?.init?.headers as Record<string, string>;
    expect(headers.Authorization).toBe(`Bearer ${SUBJECT.token}`);
    expect(headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(String(seen[0]?.init?.body))).toEqual(request);
    expect(seen[0]?.init?.credentials).toBe('omit');
  });

  it('refuses an answer that breaks its schema', async () => {
    const { fetchFn } = fakeFetch(200, { policy: { ...v1, version: 0 }, textHashes: {} });
    await expect(consentService('https://c.example', 'shop', fetchFn).policy()).rejects.toThrow(
      /malformed at policy\.version/,
    );
  });

  it('turns error answers into ServiceError with status and code', async () => {
    const { fetchFn } = fakeFetch(400, {
      error: { code: 'verification-required', message: 'verify first' },
    });
    const failure = await consentService('https://c.example', 'shop', fetchFn)
      .decide(request, null)
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ServiceError);
    expect(failure).toMatchObject({ status: 400, code: 'verification-required' });
    expect(isTransient(failure as ServiceError)).toBe(false);
  });

  it('reports no answer as status 0, worth retrying like a 5xx', async () => {
    const down: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const failure = await consentService('https://c.example', 'shop', down)
      .policy()
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ status: 0 });
    expect(isTransient(failure as ServiceError)).toBe(true);
    expect(isTransient(new ServiceError(503, '', ''))).toBe(true);
  });
});
