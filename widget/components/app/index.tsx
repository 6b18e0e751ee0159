// The widget's screens and the path of a decision through them: the notice (or "what changed"
// first), one screen per sensitive purpose newly granted (R4), verification when needed (R5),
// recording; the privacy center (R6, R9) from the floating button or open(). One stateful
// component (no hooks: preact/hooks costs 1 KiB of the budget) with stateless screens.
import { Component } from 'preact';
import type { Choices, ConsentMethod } from '../../../shared/schema/consent';
import type { Controller, View } from '../../core/controller';
import {
  currentChoices,
  needsVerification,
  noticeUpdate,
  promptKey,
  sensitiveToConfirm,
  withoutNewSensitive,
} from '../../core/flow';
import { strings } from '../../i18n/strings';
import { ServiceError } from '../../service/client';
import { CenterScreen } from '../center';
import { ChangesScreen } from '../changes';
import { ChoicesScreen } from '../choices';
import { activeIn, Dialog } from '../dialog';
import { SensitiveScreen } from '../sensitive';
import { VerifyScreen, type VerifyForm } from '../verify';

/** How the page's `open()` reaches the app: a request before it is ready waits in `wanted`. */
export interface OpenBus {
  wanted: boolean;
  open: () => void;
}

type Back = 'choices' | 'center';
type Decision = { choices: Choices; method: ConsentMethod; back: Back };
type Screen =
  | { s: 'choices' | 'changes' | 'center' }
  | ({ s: 'sensitive'; ask: string[] } & Decision)
  | ({ s: 'verify' } & Decision);

interface Props {
  ctl: Controller;
  bus: OpenBus;
}

interface State {
  v: View;
  screen: Screen | null;
  /** The last action's outcome: in the dialog, or as a toast once it closed. */
  status: string;
  /** The notice's switches, not yet submitted. */
  draft: Choices;
  /** The sensitive screen's statement is ticked. */
  ticked: boolean;
  form: VerifyForm;
}

/** How long a status stays on screen. */
const STATUS_MS = 6000;

const screenKey = (s: Screen | null) => (s ? s.s + ('ask' in s ? s.ask[0] : '') : '');

export class App extends Component<Props, State> {
  /** The prompt (promptKey) the notice last answered to; undefined before the first load. */
  private asked: string | undefined;
  /** A decision or a verification call is on its way: another click does not start a second. */
  private busy = false;
  private dialog: HTMLDivElement | null = null;
  private codeInput: HTMLInputElement | null = null;
  private opener: Element | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(props: Props) {
    super(props);
    this.state = {
      v: props.ctl.view,
      screen: null,
      status: '',
      draft: {},
      ticked: false,
      form: { channel: 'sms', address: '', sentId: '', code: '', error: '' },
    };
  }

  override componentDidMount(): void {
    this.props.ctl.subscribe(() => this.onView(this.props.ctl.view));
  }

  private onView(v: View): void {
    const { bus } = this.props;
    this.setState({ v });
    if (!v.ready || !v.policy) return;
    bus.open = () => !this.state.screen && this.go({ s: 'center' });
    // The prompt is looked at again on every change, not only on load: setSubject may bring
    // decisions that answer it (the notice closes) or leave other questions (the notice shows
    // them). A decision on its way settles it itself (save()).
    const key = promptKey(v.prompt, v.record.policy);
    const change = this.busy ? null : noticeUpdate(this.asked, key, this.state.screen?.s);
    if (!this.busy) this.asked = key;
    if (change === 'close') this.go(null, v);
    else if (change === 'show') this.go(this.notice(v), v);
    else if (bus.wanted) bus.open();
    bus.wanted = false;
  }

  /** The first screen of the notice for the prompt in `v`: "what changed" when the terms did. */
  private notice(v: View): Screen {
    return { s: v.prompt?.reason === 'policy-changed' && this.before(v) ? 'changes' : 'choices' };
  }

  /** The policy decided under, when it is an older version than the one in force. */
  private before(v: View) {
    const old = v.record.policy;
    return old && old.version !== v.policy?.version ? old : null;
  }

