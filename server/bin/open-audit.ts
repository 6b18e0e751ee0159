// Opens the service's stores in the data directory: the ledger, the device store, the consent
// store, the governance store, and the review console's activity index and store. Shared by
// `npm start`, `npm run device`, `npm run consent` and `npm run staff`, so all use the same files.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TIME_ZONE } from '../../shared/schema/policy';
import { openActivityIndex, type ActivityIndex } from '../activity';
import { dataDir } from '../config';
import {
  codeSenderFor,
  openConsent,
  readCodeSender,
  type ConsentService,
  type Outbox,
} from '../consent';
import { openConsoleStore, type ConsoleStore } from '../console';
import { openDeviceStore, type DeviceStore } from '../devices';
import { openLedger, type Ledger } from '../ledger';
import { openGovernance, type GovernanceService } from '../staff';

/** The activity index's file in the data directory: derived from the ledger, rebuilt if deleted. */
export const ACTIVITY_DB_FILE = 'activity.db';

export interface Audit {
  dir: string;
  ledger: Ledger;
  /** The ledger's file, for the console's integrity commands. */
  ledgerPath: string;
  devices: DeviceStore;
  consent: ConsentService;
  /** Access governance: operators, staff, grants, the staff policy, reviews (governance.db). */
  governance: GovernanceService;
  /** The review console's activity index (activity.db), counting days in the rules' time zone. */
  activity: ActivityIndex;
  /** The review console's own records (console.db): spot checks, incidents, verify runs. */
  consoleStore: ConsoleStore;
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
  const ledgerPath = join(dir, 'ledger.db');
  const ledger = openLedger({ path: ledgerPath });
  const devices = openDeviceStore(join(dir, 'devices.db'));
  const { sender, outbox } = codeSenderFor(senderChoice.value);
  let consent: ConsentService | undefined;
  let governance: GovernanceService | undefined;
  let activity: ActivityIndex | undefined;
  let consoleStore: ConsoleStore;
  try {
    consent = openConsent({ dir, ledger, sender });
    governance = openGovernance({ dir, ledger, devices });
    // The day of an event is the rules' day: the chart's bars match what the daily limit counts.
    activity = openActivityIndex(
      join(dir, ACTIVITY_DB_FILE),
      governance.rules()?.timeZone ?? DEFAULT_TIME_ZONE,
    );
    consoleStore = openConsoleStore(dir);
  } catch (error) {
    activity?.close();
    governance?.close();
    consent?.close();
    ledger.close();
    devices.close();
    throw error;
  }
  return {
    dir,
    ledger,
    ledgerPath,
    devices,
    consent,
    governance,
    activity,
    consoleStore,
    outbox,
    close() {
      consoleStore.close();
      activity.close();
      governance.close();
      consent.close();
      ledger.close();
      devices.close();
    },
  };
}
