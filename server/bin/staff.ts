// `npm run staff -- operator add|password|totp | create | enrollment | totp-reset | grant | revoke |
// policy publish | reviews | decide | list`: only wiring; the commands live in server/staff/cli.ts.
import { runStaffCli } from '../staff/cli';
import { onAudit } from './on-audit';

onAudit((io, audit) => runStaffCli(process.argv.slice(2), io, audit.governance));
