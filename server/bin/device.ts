// `npm run device -- add "LABEL"`: issues a device token for a staff browser (until enrollment
// comes with the access-governance issue). The token is printed once; only its hash is kept.
import { openAudit } from './open-audit';

const [command, ...rest] = process.argv.slice(2);
const label = rest.join(' ').trim();
if (command !== 'add' || !label) {
  console.error(
    'usage: npm run device -- add "CS-0420 laptop"\n' +
      'Prints a device token; paste it with the server URL into the extension (managed storage ' +
      'keys serverUrl and deviceToken, or extension storage).',
  );
  process.exit(2);
}
let audit;
try {
  audit = openAudit(process.env);
} catch (error) {
  console.error(`custodian: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
try {
  const { device, token } = audit.devices.issue(label);
  console.log(JSON.stringify({ deviceId: device.id, label: device.label, token }));
} catch (error) {
  console.error(`custodian: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  audit.close();
}
