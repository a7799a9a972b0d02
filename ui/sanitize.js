// rich-text sanitizer. Input: the `nodes` attribute (an HTML string or WeChat's node
// array). Output: a *new* node array holding only whitelisted tags and attributes;
// buildNodes() turns it into DOM with createElement/setAttribute/createTextNode only
// (never innerHTML), so nothing in the input can become script. The rules are WeChat's
// rich-text documentation, the same as `mpsim render` (crates/vdom/src/rich_text.rs, whose
// tests check that TRUSTED below is its table):
//  - only the trusted elements of TRUSTED are kept; an untrusted one is removed with all its
//    children ("该节点及其所有子节点将会被移除"), so script, style, iframe… and unknown tags;
//  - attributes: class and style on every element (never id) plus the element's own list,
//    so every on* handler and a[href] are dropped;
//  - URLs (img src) must be http(s)/mpsim/relative or a data:image; javascript:, vbscript:
//    and other schemes are dropped, after removing whitespace/control characters;
//  - style values mentioning url(, expression(, javascript:, @import, behavior are dropped;
//  - text nodes "support entities": &nbsp; &lt; &#x4e2d; … are decoded, then stay text.

// 受信任的HTML节点及属性: each trusted element with its attributes besides class and style.
export const TRUSTED = {
  a: [], abbr: [], address: [], article: [], aside: [], b: [], bdi: [], bdo: ['dir'], big: [], blockquote: [],
  br: [], caption: [], center: [], cite: [], code: [], col: ['span', 'width'], colgroup: ['span', 'width'],
  dd: [], del: [], div: [], dl: [], dt: [], em: [], fieldset: [], font: [], footer: [],
  h1: [], h2: [], h3: [], h4: [], h5: [], h6: [], header: [], hr: [], i: [],
  img: ['alt', 'src', 'height', 'width'], ins: [], label: [], legend: [], li: [], mark: [], nav: [],
  ol: ['start', 'type'], p: [], pre: [], q: [], rt: [], ruby: [], s: [], section: [], small: [], span: [],
  strong: [], sub: [], sup: [], table: ['width'], tbody: [], td: ['colspan', 'height', 'rowspan', 'width'],
  tfoot: [], th: ['colspan', 'height', 'rowspan', 'width'], thead: [], tr: ['colspan', 'height', 'rowspan', 'width'],
  tt: [], u: [], ul: [],
};

const GLOBAL_ATTRS = ['class', 'style'];
const VOID = new Set(['br', 'hr', 'img', 'col', 'wbr', 'input', 'meta', 'link', 'area', 'base', 'source', 'track', 'param', 'embed']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);
const MAX_DEPTH = 64;

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003',
  thinsp: '\u2009', copy: '\u00a9', reg: '\u00ae', trade: '\u2122', hellip: '\u2026', mdash: '\u2014', ndash: '\u2013',
  middot: '\u00b7', laquo: '\u00ab', raquo: '\u00bb', yen: '\u00a5', times: '\u00d7', divide: '\u00f7' };

export function decodeEntities(s) {
  return String(s).replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    const v = ENTITIES[e.toLowerCase()];
    return v === undefined ? m : v;
  });
}

/** A small, forgiving HTML parser → WeChat node array (unsanitized). Text keeps its entities
 * (text nodes decode them when sanitized); attribute values are decoded. */
