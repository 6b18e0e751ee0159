// The widget's record in the host page's localStorage (WidgetStoreSchema, key
// `custodian-consent:<site>`): read with a check, written whole.
import { consentJsonSchemas } from '../../shared/consent/json-schemas';
import type { WidgetStore } from '../../shared/schema/consent';
import { checked } from '../service/checked';

export type RecordStorage = Pick<Storage, 'getItem' | 'setItem'>;
export type Warn = (message: string) => void;

export const recordKey = (site: string): string => `custodian-consent:${site}`;

export const emptyRecord = (): WidgetStore => ({
  schema: 1,
  subject: null,
  policy: null,
  decisions: [],
  pending: [],
  receipts: [],
});

/**
 * The stored record, or an empty one. Rules:
 * - no storage (cookies blocked: reading `localStorage` throws) or no record: empty;
 * - a record that is not JSON or fails WidgetStoreSchema is copied to `<key>:invalid` and warned
 *   about, so the next write (which replaces it) never loses it silently; the widget goes on empty.
 */
export function readRecord(storage: RecordStorage | null, site: string, warn: Warn): WidgetStore {
  const key = recordKey(site);
  let raw: string | null = null;
  try {
    raw = storage?.getItem(key) ?? null;
    return raw === null
      ? emptyRecord()
      : checked<WidgetStore>(consentJsonSchemas.widgetStore, JSON.parse(raw), `the record ${key}`);
  } catch (e) {
    if (raw === null) return emptyRecord();
    try {
      storage?.setItem(`${key}:invalid`, raw);
    } catch {
      // Storage full: the warning below still says what happened.
    }
    warn(`custodian-consent: stored record ignored, kept as ${key}:invalid (${String(e)})`);
    return emptyRecord();
  }
}

/** Writes the record; a full or blocked storage is warned about (choices then last the visit). */
export function writeRecord(
  storage: RecordStorage | null,
  site: string,
  record: WidgetStore,
  warn: Warn,
): void {
  try {
    storage?.setItem(recordKey(site), JSON.stringify(record));
  } catch (e) {
    warn(
      `custodian-consent: could not store the choices (${String(e)}); they last this visit only.`,
    );
  }
}
