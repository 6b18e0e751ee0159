// Opens the service's stores in the data directory: the ledger, the device store, the consent
// store and the governance store. Shared by `npm start`, `npm run device`, `npm run consent` and
// `npm run staff`, so all use the same files.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '../config';
import {
  codeSenderFor,
  openConsent,
  readCodeSender,
  type ConsentService,
  type Outbox,
} from '../consent';
import { openDeviceStore, type DeviceStore } from '../devices';
import { openLedger, type Ledger } from '../ledger';
import { openGovernance, type GovernanceService } from '../staff';

export interface Audit {
  dir: string;
  ledger: Ledger;
  devices: DeviceStore;
  consent: ConsentService;
  /** Access governance: operators, staff, grants, the staff policy, reviews (governance.db). */
  governance: GovernanceService;
  /** The development outbox, when CUSTODIAN_CODE_SENDER is `outbox` (the default). */
  outbox: Outbox | null;
  close(): void;
}

/** Opens (creating if needed) the stores; throws with a message that says how to fix it. */
export function openAudit(env: Record<string, string | undefined>): Audit {
  const dir = dataDir(env);
  const senderChoice = readCodeSender(env);
  if (!senderChoice.ok) throw new Error(senderChoice.message);
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
  const { sender, outbox } = codeSenderFor(senderChoice.value);
  let consent: ConsentService | undefined;
  let governance: GovernanceService;
  try {
    consent = openConsent({ dir, ledger, sender });
    governance = openGovernance({ dir, ledger, devices });
  } catch (error) {
    consent?.close();
    ledger.close();
    devices.close();
    throw error;
  }
  return {
    dir,
    ledger,
    devices,
    consent,
    governance,
    outbox,
    close() {
      governance.close();
      consent.close();
      ledger.close();
      devices.close();
    },
  };
}
