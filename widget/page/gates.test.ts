// Gated scripts run once their purpose is granted, never twice; gated iframes load and blank.
import { describe, expect, it } from 'vitest';
import { applyGates } from './gates';

/** Just enough of the DOM for applyGates: elements with attributes, replaceWith and a query. */
class FakeElement {
  readonly attrs: Record<string, string>;
  text = '';
  nonce = '';
  async = true;
  constructor(
    readonly tagName: string,
    attrs: Record<string, string>,
    private readonly doc: FakeDocument,
  ) {
    this.attrs = { ...attrs };
  }
  get attributes() {
    return Object.entries(this.attrs).map(([name, value]) => ({ name, value }));
  }
  get dataset() {
    return { consent: this.attrs['data-consent'], src: this.attrs['data-src'] };
  }
  getAttribute(name: string) {
    return this.attrs[name] ?? null;
  }
  setAttribute(name: string, value: string) {
    this.attrs[name] = value;
  }
  set src(value: string) {
    this.attrs.src = value;
  }
  replaceWith(other: FakeElement) {
    this.doc.elements[this.doc.elements.indexOf(this)] = other;
  }
}

class FakeDocument {
  elements: FakeElement[] = [];
  add(tag: string, attrs: Record<string, string>) {
    const el = new FakeElement(tag, attrs, this);
    this.elements.push(el);
    return el;
  }
  createElement(tag: string) {
    return new FakeElement(tag, {}, this);
  }
  querySelectorAll(selector: string) {
    return this.elements.filter((el) =>
      selector.startsWith('script')
        ? el.tagName === 'script' && el.attrs.type === 'text/plain' && 'data-consent' in el.attrs
        : el.tagName === 'iframe' && 'data-consent' in el.attrs,
    );
  }
}

// The fake has what applyGates touches; the DOM types do not know that.
const run = (doc: FakeDocument, granted: string[]) =>
  applyGates(doc as unknown as Document, new Set(granted));

describe('gated scripts', () => {
  it('become real scripts once granted, with attributes, nonce and text, in order', () => {
    const doc = new FakeDocument();
    const a = doc.add('script', { type: 'text/plain', 'data-consent': 'analytics', src: 'a.js' });
    a.nonce = 'n0nce';
    const b = doc.add('script', { type: 'text/plain', 'data-consent': 'analytics' });
    b.text = 'track()';
    doc.add('script', { type: 'text/plain', 'data-consent': 'marketing', src: 'm.js' });
    run(doc, ['orders']);
    expect(doc.elements.every((el) => el.attrs.type === 'text/plain')).toBe(true);
    run(doc, ['analytics']);
    const [ra, rb, rm] = doc.elements;
    expect(ra?.attrs).toEqual({ 'data-consent': 'analytics', src: 'a.js' });
    expect([ra?.nonce, ra?.async, rb?.text]).toEqual(['n0nce', false, 'track()']);
    expect(rm?.attrs.type).toBe('text/plain');
  });

  it('never run twice and stay run after a withdrawal', () => {
    const doc = new FakeDocument();
    doc.add('script', { type: 'text/plain', 'data-consent': 'analytics', src: 'a.js' });
    run(doc, ['analytics']);
    const ran = doc.elements[0];
    run(doc, ['analytics']);
    run(doc, []);
    expect(doc.elements[0]).toBe(ran);
    expect(doc.querySelectorAll('script')).toEqual([]);
  });
});

describe('gated iframes', () => {
  it('load when granted and are blanked on withdrawal', () => {
    const doc = new FakeDocument();
    const frame = doc.add('iframe', { 'data-consent': 'analytics', 'data-src': 'video.html' });
    run(doc, []);
    expect(frame.getAttribute('src')).toBe(null);
    run(doc, ['analytics']);
    expect(frame.getAttribute('src')).toBe('video.html');
    run(doc, []);
    expect(frame.getAttribute('src')).toBe('about:blank');
  });
});
