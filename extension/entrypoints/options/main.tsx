// Options page: the staff policy (JSON, checked as typed) and the staff identity, saved to
// extension storage, where the background picks them up; shows the policy in force. Wiring only.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { StaffIdentitySchema, type PolicyState, type StaffIdentity } from '../../../shared/schema';
import { EFFECTIVE_KEY, LOCAL_KEYS, readPolicyState } from '../../lib/policy';
import { IdentityForm } from './identity-form';
import { PolicyEditor } from './policy-editor';
import { PolicyInForce } from './policy-in-force';

interface Loaded {
  state: PolicyState;
  policyText: string;
  identity: StaffIdentity | null;
}

async function load(): Promise<Loaded> {
  const [state, local] = await Promise.all([
    readPolicyState(),
    browser.storage.local.get(Object.values(LOCAL_KEYS)),
  ]);
  const text = local[LOCAL_KEYS.policyText];
  const identity = StaffIdentitySchema.safeParse(local[LOCAL_KEYS.identity]);
  return {
    state,
    policyText: typeof text === 'string' ? text : '',
    identity: identity.success ? identity.data : null,
  };
}

function OptionsPage() {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    void load().then(setLoaded);
    // The background publishes the policy in force after each save: show it when it lands.
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && EFFECTIVE_KEY in changes) void load().then(setLoaded);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  if (!loaded) return <p class="note">载入中 Loading…</p>;

  const { state } = loaded;
  return (
    <>
      <h1>Custodian 设置 Settings</h1>
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
