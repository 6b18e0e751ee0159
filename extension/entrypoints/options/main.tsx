// Options page: enrollment with the audit service and the daily unlock (issue 6); the staff policy
// (JSON, checked as typed) and the staff identity of a browser not enrolled, saved to extension
// storage, where the background picks them up; the policy in force. Wiring only.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { StaffIdentitySchema, type PolicyState, type StaffIdentity } from '../../../shared/schema';
import {
  ActionAnswerSchema,
  EnrollmentViewSchema,
  type EnrollmentView,
  type PopupToBackground,
} from '../../../shared/schema/popup';
import { PENDING_TOTP_KEY } from '../../lib/enrollment/record';
import { messenger } from '../../lib/messaging';
import { EFFECTIVE_KEY, LOCAL_KEYS, POLICY_INPUT_KEYS, readPolicyState } from '../../lib/policy';
import { EnrollmentSection } from './enrollment-section';
import { IdentityForm } from './identity-form';
import { PolicyEditor } from './policy-editor';
import { PolicyInForce } from './policy-in-force';

interface Loaded {
  state: PolicyState;
  policyText: string;
  identity: StaffIdentity | null;
  enrollment: EnrollmentView;
}

const ask = (message: PopupToBackground) => messenger.sendMessage('popupToBackground', message);
const act = async (message: PopupToBackground) => ActionAnswerSchema.parse(await ask(message));

async function load(): Promise<Loaded> {
  const [state, local, enrollment] = await Promise.all([
    readPolicyState(),
    browser.storage.local.get(Object.values(LOCAL_KEYS)),
    ask({ type: 'enrollment-view' }).then((answer) => EnrollmentViewSchema.parse(answer)),
  ]);
  const text = local[LOCAL_KEYS.policyText];
  const identity = StaffIdentitySchema.safeParse(local[LOCAL_KEYS.identity]);
  return {
    state,
    policyText: typeof text === 'string' ? text : '',
    identity: identity.success ? identity.data : null,
    enrollment,
  };
}

/** Storage changes that change what this page shows. */
const WATCHED: readonly string[] = [EFFECTIVE_KEY, ...POLICY_INPUT_KEYS];

function OptionsPage() {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    const reload = () =>
      load().then(
        (next) => {
          setLoaded(next);
          setError('');
        },
        (e: unknown) =>
          setError(
            `无法读取设置 Settings unavailable: ${e instanceof Error ? e.message : String(e)}`,
          ),
      );
    void reload();
    // The background publishes the policy in force after each save, and the status, signed
    // policy and authenticator as they change: show them when they land.
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      const keys = Object.keys(changes);
      if (
        (area === 'session' && keys.includes(PENDING_TOTP_KEY)) ||
        (area === 'local' && keys.some((k) => WATCHED.includes(k)))
      ) {
        void reload();
      }
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  if (!loaded) return <p class="note">{error || '载入中 Loading…'}</p>;

  const { state } = loaded;
  return (
    <>
      <h1>Custodian 设置 Settings</h1>
      <EnrollmentSection
        view={loaded.enrollment}
        enroll={(fields) => act({ type: 'enroll', ...fields })}
        confirmTotp={(code) => act({ type: 'confirm-totp', code })}
        unlock={(code) => act({ type: 'unlock', code })}
      />
      <PolicyInForce state={state} />
      <PolicyEditor
        state={state}
        saved={loaded.policyText}
        save={(text) => browser.storage.local.set({ [LOCAL_KEYS.policyText]: text })}
      />
      <IdentityForm
        state={state}
        saved={loaded.identity}
        save={(identity) => browser.storage.local.set({ [LOCAL_KEYS.identity]: identity })}
      />
    </>
  );
}

render(<OptionsPage />, document.getElementById('app')!);
