// A sensitive purpose on its own screen (R4): what it uses and why, and an explicit statement the
// customer ticks before "Agree" can be pressed; "Don't agree" leaves it off.
import type { ConsentPolicy, ConsentPurpose, Language } from '../../../shared/schema/consent';
import type { Strings } from '../../i18n/strings';
import { inSentence, listOf, PurposeDetails, PurposeTitle } from '../purpose';

export function SensitiveScreen(props: {
  policy: ConsentPolicy;
  p: ConsentPurpose;
  lang: Language;
  t: Strings;
  ticked: boolean;
  onTick: (ticked: boolean) => void;
  onAnswer: (agreed: boolean) => void;
}) {
  const { policy, p, lang, t, ticked, onAnswer } = props;
  const what = listOf(
    p.fields.map((f) => inSentence(f[lang])),
    lang,
  );
  return (
    <>
      <div class="bd">
        <p>{t.sensitiveIntro}</p>
        <div class="p">
          <PurposeTitle {...props} />
          <p>{p.summary[lang]}</p>
          <PurposeDetails {...props} />
        </div>
        <label class="st">
          <input
            type="checkbox"
            checked={ticked}
            onChange={(e) => props.onTick(e.currentTarget.checked)}
          />
          {t.statement(policy.controller.name[lang], what, p.title[lang])}
        </label>
      </div>
      <div class="ac">
        <button type="button" class="b" disabled={!ticked} onClick={() => onAnswer(true)}>
          {t.agree}
        </button>
        <button type="button" class="b" onClick={() => onAnswer(false)}>
          {t.decline}
        </button>
      </div>
    </>
  );
}
