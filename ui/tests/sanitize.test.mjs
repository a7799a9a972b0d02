import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sanitizeNodes, parseHTML, buildNodes, safeUrl } from '../sanitize.js';
import { MiniDocument, toHTML } from '../mini-dom.js';

const html = (nodes) => buildNodes(new MiniDocument(), sanitizeNodes(nodes)).map(toHTML).join('');

test('keeps allowed tags and attributes', () => {
  assert.equal(html('<div class="a" style="color:red"><p>hi <b>there</b></p><br><img src="x.png" alt="x"></div>'),
    '<div class="a" style="color:red"><p>hi <b>there</b></p><br></br><img src="x.png" alt="x"></img></div>');
  assert.equal(html('<table><tr><td colspan="2">c</td></tr></table>'), '<table><tr><td colspan="2">c</td></tr></table>');
});

test('drops script, style, iframe with their content', () => {
  assert.equal(html('a<script>alert(1)</script>b<style>*{}</style>c<iframe src="x">d</iframe>e'), 'abce');
  assert.equal(html('<SCRIPT>alert(1)</SCRIPT >ok'), 'ok');
  assert.equal(html([{ name: 'script', children: [{ type: 'text', text: 'alert(1)' }] }, 'x']), 'x');
});

test('drops on* attributes and javascript: URLs', () => {
  assert.equal(html('<img src="javascript:alert(1)" onerror="alert(1)"><div onclick="x()" ONMOUSEOVER=y>t</div>'),
    '<img></img><div>t</div>');
  assert.equal(html('<img src=" jav&#x09;ascript:alert(1)">'), '<img></img>');
  assert.equal(html([{ name: 'img', attrs: { src: 'java\nscript:alert(1)', onload: 'x' } }]), '<img></img>');
  assert.equal(html('<img src="data:text/html,<script>">'), '<img></img>');
  assert.equal(html('<img src="data:image/png;base64,AAAA">'), '<img src="data:image/png;base64,AAAA"></img>');
  assert.equal(safeUrl('vbscript:x'), false);
  assert.equal(safeUrl('https://a/b.png'), true);
});

test('drops a[href], dangerous styles; an untrusted element goes with its children', () => {
  assert.equal(html('<a href="javascript:x">l</a>'), '<a>l</a>');
  assert.equal(html('<span style="background:url(javascript:x)">s</span>'), '<span>s</span>');
  // rich-text docs: 如果使用了不受信任的HTML节点，该节点及其所有子节点将会被移除
  assert.equal(html('<blink><i>k</i></blink>ok'), 'ok');
  assert.equal(html('<h11>你好</h11><h3>ffff</h3>'), '<h3>ffff</h3>');
  assert.equal(html('<svg><script>x</script></svg>z'), 'z');
});

test('text is text: entities decode to characters, never markup', () => {
  assert.equal(html('&lt;script&gt;x'), '&lt;script&gt;x');
  const nodes = sanitizeNodes('a &amp; b');
  assert.deepEqual(nodes, [{ type: 'text', text: 'a & b' }]);
  // text nodes of a node list support entities too (rich-text docs), decoded once
  assert.deepEqual(sanitizeNodes([{ type: 'text', text: 'Hello&nbsp;World &amp;lt;' }]),
    [{ type: 'text', text: 'Hello\u00a0World &lt;' }]);
});

test('node arrays and JSON strings are accepted', () => {
  // class and style everywhere, never id (rich-text docs: 不支持id属性)
  const arr = [{ name: 'div', attrs: { class: 'c', id: 'i', 'data-x': '1' }, children: [{ type: 'text', text: 'hi' }] }];
  assert.equal(html(arr), '<div class="c">hi</div>');
  assert.equal(html(JSON.stringify(arr)), '<div class="c">hi</div>');
  assert.deepEqual(parseHTML('<p a=1 b>x</p>'), [{ name: 'p', attrs: { a: '1', b: '' }, children: [{ type: 'text', text: 'x' }] }]);
});
