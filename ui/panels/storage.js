// Storage panel: one table per appid partition (host / plugin); values editable
// → set_storage {realm, key, value}; delete → set_storage {realm, key}.
import { el, svgIcon, typeClass, parseEdit } from './util.js';

export function createStorage(root, ctx) {
  const list = el('div', { class: 'storage mono' });
  root.append(el('div', { class: 'panel-toolbar' }, [el('span', { class: 'muted' }, 'Double-click a value to edit · Enter saves · Esc cancels')]), list);
  list.append(el('div', { class: 'empty' }, 'No storage yet.'));
  let editing = false; let pending = null;

  function edit(cell, part, key, value) {
    editing = true;
    const input = el('input', { class: 'inline-edit', value: value === undefined ? '' : JSON.stringify(value), spellcheck: 'false' });
    cell.replaceChildren(input);
    input.focus(); input.select();
    let done = false;
    const finish = (commit) => {
      if (done) return;
      done = true; editing = false;
      if (commit) ctx.invoke('set_storage', { realm: part.realm, key, value: parseEdit(input.value) });
      const p = pending; pending = null;
      if (p) paint(p); else cell.replaceChildren(valueSpan(value));
    };
    input.addEventListener('keydown', (e) => { if (e.key === 'Enter') finish(true); if (e.key === 'Escape') finish(false); });
    input.addEventListener('blur', () => finish(false));
  }
  const valueSpan = (v) => el('span', { class: `v ${typeClass(v)}` }, JSON.stringify(v));

  function paint(parts) {
    if (editing) { pending = parts; return; }
    list.replaceChildren(...parts.map((part) => {
      const rows = (part.items || []).map((it) => {
        const cell = el('td', { class: 'val', title: 'Double-click to edit' }, [valueSpan(it.value)]);
        cell.addEventListener('dblclick', () => edit(cell, part, it.key, it.value));
        const del = el('button', { class: 'icon-btn', title: 'Remove this key' }, [svgIcon('trash')]);
        del.addEventListener('click', () => ctx.invoke('set_storage', { realm: part.realm, key: it.key }));
        return el('tr', {}, [el('td', { class: 'key' }, it.key), cell, el('td', { class: 'act' }, [del])]);
      });
      const newKey = el('input', { class: 'inline-edit', placeholder: 'new key', spellcheck: 'false' });
      const newVal = el('input', { class: 'inline-edit', placeholder: 'value (JSON or text)', spellcheck: 'false' });
      const add = () => {
        if (!newKey.value.trim()) return;
        ctx.invoke('set_storage', { realm: part.realm, key: newKey.value.trim(), value: parseEdit(newVal.value) });
        newKey.value = ''; newVal.value = '';
      };
      newVal.addEventListener('keydown', (e) => { if (e.key === 'Enter') add(); });
      const addBtn = el('button', { class: 'small-btn' }, 'Add');
      addBtn.addEventListener('click', add);
      return el('div', { class: 'partition' }, [
        el('div', { class: 'part-head' }, [el('span', { class: 'part-appid' }, part.appid), ctx.realmTag(part.realm),
          el('span', { class: 'muted' }, `${(part.items || []).length} keys`)]),
        el('table', { class: 'grid' }, [
          el('thead', {}, [el('tr', {}, [el('th', {}, 'Key'), el('th', {}, 'Value'), el('th', {}, '')])]),
          el('tbody', {}, [...rows, el('tr', { class: 'add-row' }, [el('td', {}, [newKey]), el('td', {}, [newVal]), el('td', { class: 'act' }, [addBtn])])]),
        ]),
      ]);
    }));
  }
  return { update: paint };
}
