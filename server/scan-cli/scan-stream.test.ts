import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ScanReportLineSchema } from '../../shared/schema';
import type { PiiType } from '../../shared/pii';
import { scanStream } from './scan-stream';

async function report(bytes: Buffer, chunkSize: number): Promise<string[]> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const out = new PassThrough();
  const lines: string[] = [];
  out.on('data', (d: Buffer) => lines.push(...d.toString('utf8').split('\n').filter(Boolean)));
  await scanStream(Readable.from(chunks), 'f.txt', out, new Map<PiiType, number>());
  return lines;
}

describe('scanStream', () => {
  const text = '\ufeff客户：张三，手机 138-1234-5678，邮箱 li.lei@example.com\n'.repeat(3);
  const bytes = Buffer.from(text, 'utf8');

  it('gives UTF-16 offsets into the file’s text, even when chunks split characters', async () => {
    for (const size of [1, 2, 7, 4096]) {
      const lines = (await report(bytes, size)).map((l) =>
        ScanReportLineSchema.parse(JSON.parse(l)),
      );
      const decoded = bytes.toString('utf8'); // as readFileSync(f, 'utf8'), BOM included
      expect(lines.map((l) => decoded.slice(l.start, l.end))).toEqual(
        Array(3).fill(['138-1234-5678', 'li.lei@example.com']).flat(),
      );
    }
  });

  it('prints masked values and never the raw ones', async () => {
    const out = (await report(bytes, 64)).join('\n');
    expect(out).toContain('"masked":"138-****-5678"');
    expect(out).not.toContain('1234');
    expect(out).not.toContain('li.lei');
  });

  it('counts findings by type', async () => {
    const counts = new Map<PiiType, number>();
    await scanStream(Readable.from([bytes]), 'f', new PassThrough().resume(), counts);
    expect(Object.fromEntries(counts)).toEqual({ phone: 3, email: 3 });
  });
});
