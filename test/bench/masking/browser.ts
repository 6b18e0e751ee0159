// The masking benchmark's setting: the demo server on 127.0.0.1 and two Chromium profiles side by
// side, one with the built extension and one without, plus the CDP calls the measurements share.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { createApp } from '../../../server/app';
import { CHROMIUM, CHROMIUM_ARGS, EXTENSION_DIR, GC_PASSES } from './config';

export type Mode = 'with' | 'without';
/** Every measurement runs in both, in this order unless it alternates. */
export const MODES: readonly Mode[] = ['without', 'with'];

export interface DemoServer {
  /** e.g. http://127.0.0.1:40123/demo/ */
  demoUrl: string;
  close(): Promise<void>;
}

/** The demo CRM served in-process on a free port of 127.0.0.1, as the e2e tests do. */
export async function startDemoServer(): Promise<DemoServer> {
  const app = createApp({ version: 'bench' });
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve) => {
      const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
        resolve({ server, port: info.port }),
      );
    },
  );
  return {
    demoUrl: `http://127.0.0.1:${port}/demo/`,
    close: async () => {
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** What was loaded as "the extension": recorded with the figures, which mean little without it. */
export interface ExtensionBuild {
  dir: string;
  builtAt: string;
  /** Per content script: run_at, all_frames, match_origin_as_fallback / match_about_blank, world. */
  contentScripts: string[];
}

export function describeBuild(): ExtensionBuild {
  const manifestPath = path.join(EXTENSION_DIR, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error(
      `No built extension at ${EXTENSION_DIR}. Build it with \`npx wxt build\` (npm run build).`,
    );
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    content_scripts?: Record<string, unknown>[];
  };
  const contentScripts = (manifest.content_scripts ?? []).map((script) =>
    ['run_at', 'all_frames', 'match_origin_as_fallback', 'match_about_blank', 'world']
      .filter((key) => key in script)
      .map((key) => `${key}=${String(script[key])}`)
      .join(' '),
  );
  return {
    dir: EXTENSION_DIR,
    builtAt: statSync(manifestPath).mtime.toISOString(),
    contentScripts,
  };
}

export interface Browsers {
  /** The profile's only tab, reused by every measurement in that mode. */
  page: Record<Mode, Page>;
  context: Record<Mode, BrowserContext>;
  close(): Promise<void>;
}

async function launch(mode: Mode): Promise<{ context: BrowserContext; dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), `custodian-bench-${mode}-`));
  const extension =
    mode === 'with'
      ? [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`]
      : [];
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...extension, ...CHROMIUM_ARGS],
  });
  if (mode === 'with') {
    // The extension is loaded once its service worker runs; a page opened before could miss it.
    if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');
  }
  return { context, dir };
}

/** Both profiles, each with one tab; they stay open for the whole suite. */
export async function launchBrowsers(): Promise<Browsers> {
  const launched = { without: await launch('without'), with: await launch('with') };
  const pages = {} as Record<Mode, Page>;
  for (const mode of MODES) {
    const [first, ...others] = launched[mode].context.pages();
    for (const other of others) await other.close();
    pages[mode] = first ?? (await launched[mode].context.newPage());
  }
  return {
    page: pages,
    context: { with: launched.with.context, without: launched.without.context },
    async close() {
      for (const mode of MODES) {
        await launched[mode].context.close();
        rmSync(launched[mode].dir, { recursive: true, force: true });
      }
    },
  };
}

/** Full garbage collections of the page's renderer (V8 and Blink's heap), GC_PASSES times. */
export async function collectGarbage(cdp: CDPSession): Promise<void> {
  for (let i = 0; i < GC_PASSES; i++) {
    await cdp.send('HeapProfiler.collectGarbage');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface HeapReading {
  /** V8 heap in use, for the whole isolate: the page's world and every isolated world. */
  jsUsedBytes: number;
  /** Blink's garbage-collected heap (DOM nodes and other C++ objects reachable from JS). */
  embedderUsedBytes: number;
  documents: number;
  nodes: number;
  jsEventListeners: number;
}

/** Heap and DOM counters of the page's renderer, read without a GC (call collectGarbage first). */
export async function readHeap(cdp: CDPSession): Promise<HeapReading> {
  const usage = (await cdp.send('Runtime.getHeapUsage')) as {
    usedSize: number;
    embedderHeapUsedSize?: number;
  };
  const counters = await cdp.send('Memory.getDOMCounters');
  return {
    jsUsedBytes: usage.usedSize,
    embedderUsedBytes: usage.embedderHeapUsedSize ?? NaN,
    documents: counters.documents,
    nodes: counters.nodes,
    jsEventListeners: counters.jsEventListeners,
  };
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
