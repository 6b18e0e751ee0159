// Asks the staff member why they reveal a value, in a small dialog inside a closed shadow root:
// the page cannot read or restyle it, and the masker never sees its text.

const STYLE = `
  :host { all: initial; }
  dialog { font: 14px/1.5 system-ui, "Microsoft YaHei", sans-serif; border: 1px solid #cbd5e1;
    border-radius: 8px; padding: 16px; max-width: 360px; color: #0f172a; }
  dialog::backdrop { background: rgb(15 23 42 / 0.3); }
  h2 { font-size: 15px; margin: 0 0 8px; }
  p { margin: 0 0 8px; color: #475569; }
  input { box-sizing: border-box; width: 100%; padding: 6px 8px; font: inherit; }
  .error { color: #b91c1c; min-height: 1.5em; margin: 4px 0 0; }
  .buttons { display: flex; gap: 8px; justify-content: flex-end; margin-top: 8px; }
  button { font: inherit; padding: 6px 12px; border-radius: 6px; border: 1px solid #94a3b8;
    background: #fff; cursor: pointer; }
  button[type=submit] { background: #1d4ed8; border-color: #1d4ed8; color: #fff; }
`;

/** Plain-language labels of the PII types, in the two languages staff use. */
const TYPE_LABELS: Readonly<Record<string, string>> = {
  cn_id: '身份证号 ID number',
  phone: '手机号 Phone',
  bank_card: '银行卡号 Bank card',
  email: '邮箱 E-mail',
  uscc: '统一社会信用代码 USCC',
  passport: '护照号 Passport',
  name: '姓名 Name',
  address: '地址 Address',
};

/**
 * Shows the dialog; resolves with the reason typed (at least 2 characters) or null when the
 * staff member cancels. One dialog at a time per document.
 */
export function askReason(doc: Document, type: string, minLength = 2): Promise<string | null> {
  const host = doc.createElement('custodian-reveal-reason');
  const root = host.attachShadow({ mode: 'closed' });
  root.innerHTML = `<style>${STYLE}</style>
    <dialog aria-labelledby="t">
      <form method="dialog">
        <h2 id="t">查看原文需说明理由 · Reason required</h2>
        <p></p>
        <label>理由 Reason <input name="reason" required autocomplete="off" maxlength="200"></label>
        <div class="error" role="alert"></div>
        <div class="buttons">
          <button type="button" value="cancel">取消 Cancel</button>
          <button type="submit" value="ok">查看 Reveal</button>
        </div>
      </form>
    </dialog>`;
  root.querySelector('p')!.textContent =
    `${TYPE_LABELS[type] ?? type}: 此次查看将被记录。This reveal is logged.`;
  (doc.body ?? doc.documentElement).append(host);
  const dialog = root.querySelector('dialog')!;
  const input = root.querySelector('input')!;
  const error = root.querySelector<HTMLElement>('.error')!;
  return new Promise((resolve) => {
    const finish = (value: string | null) => {
      host.remove();
      resolve(value);
    };
    root.querySelector('button[value=cancel]')!.addEventListener('click', () => finish(null));
    dialog.addEventListener('cancel', () => finish(null));
    root.querySelector('form')!.addEventListener('submit', (event) => {
      const reason = input.value.trim();
      if (reason.length < minLength) {
        event.preventDefault();
        error.textContent = `请至少输入 ${minLength} 个字 · Please give a reason.`;
        return;
      }
      finish(reason);
    });
    dialog.showModal();
    input.focus();
  });
}