  /** Shows `screen` (null closes), with fresh inputs. */
  private go(screen: Screen | null, v = this.state.v, status = ''): void {
    const { policy, prompt, granted } = v;
    this.setStatus(status);
    this.setState({
      screen,
      ticked: false,
      form: {
        ...this.state.form,
        channel: policy?.verification.channels[0] ?? 'sms',
        sentId: '',
        code: '',
        error: '',
      },
      draft: policy
        ? {
            ...currentChoices(policy, granted),
            // R3: what is asked (again) starts off.
            ...Object.fromEntries((prompt?.purposes ?? []).map((id) => [id, false])),
          }
        : {},
    });
    if (screen?.s === 'center') void this.props.ctl.refresh();
  }

  private setStatus(status: string): void {
    clearTimeout(this.timer);
    this.setState({ status });
    if (status) this.timer = setTimeout(() => this.setState({ status: '' }), STATUS_MS);
  }

  override componentDidUpdate(_: Props, prev: State): void {
    const { screen, form } = this.state;
    const dialog = this.dialog;
    if (screenKey(screen) !== screenKey(prev.screen)) {
      if (!prev.screen && dialog) {
        this.opener = activeIn(dialog);
        dialog.ownerDocument.addEventListener('focusin', this.guard);
      }
      // No scrolling: the dialog is fixed in view, and a scroll would force a layout now.
      if (dialog) dialog.focus({ preventScroll: true });
      else {
        document.removeEventListener('focusin', this.guard);
        if (this.opener instanceof HTMLElement && this.opener.isConnected) this.opener.focus();
      }
    }
    if (form.sentId && !prev.form.sentId) this.codeInput?.focus();
  }

  /** Focus that reaches the page while the dialog is open (a click, a script) comes back. */
  private guard = (e: FocusEvent): void => {
    const root = this.dialog?.getRootNode();
    const host = root instanceof ShadowRoot ? root.host : this.dialog;
    if (e.target instanceof Node && !host?.contains(e.target)) this.dialog?.focus();
  };

  /** The customer chose: confirm sensitive purposes one by one, verify if needed, record. */
  private submit(d: Decision): void {
    const ask = sensitiveToConfirm(this.state.v.policy!, d.choices, this.state.v.granted);
    if (ask.length) this.go({ ...d, s: 'sensitive', ask });
    else this.verifyOrSave(d);
  }

  private verifyOrSave(d: Decision): void {
    const { policy, granted } = this.state.v;
    if (needsVerification(policy!, d.choices, granted, !!this.props.ctl.service)) {
      this.go({ ...d, s: 'verify' });
    } else void this.save(d);
  }

