// Playwright fixtures for the consent widget: a fresh consent service per test (its own ledger,
// consent store and development outbox, on a free port of 127.0.0.1) with the demo shop's policy
// version 1 published, and a plain system Chromium (no extension) with a fresh context per test.
// Below the fixtures: helpers that open the shop and use the widget as a customer would.
import { createPublicKey, verify } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import {
  test as base,
  chromium,
  expect,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from '@playwright/test';
import { createApp } from '../../server/app';
import { openConsent, outboxSender, type ConsentService, type Outbox } from '../../server/consent';
import { openLedger, type Ledger } from '../../server/ledger';
import { ledgerEntries } from '../../server/ledger/entries';
import { CHROMIUM, CHROMIUM_ARGS } from './fixtures';
import { openReceipt } from '../../shared/consent/receipt';
import { parseVerifierKey, pureHasher, type NoteVerifier, type Result } from '../../shared/ledger';
import {
  ReceiptBodySchema,
  WidgetStoreSchema,
  type Language,
  type ReceiptBody,
  type SubjectCredentials,
} from '../../shared/schema';
import type { CustodianConsent } from '../../widget/index';

declare global {
  interface Window {
    /** The widget's public API, once its script ran. */
    CustodianConsent?: CustodianConsent;
    /** Google's tag queue on gcm.html: each entry is one gtag call's arguments. */
    dataLayer?: IArguments[];
  }
}

/** The widget bundle the app serves at /widget/ (built by widget/build.ts). */
const WIDGET_BUNDLE = new URL('../../dist/widget/custodian-consent.js', import.meta.url);

/** The demo shop's policy versions, as published. */
export const shopPolicy = (version: 1 | 2): unknown =>
  JSON.parse(
    readFileSync(
      new URL(`../fixtures/consent/shop-policy.v${version}.json`, import.meta.url),
      'utf8',
    ),
  );

export interface ShopServer {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  /** The demo shop: `${url}/demo/shop/`. */
  shopUrl: string;
  service: ConsentService;
  outbox: Outbox;
  ledger: Ledger;
  /** Publishes version 2 of the shop's policy (R7). */
  publishV2(): void;
  /** Receipts the ledger holds (kind consent-decision), oldest first. */
  receipts(): ReceiptBody[];
  /** The latest one-time code the outbox holds. */
  latestCode(): string;
  /**
   * Moves the service's clock on by `ms` (the page's clock is the test's: `page.clock`), as when
   * months pass between two visits.
   */
  advanceClock(ms: number): void;
  /** The whole ledger export (one JSON line per entry), to search for what must never be there. */
  ledgerText(): string;
}

interface Fixtures {
  shop: ShopServer;
  context: BrowserContext;
  page: Page;
}

export const test = base.extend<Fixtures, { browser: Browser }>({
  browser: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the first argument.
    async ({}, use) => {
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],

  // eslint-disable-next-line no-empty-pattern -- Playwright requires the first argument.
  shop: async ({}, use) => {
    if (!existsSync(WIDGET_BUNDLE)) {
      throw new Error(
        'No built widget at dist/widget/custodian-consent.js. Build it with `npx tsx widget/build.ts` ' +
          '(`npm run test:e2e` builds it before the tests).',
      );
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'custodian-e2e-consent-'));
    const ledger = openLedger({ path: path.join(dir, 'ledger.db'), checkpointEveryMs: 0 });
    const { sender, outbox } = outboxSender();
    let clockOffsetMs = 0;
    const service = openConsent({ dir, ledger, sender, now: () => Date.now() + clockOffsetMs });
    const app = createApp({ version: 'e2e', consent: { service, outbox } });
    const { server, port } = await new Promise<{
      server: ReturnType<typeof serve>;
      port: number;
    }>((resolve) => {
      const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
        resolve({ server, port: info.port }),
      );
    });
    // openShop's route.fetch reuses kept-alive sockets; at Node's 5 s default the server may close
    // one just as a request goes out on it (ECONNRESET under CI load). Tests never idle that long.
    if ('keepAliveTimeout' in server) server.keepAliveTimeout = 120_000;
    const url = `http://127.0.0.1:${port}`;
    const publish = (version: 1 | 2) => {
      const result = service.publish(shopPolicy(version), [url]);
      if (!result.ok) throw new Error(`cannot publish shop policy v${version}: ${result.message}`);
    };
    publish(1);
    const exported = () => {
      const lines = ledger.exportRange(0, ledger.checkpoint().size);
      if (!lines.ok) throw new Error(lines.error);
      return [...lines.value];
    };
    await use({
      url,
      shopUrl: `${url}/demo/shop/`,
      service,
      outbox,
      ledger,
      publishV2: () => publish(2),
      receipts: () =>
        ledgerEntries(ledger)
          .filter((entry) => entry.kind === 'consent-decision')
          .map((entry) => ReceiptBodySchema.parse(entry.payload)),
      latestCode: () => {
        const code = outbox.messages()[0]?.code;
        if (!code) throw new Error('the outbox holds no code: was one sent?');
        return code;
      },
      advanceClock: (ms) => {
        clockOffsetMs += ms;
      },
      ledgerText: () => exported().join('\n'),
    });
    if ('closeAllConnections' in server) server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    service.close();
    ledger.close();
    rmSync(dir, { recursive: true, force: true });
  },

  context: async ({ browser }, use) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await use(context);
    await context.close();
  },

  page: async ({ context }, use) => {
    await use(await context.newPage());
  },
});

