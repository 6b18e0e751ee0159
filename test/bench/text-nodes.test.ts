// The text-node splitter keeps every character of text, drops only tags, and yields DOM-sized pieces.
import { describe, expect, it } from 'vitest';
import { NODE_MAX_CHARS, NODE_TYPICAL_MIN_CHARS } from './config';
import { median } from './measure';
import { extensionTextNodes, splitTextNodes } from './text-nodes';

const withoutTags = (html: string): string => html.replace(/<[A-Za-z/!?][^<>]*>/g, '');

describe('splitTextNodes', () => {
  it('drops tags and ends a node at each tag and line break', () => {
    expect(
      splitTextNodes('<tr><td>张三</td><td>138 1234 5678</td></tr>\n<p>a < b\r\nc</p>'),
    ).toEqual(['张三', '138 1234 5678', '\n', 'a < b\r\n', 'c']);
  });

  it('keeps all text, with no empty or over-long piece, on a mixed page', () => {
    const row = '<td>客户姓名：李雷</td><td>li.lei@example.com</td>';
    const prose = 'Customer asked about the refund for order SO-2023-001. '.repeat(9);
    const csv = 'name,phone,city\n张三,13812345678,上海\n';
    const html = `<table>${row.repeat(20)}</table>\n<p>${prose}</p>${csv.repeat(10)}`;
    const nodes = splitTextNodes(html);
    expect(nodes.join('')).toBe(withoutTags(html));
    for (const node of nodes) {
      expect(node.length).toBeGreaterThan(0);
      expect(node.length).toBeLessThanOrEqual(NODE_MAX_CHARS);
    }
    expect(median(nodes.map((n) => n.length))).toBeGreaterThanOrEqual(NODE_TYPICAL_MIN_CHARS);
  });

  it('cuts a long run after a space, else at the limit but never inside a surrogate pair', () => {
    expect(splitTextNodes('aaaa bbbb cccc', { maxChars: 8 })).toEqual(['aaaa ', 'bbbb ', 'cccc']);
    const emoji = 'x' + '😀'.repeat(5); // 11 UTF-16 units, no spaces
    const nodes = splitTextNodes(emoji, { maxChars: 4 });
    expect(nodes.join('')).toBe(emoji);
    for (const node of nodes) expect(node.length).toBeLessThanOrEqual(4);
    // A lone surrogate turns into U+FFFD on the way through UTF-8.
    for (const node of nodes) expect(Buffer.from(node).toString()).toBe(node);
  });
});

describe('extensionTextNodes', () => {
  it('drops blank nodes and the content of elements the extension skips', () => {
    const html =
      '<ul>\n  <li>手机：13812345678</li>\n</ul>\n<script type="application/json">{"a":"<b>x</b>"}' +
      '</script>\n<STYLE>p { color: red }</STYLE><p>Email li@example.com</p>';
    expect(extensionTextNodes(html)).toEqual(['手机：13812345678', 'Email li@example.com']);
  });
});
