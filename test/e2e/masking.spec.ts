// Masking before paint, end to end in real Chromium with the built extension: nothing raw is
// readable in text, attributes, shadow roots or frames, on first load or on updates, while a page
// script watches every animation frame; decoys stay readable; forms submit the original values.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame, Page } from '@playwright/test';
import { NEVER_SHADOW_HOSTS, PARSE_HOLD_MS } from '../../extension/lib/masking/constants';
import { scan } from '../../shared/pii';
import { expect, test } from './fixtures';

/** Every raw finding in a frame's visible text (should be none), scanned here in Node. */
async function rawFindings(frame: Frame): Promise<string[]> {
  const text = await frame.evaluate(() => document.body.innerText);
  return scan(text).map((f) => `${f.type}: ${text.slice(f.start, f.end)}`);
}

/** Raw values the test pages plant (valid checksums), and where. */
const RAW = {
  text: '13812345678',
  title: '13912345678',
  alt: 'fang.wang@example.com',
  input: '13687654321',
  button: '15000001234',
  textarea: '310104199203142821',
  script: '440305198509216135',
  dsd: 'dsd.user@example.com',
  shadow: '18602103344',
  blank: '15900001111',
  srcdoc: '4367421234567896',
  liveA: '17722334455',
  liveB: '13555550101',
};

/**
 * A page script in <head> that looks at everything shown (body text, open shadow roots, same-
 * origin frames) on every animation frame and records any raw value it sees: it sees exactly
 * what the browser is about to paint.
 */
const PROBE = `<script>
  window.__raw = ${JSON.stringify(Object.values(RAW).filter((v) => v !== RAW.input && v !== RAW.textarea && v !== RAW.script))};
  window.__seen = [];
  window.__frames = 0;
  function shownText(doc) {
    let text = doc.body ? doc.body.innerText : '';
    for (const el of doc.querySelectorAll('*')) {
      if (el.shadowRoot) text += ' ' + el.shadowRoot.textContent;
      if (el.localName === 'iframe') {
        try { if (el.contentDocument) text += ' ' + shownText(el.contentDocument); } catch {}
      }
      for (const name of ['title', 'alt', 'placeholder', 'aria-label']) {
        const v = el.getAttribute(name); if (v) text += ' ' + v;
      }
      if (el.localName === 'input' && ['submit', 'button'].includes(el.type)) text += ' ' + el.value;
    }
    return text;
  }
  (function check() {
    window.__frames++;
    const text = shownText(document);
    for (const v of window.__raw) if (text.includes(v) && !window.__seen.includes(v)) window.__seen.push(v);
    requestAnimationFrame(check);
  })();
</script>`;

const KITCHEN_SINK = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Sink</title>${PROBE}</head>
<body>
  <p id="static">电话 ${RAW.text} · 订单 DD20240518000123 · 2024-05-18 09:30:12</p>
  <script>window.staticNode = document.getElementById('static').firstChild;</script>
  <p id="attr" title="回拨 ${RAW.title}">hover me</p>
  <img id="img" alt="${RAW.alt}" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
  <form id="form" action="/echo" method="get">
    <input id="input" name="phone" value="${RAW.input}">
    <textarea id="textarea" name="note">身份证 ${RAW.textarea}</textarea>
    <input id="button" type="submit" name="act" value="致电 ${RAW.button}">
  </form>
  <script id="script">const kept = '${RAW.script}';</script>
  <template id="template"><p>${RAW.script}</p></template>
  <div id="dsd"><template shadowrootmode="open"><p>邮箱 ${RAW.dsd}</p></template></div>
  <div id="later"></div>
  <iframe id="blank"></iframe>
  <iframe id="srcdoc" srcdoc="<p>卡号 ${RAW.srcdoc}</p>"></iframe>
  <p id="live">waiting</p>
  <script>
    document.getElementById('blank').contentDocument.body.innerHTML = '<p>电话 ${RAW.blank}</p>';
    setTimeout(() => {
      const root = document.getElementById('later').attachShadow({ mode: 'open' });
      root.innerHTML = '<p>手机 ${RAW.shadow}</p>';
    }, 100);
    const live = document.getElementById('live').firstChild;
    let i = 0;
    const timer = setInterval(() => {
      live.data = '来电 ' + (i % 2 ? '${RAW.liveA}' : '${RAW.liveB}');
      if (++i === 12) { clearInterval(timer); document.body.dataset.done = 'true'; }
    }, 40);
  </script>
