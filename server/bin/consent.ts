// `npm run consent -- publish FILE --origin URL | sites | origins | requests | request-status`:
// only wiring; the commands live in server/consent/cli.ts.
import { runConsentCli } from '../consent/cli';
import { onAudit } from './on-audit';

onAudit((io, audit) => runConsentCli(process.argv.slice(2), io, audit.consent));
