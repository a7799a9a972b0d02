// Builds a page's DOM from protocol Nodes and applies protocol Ops (ui/PROTOCOL.md).
// Pure logic over a minimal DOM interface (createElement, createTextNode, appendChild,
// insertBefore, removeChild, setAttribute, removeAttribute, nodeValue, parentNode), so the
// frame uses it on the real document and the shell/tests use it on ui/mini-dom.js.
//
// Composition: a component host element holds its shadow children directly; every
// `slot` node becomes a <wx-slot> (display: contents) into which the host's light children
// are placed (by slot name when multipleSlots, else all into the first slot). Light
// children without a matching slot wait, hidden, in an <mpsim-holder> inside the host.

/** The DOM tag of a protocol element/component node. */
export function domTag(node) {
  if (node.type === 'element') return 'wx-' + String(node.tag).toLowerCase();
  if (node.type === 'component') return String(node.tag).toLowerCase();
  if (node.type === 'slot') return 'wx-slot';
  return 'wx-unknown';
}

const attrString = (v) => (typeof v === 'string' ? v : JSON.stringify(v));

export class PageDom {
  /**
   * @param doc   object with createElement/createTextNode
   * @param root  the element that receives top-level page nodes (<wx-page>)
   * @param hooks optional {create(el, rec), attr(el, name, value, rec), content(el),
   *              text(textNode, raw, parentRec), removed(rec)}
   */
  constructor(doc, root, hooks = {}) {
    this.doc = doc;
    this.root = root;
    this.hooks = hooks;
    this.pageId = null;
    this.recs = new Map();
    this.pageRec = null;
  }

  /** Record of node id (element, text, component, slot, shadow root or the page). */
  rec(id) {
    if (this.recs.has(id)) return this.recs.get(id);
    if (this.pageRec && id === this.pageId) return this.pageRec;
    return null;
  }

  el(id) {
    const r = this.rec(id);
    return r ? r.el : null;
  }

  /** Replaces the whole page with `tree`. */
  render(pageId, tree) {
    for (const r of this.recs.values()) if (this.hooks.removed) this.hooks.removed(r);
    while (this.root.firstChild) this.root.removeChild(this.root.firstChild);
    this.recs = new Map();
    this.pageId = pageId;
    this.pageRec = { id: pageId, type: 'page', el: this.root, kids: [], owner: null, parent: null };
    for (const n of tree || []) this._insert(this.pageRec, n, null);
  }

  /** Applies ops in order. Returns a list of problems (an op that names an unknown node is
   *  skipped, never throws), so one bad op does not lose the rest. */
  apply(ops) {
    const problems = [];
    for (const op of ops || []) {
      try {
        const p = this._op(op);
        if (p) problems.push(p);
      } catch (e) {
        problems.push(`${op && op.op}: ${e && e.message}`);
      }
    }
    return problems;
  }

  _op(op) {
    switch (op.op) {
      case 'insert': {
        const parent = this.rec(op.parent);
        if (!parent) return `insert: unknown parent ${op.parent}`;
        this._insert(parent, op.node, op.before == null ? null : this.rec(op.before));
        return null;
      }
      case 'remove': {
        const r = this.recs.get(op.id);
        if (!r) return `remove: unknown node ${op.id}`;
        this._remove(r);
        return null;
      }
      case 'move': {
        const r = this.recs.get(op.id);
        const parent = this.rec(op.parent);
        if (!r || !parent) return `move: unknown node ${op.id} or parent ${op.parent}`;
        this._unlink(r);
        this._link(parent, r, op.before == null ? null : this.rec(op.before));
        this._settle();
        return null;
      }
      case 'attr': {
        const r = this.recs.get(op.id);
        if (!r || !r.attrs) return `attr: unknown node ${op.id}`;
        this._setAttr(r, op.name, op.value);
        return null;
      }
      case 'text': {
        const r = this.recs.get(op.id);
        if (!r || r.type !== 'text') return `text: unknown text node ${op.id}`;
        r.text = op.text;
        this._paintText(r);
        return null;
      }
      case 'events': {
        const r = this.recs.get(op.id);
        if (!r || !r.events) return `events: unknown node ${op.id}`;
        r.events = new Set(op.events || []);
        return null;
      }
      case 'shadow': {
        const host = this.recs.get(op.host);
        if (!host || host.type !== 'component') return `shadow: unknown host ${op.host}`;
        this._setShadow(host, op.shadow);
        this._settle();
        return null;
      }
      default:
        return `unknown op ${op.op}`;
    }
  }

