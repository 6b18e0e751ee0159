// The script-tag build (dist/widget/custodian-consent.js): reads its tag's data-api, data-site,
// data-policy and data-lang, mounts the widget on a host <div> at the end of <body>, and adds the
// one global it promises, window.CustodianConsent.
import './start-mark';
import { mount } from './index';

const script = document.currentScript;
const data = script instanceof HTMLScriptElement ? script.dataset : {};

function start(): void {
  if ('CustodianConsent' in window) {
    console.warn('custodian-consent: included twice, the second copy does nothing');
    return;
  }
  const host = document.createElement('div');
  document.body.append(host);
  try {
    const api = mount(host, {
      api: data.api,
      site: data.site,
      policy: data.policy,
      lang: data.lang,
    });
    Object.assign(window, { CustodianConsent: api });
  } catch (e) {
    host.remove();
    console.error(e instanceof Error ? e.message : e);
  }
}

if (document.body) start();
else document.addEventListener('DOMContentLoaded', start);
