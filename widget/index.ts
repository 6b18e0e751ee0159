// The widget's public surface: `mount(element, options)` renders it in `element`'s shadow root and
// returns the API that the script-tag build also puts on `window.CustodianConsent`.
import { h, render } from 'preact';
import { consentModeSignals } from '../shared/consent/consent-mode';
import { consentJsonSchemas } from '../shared/consent/json-schemas';
import { policyProblems } from '../shared/consent/policy-problems';
import type { ConsentPolicy } from '../shared/schema/consent';
import { App, type OpenBus } from './components/app';
import { createController } from './core/controller';
import { pickLanguage } from './i18n/language';
import { CONSENT_MODE_DEFAULT, sendConsentMode } from './page/consent-mode';
import { applyGates } from './page/gates';
import { checked } from './service/checked';
import { consentService } from './service/client';
import { CSS } from './styles/sheet';

export interface MountOptions {
  /** Service mode: the consent service's base URL, absolute or relative to the page. */
  api?: string;
  /** The site's id at the service, as in its policy (`shop`). Required with `api`. */
  site?: string;
  /** Local mode (no service): the policy file's URL. Decisions stay in this browser, no receipts. */
  policy?: string;
  /** `zh-CN` or `en`; otherwise the page's `<html lang>`, then the browser's languages. */
  lang?: string;
}

export interface CustodianConsent {
  /** Opens the privacy center (after the notice, if that is still to be answered). */
  open(): void;
  /** Whether `purposeId` is granted now (required purposes always; unconfirmed grants never). */
  get(purposeId: string): boolean;
  /** Calls `listener` with the granted purpose ids whenever they change; returns an unsubscribe. */
  on(event: 'change', listener: (granted: string[]) => void): () => void;
  /** Switches to a subject the site knows (signed-in customer) and loads its state. */
  setSubject(subjectId: string, token: string): Promise<boolean>;
}

const warn = (message: string) => console.warn(message);

/** Fetches and checks a `data-policy` file: its JSON Schema, then the cross-field rules. */
async function loadPolicyFile(url: string): Promise<ConsentPolicy> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok)
    throw new Error(`custodian-consent: ${url} answered ${res.status}; check data-policy.`);
  const policy = checked<ConsentPolicy>(consentJsonSchemas.policy, await res.json(), url);
  const problems = policyProblems(policy);
  if (problems.length) throw new Error(`custodian-consent: ${url}: ${problems.join('; ')}`);
  return policy;
}

/**
 * Renders the widget into `element` (a shadow root is attached; the page's CSS cannot reach in,
 * and the widget adds none to the page) and starts it.
 *
 * @example
 *   const consent = mount(document.body.appendChild(document.createElement('div')), {
 *     api: 'https://consent.example.com', site: 'shop' });
 *   consent.on('change', (granted) => console.log(granted));
 */
export function mount(element: HTMLElement, options: MountOptions): CustodianConsent {
  const win = window;
  const doc = element.ownerDocument;
  sendConsentMode(win, 'default', CONSENT_MODE_DEFAULT);
  const service = options.api
    ? consentService(new URL(options.api, doc.baseURI).href, options.site ?? '', (input, init) =>
        win.fetch(input, init),
      )
    : null;
  const policyUrl = options.policy && new URL(options.policy, doc.baseURI).href;
  if (!service && !policyUrl) {
    throw new Error('custodian-consent: set data-api and data-site, or data-policy');
  }
  let storage: Storage | null = null;
  try {
    storage = win.localStorage;
  } catch {
    warn('custodian-consent: no localStorage, choices last this visit');
  }
  const ctl = createController({
    site: options.site ?? '',
    service,
    loadPolicy: policyUrl ? () => loadPolicyFile(policyUrl) : undefined,
    storage,
    gpc: 'globalPrivacyControl' in win.navigator && win.navigator.globalPrivacyControl === true,
    language: pickLanguage(options.lang, doc.documentElement.lang, ...win.navigator.languages),
    now: () => new Date(),
    random: () => win.crypto.getRandomValues(new Uint8Array(10)),
    schedule: (run, ms) => win.setTimeout(run, ms),
    warn,
  });

  // The policy request goes first: the notice waits for it, not for the rendering set-up. (Its
  // answer arrives after the listeners below are in place: load() awaits before any change.)
  void ctl.load();
  const listeners = new Set<(granted: string[]) => void>();
  let last = '';
  ctl.subscribe(() => {
    const { ready, policy, granted } = ctl.view;
    const key = [...granted].join();
    if (!ready || key === last) return;
    last = key;
    applyGates(doc, granted);
    const signals = policy && consentModeSignals(policy, granted);
    if (signals) sendConsentMode(win, 'update', signals);
    for (const listener of listeners) listener([...granted]);
  });

  const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  shadow.adoptedStyleSheets = [sheet];
  const bus: OpenBus = { wanted: false, open: () => (bus.wanted = true) };
  render(h(App, { ctl, bus }), shadow);
  win.addEventListener('online', () => void ctl.retry());

  return {
    open: () => bus.open(),
    get: (purposeId) => ctl.view.granted.has(purposeId),
    on(event, listener) {
      if (event === 'change') listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    setSubject: (subjectId, token) => ctl.setSubject(subjectId, token),
  };
}