  // ---- building ---------------------------------------------------------------------

  _insert(parent, node, before) {
    const r = this._build(node, this._ownerOfChildrenOf(parent));
    this._link(parent, r, before);
    this._settle();
    return r;
  }

  // The component whose shadow tree a child of `parent` belongs to (null: the page).
  _ownerOfChildrenOf(parent) {
    if (parent.type === 'shadow') return parent.host;
    return parent.owner || null; // element: its owner; component host: light kids share its owner
  }

  _build(node, owner) {
    const doc = this.doc;
    if (node.type === 'text') {
      const r = { id: node.id, type: 'text', text: node.text ?? '', el: doc.createTextNode(''), owner, parent: null };
      this.recs.set(node.id, r);
      return r;
    }
    let el;
    try {
      el = doc.createElement(domTag(node));
    } catch {
      el = doc.createElement(node.type === 'component' ? 'wx-component' : 'wx-unknown');
      el.setAttribute('data-mpsim-tag', String(node.tag));
    }
    const r = {
      id: node.id, type: node.type, tag: node.type === 'slot' ? 'slot' : node.tag, el, owner,
      parent: null, kids: [], attrs: {}, events: new Set(node.events || []),
      realm: node.realm || null, slot: node.slot ?? null,
    };
    this.recs.set(node.id, r);
    if (node.type === 'slot') {
      r.name = node.name || '';
      r.attrs = { name: r.name };
      if (r.name) el.setAttribute('name', r.name);
      if (owner) (owner.slotRecs || (owner.slotRecs = [])).push(r), (this._dirty || (this._dirty = new Set())).add(owner);
      return r;
    }
    for (const [k, v] of Object.entries(node.attrs || {})) this._setAttr(r, k, v, true);
    if (this.hooks.create) this.hooks.create(el, r);
    if (node.type === 'component') {
      r.light = [];
      r.slotRecs = [];
      r.shadow = null;
      if (node.shadow) this._setShadow(r, node.shadow);
    }
    for (const c of node.children || []) this._link(r, this._build(c, node.type === 'component' ? owner : owner), null);
    return r;
  }

  _setShadow(host, shadow) {
    if (host.shadow) {
      for (const k of [...host.shadow.kids]) this._remove(k, true);
      this.recs.delete(host.shadow.id);
    }
    const s = { id: shadow.root, type: 'shadow', host, el: host.el, kids: [], owner: host, parent: host,
      realm: shadow.realm || null, multipleSlots: !!shadow.multipleSlots };
    host.shadow = s;
    this.recs.set(shadow.root, s);
    for (const c of shadow.children || []) this._link(s, this._build(c, host), null);
    (this._dirty || (this._dirty = new Set())).add(host);
  }

  _setAttr(r, name, value, initial = false) {
    if (value === null || value === undefined) {
      delete r.attrs[name];
      try { r.el.removeAttribute(name); } catch { /* invalid name */ }
    } else {
      r.attrs[name] = value;
      try { r.el.setAttribute(name, attrString(value)); } catch { /* e.g. "bind:x": keep in attrs only */ }
    }
    if (!initial && this.hooks.attr) this.hooks.attr(r.el, name, value ?? null, r);
  }

