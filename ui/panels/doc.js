// Doc panel: the plugin's doc/README.md rendered as its detail page shows it, and the
// findings of the documentation linter (the same as `mpsim doc` and `mpsim check`).
//
// The HTML arrives sanitized by Rust (ammonia). It is parsed into an inert document and
// checked once more here before it enters the shell: only known tags, no event attributes,
// no script/style/iframe, no javascript:/data: links. Links open in the system browser.
import { el } from './util.js';
import { diagRow } from './diagnostics.js';

const ALLOWED = new Set(('a abbr b blockquote br code del details div em h1 h2 h3 h4 h5 h6 hr i img input ins kbd li ' +
  'mark ol p pre s small span strong sub summary sup table tbody td tfoot th thead tr ul').split(' '));
const ATTRS = new Set(['href', 'src', 'alt', 'title', 'class', 'id', 'align', 'type', 'checked', 'disabled', 'start', 'colspan', 'rowspan']);

function safeHref(v) {
  const s = String(v).trim().toLowerCase();
  return s.startsWith('https://') || s.startsWith('http://') || s.startsWith('mailto:') || s.startsWith('#');
}

function safeSrc(v) {
  const s = String(v).trim().toLowerCase();
  return s.startsWith('mpsim://') || s.startsWith('http://mpsim.localhost/') || s.startsWith('data:image/');
}

/** Copies an inert parsed tree into `doc`, keeping only what a documentation page needs. */
function importClean(doc, node, depth = 0) {
  if (depth > 64) return null;
  if (node.nodeType === 3) return doc.createTextNode(node.nodeValue);
  if (node.nodeType !== 1) return null;
  const tag = node.localName;
  if (!ALLOWED.has(tag)) {
    // Unknown wrappers keep their text; dangerous ones vanish with their content.
    if (['script', 'style', 'iframe', 'object', 'embed', 'template', 'svg', 'math', 'form'].includes(tag)) return null;
    const frag = doc.createDocumentFragment();
    for (const c of node.childNodes) { const k = importClean(doc, c, depth + 1); if (k) frag.appendChild(k); }
    return frag;
  }
  const out = doc.createElement(tag);
  for (const a of node.attributes) {
    const name = a.name.toLowerCase();
    if (!ATTRS.has(name)) continue;
    if (name === 'href' && !safeHref(a.value)) continue;
    if (name === 'src' && !safeSrc(a.value)) continue;
    if (tag === 'input' && name === 'type' && a.value !== 'checkbox') continue;
    out.setAttribute(name, a.value);
  }
  if (tag === 'input') out.setAttribute('disabled', '');
  for (const c of node.childNodes) { const k = importClean(doc, c, depth + 1); if (k) out.appendChild(k); }
  return out;
}

export function createDoc(root, ctx) {
  const summary = el('span', { class: 'muted' }, 'No doc/README.md');
  const findings = el('div', { class: 'diag-list mono doc-findings' });
  const imageList = el('div', { class: 'doc-images mono muted' });
  const page = el('div', { id: 'doc-page', class: 'doc-page' });
  const scroller = el('div', { class: 'doc-scroll' }, [page]);
  root.append(el('div', { class: 'panel-toolbar' }, [summary]), findings, imageList, scroller);
  page.addEventListener('click', (e) => {
    const a = e.target.closest && e.target.closest('a[href]');
    if (!a) return;
    const href = a.getAttribute('href');
    if (href.startsWith('#')) return;
    e.preventDefault();
    ctx.openUrl(href);
  });
  function update(m) {
    const items = m.findings || [];
    const errors = items.filter((d) => d.severity === 'error').length;
    summary.textContent = items.length ? `${errors} errors, ${items.length - errors} warnings · ${(m.images || []).length} images · ${Math.round((m.totalBytes || 0) / 1024)} KB`
      : `README.md · ${(m.images || []).length} images · ${Math.round((m.totalBytes || 0) / 1024)} KB · no findings`;
    ctx.badge('doc', items.length ? String(items.length) : '', errors ? 'err' : 'warn');
    findings.replaceChildren(...items.map((d) => diagRow(d, ctx)));
    imageList.replaceChildren(...(m.images || []).map((i) =>
      el('div', {}, `${i.path} · ${i.format} ${i.width}×${i.height} · ${(i.bytes / 1024).toFixed(1)} KB`)));
    // Refresh in place: the reader keeps their scroll position.
    const top = scroller.scrollTop;
    const inert = new DOMParser().parseFromString(`<body>${m.html || ''}</body>`, 'text/html');
    const frag = document.createDocumentFragment();
    for (const c of inert.body.childNodes) { const k = importClean(document, c); if (k) frag.appendChild(k); }
    page.replaceChildren(frag);
    scroller.scrollTop = top;
  }
  return { update };
}
