// A command or key in a code block with a copy button: auditors paste these into a terminal.
import { useState } from 'preact/hooks';

export function CopyCode({ code, label }: { code: string; label: string }) {
  const [copied, setCopied] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied('已复制 Copied');
    } catch {
      // Clipboard refused (insecure origin, permission): the block stays selectable by hand.
      setCopied('无法复制，请手动选择 Could not copy: select the text instead');
    }
  };
  return (
    <div class="copy-code">
      <pre tabIndex={0} aria-label={label}>
        <code>{code}</code>
      </pre>
      <div class="copy-row">
        <button type="button" class="secondary small" onClick={() => void copy()}>
          复制 Copy<span class="sr-only"> {label}</span>
        </button>
        <span role="status" class="quiet small">
          {copied}
        </span>
      </div>
    </div>
  );
}