export { expect } from '@playwright/test';

/** How a test serves a shop page: which file, in which language, under which CSP. */
export interface ShopPageOptions {
  /** A file of test/fixtures/pages/shop/ ('' is index.html). */
  file?: string;
  /** Set as the widget tag's data-lang; null keeps the page's own choice (`<html lang>`). */
  lang?: Language | null;
  /** Sent as the page's Content-Security-Policy header. */
  csp?: string;
}

/**
 * Opens a shop page. The pages' documents pass through a route that adds `data-lang` to the
 * widget's tag (the tests read English unless they say otherwise) and the CSP header, so that a
 * reload is served the same way.
 */
export async function openShop(
  page: Page,
  shop: ShopServer,
  { file = '', lang = 'en', csp }: ShopPageOptions = {},
): Promise<void> {
  await page.route(
    (url) => url.origin === shop.url && url.pathname.startsWith('/demo/shop/'),
    async (route) => {
      if (route.request().resourceType() !== 'document') return route.fallback();
      const response = await route.fetch();
      let body = await response.text();
      if (lang)
        body = body.replace(/src="\/widget\/custodian-consent\.js"/, `$& data-lang="${lang}"`);
      const headers = response.headers();
      if (csp) headers['content-security-policy'] = csp;
      await route.fulfill({ response, body, headers });
    },
  );
  await page.goto(shop.shopUrl + file);
}

/** The widget on `page`: its host element (the shadow root's), the dialog, the floating button. */
export function widget(page: Page) {
  const host = page.locator('body > div:last-child');
  const dialog = host.getByRole('dialog');
  return {
    host,
    dialog,
    fab: host.getByRole('button', { name: /^(Privacy settings|隐私设置)$/ }),
    /** A button of the dialog, by its exact accessible name. */
    button: (name: string) => dialog.getByRole('button', { name, exact: true }),
    /** A purpose's switch in the notice, by the purpose's title (a "Sensitive" tag may follow). */
    switchOf: (title: string) => dialog.getByRole('switch', { name: title }),
    /** Whether the focused element of the page is inside the dialog (through the shadow root). */
    focusInDialog: () =>
      host.evaluate((el) => {
        const active = el.shadowRoot?.activeElement;
        return document.activeElement === el && !!active?.closest('[role="dialog"]');
      }),
  };
}

/** `CustodianConsent.get(purpose)` in the page; null while the widget has not started. */
export const isGranted = (page: Page, purpose: string): Promise<boolean | null> =>
  page.evaluate((id) => window.CustodianConsent?.get(id) ?? null, purpose);

/** A receipt's decisions as `{ purpose: granted }`. */
export const decisionMap = (receipt: ReceiptBody | undefined): Record<string, boolean> =>
  Object.fromEntries((receipt?.decisions ?? []).map((d) => [d.purpose, d.granted]));

/** How many times the shop's gated analytics.js ran on this page (it counts on <html>). */
export const analyticsRuns = (page: Page): Promise<number> =>
  page.evaluate(() => Number(document.documentElement.dataset.analytics ?? '0'));

/** The shop's gated video iframe. */
export const gatedFrame = (page: Page): Locator => page.locator('iframe[data-consent="analytics"]');

/** The subject credentials the widget keeps in the page's localStorage (`custodian-consent:<site>`). */
export async function storedSubject(page: Page, site = 'shop'): Promise<SubjectCredentials> {
  const raw = await page.evaluate((key) => localStorage.getItem(key), `custodian-consent:${site}`);
  const record = WidgetStoreSchema.parse(JSON.parse(raw ?? 'null'));
  if (!record.subject) throw new Error(`the widget's record for ${site} has no subject yet`);
  return record.subject;
}

/** Answers the verification screen: SMS to `phone`, then the code the outbox received. */
export async function verifyBySms(
  page: Page,
  shop: ShopServer,
  phone = '13812345678',
): Promise<void> {
  const { dialog, button } = widget(page);
  await expect(dialog).toHaveAccessibleName('Confirm it is you');
  await dialog.getByRole('radio', { name: 'SMS' }).check();
  await dialog.getByRole('textbox', { name: 'Mobile number' }).fill(phone);
  await button('Send code').click();
  await expect(dialog.getByText(`Code sent to ${phone}.`)).toBeVisible();
  await dialog.getByRole('textbox', { name: '6-digit code' }).fill(shop.latestCode());
  await button('Confirm').click();
}

/**
 * Checks a receipt note against the service's published key with node:crypto's Ed25519, as a
 * customer's own tool would: nothing of the server's code is trusted.
 */
export function checkReceipt(note: string, publicKeyText: string): Result<ReceiptBody> {
  const key = parseVerifierKey(pureHasher, publicKeyText);
  if (!key.ok) return key;
  // RFC 8410: the SPKI DER of a raw Ed25519 public key is this prefix and the 32 bytes.
  const spki = Buffer.concat([
    Buffer.from('302a300506032b6570032100', 'hex'),
    Buffer.from(key.value.publicKey),
  ]);
  const publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  const verifier: NoteVerifier = {
    name: key.value.name,
    keyHash: key.value.keyHash,
    verify: (message, signature) => verify(null, message, publicKey, signature),
  };
  return openReceipt(note, verifier);
}