  _paintText(r) {
    if (this.hooks.text) this.hooks.text(r.el, r.text, r.parent);
    else r.el.nodeValue = r.text;
  }

  // ---- linking (logical tree + DOM placement) ----------------------------------------

  _container(parent) {
    if (parent.type === 'page' || parent.type === 'shadow') return parent.el;
    return (this.hooks.content && this.hooks.content(parent.el)) || parent.el;
  }

  _link(parent, r, before) {
    r.parent = parent;
    if (parent.type === 'component') {
      // a light child: remember order; placed at its slot by _distribute
      const list = parent.light;
      const i = before ? list.indexOf(before) : -1;
      if (i >= 0) list.splice(i, 0, r); else list.push(r);
      (this._dirty || (this._dirty = new Set())).add(parent);
    } else {
      const i = before ? parent.kids.indexOf(before) : -1;
      if (i >= 0) parent.kids.splice(i, 0, r); else parent.kids.push(r);
      const c = this._container(parent);
      const ref = before && before.el.parentNode === c ? before.el : null;
      c.insertBefore(r.el, ref);
    }
    if (r.type === 'text') this._paintText(r);
  }

  _unlink(r) {
    const p = r.parent;
    if (!p) return;
    const list = p.type === 'component' ? p.light : p.kids;
    const i = list.indexOf(r);
    if (i >= 0) list.splice(i, 1);
    if (r.el.parentNode) r.el.parentNode.removeChild(r.el);
    r.parent = null;
    if (p.type === 'component') (this._dirty || (this._dirty = new Set())).add(p);
  }

  _remove(r, deferSettle = false) {
    this._unlink(r);
    this._forget(r);
    if (!deferSettle) this._settle();
  }

  _forget(r) {
    this.recs.delete(r.id);
    if (this.hooks.removed) this.hooks.removed(r);
    if (r.type === 'slot' && r.owner && r.owner.slotRecs) {
      r.owner.slotRecs = r.owner.slotRecs.filter((s) => s !== r);
      (this._dirty || (this._dirty = new Set())).add(r.owner);
    }
    for (const k of r.kids || []) this._forget(k);
    for (const k of r.light || []) this._forget(k);
    if (r.shadow) this._forget(r.shadow);
    if (r.type === 'component' && this._dirty) this._dirty.delete(r);
  }

  /** The slot a light child of `host` goes to, or null. */
  slotFor(host, child) {
    const slots = (host.slotRecs || []).filter((s) => this.recs.get(s.id) === s && this._attached(s, host));
    if (!slots.length) return null;
    if (!host.shadow || !host.shadow.multipleSlots) return slots.find((s) => !s.name) || slots[0];
    return slots.find((s) => s.name === (child.slot || '')) || null;
  }

  // a slot counts only while it is inside the host's current shadow tree
  _attached(s, host) {
    for (let p = s.parent; p; p = p.parent) if (p === host.shadow) return true;
    return false;
  }

  _holder(host) {
    if (!host.holder) {
      host.holder = this.doc.createElement('mpsim-holder');
      host.holder.setAttribute('hidden', '');
    }
    if (host.holder.parentNode !== host.el) host.el.appendChild(host.holder);
    return host.holder;
  }

  _settle() {
    const dirty = this._dirty;
    if (!dirty || !dirty.size) return;
    this._dirty = null;
    for (const host of dirty) if (this.recs.get(host.id) === host) this._distribute(host);
  }

  _distribute(host) {
    for (const c of host.light) {
      const s = this.slotFor(host, c);
      const container = s ? s.el : this._holder(host);
      container.appendChild(c.el); // in order: appending all keeps light order per slot
      if (c.type === 'text') this._paintText(c);
    }
  }

  /** Nearest ancestor-or-self record (logical tree) satisfying pred. */
  closest(id, pred) {
    for (let r = this.rec(id); r; r = r.parent) if (pred(r)) return r;
    return null;
  }
}
