// Double opt-in (R5): choose SMS or e-mail, enter the address, receive a 6-digit code through the
// service's sender, enter it. The App keeps the form's values and makes the calls.
import type { ConsentPolicy, VerificationChannel } from '../../../shared/schema/consent';
import type { Strings } from '../../i18n/strings';

export interface VerifyForm {
  channel: VerificationChannel;
  address: string;
  /** Set once a code was sent: the form then asks for the code. */
  sentId: string;
  code: string;
  error: string;
}

export function VerifyScreen(props: {
  policy: ConsentPolicy;
  t: Strings;
  form: VerifyForm;
  codeRef: (el: HTMLInputElement | null) => void;
  onChange: (form: Partial<VerifyForm>) => void;
  onSubmit: () => void;
  onCancel: () => void;
}) {
  const { t, form, onChange } = props;
  const sms = form.channel === 'sms';
  return (
    <form
      class="fm"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <div class="bd">
        {form.sentId ? (
          <>
            <p>{t.sent(form.address)}</p>
            <label class="in">
              {t.code}
              <input
                ref={props.codeRef}
                inputMode="numeric"
                autocomplete="one-time-code"
                pattern="[0-9]{6}"
                maxLength={6}
                required
                value={form.code}
                onInput={(e) => onChange({ code: e.currentTarget.value.trim() })}
              />
            </label>
          </>
        ) : (
          <>
            <fieldset>
              <legend>{t.channel}</legend>
              {props.policy.verification.channels.map((channel) => (
                <label key={channel}>
                  <input
                    type="radio"
                    name="channel"
                    checked={channel === form.channel}
                    onChange={() => onChange({ channel })}
                  />
                  {t[channel]}
                </label>
              ))}
            </fieldset>
            <label class="in">
              {sms ? t.smsAddress : t.emailAddress}
              <input
                type={sms ? 'tel' : 'email'}
                autocomplete={sms ? 'tel' : 'email'}
                required
                minLength={3}
                maxLength={200}
                value={form.address}
                onInput={(e) => onChange({ address: e.currentTarget.value })}
              />
            </label>
          </>
        )}
        {form.error && (
          <p class="e" role="alert">
            {form.error}
          </p>
        )}
      </div>
      <div class="ac">
        <button class="b">{form.sentId ? t.confirm : t.send}</button>
        {form.sentId && (
          <button type="button" class="b b2" onClick={() => onChange({ sentId: '', error: '' })}>
            {t.resend}
          </button>
        )}
        <button type="button" class="b b2" onClick={props.onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
