// The widget's state and what moves it: the policy (from the service, or a data-policy file in
// local mode), the stored record, and decisions: recorded, or queued while the service cannot be
// reached and resent later. No DOM: the UI and the page effects subscribe to it.
import { decisionsFor, isGpcRefused } from '../../shared/consent/choices';
import { checkJson } from '../../shared/consent/json-check';
import { consentJsonSchemas } from '../../shared/consent/json-schemas';
import { grantedPurposes, promptFor, type Prompt } from '../../shared/consent/state';
import { uuidv7 } from '../../shared/ids/uuidv7';
import type {
  Choices,
  ConsentMethod,
  ConsentPolicy,
  DataRequest,
  DecisionRequest,
  Language,
  PolicyResponse,
  SubjectState,
  WidgetStore,
} from '../../shared/schema/consent';
import { isTransient, ServiceError, type ConsentService } from '../service/client';
import {
  applyLocally,
  confirmDecision,
  decisionsChosen,
  decisionsFromReceipts,
  decisionsInForce,
  dropDecision,
  queueDecision,
  retryDelay,
} from '../store/decisions';
import {
  emptyRecord,
  readRecord,
  writeRecord,
  type RecordStorage,
  type Warn,
} from '../store/record';
import { currentChoices } from './flow';

export interface ControllerOptions {
  /** The site id; in local mode it may be left '' and is taken from the policy. */
  site: string;
  /** Service mode: the consent API. Null in local mode. */
  service: ConsentService | null;
  /** Local mode: loads and checks the data-policy file. */
  loadPolicy?: () => Promise<ConsentPolicy>;
  storage: RecordStorage | null;
  /** `navigator.globalPrivacyControl === true`. */
  gpc: boolean;
  language: Language;
  now: () => Date;
  /** At least 10 random bytes (crypto.getRandomValues), for decision ids. */
  random: () => Uint8Array;
  schedule: (run: () => void, ms: number) => void;
  warn: Warn;
}

export interface View {
  /** The first load finished (with or without a policy). */
  ready: boolean;
  policy: ConsentPolicy | null;
  /** The service's hash of each language's shown text; null in local mode or when unreachable. */
  hashes: PolicyResponse['textHashes'] | null;
  record: WidgetStore;
  /** The purposes in force now (required ones included; GPC-refused ones never). */
  granted: ReadonlySet<string>;
  /** What to ask the customer, or null when every decision is current. */
  prompt: Prompt | null;
  /** The subject's receipts and requests as the service last told them. */
  state: SubjectState | null;
  language: Language;
}

/** How a decision ended: recorded (or applied locally), queued, or refused by the service. */
export type Outcome = 'recorded' | 'pending' | 'verification-required' | 'failed';

export type Controller = ReturnType<typeof createController>;

