// Grants in force at their boundaries: from grantedAt inclusive to expiresAt exclusive, never
// after a revoke; the roles they give, each once.
import { describe, expect, it } from 'vitest';
import { activeGrants, rolesAt } from './grants';
import { grant } from './test-values';

const FROM = '2026-03-01T09:00:00.000Z';
const TO = '2026-03-31T09:00:00.000Z';
const at = Date.parse;

describe('activeGrants', () => {
  const g = grant('support', FROM, TO);

  it('is in force from grantedAt itself', () => {
    expect(activeGrants([g], at(FROM) - 1)).toEqual([]);
    expect(activeGrants([g], at(FROM))).toEqual([g]);
  });

  it('has ended at expiresAt itself (exclusive), and stays ended', () => {
    expect(activeGrants([g], at(TO) - 1)).toEqual([g]);
    expect(activeGrants([g], at(TO))).toEqual([]);
    expect(activeGrants([g], at(TO) + 86_400_000)).toEqual([]);
  });

  it('reads times written with an offset as the instants they are', () => {
    // 17:00 in Shanghai is 09:00Z: the same instants as FROM and TO.
    const offset = grant('support', '2026-03-01T17:00:00+08:00', '2026-03-31T17:00:00+08:00');
    expect(activeGrants([offset], at(FROM))).toEqual([offset]);
    expect(activeGrants([offset], at(TO))).toEqual([]);
  });

  it('is not in force after a revoke, nor before it once revoked: a revoked grant is gone', () => {
    // The store writes revokedAt when the admin revokes; from then on the grant gives nothing,
    // whatever instant is asked about (status is always asked about now).
    const revoked = grant('support', FROM, TO, '2026-03-10T09:00:00.000Z');
    expect(activeGrants([revoked], at('2026-03-05T09:00:00.000Z'))).toEqual([]);
    expect(activeGrants([revoked], at('2026-03-10T09:00:00.000Z'))).toEqual([]);
    expect(activeGrants([revoked], at('2026-03-20T09:00:00.000Z'))).toEqual([]);
  });

  it('keeps the grants in force, in order, and drops the others', () => {
    const ended = grant('sales', '2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z');
    const later = grant('audit', '2026-04-01T00:00:00Z', '2026-05-01T00:00:00Z');
    const other = grant('sales', FROM, TO);
    expect(activeGrants([ended, g, later, other], at('2026-03-15T00:00:00Z'))).toEqual([g, other]);
  });

  it('gives nothing for no grants', () => {
    expect(activeGrants([], at(FROM))).toEqual([]);
  });
});

describe('rolesAt', () => {
  it('lists each role once, in grant order', () => {
    const grants = [
      grant('sales', FROM, TO),
      grant('support', FROM, TO),
      grant('sales', '2026-03-05T00:00:00Z', '2026-04-05T00:00:00Z'),
    ];
    expect(rolesAt(grants, at('2026-03-15T00:00:00Z'))).toEqual(['sales', 'support']);
  });

  it('keeps a role while any of its grants is in force', () => {
    const grants = [
      grant('support', FROM, TO),
      grant('support', '2026-03-20T00:00:00Z', '2026-04-20T00:00:00Z'),
    ];
    expect(rolesAt(grants, at(TO))).toEqual(['support']);
    expect(rolesAt(grants, at('2026-04-20T00:00:00Z'))).toEqual([]);
  });

  it('gives no role once every grant has expired or been revoked', () => {
    const grants = [
      grant('support', FROM, TO),
      grant('sales', FROM, '2026-04-30T00:00:00Z', '2026-03-02T00:00:00Z'),
    ];
    expect(rolesAt(grants, at(TO))).toEqual([]);
  });
});
