// A tiny DOM-like document: just what dom-ops.js needs. Used by the shell to keep a
// model of each page (the WXML panel renders it) and by the node tests.

class MiniNode {
  constructor(doc, nodeType, name) {
    this.ownerDocument = doc;
    this.nodeType = nodeType; // 1 element, 3 text
    this.nodeName = name;
    this.tagName = nodeType === 1 ? name : undefined;
    this.parentNode = null;
    this.childNodes = [];
    this.attributes = new Map();
    this.nodeValue = null;
  }
  get localName() { return this.nodeType === 1 ? this.nodeName : null; }
  get firstChild() { return this.childNodes[0] || null; }
  get lastChild() { return this.childNodes[this.childNodes.length - 1] || null; }
  get textContent() {
    if (this.nodeType === 3) return this.nodeValue;
    return this.childNodes.map((c) => c.textContent).join('');
  }
  set textContent(v) {
    if (this.nodeType === 3) { this.nodeValue = String(v); return; }
    for (const c of this.childNodes) c.parentNode = null;
    this.childNodes = [];
    if (v !== '' && v != null) this.appendChild(this.ownerDocument.createTextNode(String(v)));
  }
  _detach(node) {
    if (node.parentNode) {
      const sib = node.parentNode.childNodes;
      sib.splice(sib.indexOf(node), 1);
      node.parentNode = null;
    }
  }
  appendChild(node) { return this.insertBefore(node, null); }
  insertBefore(node, ref) {
    if (ref && ref.parentNode !== this) throw new Error('insertBefore: ref is not a child');
    for (let p = this; p; p = p.parentNode) if (p === node) throw new Error('insertBefore: cycle');
    this._detach(node);
    const i = ref ? this.childNodes.indexOf(ref) : this.childNodes.length;
    this.childNodes.splice(i, 0, node);
    node.parentNode = this;
    return node;
  }
  removeChild(node) {
    if (node.parentNode !== this) throw new Error('removeChild: not a child');
    this._detach(node);
    return node;
  }
  setAttribute(n, v) { this.attributes.set(String(n), String(v)); }
  getAttribute(n) { return this.attributes.has(n) ? this.attributes.get(n) : null; }
  hasAttribute(n) { return this.attributes.has(n); }
  removeAttribute(n) { this.attributes.delete(n); }
}

export class MiniDocument {
  createElement(tag) {
    if (!/^[a-zA-Z][a-zA-Z0-9._-]*$/.test(tag)) throw new Error('InvalidCharacterError: ' + tag);
    return new MiniNode(this, 1, tag.toLowerCase());
  }
  createTextNode(text) {
    const n = new MiniNode(this, 3, '#text');
    n.nodeValue = String(text);
    return n;
  }
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Serialises a MiniNode (or a real DOM node) to HTML, for tests and debugging. */
export function toHTML(node) {
  if (node.nodeType === 3) return esc(node.nodeValue);
  const attrs = node.attributes instanceof Map
    ? [...node.attributes]
    : [...node.attributes].map((a) => [a.name, a.value]);
  const a = attrs.map(([k, v]) => ` ${k}="${esc(v)}"`).join('');
  const tag = node.nodeName.toLowerCase();
  return `<${tag}${a}>${[...node.childNodes].map(toHTML).join('')}</${tag}>`;
}