export function parseHTML(html) {
  const src = String(html);
  const root = { name: '#root', attrs: {}, children: [] };
  const stack = [root];
  const top = () => stack[stack.length - 1];
  let i = 0;
  const text = (t) => { if (t) top().children.push({ type: 'text', text: t }); };
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    if (lt < 0) { text(src.slice(i)); break; }
    text(src.slice(i, lt));
    i = lt;
    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i + 4);
      i = end < 0 ? src.length : end + 3;
      continue;
    }
    if (src[i + 1] === '!' || src[i + 1] === '?') {
      const end = src.indexOf('>', i);
      i = end < 0 ? src.length : end + 1;
      continue;
    }
    const endTag = /^<\/([a-zA-Z][\w:-]*)[^>]*>/.exec(src.slice(i));
    if (endTag) {
      const name = endTag[1].toLowerCase();
      for (let k = stack.length - 1; k > 0; k--) {
        if (stack[k].name === name) { stack.length = k; break; }
      }
      i += endTag[0].length;
      continue;
    }
    const open = /^<([a-zA-Z][\w:-]*)/.exec(src.slice(i));
    if (!open) { text('<'); i += 1; continue; }
    const name = open[1].toLowerCase();
    i += open[0].length;
    const attrs = {};
    const attrRe = /^\s*([^\s"'<>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/;
    let selfClose = false;
    for (;;) {
      const rest = src.slice(i);
      const ws = /^\s*/.exec(rest)[0].length;
      if (rest[ws] === '>') { i += ws + 1; break; }
      if (rest.startsWith('/>', ws)) { i += ws + 2; selfClose = true; break; }
      if (ws >= rest.length) { i = src.length; break; }
      const m = attrRe.exec(rest);
      if (!m) { i += ws + 1; continue; }
      const key = m[1].toLowerCase();
      if (!(key in attrs)) attrs[key] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
      i += m[0].length;
    }
    const node = { name, attrs, children: [] };
    top().children.push(node);
    if (RAW_TEXT.has(name)) {
      const close = src.toLowerCase().indexOf('</' + name, i);
      const body = close < 0 ? src.slice(i) : src.slice(i, close);
      if (body) node.children.push({ type: 'text', text: body });
      const gt = close < 0 ? -1 : src.indexOf('>', close);
      i = gt < 0 ? src.length : gt + 1;
      continue;
    }
    if (!selfClose && !VOID.has(name)) stack.push(node);
  }
  return root.children;
}

/** True when `url` is safe for an <img src>. */
export function safeUrl(url) {
  // browsers ignore whitespace and control characters inside a scheme: strip them first
  const u = String(url).replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(u);
  if (!scheme) return true; // a relative path (or //host/…, which is http(s))
  if (['http', 'https', 'mpsim'].includes(scheme[1])) return true;
  return /^data:image\/(png|jpe?g|gif|webp|bmp);/.test(u);
}

/** True when an inline style value can be kept. */
export function safeStyle(style) {
  const s = String(style).replace(/\\/g, '').replace(/\/\*[\s\S]*?\*\//g, '').toLowerCase().replace(/\s+/g, '');
  return !/(url\(|expression\(|javascript:|vbscript:|@import|behavior:|-moz-binding)/.test(s);
}

function cleanAttrs(name, attrs) {
  const out = {};
  if (!attrs || typeof attrs !== 'object') return out;
  const own = TRUSTED[name];
  for (const [rawKey, rawVal] of Object.entries(attrs)) {
    const key = String(rawKey).toLowerCase();
    if (!GLOBAL_ATTRS.includes(key) && !own.includes(key)) continue;
    const val = String(rawVal ?? '');
    if (key === 'src' && !safeUrl(val)) continue;
    if (key === 'style' && !safeStyle(val)) continue;
    out[key] = val;
  }
  return out;
}

function cleanList(list, depth, out) {
  if (!Array.isArray(list) || depth > MAX_DEPTH) return out;
  for (const n of list) {
    if (n == null) continue;
    if (typeof n === 'string') { out.push({ type: 'text', text: decodeEntities(n) }); continue; }
    if (typeof n !== 'object') continue;
    if (n.type === 'text') { out.push({ type: 'text', text: decodeEntities(n.text ?? '') }); continue; }
    const name = String(n.name || '').toLowerCase();
    if (!Object.hasOwn(TRUSTED, name)) continue; // untrusted: removed with its children
    out.push({ name, attrs: cleanAttrs(name, n.attrs), children: VOID.has(name) ? [] : cleanList(n.children, depth + 1, []) });
  }
  return out;
}

/** Sanitizes rich-text `nodes` (HTML string, node array, or a JSON string of an array). */
export function sanitizeNodes(nodes) {
  let list = nodes;
  if (typeof nodes === 'string') {
    const t = nodes.trim();
    if (t.startsWith('[')) {
      try { list = JSON.parse(t); } catch { list = parseHTML(nodes); }
    } else list = parseHTML(nodes);
  } else if (nodes && !Array.isArray(nodes)) list = [nodes];
  return cleanList(list, 0, []);
}

/** Builds DOM nodes from a *sanitized* node array. */
export function buildNodes(doc, clean, mapSrc = (s) => s) {
  return clean.map((n) => {
    if (n.type === 'text') return doc.createTextNode(n.text);
    const el = doc.createElement(n.name);
    for (const [k, v] of Object.entries(n.attrs)) el.setAttribute(k, k === 'src' ? mapSrc(v) : v);
    for (const c of buildNodes(doc, n.children, mapSrc)) el.appendChild(c);
    return el;
  });
}
