// The server's tunable constants and its environment parsing, in one place (see STYLE.md, "Habits").
import { fileURLToPath } from 'node:url';

/** Loopback by default: the demo and, later, the audit API are not for the network until TLS is set up (R19). */
export const DEFAULT_HOST = '127.0.0.1';

/** Rarely taken by other dev tools (8080 and 3000 often are), and easy to remember. */
export const DEFAULT_PORT = 8787;

/** The demo CRM pages the staff extension protects: test fixtures, served so a person can try it.
 * Resolved from this file, not the working directory, so `npm start` works from anywhere. */
export const DEMO_PAGES_DIR = fileURLToPath(new URL('../test/fixtures/pages/', import.meta.url));

/** Where `wxt build` writes the Chrome extension (wxt.config.ts: outDir), to load unpacked. */
export const EXTENSION_BUILD_DIR = fileURLToPath(
  new URL('../.output/chrome-mv3/', import.meta.url),
);

/** Where the widget's build writes its bundles (custodian-consent.js and .mjs), served at /widget/.
 * Resolved from this file, like DEMO_PAGES_DIR. */
export const WIDGET_BUILD_DIR = fileURLToPath(new URL('../dist/widget/', import.meta.url));

/** The demo shop's consent policy, published at start when site `shop` has none yet. */
export const DEMO_SHOP_POLICY_FILE = fileURLToPath(
  new URL('../test/fixtures/consent/shop-policy.v1.json', import.meta.url),
);

/** The service's files (ledger, its signing key, devices) when `CUSTODIAN_DATA_DIR` is unset:
 * ./data of the checkout, ignored by git. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));

/** Where the data directory is: `CUSTODIAN_DATA_DIR`, else DEFAULT_DATA_DIR. */
export function dataDir(env: Record<string, string | undefined>): string {
  return env.CUSTODIAN_DATA_DIR?.trim() || DEFAULT_DATA_DIR;
}

/** Where the server listens. */
export interface ListenOptions {
  host: string;
  port: number;
}

/** The outcome of reading the environment: a value, or a message that says how to fix it. */
export type EnvResult<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Reads `HOST` and `PORT` from an environment, with the defaults above. Returns an error message
 * rather than throwing, so the caller (the bin entry) decides how to stop.
 *
 * @example
 *   readListenOptions({ PORT: '9000' }); // { ok: true, value: { host: '127.0.0.1', port: 9000 } }
 *   readListenOptions({ PORT: 'abc' }).ok; // false
 */
export function readListenOptions(
  env: Record<string, string | undefined>,
): EnvResult<ListenOptions> {
  const host = env.HOST?.trim() || DEFAULT_HOST;
  const rawPort = env.PORT?.trim();
  if (rawPort === undefined || rawPort === '') {
    return { ok: true, value: { host, port: DEFAULT_PORT } };
  }
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || !Number.isSafeInteger(port) || port > 65535) {
    return {
      ok: false,
      message:
        `PORT must be a whole number from 0 to 65535 (0 picks a free port), but it is ${JSON.stringify(rawPort)}. ` +
        `Unset it to use ${DEFAULT_PORT}, or run e.g. PORT=8788 npm start.`,
    };
  }
  return { ok: true, value: { host, port } };
}
