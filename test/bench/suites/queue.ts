// Suite `queue` (issue 4): the extension's event queue in real Chromium — events enqueued per
// second (strict durability, one call per event, as reveals and page views arrive), and how long
// a 100,000-event backlog takes to drain to a local audit server. The queue and sync modules are
// bundled as they are (esbuild) into a page, so the figures are for the extension's own code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { createApp } from '../../../server/app';
import { openDeviceStore } from '../../../server/devices';
import { openLedger } from '../../../server/ledger';
import { CHROMIUM, CHROMIUM_ARGS } from '../masking/config';
import type { Check } from '../report';
import type { BenchSuite } from '../suite';

/** Issue 4 targets. */
const TARGETS = { enqueuePerSecond: 5_000, backlog: 100_000, drainSeconds: 60 } as const;
/** Events timed for the enqueue rate: enough for a steady figure, few enough to be quick. */
const ENQUEUE_EVENTS = 5_000;

export const queueSuite: BenchSuite = {
  name: 'queue',
  description: 'extension event queue: enqueue rate, 100,000-event backlog drain',
  async run({ progress }) {
    const bundle = await build({
      entryPoints: [path.join(import.meta.dirname, '../queue/entry.ts')],
      bundle: true,
      format: 'iife',
      write: false,
      platform: 'browser',
      target: 'chrome120',
    });
    const script = bundle.outputFiles[0]!.text;
    const dir = mkdtempSync(path.join(tmpdir(), 'custodian-queue-bench-'));
    const ledger = openLedger({ path: path.join(dir, 'ledger.db'), checkpointEveryMs: 0 });
    const devices = openDeviceStore(path.join(dir, 'devices.db'));
    const { token } = devices.issue('queue bench');
    const app = createApp({ version: 'bench', audit: { ledger, devices } });
    const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
      (resolve) => {
        const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
          resolve({ server, port: info.port }),
        );
      },
    );
    const base = `http://127.0.0.1:${port}`;
    const context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.route(`${base}/queue-bench`, (route) =>
        route.fulfill({
          contentType: 'text/html; charset=utf-8',
          body: `<!doctype html><meta charset="utf-8"><script>${script.replace(/<\/script/g, '<\\/script')}</script>`,
        }),
      );
      await page.goto(`${base}/queue-bench`);
      const enqueue = (n: number) =>
        page.evaluate(async (count) => {
          // No named helper functions in here: tsx would wrap them in a __name() the page lacks.
          const t0 = performance.now();
          // A burst, as when many frames report at once: every call made, then all awaited.
          const calls: Promise<unknown>[] = [];
          for (let i = 0; i < count; i++) {
            calls.push(
              window.custodianQueue.enqueueEvent({
                kind: 'page-view',
                staffId: 'CS-0420',
                role: 'support',
                policyVersion: 'bench',
                page: { origin: 'https://crm.example.com', path: `/customers/${i}` },
                counts: { phone: 3, email: 1 },
              }),
            );
          }
          await Promise.all(calls);
          return performance.now() - t0;
        }, n);
      progress(`enqueueing ${ENQUEUE_EVENTS} events in one burst`);
      const enqueueMs = await enqueue(ENQUEUE_EVENTS);
      progress('enqueueing 200 events one at a time, each awaited');
      const oneByOne = await page.evaluate(async () => {
        const t0 = performance.now();
        for (let i = 0; i < 200; i++) {
          await window.custodianQueue.enqueueEvent({
            kind: 'page-view',
            staffId: 'CS-0420',
            role: 'support',
            policyVersion: 'bench',
            page: { origin: 'https://crm.example.com', path: '/one-by-one' },
            counts: { phone: 1 },
          });
        }
        return 200 / ((performance.now() - t0) / 1000);
      });
      progress(`filling the queue to ${TARGETS.backlog} events`);
      await enqueue(TARGETS.backlog - ENQUEUE_EVENTS - 200);
      const queued = await page.evaluate(
        async () => (await window.custodianQueue.queueStatus()).length,
      );
      progress(`draining ${queued} events to ${base}`);
      const t0 = Date.now();
      const requests = await page.evaluate(([url, t]) => window.custodianQueue.drain(url, t), [
        base,
        token,
      ] as const);
      const drainMs = Date.now() - t0;
      const left = await page.evaluate(
        async () => (await window.custodianQueue.queueStatus()).length,
      );
      const checks: Check[] = [
        {
          id: 'queue-enqueue-rate',
          label: 'queue: events enqueued per second',
          value: ENQUEUE_EVENTS / (enqueueMs / 1000),
          unit: 'events/s',
          target: { op: '>=', value: TARGETS.enqueuePerSecond },
          detail: `a burst of ${ENQUEUE_EVENTS} enqueueEvent calls, all resolved (on disk) in ${enqueueMs.toFixed(0)} ms; strict-durability IndexedDB transactions shared by the events that arrive together (Chromium, page context, the extension's module bundled as is); one event at a time, awaited, measured ${oneByOne.toFixed(0)} events/s`,
        },
        {
          id: 'queue-drain-100k',
          label: `queue: ${queued.toLocaleString('en')}-event backlog drained`,
          value: drainMs / 1000,
          unit: 's',
          target: { op: '<=', value: TARGETS.drainSeconds },
          detail: `${requests} requests of up to 500 to a local audit server (ledger on disk, synchronous=FULL); ${left} left in the queue; ledger size ${ledger.size()}`,
        },
      ];
      return { checks, raw: { enqueueMs, oneByOne, drainMs, requests, queued, left } };
    } finally {
      await context.close();
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      ledger.close();
      devices.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