export function createController(o: ControllerOptions) {
  let site = o.site;
  let view: View = {
    ready: false,
    policy: null,
    hashes: null,
    record: emptyRecord(),
    granted: new Set(),
    prompt: null,
    state: null,
    language: o.language,
  };
  const listeners = new Set<() => void>();
  /** Decisions the service refused for good, with its error code. */
  const refused = new Map<string, string>();
  let flushing: Promise<void> | null = null;
  let attempt = 0;
  let retrying = false;

  /** A failure the widget survives: the page's console hears of it. */
  const fault = (e: unknown) => o.warn(e instanceof Error ? e.message : String(e));

  const decided = (record: WidgetStore, chosen: boolean) => ({
    policy: record.policy,
    decisions: chosen ? decisionsChosen(record) : decisionsInForce(record),
  });

  function set(patch: Partial<View>): void {
    const next = { ...view, ...patch };
    const { policy, record } = next;
    if (policy) {
      const now = o.now();
      const held = grantedPurposes(policy, decided(record, false), now);
      next.granted = new Set(
        policy.purposes
          .filter((p) => held.has(p.id) && !(o.gpc && isGpcRefused(p)))
          .map((p) => p.id),
      );
      next.prompt = promptFor(policy, decided(record, true), now);
    }
    view = next;
    for (const listener of listeners) listener();
  }

  const read = () => readRecord(o.storage, site, o.warn);
  function update(change: (record: WidgetStore) => WidgetStore): void {
    const record = change(read());
    writeRecord(o.storage, site, record, o.warn);
    set({ record });
  }

  function retryLater(): void {
    if (retrying) return;
    retrying = true;
    o.schedule(() => {
      retrying = false;
      void retry();
    }, retryDelay(attempt++));
  }

  /** Sends the queued decisions, oldest first; stops at the first the service does not answer. */
  async function send(service: ConsentService): Promise<void> {
    for (let p = read().pending[0]; p; p = read().pending[0]) {
      const id = p.request.decisionId;
      const subject = read().subject;
      try {
        const answer = await service.decide(p.request, subject);
        attempt = 0;
        update((r) => confirmDecision(r, id, answer));
      } catch (e) {
        if (!(e instanceof ServiceError) || isTransient(e)) {
          return retryLater();
        }
        o.warn(e.message);
        if (e.status === 401 && subject) {
          // The token is no longer valid: send as a new subject (the service issues one).
          update((r) => ({ ...r, subject: null }));
          continue;
        }
        refused.set(id, e.code);
        update((r) => dropDecision(r, id));
      }
    }
  }

  const flush = (): Promise<void> =>
    o.service ? (flushing ??= send(o.service).finally(() => (flushing = null))) : Promise.resolve();

  /** The `online` event and the backoff timer: load what failed to load, send what waits. */
  const retry = (): Promise<void> => (view.hashes || !o.service ? flush() : load());

  async function load(): Promise<void> {
    let policy: ConsentPolicy | null = null;
    let hashes: View['hashes'] = null;
    try {
      if (o.service) ({ policy, textHashes: hashes } = await o.service.policy());
      else if (o.loadPolicy) policy = await o.loadPolicy();
    } catch (e) {
      fault(e);
      if (o.service) retryLater();
    }
    site ||= policy?.site ?? '';
    const record = site ? read() : emptyRecord();
    set({
      ready: true,
      policy: policy ?? (record.policy?.site === site ? record.policy : null),
      hashes,
      record,
    });
    if (policy && record.pending.length > 0) void flush();
    withdrawForGpc();
  }

  /**
   * Global Privacy Control refuses marketing and sharing: a grant of one still on record is
   * withdrawn, with method 'gpc'. (It stopped counting already; this puts the refusal on record.)
   * When the customer is about to be asked anyway, their answer does it.
   */
  function withdrawForGpc(): void {
    const { policy, record, prompt } = view;
    if (!o.gpc || !policy || prompt) return;
    const held = grantedPurposes(policy, decided(record, false), o.now());
    if (policy.purposes.some((p) => !p.required && isGpcRefused(p) && held.has(p.id))) {
      void decide(currentChoices(policy, view.granted), 'gpc');
    }
  }

  /** The hash of the text shown: from the service, else from a receipt for the same text. */
  const textHash = (policy: ConsentPolicy, language: Language): string | undefined =>
    view.hashes?.[language] ??
    [...view.record.receipts]
      .reverse()
      .find((r) => r.body.policyVersion === policy.version && r.body.language === language)?.body
      .textHash;

  /**
   * Records the customer's choices under the current policy. Local mode: applied at once. Service
   * mode: queued (refusals count at once), sent, and applied when the service confirms.
   */
  async function decide(
    choices: Choices,
    method: ConsentMethod,
    verificationToken?: string,
  ): Promise<Outcome> {
    const { policy, language } = view;
    if (!policy) return 'failed';
    const now = o.now();
    const decisions = decisionsFor(policy, choices, now);
    if (!o.service) {
      update((r) => applyLocally(r, policy, decisions));
      return 'recorded';
    }
    const hash = textHash(policy, language);
    if (!hash) return 'failed';
    const request: DecisionRequest = {
      decisionId: uuidv7(now.getTime(), o.random()),
      policyVersion: policy.version,
      language,
      textHash: hash,
      choices,
      method,
      gpc: o.gpc,
      decidedAt: now.toISOString(),
      ...(verificationToken ? { verificationToken } : {}),
    };
    update((r) => queueDecision(r, policy, { request, decisions }, now));
    await flush();
    const id = request.decisionId;
    if (read().pending.some((p) => p.request.decisionId === id)) return 'pending';
    const code = refused.get(id);
    return code === undefined
      ? 'recorded'
      : code === 'verification-required'
        ? 'verification-required'
        : 'failed';
  }

  /** Reads the subject's receipts and requests from the service (the privacy center's history). */
  async function refresh(): Promise<void> {
    const subject = view.record.subject;
    if (!o.service || !subject) return;
    try {
      set({ state: await o.service.subject(subject) });
    } catch (e) {
      fault(e);
    }
  }

  /** The id of a request whose answer has not come: a retry resends it, stored once. */
  const unanswered: Partial<Record<DataRequest['kind'], string>> = {};

  /** Asks for deletion or a copy of the subject's data (R6, R9). */
  async function request(kind: DataRequest['kind']): Promise<boolean> {
    const subject = view.record.subject;
    if (!o.service || !subject) return false;
    const requestId = (unanswered[kind] ??= uuidv7(o.now().getTime(), o.random()));
    try {
      const made = await o.service.request(subject, kind, requestId);
      unanswered[kind] = undefined;
      const state = view.state ?? { subjectId: subject.subjectId, receipts: [], requests: [] };
      const others = state.requests.filter((r) => r.id !== made.id);
      set({ state: { ...state, requests: [...others, made] } });
      return true;
    } catch (e) {
      // No answer: the next try resends the same id. An answer that refuses: a new one.
      if (!isTransient(e)) unanswered[kind] = undefined;
      fault(e);
      return false;
    }
  }

  /**
   * Switches to another subject (the site signed the customer in) and takes its decisions from
   * its receipts. Refused, with a warning, for credentials the service does not accept.
   */
  async function setSubject(subjectId: string, token: string): Promise<boolean> {
    const subject = { subjectId, token };
    if (
      !o.service ||
      !checkJson(consentJsonSchemas.widgetStore, { ...emptyRecord(), subject }).ok
    ) {
      o.warn('custodian-consent: setSubject needs data-api and the sub_… id and cst_… token');
      return false;
    }
    try {
      const state = await o.service.subject(subject);
      const latest = state.receipts[state.receipts.length - 1];
      update((r) => {
        if (!latest) return { ...r, subject };
        const version = latest.body.policyVersion;
        const under = [view.policy, r.policy].find((p) => p?.version === version) ?? null;
        const decisions = decisionsFromReceipts(state.receipts);
        return { ...r, subject, policy: under, decisions, receipts: state.receipts };
      });
      set({ state });
      return true;
    } catch (e) {
      fault(e);
      return false;
    }
  }

  return {
    get view(): View {
      return view;
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    setLanguage: (language: Language) => set({ language }),
    load,
    retry,
    decide,
    refresh,
    request,
    setSubject,
    gpc: o.gpc,
    service: o.service,
  };
}
