// Small DOM helpers for the shell. Text always goes through text nodes (never innerHTML).

export function el(tag, attrs = {}, kids = []) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'value') e.value = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  append(e, kids);
  return e;
}

function append(e, kids) {
  if (kids == null || kids === false) return;
  if (Array.isArray(kids)) { for (const k of kids) append(e, k); return; }
  e.append(kids instanceof Node ? kids : document.createTextNode(String(kids)));
}

const SVGNS = 'http://www.w3.org/2000/svg';
// 16×16 icons: [viewBox, [[tag, attrs]…]]; 'C' means currentColor
const ICONS = {
  reload: [16, [['path', { d: 'M13 8a5 5 0 1 1-1.5-3.6M13 2.5v2.8h-2.8', fill: 'none', stroke: 'C', 'stroke-width': 1.5, 'stroke-linecap': 'round' }]]],
  play: [16, [['path', { d: 'M5 3.5l7 4.5-7 4.5z', fill: 'C' }]]],
  caret: [16, [['path', { d: 'M4.5 6.5L8 10l3.5-3.5', fill: 'none', stroke: 'C', 'stroke-width': 1.4 }]]],
  back: [24, [['path', { d: 'M15 4.5L7.5 12l7.5 7.5', fill: 'none', stroke: 'C', 'stroke-width': 2.2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }]]],
  signal: [18, [['rect', { x: 1, y: 11, width: 3, height: 4, rx: 0.7, fill: 'C' }], ['rect', { x: 5.5, y: 8.5, width: 3, height: 6.5, rx: 0.7, fill: 'C' }], ['rect', { x: 10, y: 6, width: 3, height: 9, rx: 0.7, fill: 'C' }], ['rect', { x: 14.5, y: 3, width: 3, height: 12, rx: 0.7, fill: 'C' }]]],
  wifi: [18, [['path', { d: 'M9 14.5l2.3-2.6a3.2 3.2 0 0 0-4.6 0zM4.6 9.9a6.2 6.2 0 0 1 8.8 0l1.5-1.6a8.4 8.4 0 0 0-11.8 0zM1.6 6.6a10.4 10.4 0 0 1 14.8 0L18 5a12.6 12.6 0 0 0-18 0z', fill: 'C' }]]],
  battery: [28, [['rect', { x: 1, y: 7, width: 22, height: 12, rx: 3.5, fill: 'none', stroke: 'C', 'stroke-opacity': 0.45 }], ['rect', { x: 3, y: 9, width: 18, height: 8, rx: 2, fill: 'C' }], ['path', { d: 'M24.5 11v4a2 2 0 0 0 0-4z', fill: 'C', 'fill-opacity': 0.45 }]]],
  'toast-success': [55, [['path', { d: 'M12 28.5l10.5 10.5L44 17.5', fill: 'none', stroke: '#fff', 'stroke-width': 3.4, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }]]],
  'toast-error': [55, [['circle', { cx: 27.5, cy: 27.5, r: 19, fill: 'none', stroke: '#fff', 'stroke-width': 3 }], ['path', { d: 'M27.5 17v13', stroke: '#fff', 'stroke-width': 3.2, 'stroke-linecap': 'round' }], ['circle', { cx: 27.5, cy: 37, r: 2, fill: '#fff' }]]],
  error: [16, [['circle', { cx: 8, cy: 8, r: 7, fill: 'C' }], ['path', { d: 'M5.5 5.5l5 5M10.5 5.5l-5 5', stroke: '#fff', 'stroke-width': 1.5 }]]],
  warn: [16, [['path', { d: 'M8 1.5l7 12.5H1z', fill: 'C' }], ['path', { d: 'M8 6v4', stroke: '#fff', 'stroke-width': 1.5 }], ['circle', { cx: 8, cy: 12, r: 0.9, fill: '#fff' }]]],
  info: [16, [['circle', { cx: 8, cy: 8, r: 7, fill: 'C' }], ['path', { d: 'M8 7v4.5', stroke: '#fff', 'stroke-width': 1.5 }], ['circle', { cx: 8, cy: 4.8, r: 0.9, fill: '#fff' }]]],
  clear: [16, [['circle', { cx: 8, cy: 8, r: 5.8, fill: 'none', stroke: 'C', 'stroke-width': 1.4 }], ['path', { d: 'M4 12L12 4', stroke: 'C', 'stroke-width': 1.4 }]]],
  triangle: [10, [['path', { d: 'M3 2l4 3-4 3z', fill: 'C' }]]],
  trash: [16, [['path', { d: 'M3.5 4.5h9M6.5 4.5V3h3v1.5M5 4.5l.6 8.5h4.8l.6-8.5', fill: 'none', stroke: 'C', 'stroke-width': 1.2 }]]],
};

export function svgIcon(name, cls = '') {
  const [box, shapes] = ICONS[name] || ICONS.info;
  const svg = document.createElementNS(SVGNS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${box} ${box}`);
  svg.setAttribute('class', `icon icon-${name} ${cls}`.trim());
  svg.setAttribute('aria-hidden', 'true');
  for (const [tag, attrs] of shapes) {
    const s = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs)) s.setAttribute(k, v === 'C' ? 'currentColor' : String(v));
    svg.appendChild(s);
  }
  return svg;
}

/** A compact one-line JSON preview, like DevTools' object previews. */
export function preview(v, depth = 0) {
  if (v === null) return 'null';
  if (typeof v === 'string') return depth ? JSON.stringify(v) : JSON.stringify(v);
  if (typeof v !== 'object') return String(v);
  if (depth > 1) return Array.isArray(v) ? `Array(${v.length})` : '{…}';
  if (Array.isArray(v)) return `(${v.length}) [${v.slice(0, 5).map((x) => preview(x, depth + 1)).join(', ')}${v.length > 5 ? ', …' : ''}]`;
  const keys = Object.keys(v);
  return `{${keys.slice(0, 5).map((k) => `${k}: ${preview(v[k], depth + 1)}`).join(', ')}${keys.length > 5 ? ', …' : ''}}`;
}

export const typeClass = (v) => (v === null ? 'v-null' : Array.isArray(v) ? 'v-object' : `v-${typeof v}`);

/** Parses an edited value: JSON when it parses, else the raw string. */
export function parseEdit(text) {
  const t = text.trim();
  if (t === '') return '';
  try { return JSON.parse(t); } catch { return text; }
}
