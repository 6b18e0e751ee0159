// `npm start`: serves the app on HOST:PORT (default 127.0.0.1:8787) and says where the built
// extension is. Only wiring: routes live in server/app/, constants in server/config.ts.
import { existsSync, readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { createApp } from '../app';
import { DEMO_PAGES_DIR, EXTENSION_BUILD_DIR, readListenOptions } from '../config';
import { openAudit, type Audit } from './open-audit';

const listen = readListenOptions(process.env);
if (!listen.ok) {
  console.error(`custodian: ${listen.message}`);
  process.exit(1);
}
const { host, port } = listen.value;

const packageJson: unknown = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
);
const version =
  typeof packageJson === 'object' &&
  packageJson !== null &&
  'version' in packageJson &&
  typeof packageJson.version === 'string'
    ? packageJson.version
    : 'unknown';

let audit: Audit;
try {
  audit = openAudit(process.env);
} catch (error) {
  console.error(`custodian: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const app = createApp({ version, demoPagesDir: DEMO_PAGES_DIR, audit });

const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`;
  const extension = existsSync(EXTENSION_BUILD_DIR)
    ? `${EXTENSION_BUILD_DIR}\n  load it unpacked: chrome://extensions -> Developer mode -> Load unpacked`
    : `${EXTENSION_BUILD_DIR} (not built yet: run \`npm run build\`)`;
  console.log(
    [
      `Custodian server ${version} listening on ${base}`,
      `  health:     ${base}/healthz`,
      `  demo pages: ${base}/demo/`,
      `  audit:      ${base}/v1/events, ${base}/v1/ledger/checkpoint (data in ${audit.dir})`,
      '  a device token for the extension: npm run device -- add "CS-0420 laptop"',
      `Staff extension (Chrome MV3): ${extension}`,
      'Stop with Ctrl+C.',
    ].join('\n'),
  );
});

server.on('error', (err: NodeJS.ErrnoException) => {
  const hint =
    err.code === 'EADDRINUSE'
      ? `port ${port} on ${host} is already in use. Stop the other process, or pick another port: PORT=${port + 1} npm start`
      : err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND'
        ? `HOST=${host} is not an address of this machine. Use 127.0.0.1 (the default) or one of its interfaces.`
        : err.message;
  console.error(`custodian: cannot listen: ${hint}`);
  process.exit(1);
});

const stop = () =>
  server.close(() => {
    audit.close();
    process.exit(0);
  });
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
