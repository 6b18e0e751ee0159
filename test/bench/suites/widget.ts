// Suite `widget` (issue 5): the consent widget's weight (gzip of the one file a site embeds), the
// time from its script starting to the notice on screen in real Chromium on a first visit, and
// what it leaves on the host page: layout shift, global names, global style sheets.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { chromium } from '@playwright/test';
import { createApp } from '../../../server/app';
import { openConsent, outboxSender } from '../../../server/consent';
import { openLedger } from '../../../server/ledger';
import { CHROMIUM, CHROMIUM_ARGS } from '../masking/config';
import type { Check } from '../report';
import type { BenchSuite } from '../suite';
import { BASELINES, NOTICE_RUNS, TARGETS, WIDGET_DIR } from '../widget/config';
import { PROBE_SCRIPT, READ_PROBE, type ProbeReport } from '../widget/probe';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

export const widgetSuite: BenchSuite = {
  name: 'widget',
  description: 'consent widget: gzip size, script start to notice, layout shift, globals',
  async run({ progress }) {
    const file = path.join(WIDGET_DIR, 'custodian-consent.js');
    let source: Buffer;
    try {
      source = readFileSync(file);
    } catch {
      throw new Error(`No built widget at ${file}. Build it with \`npm run build\`.`);
    }
    const gzip = gzipSync(source, { level: 9 }).length;
    const brotli = brotliCompressSync(source, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length;

    const dir = mkdtempSync(path.join(tmpdir(), 'custodian-widget-bench-'));
    const ledger = openLedger({ path: path.join(dir, 'ledger.db'), checkpointEveryMs: 0 });
    const { sender, outbox } = outboxSender();
    const service = openConsent({ dir, ledger, sender });
    const app = createApp({
      version: 'bench',
      consent: { service, outbox },
      widgetDir: WIDGET_DIR,
    });
    const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
      (resolve) => {
        const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
          resolve({ server, port: info.port }),
        );
      },
    );
    const base = `http://127.0.0.1:${port}`;
    const published = service.publish(
      JSON.parse(
        readFileSync(
          new URL('../../fixtures/consent/shop-policy.v1.json', import.meta.url),
          'utf8',
        ),
      ),
      [base],
    );
    if (!published.ok) throw new Error(`cannot publish the demo policy: ${published.message}`);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const visit = async (withWidget: boolean): Promise<ProbeReport> => {
        // A new context per visit: a first visit, nothing stored, nothing cached.
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        try {
          const page = await context.newPage();
          await page.addInitScript(PROBE_SCRIPT);
          if (!withWidget) await page.route('**/widget/custodian-consent.js', (r) => r.abort());
          const shown = withWidget
            ? page.waitForEvent('console', {
                predicate: (message) => message.text() === 'custodian-probe:shown',
                timeout: 10_000,
              })
            : null;
          await page.goto(`${base}/demo/shop/`);
          if (shown) {
            await shown;
          } else {
            await page.waitForLoadState('load');
          }
          // Two frames more, so a late shift (a floating button, fonts) would be seen.
          await page.evaluate(
            'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))',
          );
          return (await page.evaluate(READ_PROBE)) as ProbeReport;
        } finally {
          await context.close();
        }
      };
      progress("a visit without the widget, for the page's own names and style sheets");
      const bare = await visit(false);
      const runs: ProbeReport[] = [];
      for (let i = 0; i < NOTICE_RUNS; i++) {
        progress(`first visit ${i + 1}/${NOTICE_RUNS}`);
        runs.push(await visit(true));
      }
      const times = runs.map((r) =>
        r.startAt === null || r.shownAt === null ? Number.NaN : r.shownAt - r.startAt,
      );
      const noticeMs = median(times);
      const shift = Math.max(...runs.map((r) => r.shift));
      const extraNames = [
        ...new Set(runs.flatMap((r) => r.newNames.filter((n) => !bare.newNames.includes(n)))),
      ];
      const extraSheets = Math.max(
        ...runs.map(
          (r) => r.documentSheets - bare.documentSheets + (r.adoptedSheets - bare.adoptedSheets),
        ),
      );
      const checks: Check[] = [
        {
          id: 'widget-gzip',
          label: 'widget: custodian-consent.js gzip',
          value: gzip / 1024,
          unit: 'KiB',
          target: { op: '<=', value: TARGETS.gzipBytes / 1024 },
          detail: `${source.length} bytes minified, ${gzip} gzip -9, ${brotli} brotli; ${(gzip / BASELINES.vanillaCookieConsentBytes).toFixed(2)}× vanilla-cookieconsent (15.5 KB gzip), ${(gzip / BASELINES.klaroBytes).toFixed(2)}× klaro (69 KB)`,
        },
        {
          id: 'widget-notice',
          label: 'widget: script start to notice on screen',
          value: noticeMs,
          unit: 'ms',
          target: { op: '<=', value: TARGETS.noticeMs },
          detail: `median of ${NOTICE_RUNS} first visits of /demo/shop/ (policy fetched from the local service), from the widget's start mark to the first animation frame with the dialog laid out; min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)} ms`,
        },
        {
          id: 'widget-layout-shift',
          label: 'widget: layout shift on the host page',
          value: shift,
          unit: 'CLS',
          target: { op: '<=', value: TARGETS.layoutShift },
          detail: `largest sum of layout-shift entries over the ${NOTICE_RUNS} visits (the page without the widget: ${bare.shift.toFixed(4)})`,
        },
        {
          id: 'widget-globals',
          label: 'widget: global names added besides CustodianConsent',
          value: extraNames.filter((n) => n !== 'CustodianConsent').length,
          unit: '',
          target: { op: '<=', value: 0 },
          detail: `names added to window: ${extraNames.join(', ') || 'none'}`,
        },
        {
          id: 'widget-global-css',
          label: 'widget: style sheets added to the host document',
          value: extraSheets,
          unit: '',
          target: { op: '<=', value: 0 },
          detail: `document.styleSheets + adoptedStyleSheets, against the page without the widget (${bare.documentSheets} + ${bare.adoptedSheets})`,
        },
      ];
      return { checks, raw: { gzip, brotli, bytes: source.length, times, shift, extraNames } };
    } finally {
      await browser.close();
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      service.close();
      ledger.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
