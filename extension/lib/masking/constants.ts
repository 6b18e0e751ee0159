// The masking's tunable constants, each with why it has its value.

/** Shortest text that can hold a finding (`姓名:王`, a label and a one-character name): shorter
 * text nodes are not scanned at all. */
export const MIN_SCAN_LENGTH = 4;

/**
 * Text nodes at least this long keep their scan state even without PII, so text the parser or a
 * log view appends later is scanned from near the old end instead of from the start.
 */
export const APPEND_STATE_LENGTH = 2048;

/** Elements whose text is not shown as page text: code, styles, inert templates, form contents
 * (HTML local names, so a node's `localName` is compared without upper-casing). */
export const SKIPPED_LOCAL_NAMES: ReadonlySet<string> = new Set([
  'script',
  'style',
  'template',
  'textarea',
  'noscript',
]);

/**
 * HTML elements that can never host a shadow root: HTML allows one only on custom elements and on
 * article, aside, blockquote, body, div, footer, h1–h6, header, main, nav, p, section and span
 * (`attachShadow` throws elsewhere, and the parser leaves a declarative one as a plain template).
 * Passed over natively when looking for shadow roots no hook reported, so a table's thousands of
 * cells are not each fetched and asked from script; the commonest first.
 */
export const NEVER_SHADOW_HOSTS: readonly string[] = (
  'td tr li a th option img br b i em strong small label input button select textarea ul ol ' +
  'dl dt dd table tbody thead tfoot caption col colgroup code pre kbd samp var abbr cite q ' +
  'dfn mark time data sub sup u s del ins bdi bdo ruby rt rp wbr hr address figure ' +
  'figcaption picture source track video audio canvas iframe embed object map area form ' +
  'fieldset legend optgroup datalist output progress meter details summary dialog menu ' +
  'search slot template script noscript style link meta base title head html'
).split(' ');

/** Elements that may host a shadow root, as a selector (see NEVER_SHADOW_HOSTS). */
export const MAY_HOST_SHADOW = `:not(${NEVER_SHADOW_HOSTS.join(',')})`;

/** Attributes people read on screen (tooltips, image text, hints, screen-reader labels). */
export const READ_ATTRIBUTES = ['title', 'alt', 'placeholder', 'aria-label'] as const;

/** Input types whose `value` attribute is the label people read on a button. */
export const BUTTON_INPUT_TYPES: ReadonlySet<string> = new Set(['button', 'submit', 'reset']);

/** Input types whose value is free text the staff member sees, and that may hold PII. */
export const TEXT_INPUT_TYPES: ReadonlySet<string> = new Set([
  'text',
  'search',
  'tel',
  'email',
  'url',
  'number',
  '',
]);

/** Event the main-world script dispatches on a host after `attachShadow` (see shadow-hook). */
export const SHADOW_ROOT_EVENT = 'custodian:shadow-root';
/**
 * Event the masker dispatches on the window after nodes were added: the main-world script then
 * reports shadow roots attached while their host was in no document (a web component's
 * constructor builds its root before the element is added), whose report could not reach the
 * window then and which the masker would otherwise only find at DOMContentLoaded.
 */
export const SHADOW_FLUSH_EVENT = 'custodian:shadow-flush';
/** Event the main-world script dispatches on a field after a script set its `value`. */
export const FIELD_VALUE_EVENT = 'custodian:field-value';

/**
 * Longest time the masker waits for the parser to finish before masking what is there and
 * following the rest node by node: a page streamed slowly is shown after this, not at its end.
 * A few hundred ms: most documents are parsed well within it, and one pass at the end costs far
 * less than a MutationObserver record per parsed node. Below POLICY_WAIT_MS.
 */
export const PARSE_HOLD_MS = 300;

/**
 * Longest time the page stays hidden while the policy is read from extension storage at
 * document_start and the parsed document is masked (PARSE_HOLD_MS); storage answers in a few
 * ms, this only bounds a stalled extension.
 */
export const POLICY_WAIT_MS = 1000;
