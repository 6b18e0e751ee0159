// `npm run consent`: the operator's commands. Publish a policy version (with the origins allowed
// to call the service from a browser), list sites, change a site's origins, and work through the
// data-request queue (R6). Exit 0 done, 1 refused, 2 usage error.
import { readJsonFile, UsageError, type CliIo } from '../cli';
import { DataRequestSchema } from '../../shared/schema';
import type { ConsentService } from './service';

export type { CliIo } from '../cli';

export const CONSENT_USAGE = [
  'usage: npm run consent -- publish FILE [--origin URL]...',
  '       npm run consent -- sites',
  '       npm run consent -- origins SITE URL...',
  '       npm run consent -- requests',
  '       npm run consent -- request-status ID open|in-progress|done|refused',
  '  publish         publishes a policy version (its "version" must be higher than the current one);',
  "                  --origin, repeatable, replaces the site's allowed browser origins (CORS)",
  "  origins         replaces a site's allowed origins, e.g. https://shop.example http://127.0.0.1:8787",
  '  requests        the deletion and copy requests, the earliest due first',
  '  request-status  moves a request along; every change is written to the ledger',
  'publish and request-status append to the ledger beside a running server; the server re-reads',
  'it at its next write (consent writes retry; a staff-event batch at that moment is refused once',
  'and resent by the extension).',
].join('\n');

function publishArgs(args: readonly string[]): { file: string; origins: string[] | undefined } {
  const [file, ...rest] = args;
  if (!file || file.startsWith('--')) throw new UsageError('publish needs the policy FILE');
  const origins: string[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    const value = rest[i + 1];
    if (rest[i] !== '--origin') throw new UsageError(`unknown option ${rest[i]}`);
    if (value === undefined || value.startsWith('--')) throw new UsageError('--origin needs a URL');
    origins.push(value);
  }
  return { file, origins: origins.length > 0 ? origins : undefined };
}

/**
 * Runs one command on an opened service; returns the exit status.
 *
 * @example
 *   runConsentCli(['publish', 'policy.json', '--origin', 'https://shop.example'], io, consent); // 0
 */
export function runConsentCli(argv: readonly string[], io: CliIo, consent: ConsentService): number {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'publish': {
        const { file, origins } = publishArgs(args);
        const published = consent.publish(readJsonFile(file), origins);
        if (!published.ok) {
          io.err(`consent: ${published.message}`);
          return 1;
        }
        const { policy, textHashes, ledgerIndex } = published.value;
        const site = consent.sites().find((s) => s.id === policy.site);
        io.out(
          `published ${policy.site} version ${policy.version} (ledger entry ${ledgerIndex}; ` +
            `text hashes zh-CN ${textHashes['zh-CN']}, en ${textHashes.en})`,
        );
        io.out(`allowed origins: ${site?.origins.join(' ') || '(none: same-origin pages only)'}`);
        return 0;
      }
      case 'sites': {
        if (args.length > 0) throw new UsageError('sites takes no arguments');
        const sites = consent.sites();
        if (sites.length === 0)
          io.out('no sites yet: npm run consent -- publish FILE --origin URL');
        for (const s of sites) {
          io.out(
            `${s.id}\tversion ${s.currentVersion ?? '-'}\torigins ${s.origins.join(' ') || '(none)'}`,
          );
        }
        return 0;
      }
      case 'origins': {
        const [site, ...origins] = args;
        if (!site || origins.length === 0) throw new UsageError('origins needs SITE and URLs');
        const updated = consent.setOrigins(site, origins);
        if (!updated.ok) {
          io.err(`consent: ${updated.message}`);
          return 1;
        }
        io.out(`${site}: origins ${updated.value.origins.join(' ')}`);
        return 0;
      }
      case 'requests': {
        if (args.length > 0) throw new UsageError('requests takes no arguments');
        const requests = consent.requests();
        if (requests.length === 0) io.out('no data requests');
        for (const r of requests) {
          io.out(`${r.id}\t${r.kind}\t${r.status}\tdue ${r.dueAt}\t${r.site}\t${r.subject}`);
        }
        return 0;
      }
      case 'request-status': {
        const [id, raw] = args;
        const status = DataRequestSchema.shape.status.safeParse(raw);
        if (!id || !status.success || args.length !== 2) {
          throw new UsageError(
            'request-status needs ID and one of open, in-progress, done, refused',
          );
        }
        const changed = consent.setRequestStatus(id, status.data);
        if (!changed.ok) {
          io.err(`consent: ${changed.message}`);
          return 1;
        }
        io.out(`${id}: ${changed.value.kind} request is now ${changed.value.status}`);
        return 0;
      }
      default:
        throw new UsageError(command ? `unknown command ${command}` : 'give a command');
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`consent: ${error.message}\n${CONSENT_USAGE}`);
    return 2;
  }
}
