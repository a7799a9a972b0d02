// Recorded `mpsim:update` payloads for the dev preview (written by hand from PROTOCOL.md),
// for the sample plugin project (assets/sample): its index page with the host `counter`
// component, the plugin's `hello-component` with a slot, a list and a navigator to a
// plugin page. Also used by ui/tests/dom-ops.test.mjs.

const P = 'pages_index_index';
const C = 'components_counter_counter';
const H = 'plugin_hello';
const t = (id, text) => ({ id, type: 'text', text });
const el = (id, tag, attrs, children = [], extra = {}) =>
  ({ id, type: 'element', tag, attrs, events: [], realm: 'host', slot: null, children, ...extra });

export const PAGE_ID = 1;

export const indexTree = () => [
  el(10, 'view', { class: `${P}--section section` }, [
    el(11, 'text', { class: `${P}--title title` }, [t(12, 'mpsim sample')]),
    {
      id: 13, type: 'component', tag: 'counter', realm: 'host', slot: null, events: ['change'],
      attrs: { id: 'counter', 'wx-host': C },
      shadow: { root: 14, realm: 'host', multipleSlots: false, children: [
        el(15, 'view', { class: `${C}--counter` }, [
          { id: 16, type: 'slot', name: '' },
          el(17, 'button', { id: 'inc', size: 'mini', class: '' }, [t(18, '+2')], { events: ['tap'] }),
          el(19, 'text', { class: `${C}--value` }, [t(20, '0')]),
        ]),
      ] },
      children: [el(21, 'text', {}, [t(22, 'Host counter')])],
    },
    el(23, 'text', { class: `${P}--total total` }, [t(24, 'total: 0')]),
  ]),
  el(25, 'view', { class: `${P}--section section` }, [
    {
      id: 26, type: 'component', tag: 'hello-component', realm: 'host', slot: null, events: ['greet'],
      attrs: { id: 'hello', 'wx-host': H },
      shadow: { root: 27, realm: 'plugin', multipleSlots: false, children: [
        el(28, 'view', { class: `${H}--hello` }, [
          el(29, 'text', { class: `${H}--line` }, [t(30, 'Hello from the plugin, host!')], { realm: 'plugin' }),
          { id: 31, type: 'slot', name: '' },
          el(32, 'button', { id: 'greet', type: 'primary', size: 'mini' }, [t(33, 'Greet the host')], { events: ['tap'], realm: 'plugin' }),
          el(34, 'text', { class: `${H}--count` }, [t(35, 'greeted 0 times')], { realm: 'plugin' }),
        ], { realm: 'plugin' }),
      ] },
      children: [el(36, 'text', {}, [t(37, 'slotted from the host')])],
    },
    el(38, 'text', { class: `${P}--interface interface` }, [t(39, 'Hello, host! (answer 42)')]),
    el(40, 'navigator', { id: 'to-plugin-page', url: 'plugin://myPlugin/hello-page?from=host' }, [t(41, 'Open the plugin page')]),
  ]),
  el(42, 'view', { class: `${P}--section section` }, [
    ...[['a', 'apple', true], ['b', 'banana', false], ['c', 'cherry', true]].map(([k, name, ripe], i) =>
      el(43 + i * 2, 'view', { class: `${P}--fruit fruit${ripe ? ` ${P}--ripe ripe` : ''}`, 'data-id': k },
        [t(44 + i * 2, `\n    ${i + 1}. ${name}\n  `)], { events: ['tap'] })),
    el(49, 'text', { class: `${P}--picked picked` }, [t(50, 'nothing picked')]),
  ]),
];

export const indexCss = [
  `wx-page { background: #f6f6f6; font-size: 16.64px; }`,
  `.section { margin: 12.48px; padding: 12.48px; background: #fff; border-radius: 6.24px; }`,
  `.${P}--section { margin: 12.48px; padding: 12.48px; background: #fff; border-radius: 6.24px; }`,
  `.${P}--title { font-weight: bold; }`,
  `.${P}--fruit { padding: 8.32px 0; }`,
  `.${P}--ripe { color: #07c160; }`,
  `.${C}--counter { display: flex; align-items: center; gap: 8.32px; }`,
  `.${C}--value { min-width: 31.2px; }`,
  `.${H}--hello { padding: 8.32px; border: 1px solid #07c160; border-radius: 4.16px; }`,
  `.${H}--line { color: #07c160; }`,
].join('\n');

