// Scans one byte stream (a file or stdin) in flat memory, writing report lines as it goes.
import type { Readable, Writable } from 'node:stream';
import { once } from 'node:events';
import { createStreamScanner, type PiiType } from '../../shared/pii';
import type { ScanReportLine } from '../../shared/schema';

/**
 * Decodes `input` as UTF-8 (a BOM is kept as U+FEFF, so offsets match the file's text as
 * `readFileSync(f, 'utf8')` gives it), scans it chunk by chunk and writes one JSON line per
 * finding to `out`, waiting when `out` is full so memory stays flat. Adds to `counts`.
 */
export async function scanStream(
  input: Readable,
  name: string,
  out: Writable,
  counts: Map<PiiType, number>,
): Promise<void> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const scanner = createStreamScanner();
  const write = async (findings: ReturnType<typeof scanner.push>): Promise<void> => {
    if (findings.length === 0) return;
    let lines = '';
    for (const f of findings) {
      const line: ScanReportLine = {
        file: name,
        type: f.type,
        start: f.start,
        end: f.end,
        masked: f.masked,
      };
      lines += JSON.stringify(line) + '\n';
      counts.set(f.type, (counts.get(f.type) ?? 0) + 1);
    }
    if (!out.write(lines)) await once(out, 'drain');
  };
  for await (const chunk of input) {
    await write(scanner.push(decoder.decode(chunk as Uint8Array, { stream: true })));
  }
  await write(scanner.push(decoder.decode()));
  await write(scanner.end());
}
