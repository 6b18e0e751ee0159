// Tests of the console's review routes: the queue by status, a case with the staff member's events
// of its day, and the decision: a reviewer's, through the governance service, on the record with
// the signed-in operator's name; an auditor may read but not decide.
import { afterEach, describe, expect, it } from 'vitest';
import { ReviewCaseSchema, type ReviewCase } from '../../shared/schema';
import type { ErrorBody } from '../app';
import { revealRequest } from '../app/governance-test-helpers';
import { consoleTestApp } from './session/test-app';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

function setup() {
  const t = consoleTestApp();
  open.push(t);
  return t;
}

const errorOf = async (res: Response) => ((await res.clone().json()) as ErrorBody).error;

/** A staff member over the daily limit: 50 page views, then a refused reveal opens a case. */
async function openedCase(t: ReturnType<typeof setup>): Promise<ReviewCase> {
  const { device } = await t.unlockedStaff();
  await t.sendEvents(
    device,
    Array.from({ length: 50 }, () => t.event('page-view')),
  );
  const res = await t.call('/v1/staff/reveals', { body: revealRequest(), token: device });
  const verdict = (await res.json()) as { case?: unknown };
  return ReviewCaseSchema.parse(verdict.case);
}

describe('console reviews', () => {
  it('lists cases by status and shows one with the staff member’s events of that day', async () => {
    const t = setup();
    const opened = await openedCase(t);
    const cookie = await t.signIn('auditor');

    const list = await t.api('/reviews?status=open', { cookie });
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ cases: [opened] });
    expect(await (await t.api('/reviews?status=approved', { cookie })).json()).toEqual({
      cases: [],
    });
    expect((await t.api('/reviews?status=closed', { cookie })).status).toBe(400);

    const detail = await t.api(`/reviews/${opened.caseId}`, { cookie });
    expect(detail.status).toBe(200);
    const body = (await detail.json()) as {
      case: ReviewCase;
      events: { rows: { staffId: string; day: string; kind: string }[]; next: number | null };
    };
    expect(body.case).toEqual(opened);
    expect(body.events.rows).toHaveLength(50);
    expect(body.events.next).toBeNull();
    for (const row of body.events.rows) {
      expect(row).toMatchObject({ staffId: 'CS-0420', day: '2026-11-24', kind: 'page-view' });
    }

    const unknown = await t.api('/reviews/0190a000-0000-7000-8000-000000000001', { cookie });
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toBe('unknown-case');
  });

  it('records a reviewer’s decision under their name, once; an auditor may not decide', async () => {
    const t = setup();
    const opened = await openedCase(t);
    const decision = { decision: 'approve', comment: 'Year-end campaign calls, agreed.' };

    const auditor = await t.signIn('auditor');
    const refused = await t.api(`/reviews/${opened.caseId}/decision`, {
      cookie: auditor,
      body: decision,
    });
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe('forbidden');

    const reviewer = await t.signIn('reviewer');
    const res = await t.api(`/reviews/${opened.caseId}/decision`, {
      cookie: reviewer,
      body: decision,
    });
    expect(res.status).toBe(200);
    expect(ReviewCaseSchema.parse(await res.json())).toMatchObject({
      caseId: opened.caseId,
      status: 'approved',
      decidedBy: 'ops.reviewer',
      comment: decision.comment,
    });
    expect(t.governanceEntries().at(-1)).toMatchObject({
      kind: 'review-decided',
      by: 'ops.reviewer',
      caseId: opened.caseId,
      staffId: 'CS-0420',
      decision: 'approve',
    });

    const again = await t.api(`/reviews/${opened.caseId}/decision`, {
      cookie: reviewer,
      body: { decision: 'reject', comment: 'Changed my mind.' },
    });
    expect(again.status).toBe(409);
    const bad = await t.api(`/reviews/${opened.caseId}/decision`, {
      cookie: reviewer,
      body: { decision: 'maybe' },
    });
    expect(bad.status).toBe(400);
  });
});