/** Patches after tapping #inc, then #greet, then the first fruit. */
export const samplePatches = () => [
  { op: 'text', id: 20, text: '2' },
  { op: 'text', id: 24, text: 'total: 2' },
  { op: 'text', id: 35, text: 'greeted 1 times' },
  { op: 'insert', parent: 25, before: 38, node: el(60, 'text', { class: `${P}--greeting greeting` }, [t(61, 'The plugin says hi (1)')]) },
  { op: 'attr', id: 43, name: 'class', value: `${P}--fruit fruit ${P}--ripe ripe ${P}--picked-row` },
  { op: 'text', id: 50, text: 'picked a' },
];

const device = { name: 'iPhone 14', width: 390, height: 844, pixelRatio: 3 };

const appdata = (count, total, picked) => ({
  kind: 'appdata', page: PAGE_ID, instances: [
    { id: 1, path: 'miniprogram/pages/index/index', realm: 'host', tag: null,
      data: { title: 'mpsim sample', total, name: 'host', greeting: count ? 'The plugin says hi (1)' : '', pluginSays: 'Hello, host! (answer 42)',
        fruits: [{ id: 'a', name: 'apple', ripe: true }, { id: 'b', name: 'banana', ripe: false }, { id: 'c', name: 'cherry', ripe: true }],
        picked } },
    { id: 7, path: 'miniprogram/components/counter/counter', realm: 'host', tag: 'counter', data: { step: 2, value: total } },
    { id: 8, path: 'plugin/components/hello-component/hello-component', realm: 'plugin', tag: 'hello-component', data: { name: 'host', count } },
  ],
});

export function sampleSession({ withError = true } = {}) {
  const seq = [
    [0, { kind: 'project', name: 'mpsim-sample', dir: '/home/dev/mpsim-sample', appid: 'wx5a3c1e7f9b2d4086',
      pluginAppid: 'wx5a3c1e7f9b2d4086', assistantAppid: 'wx0000000000000000', device,
      routes: ['pages/index/index', 'plugin://myPlugin/hello-page'], tabBar: null }],
    [0, { kind: 'stack', pages: [{ id: PAGE_ID, route: 'pages/index/index', realm: 'host',
      window: { navigationBarTitleText: 'Plugin preview', navigationBarBackgroundColor: '#ffffff',
        navigationBarTextStyle: 'black', backgroundColor: '#f6f6f6' } }] }],
    [50, { kind: 'page', id: PAGE_ID, host: P, css: indexCss, tree: indexTree() }],
    [0, appdata(0, 0, '')],
    [0, { kind: 'storage', partitions: [
      { appid: 'wx5a3c1e7f9b2d4086', realm: 'host', items: [{ key: 'visits', value: 3 }, { key: 'user', value: { nick: 'dev', vip: false } }] },
      { appid: 'wx5a3c1e7f9b2d4086', realm: 'plugin', items: [{ key: 'greeted', value: 0 }] },
    ] }],
    [0, { kind: 'console', lines: [
      { level: 'info', text: 'App launched: pages/index/index', location: 'miniprogram/app.js:3:5', realm: 'host' },
      { level: 'log', text: 'plugin main loaded, answer = 42', location: 'plugin/index.js:2:3', realm: 'plugin' },
      { level: 'debug', text: 'counter attached { step: 2 }', location: 'miniprogram/components/counter/counter.js:9:7', realm: 'host' },
    ] }],
    [0, { kind: 'reload', ms: 38.4, what: 'initial compile' }],
    [700, { kind: 'patches', page: PAGE_ID, ops: samplePatches() }],
    [0, appdata(1, 2, 'a')],
    [0, { kind: 'console', lines: [
      { level: 'log', text: 'greet() called by the host; count = 1', location: 'plugin/components/hello-component/hello-component.js:14:9', realm: 'plugin' },
      { level: 'warn', text: 'setData: "total" is a large number of updates in 1 s', location: 'miniprogram/pages/index/index.js:21:5', realm: 'host' },
    ] }],
    [0, { kind: 'ui', api: 'showToast', page: PAGE_ID, options: { title: 'Greeted', icon: 'success', duration: 60000 } }],
    [100, { kind: 'diagnostics', items: [
      { path: 'plugin/components/hello-component/hello-component.json', line: 4, col: 3, severity: 'warning',
        message: 'usingComponents: "plugin-private://…" is only valid inside the plugin', code: 'plugin-private-url' },
      ...(withError ? [{ path: 'miniprogram/pages/index/index.wxml', line: 12, col: 7, severity: 'error',
        message: 'unclosed tag <view> (opened at 9:1)', code: 'wxml-unclosed' }] : []),
    ] }],
    [0, { kind: 'console', lines: [
      { level: 'error', text: "TypeError: cannot read property 'id' of undefined\n    at pick (miniprogram/pages/index/index.js:30:20)", location: 'miniprogram/pages/index/index.js:30:20', realm: 'host' },
    ] }],
  ];
  return seq.map(([delay, payload]) => ({ delay, payload }));
}
