import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PageDom } from '../dom-ops.js';
import { MiniDocument, toHTML } from '../mini-dom.js';
import { indexTree, samplePatches, PAGE_ID } from '../dev/sample-session.js';

const strip = (h) => h.replace(/ class="[^"]*"/g, '').replace(/ wx-host="[^"]*"/g, '').replace(/\s+/g, ' ');
function page(tree, id = 1) {
  const doc = new MiniDocument();
  const root = doc.createElement('wx-page');
  const p = new PageDom(doc, root);
  p.render(id, tree);
  return { p, root, html: () => strip(root.childNodes.map(toHTML).join('')) };
}

test('renders the sample page with light children placed at slots', () => {
  const { html } = page(indexTree());
  const h = html();
  assert.match(h, /<counter id="counter"><wx-view><wx-slot><wx-text>Host counter<\/wx-text><\/wx-slot><wx-button id="inc" size="mini">\+2<\/wx-button>/);
  assert.match(h, /<hello-component id="hello"><wx-view><wx-text>Hello from the plugin, host!<\/wx-text><wx-slot><wx-text>slotted from the host<\/wx-text><\/wx-slot>/);
  assert.match(h, /<wx-navigator id="to-plugin-page" url="plugin:\/\/myPlugin\/hello-page\?from=host">Open the plugin page<\/wx-navigator>/);
});

test('applies the sample patches', () => {
  const { p, html } = page(indexTree());
  assert.deepEqual(p.apply(samplePatches()), []);
  const h = html();
  assert.match(h, /<wx-text>2<\/wx-text><\/wx-view><\/counter><wx-text>total: 2<\/wx-text>/);
  assert.match(h, /greeted 1 times.*<wx-text>The plugin says hi \(1\)<\/wx-text><wx-text>Hello, host!/);
  assert.match(p.el(43).getAttribute('class'), /picked-row/);
});

test('insert/move/remove at page level, attr null removes, events op', () => {
  const { p, html } = page([{ id: 2, type: 'text', text: 'b' }], 9);
  p.apply([
    { op: 'insert', parent: 9, before: 2, node: { id: 3, type: 'element', tag: 'view', attrs: { id: 'a' }, events: [], children: [{ id: 4, type: 'text', text: 'a' }] } },
    { op: 'insert', parent: 9, before: null, node: { id: 5, type: 'text', text: 'c' } },
  ]);
  assert.equal(html(), '<wx-view id="a">a</wx-view>bc');
  p.apply([{ op: 'move', parent: 9, id: 5, before: 3 }, { op: 'attr', id: 3, name: 'id', value: null }, { op: 'events', id: 3, events: ['tap'] }]);
  assert.equal(html(), 'c<wx-view>a</wx-view>b');
  assert.ok(p.rec(3).events.has('tap'));
  p.apply([{ op: 'remove', id: 3 }]);
  assert.equal(html(), 'cb');
  assert.equal(p.rec(4), null, 'descendants are forgotten');
  assert.match(p.apply([{ op: 'text', id: 99, text: 'x' }])[0], /unknown/);
});

test('named slots, late shadow, slot removal keeps light children', () => {
  const host = { id: 20, type: 'component', tag: 'my-card', attrs: {}, events: [], children: [
    { id: 21, type: 'text', text: 'F' }, // default slot
    { id: 22, type: 'element', tag: 'view', attrs: {}, slot: 'footer', events: [], children: [{ id: 23, type: 'text', text: 'foot' }] },
  ] };
  const { p, html } = page([host]);
  assert.equal(html(), '<my-card><mpsim-holder hidden="">F<wx-view>foot</wx-view></mpsim-holder></my-card>');
  p.apply([{ op: 'shadow', host: 20, shadow: { root: 30, realm: 'plugin', multipleSlots: true, children: [
    { id: 31, type: 'element', tag: 'view', attrs: {}, events: [], children: [{ id: 32, type: 'slot', name: 'footer' }] },
    { id: 33, type: 'slot', name: '' },
  ] } }]);
  assert.equal(html(), '<my-card><mpsim-holder hidden=""></mpsim-holder><wx-view><wx-slot name="footer"><wx-view>foot</wx-view></wx-slot></wx-view><wx-slot>F</wx-slot></my-card>');
  p.apply([{ op: 'remove', id: 31 }]);
  assert.equal(html(), '<my-card><mpsim-holder hidden=""><wx-view>foot</wx-view></mpsim-holder><wx-slot>F</wx-slot></my-card>');
  p.apply([{ op: 'insert', parent: 30, before: 33, node: { id: 34, type: 'slot', name: 'footer' } },
    { op: 'insert', parent: 20, before: 21, node: { id: 35, type: 'text', text: 'E' } },
    { op: 'text', id: 23, text: 'FOOT' }]);
  assert.equal(html(), '<my-card><mpsim-holder hidden=""></mpsim-holder><wx-slot name="footer"><wx-view>FOOT</wx-view></wx-slot><wx-slot>EF</wx-slot></my-card>');
  p.apply([{ op: 'remove', id: 20 }]);
  assert.equal(html(), '');
  assert.equal(p.rec(23), null);
});

test('hooks see creation, attribute changes and text', () => {
  const seen = [];
  const doc = new MiniDocument();
  const root = doc.createElement('wx-page');
  const p = new PageDom(doc, root, {
    create: (el, r) => seen.push(`create ${r.tag}`),
    attr: (el, n, v) => seen.push(`attr ${n}=${v}`),
    text: (node, raw) => { node.nodeValue = raw.toUpperCase(); },
  });
  p.render(PAGE_ID, [{ id: 5, type: 'element', tag: 'switch', attrs: { checked: '' }, events: [], children: [{ id: 6, type: 'text', text: 'on' }] }]);
  p.apply([{ op: 'attr', id: 5, name: 'checked', value: null }]);
  assert.deepEqual(seen, ['create switch', 'attr checked=null']);
  assert.equal(toHTML(root), '<wx-page><wx-switch>ON</wx-switch></wx-page>');
});
