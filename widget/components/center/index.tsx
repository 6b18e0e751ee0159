// The privacy center (R6, R9): each purpose's current choice with a one-step withdraw or grant,
// the history of receipts (each downloadable as JSON), and requests for deletion or a copy.
import { isGpcRefused } from '../../../shared/consent/choices';
import type { DataRequest, Language, SignedReceipt } from '../../../shared/schema/consent';
import type { View } from '../../core/controller';
import type { Strings } from '../../i18n/strings';
import { listOf } from '../purpose';

const day = (iso: string, lang: Language) => new Date(iso).toLocaleDateString(lang);

/** Gives the receipt as a JSON file: the blob is made when the link is followed. */
function download(e: MouseEvent, receipt: SignedReceipt): void {
  const link = e.currentTarget;
  if (!(link instanceof HTMLAnchorElement)) return;
  link.href = URL.createObjectURL(
    new Blob([JSON.stringify(receipt, null, 2)], { type: 'application/json' }),
  );
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

export function CenterScreen(props: {
  v: View;
  t: Strings;
  /** Service mode: history and requests are shown. */
  service: boolean;
  gpc: boolean;
  onChange: (purpose: string, on: boolean) => void;
  onRequest: (kind: DataRequest['kind']) => void;
  onClose: () => void;
}) {
  const { v, t, service } = props;
  const { policy, record, granted, state, language: lang } = v;
  if (!policy) return null;
  const title = (id: string) => policy.purposes.find((p) => p.id === id)?.title[lang] ?? id;
  const waiting = (id: string) =>
    record.pending.some((q) => q.decisions.some((d) => d.purpose === id && d.granted));
  return (
    <>
      <div class="bd">
        {!service && <p class="n">{t.localOnly}</p>}
        <ul>
          {policy.purposes.map((p) => {
            const on = granted.has(p.id);
            const gpcOff = props.gpc && isGpcRefused(p);
            return (
              <li class="p" key={p.id}>
                <div class="ph">
                  <span id={`c-${p.id}`}>{p.title[lang]}</span>
                  <span class={on ? 'on' : 'm'}>
                    {p.required ? t.alwaysOn : on ? t.on : waiting(p.id) ? t.waiting : t.off}
                  </span>
                  {!p.required && (
                    <button
                      type="button"
                      id={`w-${p.id}`}
                      class="b b2 sm"
                      aria-labelledby={`w-${p.id} c-${p.id}`}
                      disabled={gpcOff && !on}
                      onClick={() => props.onChange(p.id, !on)}
                    >
                      {on ? t.withdraw : t.grant}
                    </button>
                  )}
                </div>
                {gpcOff && <p class="n">{t.gpc}</p>}
              </li>
            );
          })}
        </ul>
        <p>
          <br />
          <a href={policy.fullPolicyUrl} target="_blank">
            {t.fullPolicy}
          </a>
        </p>
        {service && (
          <>
            <h3>{t.history}</h3>
            <ul class="h">
              {[...(state?.receipts ?? record.receipts)].reverse().map((r) => (
                <li key={r.body.receiptId}>
                  <b>{new Date(r.body.decidedAt).toLocaleString(lang)}</b> ·{' '}
                  {r.body.method === 'gpc' ? 'GPC' : t[r.body.method]}
                  {r.body.verification &&
                    ` · ${t.verified}${t.paren(t[r.body.verification.channel])}`}
                  <br />
                  {t.agreed}
                  {listOf(
                    r.body.decisions.filter((d) => d.granted).map((d) => title(d.purpose)),
                    lang,
                  ) || '–'}
                  <br />
                  {t.refused}
                  {listOf(
                    r.body.decisions.filter((d) => !d.granted).map((d) => title(d.purpose)),
                    lang,
                  ) || '–'}
                  <br />
                  <a
                    href="#"
                    download={`consent-receipt-${r.body.receiptId}.json`}
                    onClick={(e) => download(e, r)}
                  >
                    {t.download}
                  </a>
                </li>
              ))}
            </ul>
            <h3>{t.yourData}</h3>
            <p class="m">{policy.rights[lang]}</p>
            <ul class="h">
              {state?.requests.map((q) => (
                <li key={q.id}>
                  <b>{t[q.kind]}</b> · {day(q.createdAt, lang)} ·{' '}
                  {t[q.status === 'refused' ? 'rejected' : q.status]} · {t.due}
                  {day(q.dueAt, lang)}
                </li>
              ))}
            </ul>
            {record.subject && (
              <p>
                <button type="button" class="b b2 sm" onClick={() => props.onRequest('deletion')}>
                  {t.deletion}
                </button>{' '}
                <button type="button" class="b b2 sm" onClick={() => props.onRequest('copy')}>
                  {t.copy}
                </button>
              </p>
            )}
          </>
        )}
      </div>
      <div class="ac">
        <button type="button" class="b" onClick={props.onClose}>
          {t.close}
        </button>
      </div>
    </>
  );
}
