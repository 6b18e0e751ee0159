// One purpose as the notice shows it: what it is for, the data it needs (R2), how long it is kept
// (R10) and consent lasts (R4), who else receives it (R8), its level (R11); a switch if optional (R3).
import type { ConsentPurpose, Language } from '../../../shared/schema/consent';
import type { Strings } from '../../i18n/strings';

export const listOf = (items: string[], lang: Language): string =>
  items.join(lang === 'en' ? ', ' : '、');

/** A label inside a sentence: "Resident ID number" → "resident ID number"; "SMS" stays. */
export const inSentence = (label: string): string =>
  /^.[A-Z]/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);

interface Props {
  p: ConsentPurpose;
  lang: Language;
  t: Strings;
}

export function PurposeDetails({ p, lang, t }: Props) {
  const parties = p.thirdParties.map((x) => x.name[lang] + t.paren(x.location[lang]));
  return (
    <dl>
      <dt>{t.fields}</dt>
      <dd>
        {listOf(
          p.fields.map((f) => f[lang]),
          lang,
        )}
      </dd>
      <dt>{t.kept}</dt>
      <dd>
        {t.days(p.retentionDays)}
        {!p.required && t.askAgain(p.consentDays)}
      </dd>
      <dt>{t.shared}</dt>
      <dd>{listOf(parties, lang) || t.nobody}</dd>
      <dt>{t.level}</dt>
      <dd>{t.levels[p.level - 1]}</dd>
    </dl>
  );
}

export function PurposeTitle({ p, lang, t }: Props) {
  return (
    <h3 id={`p-${p.id}`}>
      {p.title[lang]}
      {p.sensitive && <span class="t">{t.sensitive}</span>}
    </h3>
  );
}

export function PurposeItem(
  props: Props & {
    on: boolean;
    /** Global Privacy Control refuses it: shown off and disabled, with the reason. */
    gpcOff: boolean;
    onToggle: (on: boolean) => void;
  },
) {
  const { p, lang, t, gpcOff } = props;
  return (
    <li class="p">
      <div class="ph">
        <PurposeTitle {...props} />
        {p.required ? (
          <span class="on">{t.alwaysOn}</span>
        ) : (
          <input
            type="checkbox"
            role="switch"
            aria-labelledby={`p-${p.id}`}
            aria-describedby={gpcOff ? `g-${p.id}` : undefined}
            checked={props.on}
            disabled={gpcOff}
            onChange={(e) => props.onToggle(e.currentTarget.checked)}
          />
        )}
      </div>
      <p>{p.summary[lang]}</p>
      {gpcOff && (
        <p class="n" id={`g-${p.id}`}>
          {t.gpc}
        </p>
      )}
      <PurposeDetails {...props} />
    </li>
  );
}
