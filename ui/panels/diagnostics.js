// Diagnostics panel: the complete current list, each with path:line:col.
import { el, svgIcon } from './util.js';

/** One finding: icon, `path:line:col` link that opens the editor, message, code. */
export function diagRow(d, ctx) {
  const loc = `${d.path}:${d.line}:${d.col}`;
  const a = el('a', { class: 'loc', href: '#', title: 'Open in editor' }, loc);
  a.addEventListener('click', (e) => { e.preventDefault(); ctx.openLocation(loc); });
  return el('div', { class: `diag-row sev-${d.severity === 'error' ? 'error' : 'warn'}` }, [
    svgIcon(d.severity === 'error' ? 'error' : 'warn'), a, el('span', { class: 'msg' }, d.message),
    d.code ? el('span', { class: 'code-pill' }, d.code) : null,
  ]);
}

export function createDiagnostics(root, ctx) {
  const summary = el('span', { class: 'muted' }, 'No problems');
  const list = el('div', { class: 'diag-list mono' });
  root.append(el('div', { class: 'panel-toolbar' }, [summary]), list);
  function update(items) {
    const sorted = [...items].sort((a, b) => (a.severity === 'error' ? 0 : 1) - (b.severity === 'error' ? 0 : 1));
    const errors = items.filter((d) => d.severity === 'error').length;
    summary.textContent = items.length ? `${errors} errors, ${items.length - errors} warnings` : 'No problems';
    ctx.badge('diagnostics', items.length ? String(items.length) : '', errors ? 'err' : 'warn');
    list.replaceChildren(...(sorted.length ? sorted.map((d) => diagRow(d, ctx)) : [el('div', { class: 'empty' }, 'No problems detected.')]));
  }
  update([]);
  return { update };
}
