// `npm run device -- add "LABEL"`: issues a device token for a staff browser (until enrollment
// comes with the access-governance issue). The token is printed once; only its hash is kept.
import { onAudit } from './on-audit';

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
onAudit((io, audit) => {
  const { device, token } = audit.devices.issue(label);
  io.out(JSON.stringify({ deviceId: device.id, label: device.label, token }));
  return 0;
});
