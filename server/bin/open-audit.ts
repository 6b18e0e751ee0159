// Opens the service's stores in the data directory: the ledger and the device store. Shared by
// `npm start` and `npm run device`, so both use the same files.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '../config';
import { openDeviceStore, type DeviceStore } from '../devices';
import { openLedger, type Ledger } from '../ledger';

export interface Audit {
  dir: string;
  ledger: Ledger;
  devices: DeviceStore;
  close(): void;
}

/** Opens (creating if needed) the stores; throws with a message that says how to fix it. */
export function openAudit(env: Record<string, string | undefined>): Audit {
  const dir = dataDir(env);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new Error(
      `cannot create the data directory ${dir} (${error instanceof Error ? error.message : error}); ` +
        'set CUSTODIAN_DATA_DIR to a writable directory.',
    );
  }
  const ledger = openLedger({ path: join(dir, 'ledger.db') });
  const devices = openDeviceStore(join(dir, 'devices.db'));
  return {
    dir,
    ledger,
    devices,
    close() {
      ledger.close();
      devices.close();
    },
  };
}
