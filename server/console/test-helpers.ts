// Test helpers for the console's routes: a sub-app mounted at /admin/api behind a tiny stand-in
// for the session middleware (the operator comes from a test header), a caller per role, a clock
// the test moves, and the ledger's console entries, parsed.
import { dirname } from 'node:path';
import { Hono } from 'hono';
import { z } from 'zod';
import { ConsoleEntrySchema, type ConsoleEntry } from '../../shared/schema/review';
import { OperatorRoleSchema, type OperatorRole } from '../../shared/schema/staff';
import { notFound, onError } from '../app/errors';
import type { Ledger } from '../ledger';
import { ledgerEntries } from '../ledger/entries';
import { tempLedger } from '../ledger/test-helpers';
import { CONSOLE_KIND } from './config';
import { openConsoleStore } from './console-store';
import type { ConsoleEnv } from './roles';

/** The operators the tests act as, one per role. */
export const OPERATORS: Record<OperatorRole, string> = {
  auditor: 'audit-01',
  reviewer: 'zhao.min',
  admin: 'li.wei',
};

/** Tuesday 2026-11-24, 10:00 in Shanghai. */
export const START = Date.parse('2026-11-24T10:00:00+08:00');

/** A clock the test moves by hand. */
export function testClock(start = START) {
  const clock = { t: start, now: () => clock.t, advance: (ms: number) => void (clock.t += ms) };
  return clock;
}

/** A fresh ledger and console store in a temporary directory (removed after the test). */
export function tempConsole(start?: number) {
  const { ledger, path } = tempLedger();
  const dir = dirname(path);
  const store = openConsoleStore(dir);
  const clock = testClock(start);
  return {
    dir,
    ledgerPath: path,
    ledger,
    store,
    clock,
    close() {
      store.close();
      ledger.close();
    },
  };
}

export interface CallOptions {
  as?: OperatorRole;
  method?: string;
  body?: unknown;
}

/**
 * `routes` mounted at /admin/api as the app will mount them, behind a middleware that sets the
 * operator of the role the call names (the session middleware's job in the server).
 */
export function mount(routes: Hono<ConsoleEnv>) {
  const app = new Hono<ConsoleEnv>();
  app.use('/admin/api/*', async (c, next) => {
    const role = OperatorRoleSchema.parse(c.req.header('x-test-role'));
    c.set('operator', { name: OPERATORS[role], role });
    await next();
  });
  app.route('/admin/api', routes);
  app.notFound(notFound);
  app.onError(onError);
  return (path: string, o: CallOptions = {}) =>
    app.request(`/admin/api${path}`, {
      method: o.method ?? (o.body === undefined ? 'GET' : 'POST'),
      headers: {
        'x-test-role': o.as ?? 'admin',
        ...(o.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body:
        o.body === undefined
          ? undefined
          : typeof o.body === 'string'
            ? o.body
            : JSON.stringify(o.body),
    });
}

const ErrorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** The error of a refusal: its code and message. */
export async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  return ErrorBodySchema.parse(await res.json()).error;
}

/** Every console entry of the ledger, parsed, oldest first. */
export function consoleEntries(ledger: Ledger): ConsoleEntry[] {
  return ledgerEntries(ledger)
    .filter((e) => e.kind === CONSOLE_KIND)
    .map((e) => ConsoleEntrySchema.parse(e.payload));
}