  private async save(d: Decision, token?: string): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    const outcome = await this.props.ctl.decide(d.choices, d.method, token);
    this.busy = false;
    this.asked = promptKey(this.state.v.prompt, this.state.v.record.policy);
    const t = strings(this.state.v.language);
    if (outcome === 'verification-required') return this.go({ ...d, s: 'verify' });
    this.go(
      d.back === 'center' ? { s: 'center' } : null,
      this.state.v,
      outcome === 'recorded' ? t.saved : outcome === 'pending' ? t.queued : t.unreachable,
    );
  }

  private answer(agreed: boolean): void {
    const { screen } = this.state;
    if (screen?.s !== 'sensitive') return;
    const [id = '', ...rest] = screen.ask;
    const choices = agreed ? screen.choices : { ...screen.choices, [id]: false };
    if (rest.length) this.go({ ...screen, choices, ask: rest });
    else this.verifyOrSave({ choices, method: screen.method, back: screen.back });
  }

  /** The verification form was sent: ask for a code, or check the code and record. */
  private async verify(d: Decision): Promise<void> {
    const service = this.props.ctl.service;
    const { form, v } = this.state;
    if (this.busy || !service) return;
    this.busy = true;
    const t = strings(v.language);
    let error = '';
    try {
      if (form.sentId) {
        const { verificationToken } = await service.confirmVerification(form.sentId, form.code);
        this.busy = false;
        return this.save(d, verificationToken);
      }
      const { verificationId } = await service.startVerification(form.channel, form.address.trim());
      this.setState({ form: { ...form, sentId: verificationId, error: '' } });
    } catch (e) {
      const status = e instanceof ServiceError ? e.status : 0;
      error =
        status === 0 || status >= 500
          ? t.unreachable
          : !form.sentId
            ? status === 429
              ? t.tooMany
              : t.badAddress
            : status === 400
              ? t.wrongCode
              : status === 429
                ? t.locked
                : t.expiredCode;
      this.setState({ form: { ...this.state.form, error } });
    }
    this.busy = false;
  }

  /**
   * Verification cancelled: the sensitive purposes the decision newly granted stay off and the
   * rest is recorded. When that leaves nothing to record (the policy verifies every decision, the
   * service wanted a code to keep an earlier sensitive grant, or the center's one change was that
   * grant), the previous screen returns.
   */
  private cancelVerify(d: Decision): void {
    const { policy, granted } = this.state.v;
    const rest = withoutNewSensitive(policy!, d.choices, granted);
    const differs = (a: Choices) => Object.keys(rest).some((id) => rest[id] !== a[id]);
    // From the privacy center, what is left may be the choices as they stand: nothing to record.
    const changes = d.back === 'choices' || differs(currentChoices(policy!, granted));
    if (differs(d.choices) && changes && !needsVerification(policy!, rest, granted, true)) {
      void this.save({ ...d, choices: rest });
    } else this.go({ s: d.back });
  }

  override render() {
    const { ctl } = this.props;
    const { v, screen, status, form } = this.state;
    const { policy, prompt, language: lang, granted } = v;
    if (!policy) return null;
    const t = strings(lang);
    const before = this.before(v);
    const close = () => this.go(null);
    let title = t.title;
    let onClose: (() => void) | undefined;
    let body = null;
    if (screen?.s === 'changes' && before) {
      title = t.changedTitle;
      body = (
        <ChangesScreen
          before={before}
          policy={policy}
          lang={lang}
          t={t}
          onNext={() => this.go({ s: 'choices' })}
        />
      );
    } else if (screen?.s === 'choices' || screen?.s === 'changes') {
      const reason = prompt?.reason;
      if (reason === 'expired') title = t.expiredTitle;
      else if (before) title = t.changedTitle;
      const ids = prompt?.purposes ?? [];
      body = (
        <ChoicesScreen
          policy={policy}
          lang={lang}
          t={t}
          ids={ids}
          required={reason === 'first-visit'}
          choices={this.state.draft}
          gpc={ctl.gpc}
          intro={reason === 'first-visit' ? '' : t.again}
          onChange={(draft) => this.setState({ draft })}
          onSubmit={(choices) => this.submit({ choices, method: 'banner', back: 'choices' })}
        />
      );
    } else if (screen?.s === 'sensitive') {
      const p = policy.purposes.find((x) => x.id === screen.ask[0]);
      title = t.sensitiveTitle;
      onClose = () => this.answer(false);
      body = p && (
        <SensitiveScreen
          policy={policy}
          p={p}
          lang={lang}
          t={t}
          ticked={this.state.ticked}
          onTick={(ticked) => this.setState({ ticked })}
          onAnswer={(agreed) => this.answer(agreed)}
        />
      );
    } else if (screen?.s === 'verify') {
      title = t.verifyTitle;
      onClose = () => this.cancelVerify(screen);
      body = (
        <VerifyScreen
          policy={policy}
          t={t}
          form={form}
          codeRef={(el) => (this.codeInput = el)}
          onChange={(change) => this.setState({ form: { ...this.state.form, ...change } })}
          onSubmit={() => void this.verify(screen)}
          onCancel={onClose}
        />
      );
    } else if (screen?.s === 'center') {
      title = t.centerTitle;
      onClose = close;
      body = (
        <CenterScreen
          v={v}
          t={t}
          service={!!ctl.service}
          gpc={ctl.gpc}
          onClose={close}
          onChange={(id, on) =>
            this.submit({
              choices: { ...currentChoices(policy, granted), [id]: on },
              method: 'privacy-center',
              back: 'center',
            })
          }
          onRequest={(kind) => void ctl.request(kind)}
        />
      );
    }

    return (
      <div lang={lang}>
        <button
          type="button"
          class="fab"
          aria-label={t.fab}
          title={t.fab}
          onClick={() => this.go({ s: 'center' })}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M12 3 5 6v5c0 4.5 3 8.3 7 10 4-1.7 7-5.5 7-10V6zm-3 9 2 2 4-4" />
          </svg>
        </button>
        {body && (
          <Dialog
            title={title}
            t={t}
            status={status}
            dialogRef={(el) => {
              this.dialog = el;
            }}
            onLanguage={() => ctl.setLanguage(lang === 'en' ? 'zh-CN' : 'en')}
            onClose={onClose}
          >
            {body}
          </Dialog>
        )}
        <p class="ts" role="status">
          {!body && status}
        </p>
      </div>
    );
  }
}
