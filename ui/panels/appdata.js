// AppData panel: live data of the current page and each component instance, as
// collapsible trees; leaf values are editable inline → set_data {instance, path, value}.
import { el, svgIcon, preview, typeClass, parseEdit } from './util.js';

const childPath = (path, key, isArray) => (isArray ? `${path}[${key}]` : path ? `${path}.${key}` : String(key));

export function createAppData(root, ctx) {
  const open = new Set(['i:first']); // "i:<id>" instance open, "p:<id>:<path>" object open
  const filter = el('input', { class: 'filter', type: 'search', placeholder: 'Filter keys', spellcheck: 'false' });
  const info = el('span', { class: 'muted' });
  const list = el('div', { class: 'tree mono' });
  root.append(el('div', { class: 'panel-toolbar' }, [filter, el('span', { class: 'spacer' }), info]), list);
  let last = null;
  let editing = false;
  let deferred = null;

  function editor(target, inst, path, value) {
    editing = true;
    const input = el('input', { class: 'inline-edit', value: JSON.stringify(value), spellcheck: 'false' });
    target.replaceWith(input);
    input.focus(); input.select();
    let done = false;
    const finish = (commit) => {
      if (done) return;
      done = true; editing = false;
      if (commit) ctx.invoke('set_data', { instance: inst.id, path, value: parseEdit(input.value) });
      if (deferred) { const d = deferred; deferred = null; paint(d); } else paint(last);
    };
    input.addEventListener('keydown', (e) => { if (e.key === 'Enter') finish(true); if (e.key === 'Escape') finish(false); });
    input.addEventListener('blur', () => finish(true));
  }

  function entry(inst, key, value, path, depth, q) {
    const isObj = value !== null && typeof value === 'object';
    const k = `p:${inst.id}:${path}`;
    const isOpen = open.has(k);
    const line = el('div', { class: 'tree-line', style: `padding-left:${8 + depth * 14}px` });
    const tw = el('span', { class: `twisty${isObj ? '' : ' leaf'}${isOpen ? ' open' : ''}` }, isObj ? [svgIcon('triangle')] : []);
    const keyEl = el('span', { class: 'k' }, String(key));
    line.append(tw, keyEl, el('span', { class: 'colon' }, ': '));
    if (isObj) {
      line.append(el('span', { class: 'v-preview' }, preview(value)));
      line.addEventListener('click', () => { if (open.has(k)) open.delete(k); else open.add(k); paint(last); });
    } else {
      const v = el('span', { class: `v ${typeClass(value)}`, title: 'Double-click to edit' }, typeof value === 'string' ? JSON.stringify(value) : String(value));
      v.addEventListener('dblclick', () => editor(v, inst, path, value));
      line.append(v);
    }
    const out = [line];
    if (isObj && (isOpen || q)) {
      const arr = Array.isArray(value);
      for (const [ck, cv] of Object.entries(value)) out.push(...entry(inst, ck, cv, childPath(path, ck, arr), depth + 1, ''));
    }
    return out;
  }

  function paint(msg) {
    if (!msg) return;
    last = msg;
    if (editing) { deferred = msg; return; }
    const q = filter.value.trim().toLowerCase();
    const scroll = list.scrollTop;
    const blocks = (msg.instances || []).map((inst, idx) => {
      const key = `i:${inst.id}`;
      if (idx === 0 && open.has('i:first')) { open.delete('i:first'); open.add(key); }
      const isOpen = open.has(key);
      const head = el('div', { class: 'inst-head' }, [
        el('span', { class: `twisty${isOpen ? ' open' : ''}` }, [svgIcon('triangle')]),
        el('span', { class: 'inst-tag' }, inst.tag ? `<${inst.tag}>` : 'Page'),
        el('span', { class: 'inst-path' }, inst.path || ''),
        el('span', { class: 'spacer' }),
        ctx.realmTag(inst.realm), el('span', { class: 'muted' }, `#${inst.id}`),
      ]);
      head.addEventListener('click', () => { if (open.has(key)) open.delete(key); else open.add(key); paint(last); });
      const body = [];
      if (isOpen) {
        const data = inst.data || {};
        for (const [k2, v] of Object.entries(data)) {
          if (q && !k2.toLowerCase().includes(q)) continue;
          body.push(...entry(inst, k2, v, k2, 1, q));
        }
        if (!body.length) body.push(el('div', { class: 'tree-line muted', style: 'padding-left:22px' }, q ? 'no matching keys' : 'no data'));
      }
      return el('div', { class: 'inst' }, [head, ...body]);
    });
    list.replaceChildren(...blocks);
    list.scrollTop = scroll;
    info.textContent = `page ${msg.page} · ${(msg.instances || []).length} instances`;
  }
  filter.addEventListener('input', () => paint(last));
  list.append(el('div', { class: 'empty' }, 'No page data yet.'));
  return { update: paint };
}
