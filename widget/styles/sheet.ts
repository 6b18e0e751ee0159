// The widget's styles, adopted by its shadow root as a constructable stylesheet: no <style>
// element and no style attribute, so a page with a strict CSP (no 'unsafe-inline') shows it.
// Terse on purpose: every byte here counts against the 15 KiB budget.
import { Z_INDEX } from '../constants';

/**
 * Chinese fonts named after system-ui (which covers Latin, so Latin text looks as before).
 * Chromium on Linux otherwise resolves Chinese through its per-character fallback: a synchronous
 * IPC to the browser process for each text run that needs it, about 60 on the notice's first
 * layout (the forced layout of focus()); a named font costs one look-up per size instead.
 */
const FONTS =
  'system-ui,PingFang SC,Microsoft YaHei,Noto Sans CJK SC,WenQuanYi Micro Hei,sans-serif';
/**
 * The semibold (600) rules keep the fallback, and its IPCs (about 25 on the notice): Chromium
 * emboldens a named regular font only from weight 700, but a fallback font from 600, so those
 * Chinese labels would turn regular. 700 or 601 would avoid it but change Latin semibold faces.
 */
const SEMIBOLD = '.b,.on,dt,.st,legend,label,.sr';

export const CSS = `:host{all:initial;position:fixed;z-index:${Z_INDEX};--b:#fff;--f:#1d232b;--m:#58636f;--l:#dfe3e8;--s:#f5f7f9;--a:#1d5c87;--o:#fff;--g:#1c6b45;--r:#a3261a;font:15px/1.5 ${FONTS};color:var(--f)}
${SEMIBOLD}{font-family:system-ui,sans-serif}
@media(prefers-color-scheme:dark){:host{--b:#1b2027;--f:#e4e9ee;--m:#a3aeb9;--l:#3a424c;--s:#232a32;--a:#7ab8e6;--o:#0e151c;--g:#7fd3a4;--r:#ff9b8f}}
*{box-sizing:border-box}
.ov{position:fixed;inset:0;background:#0d141b80;display:flex;align-items:center;justify-content:center;padding:16px}
.dlg{background:var(--b);width:100%;max-width:640px;max-height:100%;border-radius:14px;box-shadow:0 12px 40px #0005;display:flex;flex-direction:column;overflow:hidden;animation:in .2s}
.dlg:focus{outline:0}
@keyframes in{from{opacity:0;transform:translateY(9px)}}
.hd,.bd,.ac{padding:14px 20px}
.hd{display:flex;align-items:center;gap:8px;border-bottom:1px solid var(--l)}
h2{margin:0;font-size:18px;flex:1}
h3{margin:0;font-size:15px}
.bd>h3{margin:18px 0 8px}
.bd,.fm{flex:1;min-height:0}
.bd{overflow:auto;overscroll-behavior:contain}
.fm{display:flex;flex-direction:column}
p{margin:0 0 10px}
a{color:var(--a)}
.m,dl{color:var(--m);font-size:14px}
.ac{display:grid;grid-template-columns:repeat(auto-fit,minmax(96px,1fr));gap:10px;border-top:1px solid var(--l)}
button{font:inherit;color:inherit;cursor:pointer;background:0;border:1px solid var(--l);border-radius:8px;padding:4px 10px}
.b{font-weight:600;min-height:44px;border:2px solid var(--a);border-radius:10px;background:var(--a);color:var(--o)}
.b2{background:0;color:var(--a)}
.sm{min-height:36px}
:focus-visible{outline:3px solid var(--a);outline-offset:2px}
ul{list-style:none;padding:0;margin:0;display:grid;gap:10px}
.p{border:1px solid var(--l);border-radius:12px;padding:12px 14px;background:var(--s)}
.p p{margin:6px 0 0}
.ph{display:flex;align-items:center;gap:12px}
.ph>:first-child{flex:1}
.t{margin-left:8px;font-size:12px;padding:0 8px;border-radius:9px;border:1px solid;color:var(--r)}
.on{color:var(--g);font-weight:600}
[role=switch]{appearance:none;position:relative;margin:0;width:46px;height:28px;border-radius:14px;background:#8795a3;cursor:pointer}
[role=switch]:before{content:"";position:absolute;inset:3px auto auto 3px;width:22px;height:22px;border-radius:50%;background:#fff;transition:transform .15s}
[role=switch]:checked{background:var(--a)}
[role=switch]:checked:before{transform:translateX(18px)}
:disabled{opacity:.4;cursor:not-allowed}
dl{display:grid;grid-template-columns:auto 1fr;gap:0 12px;margin:8px 0 0;font-size:13px}
dt{font-weight:600}
dd{margin:0}
.n{font-size:13px;color:var(--m);border-left:3px solid var(--a);padding:4px 10px}
.st{display:flex;gap:10px;margin-top:14px;padding:12px;border:2px solid var(--a);border-radius:10px;font-weight:600}
input:not([role]){width:20px;height:20px;margin:2px 0 0;accent-color:var(--a)}
fieldset{border:0;padding:0;margin:0 0 14px;display:flex;gap:20px}
legend,label{font-weight:600}
legend{margin-bottom:6px}
label{display:flex;gap:8px}
.in{display:grid}
.in input{width:auto;max-width:320px;height:auto;margin:6px 0 10px;font:inherit;font-size:16px;padding:9px 12px;border:2px solid #8795a3;border-radius:8px;background:var(--b);color:var(--f)}
.e{color:var(--r)}
.h{gap:0}
.h li{border-top:1px solid var(--l);padding:8px 0;font-size:14px}
.fab{position:fixed;left:16px;bottom:16px;width:44px;height:44px;border-radius:50%;background:var(--b);color:var(--a);box-shadow:0 2px 10px #0003;display:grid;place-items:center}
svg{width:22px;fill:none;stroke:currentColor;stroke-width:2}
.ts{position:fixed;left:50%;bottom:20px;transform:translateX(-50%);max-width:90%;background:var(--f);color:var(--b);padding:10px 16px;border-radius:10px}
.ts:empty,.sr:empty{display:none}
.sr{margin:0;padding:8px 20px;background:var(--s);color:var(--g);font-weight:600}
@media(max-width:560px){.ov{align-items:end;padding:0}.dlg{border-radius:16px 16px 0 0;max-height:94%}.hd,.bd,.ac{padding:12px 16px}}
@media(prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}`;
