// `npm run consent -- publish FILE --origin URL | sites | origins | requests | request-status`:
// only wiring; the commands live in server/consent/cli.ts.
import { runConsentCli } from '../consent/cli';
import { openAudit } from './open-audit';

let audit;
try {
  audit = openAudit(process.env);
} catch (error) {
  console.error(`custodian: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
try {
  process.exitCode = runConsentCli(
    process.argv.slice(2),
    { out: (line) => console.log(line), err: (line) => console.error(line) },
    audit.consent,
  );
} catch (error) {
  console.error(`custodian: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  audit.close();
}
