// Tests of the text masker on a stand-in for DOM Text nodes: masking in place, reveal and re-mask
// by span, and growth at the end scanned in proportion to the growth, not the length.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as pii from '../../../shared/pii';
import { createTextMasker } from './text-nodes';

const scanned = { chars: 0 };
vi.mock('../../../shared/pii', async (importOriginal) => {
  const real = await importOriginal<typeof pii>();
  return {
    ...real,
    scan: (text: string) => {
      scanned.chars += text.length;
      return real.scan(text);
    },
  };
});

/** The parts of a DOM Text node the masker uses. */
class FakeText {
  constructor(public data: string) {}
  replaceData(offset: number, count: number, data: string): void {
    this.data = this.data.slice(0, offset) + data + this.data.slice(offset + count);
  }
}
const asText = (node: FakeText) => node as unknown as Text;

describe('createTextMasker', () => {
  beforeEach(() => {
    scanned.chars = 0;
  });

  it('masks a walk as update masks each node, passing over plain nodes and stopping at stop', () => {
    const texts = [
      '\n    ',
      '2',
      '电话 13812345678',
      '订单 DD20240518000123',
      'x'.repeat(3000),
      'lina@example.cn',
      '13912345678',
    ];
    const walked = texts.map((t) => new FakeText(t));
    const one = texts.map((t) => new FakeText(t));
    let at = 0;
    const walker = { nextNode: () => asText(walked[++at] ?? new FakeText('')) };
    const masker = createTextMasker(() => false);
    masker.updateWalk(walker as unknown as TreeWalker, asText(walked[0]!), asText(walked[6]!));
    const byUpdate = createTextMasker(() => false);
    for (const node of one.slice(0, 6)) byUpdate.update(asText(node));
    expect(walked.map((n) => n.data)).toEqual([...one.slice(0, 6).map((n) => n.data), texts[6]]);
    expect(walked[2]!.data).toBe('电话 138****5678');
    // Long text keeps its state, so an append is scanned from near its end.
    expect(masker.state(asText(walked[4]!))?.spans).toEqual([]);
    expect(masker.state(asText(walked[1]!))).toBeUndefined();
  });

  it('masks a node in place and leaves text without PII alone', () => {
    const masker = createTextMasker(() => false);
    const node = new FakeText('电话 13812345678，邮箱 lina@example.cn');
    expect(masker.update(asText(node))).toBe(2);
    expect(node.data).toBe('电话 138****5678，邮箱 l***@example.cn');
    expect(masker.update(asText(node))).toBe(0); // its own write comes back unchanged
    const plain = new FakeText('订单 DD20240518000123');
    expect(masker.update(asText(plain))).toBe(0);
    expect(plain.data).toBe('订单 DD20240518000123');
  });

  it('reveals one span, shifting later spans when an e-mail changes length, and masks it again', () => {
    const masker = createTextMasker(() => false);
    const node = new FakeText('lina@example.cn 或 13812345678');
    masker.update(asText(node));
    expect(masker.setShown(asText(node), 0, true)).toBe(true);
    expect(node.data).toBe('lina@example.cn 或 138****5678');
    expect(masker.setShown(asText(node), 1, true)).toBe(true);
    expect(node.data).toBe('lina@example.cn 或 13812345678');
    masker.setShown(asText(node), 0, false);
    masker.setShown(asText(node), 1, false);
    expect(node.data).toBe('l***@example.cn 或 138****5678');
  });

  it('does not reveal a span of a node the page has changed since', () => {
    const masker = createTextMasker(() => false);
    const node = new FakeText('电话 13812345678');
    masker.update(asText(node));
    node.data = '电话 138****5678 (updated)';
    expect(masker.setShown(asText(node), 0, true)).toBe(false);
  });

  it('scans a node growing at its end in proportion to the growth, and masks all of it', () => {
    const masker = createTextMasker(() => false);
    const line = (i: number) => `第 ${i} 行 order DD2024051800${String(i).padStart(4, '0')}\n`;
    let raw = '';
    for (let i = 0; i < 100; i++) raw += line(i);
    const node = new FakeText(raw);
    masker.update(asText(node));
    const steps = 400;
    scanned.chars = 0;
    for (let i = 0; i < steps; i++) {
      const chunk = i % 10 === 0 ? `来电 139${String(10_000_000 + i).slice(0, 8)}\n` : line(i);
      raw += chunk;
      node.data += chunk;
      masker.update(asText(node));
    }
    // Whole-node rescans would read about steps × length / 2 ≈ 3.6 M characters.
    expect(scanned.chars).toBeLessThan(steps * 700);
    expect(node.data).toBe(pii.maskText(raw).masked);
    expect(masker.state(asText(node))!.spans.map((s) => s.raw)).toEqual(
      pii.scan(raw).map((f) => raw.slice(f.start, f.end)),
    );
  });

  it('leaves a node being edited as typed', () => {
    const masker = createTextMasker(() => true);
    const node = new FakeText('电话 13812345678');
    expect(masker.update(asText(node))).toBe(0);
    expect(node.data).toBe('电话 13812345678');
  });

  it('applies a site rule to the whole text and restores the raw text', () => {
    const masker = createTextMasker(() => false);
    const node = new FakeText(' 王小明 ');
    expect(masker.applyRule(asText(node), 'name')).toBe(1);
    expect(node.data).toBe(' 王** ');
    masker.restore(asText(node));
    expect(node.data).toBe(' 王小明 ');
  });
});
