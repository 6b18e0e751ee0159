// The notice (R1–R3, R8): the policy summary, rights, controller and full-policy link, then each
// purpose to decide with its switch off, and three equally prominent ways to answer.
import { isGpcRefused } from '../../../shared/consent/choices';
import type { Choices, ConsentPolicy, Language } from '../../../shared/schema/consent';
import type { Strings } from '../../i18n/strings';
import { PurposeItem } from '../purpose';

export function ChoicesScreen(props: {
  policy: ConsentPolicy;
  lang: Language;
  t: Strings;
  /** The optional purposes to decide; the others keep their choice in `choices`. */
  ids: string[];
  /** List the required purposes too (first visit). */
  required: boolean;
  choices: Choices;
  gpc: boolean;
  intro: string;
  onChange: (choices: Choices) => void;
  onSubmit: (choices: Choices) => void;
}) {
  const { policy, lang, t, ids, choices, onSubmit } = props;
  const { contact } = policy.controller;
  const refused = (id: string) =>
    props.gpc && policy.purposes.some((p) => p.id === id && isGpcRefused(p));
  const all = (on: boolean) =>
    onSubmit({ ...choices, ...Object.fromEntries(ids.map((id) => [id, on && !refused(id)])) });
  return (
    <>
      <div class="bd">
        {props.intro && <p class="n">{props.intro}</p>}
        <p>{policy.summary[lang]}</p>
        <p>
          <b>{t.rights}</b>
          {policy.rights[lang]}
        </p>
        <p class="m">
          {t.controller}
          {policy.controller.name[lang]} ·{' '}
          {contact.includes('@') ? <a href={`mailto:${contact}`}>{contact}</a> : contact} ·{' '}
          <a href={policy.fullPolicyUrl} target="_blank">
            {t.fullPolicy}
          </a>
        </p>
        <ul>
          {policy.purposes
            .filter((p) => (p.required ? props.required : ids.includes(p.id)))
            .map((p) => (
              <PurposeItem
                key={p.id}
                p={p}
                lang={lang}
                t={t}
                on={choices[p.id] === true}
                gpcOff={refused(p.id)}
                onToggle={(on) => props.onChange({ ...choices, [p.id]: on })}
              />
            ))}
        </ul>
      </div>
      <div class="ac">
        <button type="button" class="b" onClick={() => all(true)}>
          {t.acceptAll}
        </button>
        <button type="button" class="b" onClick={() => all(false)}>
          {t.rejectAll}
        </button>
        <button type="button" class="b" onClick={() => onSubmit(choices)}>
          {t.save}
        </button>
      </div>
    </>
  );
}
