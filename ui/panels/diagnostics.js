// Diagnostics panel: the complete current list, each with path:line:col.
import { el, svgIcon } from './util.js';

/** Fixes the shell can carry out for a finding, by code. */
const ACTIONS = {
  'component-npm-not-built': { label: 'Build npm', run: (ctx) => ctx.invoke('build_npm') },
};

/** One finding: icon, `path:line:col` link that opens the editor, message, code, and the
 * finding's fix when the shell has one. */
export function diagRow(d, ctx) {
  const loc = `${d.path}:${d.line}:${d.col}`;
  const a = el('a', { class: 'loc', href: '#', title: 'Open in editor' }, loc);
  a.addEventListener('click', (e) => { e.preventDefault(); ctx.openLocation(loc); });
  const action = d.code && ACTIONS[d.code];
  let button = null;
  if (action && ctx.invoke) {
    button = el('button', { class: 'diag-action', type: 'button' }, action.label);
    button.addEventListener('click', () => { button.disabled = true; action.run(ctx); });
  }
  return el('div', { class: `diag-row sev-${d.severity === 'error' ? 'error' : 'warn'}` }, [
    svgIcon(d.severity === 'error' ? 'error' : 'warn'), a, el('span', { class: 'msg' }, d.message),
    d.code ? el('span', { class: 'code-pill' }, d.code) : null,
    button,
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
