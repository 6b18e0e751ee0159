// A faint watermark with the staff id and time over a protected page (policy: per site), so a
// photo or screenshot of customer data says who looked at it and when (R15). It never takes
// clicks (pointer-events: none) and lives in a closed shadow root the page cannot remove by CSS.

/** How often the time in the watermark is refreshed: minutes are what a photo needs to show. */
const REFRESH_MS = 60_000;

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The watermark's tile: the text twice, rotated, as an SVG data URL for a repeated background. */
export function watermarkTile(text: string): string {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200">` +
    `<text x="20" y="110" transform="rotate(-24 160 100)" font-family="system-ui, sans-serif" ` +
    `font-size="15" fill="#64748b" fill-opacity="0.16">${escapeXml(text)}</text></svg>`;
  return `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;
}

/** The text shown: staff id and local time to the minute, e.g. `CS-0420 · 2026-11-22 17:55`. */
export function watermarkText(staffId: string | null, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const time =
    `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ` +
    `${pad(now.getHours())}:${pad(now.getMinutes())}`;
  return `${staffId ?? '未登记 not enrolled'} · ${time}`;
}

/** Shows the watermark over `doc` until the returned function is called. */
export function showWatermark(doc: Document, staffId: string | null): () => void {
  const host = doc.createElement('custodian-watermark');
  const root = host.attachShadow({ mode: 'closed' });
  const layer = doc.createElement('div');
  layer.setAttribute('aria-hidden', 'true');
  layer.style.cssText =
    'position:fixed;inset:0;z-index:2147483646;pointer-events:none;background-repeat:repeat;';
  root.append(layer);
  const paint = () => {
    layer.style.backgroundImage = watermarkTile(watermarkText(staffId, new Date()));
  };
  paint();
  const timer = setInterval(paint, REFRESH_MS);
  const attach = () => (doc.body ?? doc.documentElement).append(host);
  if (doc.body) attach();
  else doc.addEventListener('DOMContentLoaded', attach, { once: true });
  return () => {
    clearInterval(timer);
    host.remove();
  };
}