</body></html>`;

/** Serves `html` at `path` on the demo server's origin, so the content script runs there. */
async function serve(page: Page, url: string, html: string): Promise<void> {
  await page.route(url, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
}

test('the customer list shows every PII value masked and the decoys as they are', async ({
  page,
  server,
}) => {
  await page.goto(`${server.url}/demo/`);
  await expect(page.locator('body[data-loaded="true"]')).toBeAttached();
  await expect(page.locator('#customers tbody tr')).toHaveCount(6);
  expect(await rawFindings(page.mainFrame())).toEqual([]);
  const text = await page.locator('body').innerText();
  expect(text).toContain('139****5678');
  expect(text).toContain('DD20240516007890'); // order numbers stay readable
  expect(text).toContain('2024-05-18 09:30:12');
  await page.getByRole('button', { name: /Add customer/ }).click();
  await expect(page.locator('#customers tbody tr')).toHaveCount(7);
  expect(await rawFindings(page.mainFrame())).toEqual([]);
});

test('text, attributes, shadow roots and frames never paint a raw value; code and forms stay intact', async ({
  page,
  server,
}) => {
  const url = `${server.url}/sink.html`;
  await serve(page, url, KITCHEN_SINK);
  await page.goto(url);
  await expect(page.locator('body[data-done="true"]')).toBeAttached();
  await page.waitForTimeout(300); // a few more frames after the last update

  const probe = await page.evaluate(() => {
    const w = window as unknown as { __seen: string[]; __frames: number };
    return { seen: w.__seen, frames: w.__frames };
  });
  expect(probe.frames).toBeGreaterThan(10);
  expect(probe.seen, 'raw values a page script saw on an animation frame').toEqual([]);

  // Masked in place: the same text node, now holding the masked text; decoys untouched.
  const staticText = await page.evaluate(() => {
    const w = window as unknown as { staticNode: Text };
    return {
      same: document.getElementById('static')!.firstChild === w.staticNode,
      data: w.staticNode.data,
    };
  });
  expect(staticText).toEqual({
    same: true,
    data: '电话 138****5678 · 订单 DD20240518000123 · 2024-05-18 09:30:12',
  });
  await expect(page.locator('#attr')).toHaveAttribute('title', '回拨 139****5678');
  await expect(page.locator('#img')).toHaveAttribute('alt', 'f***@example.com');
  await expect(page.locator('#button')).toHaveAttribute('value', '致电 150****1234');
  await expect(page.locator('#live')).toHaveText(/^来电 1\d\d\*\*\*\*\d{4}$/);
  await expect(page.locator('#later p')).toHaveText('手机 186****3344');
  await expect(page.locator('#dsd p')).toHaveText('邮箱 d***@example.com');
  await expect(page.frameLocator('#blank').locator('p')).toHaveText('电话 159****1111');
  await expect(page.frameLocator('#srcdoc').locator('p')).toHaveText('卡号 4367********7896');

  // Fields keep their values, drawn as discs; code and inert templates are never touched.
  const kept = await page.evaluate(() => {
    const input = document.getElementById('input') as HTMLInputElement;
    const area = document.getElementById('textarea') as HTMLTextAreaElement;
    const security = (el: Element) =>
      getComputedStyle(el).getPropertyValue('-webkit-text-security');
    return {
      input: input.value,
      inputSecurity: security(input),
      area: area.value,
      areaSecurity: security(area),
      script: document.getElementById('script')!.textContent,
      template: (document.getElementById('template') as HTMLTemplateElement).content.textContent,
    };
  });
  expect(kept).toEqual({
    input: RAW.input,
    inputSecurity: 'disc',
    area: `身份证 ${RAW.textarea}`,
    areaSecurity: 'disc',
    script: `const kept = '${RAW.script}';`,
    template: RAW.script,
  });

  // The form submits what the page loaded, the masked button label included.
  const submitted = page.waitForRequest((req) => req.url().includes('/echo'));
  await page.route(`${server.url}/echo*`, (route) => route.fulfill({ body: 'ok' }));
  await page.locator('#button').click();
  const query = new URL((await submitted).url()).searchParams;
  expect(Object.fromEntries(query)).toEqual({
    phone: RAW.input,
    note: `身份证 ${RAW.textarea}`,
    act: `致电 ${RAW.button}`,
  });
});

test('a field is masked as soon as PII is typed or set by a script, and its value is kept', async ({
  page,
  server,
}) => {
  const url = `${server.url}/fields.html`;
  await serve(
    page,
    url,
    `<!doctype html><meta charset="utf-8"><input id="a" aria-label="phone"><input id="b"><input id="c" value="hello">`,
  );
  await page.goto(url);
  const security = (id: string) =>
    page.evaluate(
      (el) =>
        getComputedStyle(document.getElementById(el)!).getPropertyValue('-webkit-text-security'),
      id,
    );
  expect(await security('a')).toBe('none');
  await page.locator('#a').pressSequentially('13812345678');
  expect(await security('a')).toBe('disc');
  await expect(page.locator('#a')).toHaveValue('13812345678');
  await page.evaluate(
    () => ((document.getElementById('b') as HTMLInputElement).value = 'x@example.com'),
  );
  expect(await security('b')).toBe('disc');
  await page.locator('#a').fill('no pii');
  expect(await security('a')).toBe('none');
  expect(await security('c')).toBe('none');
});

test('a long text node the parser or a script keeps growing is masked to the end', async ({
  page,
  server,
}) => {
  const url = `${server.url}/long.html`;
  // ~170 KB in one text node. Larger nodes work too, but Chromium itself then takes about a
  // second per appendData (seen without the extension), which is no test of ours.
  const filler = '日志 order DD20240518000123 ok;\n'.repeat(3_000);
  await serve(
    page,
    url,
    `<!doctype html><meta charset="utf-8"><pre id="log">${filler}电话 13812345678\n${filler}邮箱 tail@example.com</pre>
     <script>
       const log = document.getElementById('log').lastChild;
       let n = 0;
       const t = setInterval(() => {
         log.appendData('\\n来电 1390000' + String(1000 + n));
         if (++n === 20) { clearInterval(t); document.body.dataset.done = 'true'; }
       }, 10);
     </script>`,
  );
  await page.goto(url);
  await expect(page.locator('body[data-done="true"]')).toBeAttached();
  const text = await page.locator('#log').evaluate((el) => el.textContent ?? '');
  expect(text.length).toBeGreaterThan(170_000);
  expect(scan(text)).toEqual([]);
  expect(text).toContain('电话 138****5678');
  expect(text).toContain('邮箱 t***@example.com');
  expect(text).toContain('来电 139****1019');
});

test('a page streamed slowly is shown before its end, and no part of it paints a raw value', async ({
  page,
}) => {
  // The body arrives in three parts, each well after the masker stopped waiting for the parser
  // (PARSE_HOLD_MS), so the page is masked as it is then and followed node by node from there.
  // The last part comes 2 s in, after any hold on paint has ended, even on a loaded machine.
  const gap = PARSE_HOLD_MS + 700;
  const parts = [
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Stream</title>${PROBE}</head>
     <body><p id="one" title="回拨 ${RAW.title}">电话 ${RAW.text}</p>`,
    `<p id="two">邮箱 ${RAW.alt}</p><input id="button" type="button" value="致电 ${RAW.button}">`,
    `<script>window.shownBeforeEnd = getComputedStyle(document.documentElement).visibility;</script>
     <div id="dsd"><template shadowrootmode="open"><p>邮箱 ${RAW.dsd}</p></template></div>
     <p id="three">来电 ${RAW.liveA}</p><script>document.body.dataset.done = 'true';</script></body></html>`,
  ];
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    let i = 0;
    const next = () => {
      response.write(parts[i]!);
      if (++i < parts.length) setTimeout(next, gap);
      else response.end();
    };
    next();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/stream.html`);
    await expect(page.locator('body[data-done="true"]')).toBeAttached();
    await page.waitForTimeout(300); // a few more frames after the end

    const probe = await page.evaluate(() => {
      const w = window as unknown as { __seen: string[]; __frames: number; shownBeforeEnd: string };
      return { seen: w.__seen, frames: w.__frames, shownBeforeEnd: w.shownBeforeEnd };
    });
    expect(probe.frames).toBeGreaterThan(10);
    expect(probe.seen, 'raw values a page script saw on an animation frame').toEqual([]);
    expect(probe.shownBeforeEnd, 'the page is shown while it still streams').toBe('visible');
    expect(await rawFindings(page.mainFrame())).toEqual([]);
    await expect(page.locator('#one')).toHaveText('电话 138****5678');
    await expect(page.locator('#one')).toHaveAttribute('title', '回拨 139****5678');
    await expect(page.locator('#two')).toHaveText('邮箱 f***@example.com');
    await expect(page.locator('#button')).toHaveAttribute('value', '致电 150****1234');
    await expect(page.locator('#dsd p')).toHaveText('邮箱 d***@example.com');
    await expect(page.locator('#three')).toHaveText('来电 177****4455');
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('declarative shadow roots are masked on custom elements and every other host; the hosts passed over can hold none', async ({
  page,
  server,
}) => {
  const url = `${server.url}/dsd-hosts.html`;
  await serve(
    page,
    url,
    `<!doctype html><html><body>
     <customer-card id="custom"><template shadowrootmode="open"><p>电话 ${RAW.text}</p></template></customer-card>
     <section id="section"><template shadowrootmode="open"><p>邮箱 ${RAW.dsd}</p></template></section>
     <table><tr><td>订单 DD20240516007890</td></tr></table>
     </body></html>`,
  );
  await page.goto(url);
  const shadowText = (id: string) =>
    page.evaluate((id) => document.getElementById(id)?.shadowRoot?.textContent ?? '', id);
  await expect.poll(() => shadowText('custom')).toContain('电话 138****5678');
  expect(await shadowText('section')).toContain('邮箱 d***@example.com');

  // Chromium itself refuses a shadow root on every element the search passes over.
  const accepted = await page.evaluate((names) => {
    return names.filter((name) => {
      try {
        document.createElement(name).attachShadow({ mode: 'open' });
        return true;
      } catch {
        return false; // NotSupportedError: not a valid shadow host
      }
    });
  }, NEVER_SHADOW_HOSTS);
  expect(accepted).toEqual([]);
});

test('a shadow root attached before its host is in the page is masked when the host is added', async ({
  page,
  server,
}) => {
  const url = `${server.url}/detached-host.html`;
  await serve(
    page,
    url,
    `<!doctype html><html><head><meta charset="utf-8">${PROBE}</head><body>
     <p id="ready">loading</p>
     <script>
       // A web component that builds its shadow root in its constructor, as many do: the root
       // exists before the element is in any document.
       customElements.define('customer-phone', class extends HTMLElement {
         constructor() {
           super();
           this.attachShadow({ mode: 'open' }).innerHTML = '<p>手机 ${RAW.shadow}</p>';
         }
       });
       window.addEventListener('load', () => setTimeout(() => {
         const host = document.createElement('customer-phone');
         host.id = 'custom';
         const plain = document.createElement('div');
         plain.id = 'plain';
         plain.attachShadow({ mode: 'open' }).innerHTML = '<p>邮箱 ${RAW.dsd}</p>';
         document.body.append(host, plain);
         document.getElementById('ready').textContent = 'added';
       }, 50));
     </script>
     </body></html>`,
  );
  await page.goto(url);
  await expect(page.locator('#ready')).toHaveText('added');
  await page.waitForTimeout(300);
  const shadowText = (id: string) =>
    page.evaluate((id) => document.getElementById(id)?.shadowRoot?.textContent ?? '', id);
  expect(await shadowText('custom')).toContain('手机 186****3344');
  expect(await shadowText('plain')).toContain('邮箱 d***@example.com');
  const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
  expect(seen, 'raw values a page script saw on an animation frame').toEqual([]);
});

test('closed shadow roots are masked too, whether a script or the parser made them', async ({
  page,
  server,
}) => {
  const url = `${server.url}/closed-roots.html`;
  await serve(
    page,
    url,
    `<!doctype html><html><head><meta charset="utf-8"></head><body>
     <div id="parsed"><template shadowrootmode="closed"><p>邮箱 ${RAW.dsd}</p></template></div>
     <div id="scripted"></div>
     <script>
       // The page keeps its own reference, as a closed component does: the test reads through it.
       window.scriptedRoot = document.getElementById('scripted').attachShadow({ mode: 'closed' });
       window.scriptedRoot.innerHTML = '<p>手机 ${RAW.shadow}</p>';
       window.addEventListener('load', () => setTimeout(() => {
         window.laterRoot = document.createElement('span');
         document.body.append(window.laterRoot);
         window.laterRoot = window.laterRoot.attachShadow({ mode: 'closed' });
         window.laterRoot.innerHTML = '<p>卡号 ${RAW.srcdoc}</p>';
         document.body.dataset.done = 'true';
       }, 50));
     </script>
     </body></html>`,
  );
  await page.goto(url);
  await expect(page.locator('body[data-done="true"]')).toBeAttached();
  const read = (name: string) =>
    page.evaluate(
      (name) => (window as unknown as Record<string, ShadowRoot>)[name]?.textContent ?? '',
      name,
    );
  await expect.poll(() => read('scriptedRoot')).toContain('手机 186****3344');
  await expect.poll(() => read('laterRoot')).toContain('卡号 4367********7896');
  // The parsed closed root: no page reference exists, so read it through DevTools, which pierces.
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const texts: string[] = [];
  const walk = (node: {
    nodeValue?: string;
    nodeType: number;
    children?: unknown[];
    shadowRoots?: unknown[];
  }) => {
    if (node.nodeType === 3 && node.nodeValue) texts.push(node.nodeValue);
    for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])])
      walk(child as typeof node);
  };
  walk(root);
  await cdp.detach();
  expect(texts.join(' ')).toContain('邮箱 d***@example.com');
  expect(texts.join(' ')).not.toContain(RAW.dsd);
});
