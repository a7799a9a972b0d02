// WXML panel: the composed tree of the current page (the shell's model of the page,
// built with the same dom-ops as the frame). Hover outlines the node in the phone.
import { el, svgIcon } from './util.js';

export function createWxml(root, ctx) {
  const collapsed = new Set();
  const info = el('span', { class: 'muted' });
  const expandAll = el('button', { class: 'small-btn' }, 'Expand all');
  const tree = el('div', { class: 'wxml mono' });
  root.append(el('div', { class: 'panel-toolbar' }, [expandAll, el('span', { class: 'spacer' }), info]), tree);
  expandAll.addEventListener('click', () => { collapsed.clear(); refresh(); });
  tree.addEventListener('mouseleave', () => { ctx.highlight(null); setHover(null); });
  let scheduled = false;
  let hovered = null;
  const setHover = (line) => { if (hovered) hovered.classList.remove('hover'); hovered = line; if (line) line.classList.add('hover'); };

  function tagName(node) {
    const n = node.nodeName.toLowerCase();
    if (n === 'wx-slot') return 'slot';
    return n.startsWith('wx-') ? n.slice(3) : n;
  }

  function render(model) {
    const ids = new Map();
    for (const [id, r] of model.dom.recs) if (r.type !== 'shadow') ids.set(r.el, { id, rec: r });
    const out = [];
    let count = 0;
    const attrs = (node) => {
      const parts = [];
      for (const [k, v] of node.attributes) {
        if (k === 'wx-host') continue;
        parts.push(' ', el('span', { class: 'an' }, k));
        if (v !== '') parts.push('=', el('span', { class: 'av' }, `"${v}"`));
      }
      return parts;
    };
    const walk = (node, depth) => {
      if (node.nodeName === 'mpsim-holder') return;
      const info2 = ids.get(node);
      const pad = `padding-left:${6 + depth * 14}px`;
      if (node.nodeType === 3) {
        const t = node.nodeValue.replace(/\s+/g, ' ').trim();
        if (!t) return;
        const line = el('div', { class: 'x-line', style: pad }, [el('span', { class: 'twisty leaf' }), el('span', { class: 'tx' }, t)]);
        hook(line, info2 && info2.id);
        out.push(line);
        count++;
        return;
      }
      count++;
      const name = tagName(node);
      const kids = node.childNodes.filter((c) => c.nodeName !== 'mpsim-holder' && !(c.nodeType === 3 && !c.nodeValue.trim()));
      const rec = info2 && info2.rec;
      const isComp = rec && rec.type === 'component';
      const tagCls = isComp ? 'tn comp' : 'tn';
      const pill = isComp && rec.shadow ? ctx.realmTag(rec.shadow.realm) : null;
      const id = info2 ? info2.id : null;
      const inlineText = kids.length === 1 && kids[0].nodeType === 3 && kids[0].nodeValue.length < 60;
      const isClosed = id != null && collapsed.has(id);
      const open = [el('span', { class: 'br' }, '<'), el('span', { class: tagCls }, name), ...attrs(node), el('span', { class: 'br' }, '>')];
      const close = [el('span', { class: 'br' }, '</'), el('span', { class: tagCls }, name), el('span', { class: 'br' }, '>')];
      if (!kids.length || inlineText) {
        const line = el('div', { class: 'x-line', style: pad }, [el('span', { class: 'twisty leaf' }), ...open,
          inlineText ? el('span', { class: 'tx' }, kids[0].nodeValue.replace(/\s+/g, ' ').trim()) : null, ...close, pill]);
        hook(line, id);
        out.push(line);
        return;
      }
      const tw = el('span', { class: `twisty${isClosed ? '' : ' open'}` }, [svgIcon('triangle')]);
      tw.addEventListener('click', (e) => { e.stopPropagation(); if (collapsed.has(id)) collapsed.delete(id); else collapsed.add(id); refresh(); });
      const line = el('div', { class: 'x-line', style: pad }, [tw, ...open, isClosed ? el('span', { class: 'ellipsis' }, '…') : null, ...(isClosed ? close : []), pill]);
      hook(line, id);
      out.push(line);
      if (isClosed) return;
      for (const c of kids) walk(c, depth + 1);
      const end = el('div', { class: 'x-line', style: pad }, [el('span', { class: 'twisty leaf' }), ...close]);
      hook(end, id);
      out.push(end);
    };
    const page = el('div', { class: 'x-line', style: 'padding-left:6px' }, [el('span', { class: 'twisty open' }, [svgIcon('triangle')]),
      el('span', { class: 'br' }, '<'), el('span', { class: 'tn' }, 'page'), el('span', { class: 'br' }, '>')]);
    out.push(page);
    for (const c of model.root.childNodes) walk(c, 1);
    out.push(el('div', { class: 'x-line', style: 'padding-left:6px' }, [el('span', { class: 'twisty leaf' }), el('span', { class: 'br' }, '</'), el('span', { class: 'tn' }, 'page'), el('span', { class: 'br' }, '>')]));
    return { out, count };
  }

  function hook(line, id) {
    if (id == null) return;
    line.addEventListener('mouseenter', () => { setHover(line); ctx.highlight(id); });
  }

  function refresh() {
    scheduled = false;
    if (root.hidden) return;
    const model = ctx.topModel();
    if (!model || model.dom.pageId == null) { tree.replaceChildren(el('div', { class: 'empty' }, 'No page rendered yet.')); info.textContent = ''; return; }
    const scroll = tree.scrollTop;
    const { out, count } = render(model);
    tree.replaceChildren(...out);
    tree.scrollTop = scroll;
    info.textContent = `page ${model.dom.pageId} · ${count} nodes`;
  }

  return {
    refresh,
    changed() { if (!scheduled) { scheduled = true; requestAnimationFrame(refresh); } },
  };
}
