// "We changed our policy" (R7): what changed since the version the customer decided under, shown
// before the purposes to decide again.
import { policyChanges } from '../../../shared/consent/diff';
import type { ConsentPolicy, Language } from '../../../shared/schema/consent';
import type { Strings } from '../../i18n/strings';
import { inSentence, listOf } from '../purpose';

export function ChangesScreen(props: {
  before: ConsentPolicy;
  policy: ConsentPolicy;
  lang: Language;
  t: Strings;
  onNext: () => void;
}) {
  const { before, policy, lang, t } = props;
  const changes = policyChanges(before, policy);
  const labels: Partial<Record<string, string>> = {
    fields: t.fields,
    thirdParties: t.shared,
    retentionDays: t.kept,
    level: t.level,
  };
  const title = (id: string) =>
    [...policy.purposes, ...before.purposes].find((p) => p.id === id)?.title[lang] ?? id;
  return (
    <>
      <div class="bd">
        <p>{t.changedIntro}</p>
        <ul>
          {changes.policyText && <li class="p">{t.policyText}</li>}
          {changes.purposes.map((c) => (
            <li class="p" key={c.purpose}>
              <b>{title(c.purpose)}</b>
              {t.colon}
              {t[c.change]}
              {c.change === 'changed' &&
                t.paren(
                  listOf([...new Set(c.keys.map((k) => inSentence(labels[k] ?? t.other_)))], lang),
                )}
            </li>
          ))}
        </ul>
      </div>
      <div class="ac">
        <button type="button" class="b" onClick={props.onNext}>
          {t.next}
        </button>
      </div>
    </>
  );
}
