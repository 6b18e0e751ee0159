// A one-field form for a 6-digit authenticator code, used to confirm a new authenticator and to
// unlock reveals, in the options page and the popup. The background checks the code with the
// audit service; its refusal (wrong, replayed, locked out) is shown under the field.
import { useState } from 'preact/hooks';
import type { ActionAnswer } from '../../../shared/schema/popup';

interface Props {
  /** Unique in the page: the input's id and the error's. */
  id: string;
  label: string;
  button: string;
  submit: (code: string) => Promise<ActionAnswer>;
  /** Told after the service accepted the code. */
  onDone?: (answer: ActionAnswer) => void;
}

export function CodeForm({ id, label, button, submit, onDone }: Props) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      const answer = await submit(code);
      if (answer.status === 'refused') setError(answer.message);
      else {
        setCode('');
        onDone?.(answer);
      }
    } catch (e) {
      setError(`未能发送 Not sent: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="code-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <label for={id}>{label}</label>
      <div class="code-row">
        <input
          id={id}
          value={code}
          inputMode="numeric"
          autocomplete="one-time-code"
          maxLength={7}
          placeholder="123456"
          aria-invalid={error !== ''}
          aria-describedby={`${id}-error`}
          onInput={(e) => {
            setCode(e.currentTarget.value);
            setError('');
          }}
        />
        <button type="submit" class="primary" disabled={busy || code.trim() === ''}>
          {button}
        </button>
      </div>
      <p id={`${id}-error`} class="error" role="alert">
        {error}
      </p>
    </form>
  );
}
