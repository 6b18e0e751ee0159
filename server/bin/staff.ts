// `npm run staff -- operator add|password|totp | create | enrollment | totp-reset | grant | revoke |
// policy publish | reviews | decide | list`: only wiring; the commands live in server/staff/cli.ts.
import { runStaffCli } from '../staff/cli';
import { openAudit } from './open-audit';

let audit;
try {
  audit = openAudit(process.env);
} catch (error) {
  console.error(`custodian: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
try {
  process.exitCode = runStaffCli(
    process.argv.slice(2),
    { out: (line) => console.log(line), err: (line) => console.error(line) },
    audit.governance,
  );
} catch (error) {
  console.error(`custodian: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  audit.close();
}
