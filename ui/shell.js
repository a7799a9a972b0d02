// The shell: toolbar, phone frame with the page stack (one <iframe> per page), native
// wx UI (toast, modal…), and the developer panels. It paints what Rust sends on the
// `mpsim:update` event and forwards input with Tauri commands (ui/PROTOCOL.md).
import { PageDom } from './dom-ops.js';
import { MiniDocument } from './mini-dom.js';
import { createConsole } from './panels/console.js';
import { createAppData } from './panels/appdata.js';
import { createWxml } from './panels/wxml.js';
import { createStorage } from './panels/storage.js';
import { createDiagnostics } from './panels/diagnostics.js';
import { createDoc } from './panels/doc.js';
import { el, svgIcon } from './panels/util.js';

// ---- bridge -------------------------------------------------------------------------------

const tauri = window.__TAURI__ || window.__MPSIM_FAKE_TAURI__ || {
  event: { listen: async () => () => {} },
  core: { invoke: async (cmd, args) => { console.info('[mpsim] no Tauri: invoke', cmd, args); return null; } },
};
const REAL_TAURI = !!window.__TAURI__;
const FRAME_SRC = REAL_TAURI ? 'mpsim://localhost/__frame__/frame.html' : new URL('frame.html', import.meta.url).href;

function invoke(cmd, args = {}) {
  return Promise.resolve()
    .then(() => tauri.core.invoke(cmd, args))
    .catch((e) => consolePanel.add([{ level: 'error', text: `invoke ${cmd} failed: ${e && (e.message || e)}`, location: null, realm: 'host', source: 'mpsim' }]));
}

// ---- devices --------------------------------------------------------------------------------

const DEVICES = [
  { name: 'iPhone SE', width: 375, height: 667, pixelRatio: 2, os: 'ios', status: 20, notch: false },
  { name: 'iPhone 14', width: 390, height: 844, pixelRatio: 3, os: 'ios', status: 47, notch: true },
  { name: 'iPhone 14 Pro Max', width: 430, height: 932, pixelRatio: 3, os: 'ios', status: 54, notch: true, island: true },
  { name: 'Android 360×800', width: 360, height: 800, pixelRatio: 3, os: 'android', status: 24 },
  { name: 'Pixel 7', width: 412, height: 915, pixelRatio: 2.625, os: 'android', status: 24 },
];
const ZOOMS = [50, 75, 100, 125, 150, 175, 200];
const FUNCTIONAL_APIS = ['login', 'getUserInfo', 'requestPayment', 'requestPluginPayment'];

const saved = (() => { try { return JSON.parse(localStorage.getItem('mpsim.shell') || '{}'); } catch { return {}; } })();
const save = () => { try { localStorage.setItem('mpsim.shell', JSON.stringify(settings)); } catch { /* private mode */ } };
const settings = {
  device: saved.device || 'iPhone 14', zoom: saved.zoom || 'fit', tab: saved.tab || 'console',
  route: saved.route || '', query: saved.query || '', functionalPages: saved.functionalPages || {},
  panelWidth: saved.panelWidth || 0,
};

// ---- layout ---------------------------------------------------------------------------------

document.body.className = 'mpsim-shell';
const I = svgIcon;
const toolbar = el('header', { class: 'toolbar' });
const brand = el('div', { class: 'brand' }, [el('span', { class: 'brand-mark' }, 'mp'), el('span', { class: 'brand-name' }, 'mpsim')]);
const projectLabel = el('span', { class: 'project-name', title: '' }, 'no project');
const deviceSel = el('select', { id: 'device-select', class: 'tb-select tb-device', title: 'Device' });
for (const d of DEVICES) deviceSel.append(el('option', { value: d.name }, `${d.name}  ${d.width}×${d.height}`));
const zoomSel = el('select', { id: 'zoom-select', class: 'tb-select tb-zoom', title: 'Zoom' }, [el('option', { value: 'fit' }, 'Fit'),
  ...ZOOMS.map((z) => el('option', { value: String(z) }, `${z}%`))]);
const reloadBtn = el('button', { class: 'tb-btn', title: 'Reload (relaunch with the current compile mode)' }, [I('reload'), el('span', {}, 'Reload')]);
const routeInput = el('input', { class: 'tb-input tb-route', list: 'mpsim-routes', placeholder: 'launch page (default)', spellcheck: 'false' });
const routeList = el('datalist', { id: 'mpsim-routes' });
const queryInput = el('input', { class: 'tb-input tb-query', placeholder: 'query  a=1&b=2', spellcheck: 'false' });
const compileBtn = el('button', { class: 'tb-btn primary', title: 'Relaunch at this page with this query' }, [I('play'), el('span', {}, 'Compile')]);
const assistantInput = el('input', { class: 'tb-input tb-appid', placeholder: 'wx…', spellcheck: 'false', title: 'Simulated assistant (host) appid' });
const fpSelects = {};
const fpMenu = el('div', { class: 'popover-body' }, [
  el('div', { class: 'popover-title' }, 'Functional page outcome'),
  ...FUNCTIONAL_APIS.map((api) => {
    const s = el('select', { class: 'tb-select' }, ['success', 'fail', 'cancel'].map((o) => el('option', { value: o }, o)));
    s.value = settings.functionalPages[api] || 'success';
    fpSelects[api] = s;
    s.addEventListener('change', () => {
      settings.functionalPages[api] = s.value; save();
      invoke('set_settings', { functionalPages: { ...currentFp() } });
      fpSummary();
    });
    return el('label', { class: 'popover-row' }, [el('code', {}, api), s]);
  }),
]);
const fpButtonText = el('span', {}, 'Functional pages');
const fpDetails = el('details', { class: 'popover' }, [el('summary', { class: 'tb-btn' }, [fpButtonText, I('caret')]), fpMenu]);
const currentFp = () => Object.fromEntries(FUNCTIONAL_APIS.map((a) => [a, fpSelects[a].value]));
const fpSummary = () => {
  const odd = FUNCTIONAL_APIS.filter((a) => fpSelects[a].value !== 'success').length;
  fpButtonText.textContent = odd ? `Functional pages (${odd} not success)` : 'Functional pages';
};
fpSummary();
document.addEventListener('click', (e) => { if (!fpDetails.contains(e.target)) fpDetails.open = false; });

const openBtn = el('button', { id: 'open-project', class: 'tb-btn', title: 'File → Open Folder…' }, [el('span', {}, 'Open…')]);
openBtn.addEventListener('click', () => invoke('open_project', {}));
const recentSel = el('select', { id: 'recent-projects', class: 'tb-select', title: 'Recent projects' }, [el('option', { value: '' }, 'Recent')]);
recentSel.addEventListener('change', () => { if (recentSel.value) invoke('open_project', { dir: recentSel.value }); recentSel.value = ''; });

const group = (label, ...kids) => el('div', { class: 'tb-group' }, [label ? el('span', { class: 'tb-label' }, label) : null, ...kids]);
toolbar.append(brand, projectLabel, openBtn, recentSel, el('span', { class: 'tb-sep' }),
  group('', deviceSel, zoomSel), el('span', { class: 'tb-sep' }), reloadBtn, el('span', { class: 'tb-sep' }),
  group('Compile', routeInput, routeList, queryInput, compileBtn), el('span', { class: 'tb-sep' }),
  group('Assistant', assistantInput), fpDetails);

// phone
const statusBar = el('div', { class: 'status-bar' }, [
  el('span', { class: 'sb-time' }, '9:41'),
  el('span', { class: 'sb-island' }),
  el('span', { class: 'sb-icons' }, [I('signal'), I('wifi'), I('battery')]),
]);
const navBack = el('button', { id: 'nav-back', class: 'nav-back', title: 'navigateBack' }, [I('back')]);
const navTitle = el('div', { class: 'nav-title' });
const navLoading = el('i', { class: 'nav-loading', hidden: '' });
const capsule = el('div', { class: 'capsule' }, [el('span', { class: 'capsule-more' }, [el('i'), el('i'), el('i')]), el('span', { class: 'capsule-sep' }), el('span', { class: 'capsule-close' })]);
const navBar = el('div', { class: 'nav-bar' }, [navBack, el('div', { class: 'nav-center' }, [navLoading, navTitle]), capsule]);
const pagesBox = el('div', { class: 'pages' });
const tabBar = el('div', { class: 'tab-bar', hidden: '' });
const nativeLayer = el('div', { class: 'native-layer' });
const diagOverlay = el('div', { class: 'diag-overlay', hidden: '' });
const homeIndicator = el('div', { class: 'home-indicator' });
const emptyState = el('div', { class: 'empty-state' }, [el('div', { class: 'empty-title' }, 'Waiting for the simulator…'), el('div', {}, 'Open a project folder to start.')]);
const screen = el('div', { class: 'screen' }, [statusBar, navBar, pagesBox, tabBar, emptyState, diagOverlay, nativeLayer, homeIndicator]);
const phone = el('div', { class: 'phone' }, [screen]);
const phoneBox = el('div', { class: 'phone-box' }, [phone]);
const simInfo = el('div', { class: 'sim-info' });
const simulator = el('section', { class: 'simulator' }, [el('div', { class: 'phone-scroller' }, [phoneBox]), simInfo]);

// devtools
const TABS = [['console', 'Console'], ['appdata', 'AppData'], ['wxml', 'WXML'], ['storage', 'Storage'], ['diagnostics', 'Diagnostics'], ['doc', 'Doc']];
const tabButtons = {};
const panelsEls = {};
const tabStrip = el('nav', { class: 'tabs' });
const panelsBox = el('div', { class: 'panels' });
for (const [key, label] of TABS) {
  const badge = el('span', { class: 'tab-badge', hidden: '' });
  const b = el('button', { class: 'tab', 'data-tab': key }, [el('span', {}, label), badge]);
  b.badge = badge;
  b.addEventListener('click', () => selectTab(key));
  tabButtons[key] = b;
  tabStrip.append(b);
  panelsEls[key] = el('div', { class: 'panel', 'data-panel': key, hidden: '' });
  panelsBox.append(panelsEls[key]);
}
const splitter = el('div', { class: 'splitter', title: 'Drag to resize' });
const devtools = el('section', { class: 'devtools' }, [tabStrip, panelsBox]);
const workbench = el('main', { class: 'workbench' }, [simulator, splitter, devtools]);
document.body.append(toolbar, workbench);

function selectTab(key) {
  settings.tab = key; save();
  for (const [k] of TABS) {
    tabButtons[k].classList.toggle('active', k === key);
    panelsEls[k].hidden = k !== key;
  }
  if (key === 'wxml') wxmlPanel.refresh();
}

// splitter drag
if (settings.panelWidth) devtools.style.width = `${settings.panelWidth}px`;
splitter.addEventListener('pointerdown', (e) => {
  splitter.setPointerCapture(e.pointerId);
  const startX = e.clientX; const startW = devtools.getBoundingClientRect().width;
  const move = (ev) => { devtools.style.width = `${Math.max(320, Math.min(window.innerWidth - 300, startW - (ev.clientX - startX)))}px`; layoutPhone(); };
  const up = () => {
    splitter.removeEventListener('pointermove', move); splitter.removeEventListener('pointerup', up);
    settings.panelWidth = Math.round(devtools.getBoundingClientRect().width); save();
  };
  splitter.addEventListener('pointermove', move);
  splitter.addEventListener('pointerup', up);
});

// ---- state ----------------------------------------------------------------------------------

const state = {
  project: null,
  device: DEVICES.find((d) => d.name === settings.device) || DEVICES[1],
  stack: [],
  frames: new Map(), // page id → { id, iframe, ready, queue, model, route, window, realm }
  pending: new Map(), // page id → messages that arrived before the stack named the page
  navOverride: new Map(), // page id → { title, frontColor, backgroundColor }
  diagnostics: [],
  diagDismissed: false,
};

const topFrame = () => { const p = state.stack[state.stack.length - 1]; return p ? state.frames.get(p.id) : null; };

// ---- panels ---------------------------------------------------------------------------------

const ctx = {
  invoke,
  openLocation: (location) => invoke('open_in_editor', { location }),
  openUrl: (url) => invoke('open_url', { url }),
  highlight: (node) => { const f = topFrame(); if (f) sendToFrame(f, { mpsim: 'highlight', node }); },
  topModel: () => { const f = topFrame(); return f ? f.model : null; },
  badge: (tab, text, kind) => {
    const b = tabButtons[tab].badge;
    b.hidden = !text; b.textContent = text || ''; b.className = `tab-badge ${kind || ''}`;
  },
  selectTab,
};
const consolePanel = createConsole(panelsEls.console, ctx);
const appDataPanel = createAppData(panelsEls.appdata, ctx);
const wxmlPanel = createWxml(panelsEls.wxml, ctx);
const storagePanel = createStorage(panelsEls.storage, ctx);
const diagnosticsPanel = createDiagnostics(panelsEls.diagnostics, ctx);
const docPanel = createDoc(panelsEls.doc, ctx);
const urlTab = new URLSearchParams(location.search).get('tab');
selectTab(TABS.some(([k]) => k === (urlTab || settings.tab)) ? (urlTab || settings.tab) : 'console');

// ---- phone ----------------------------------------------------------------------------------

function layoutPhone() {
  const d = state.device;
  const bezel = 12;
  phone.style.width = `${d.width + bezel * 2}px`;
  phone.style.height = `${d.height + bezel * 2}px`;
  screen.style.width = `${d.width}px`;
  screen.style.height = `${d.height}px`;
  phone.dataset.os = d.os;
  phone.classList.toggle('notch', !!d.notch);
  phone.classList.toggle('island', !!d.island);
  screen.style.setProperty('--status-h', `${d.status}px`);
  screen.style.setProperty('--nav-h', d.os === 'android' ? '48px' : '44px');
  screen.style.setProperty('--safe-bottom', d.notch ? '34px' : '0px');
  let zoom = Number(settings.zoom);
  if (settings.zoom === 'fit') {
    const box = simulator.getBoundingClientRect();
    const availH = Math.max(200, box.height - 56);
    const availW = Math.max(200, box.width - 40);
    zoom = Math.max(50, Math.min(100, Math.floor(Math.min(availH / (d.height + bezel * 2), availW / (d.width + bezel * 2)) * 100)));
  }
  phone.style.transform = `scale(${zoom / 100})`;
  phoneBox.style.width = `${(d.width + bezel * 2) * zoom / 100}px`;
  phoneBox.style.height = `${(d.height + bezel * 2) * zoom / 100}px`;
  state.zoom = zoom;
  updateSimInfo();
}
window.addEventListener('resize', layoutPhone);

function updateSimInfo() {
  const top = state.stack[state.stack.length - 1];
  const d = state.device;
  simInfo.replaceChildren(...[
    el('span', {}, `${d.name} · ${d.width}×${d.height} @${d.pixelRatio}x · ${state.zoom}%`),
    top ? el('span', { class: 'sim-route' }, [realmTag(top.realm), el('code', {}, top.route)]) : null,
    el('span', { class: 'sim-stack' }, `stack ${state.stack.length}`),
    state.lastReload ? el('span', { id: 'last-reload', class: 'sim-reload', title: state.lastReload.what }, `reloaded ${state.lastReload.what} in ${state.lastReload.ms.toFixed(1)} ms`) : null,
  ].filter(Boolean));
}

function realmTag(realm) {
  return el('span', { class: `realm realm-${realm === 'plugin' ? 'plugin' : 'host'}` }, realm === 'plugin' ? 'plugin' : 'host');
}
ctx.realmTag = realmTag;

deviceSel.value = state.device.name;
zoomSel.value = String(settings.zoom);
deviceSel.addEventListener('change', () => {
  const d = DEVICES.find((x) => x.name === deviceSel.value);
  if (!d) return;
  state.device = d; settings.device = d.name; save();
  layoutPhone();
  for (const f of state.frames.values()) sendToFrame(f, { mpsim: 'device', width: d.width, height: d.height });
  invoke('set_device', { name: d.name });
});
zoomSel.addEventListener('change', () => { settings.zoom = zoomSel.value; save(); layoutPhone(); });
reloadBtn.addEventListener('click', () => invoke('reload', {}));
routeInput.value = settings.route;
queryInput.value = settings.query;
const compile = () => {
  settings.route = routeInput.value.trim(); settings.query = queryInput.value.trim(); save();
  const args = {};
  if (settings.route) args.route = settings.route;
  if (settings.query) args.query = settings.query.replace(/^\?/, '');
  invoke('reload', args);
};
compileBtn.addEventListener('click', compile);
for (const i of [routeInput, queryInput]) i.addEventListener('keydown', (e) => { if (e.key === 'Enter') compile(); });
assistantInput.addEventListener('change', () => invoke('set_settings', { assistantAppid: assistantInput.value.trim() }));
navBack.addEventListener('click', () => invoke('navigate_back', {}));

// ---- frames ---------------------------------------------------------------------------------

function sendToFrame(f, msg) {
  if (!f.ready) { f.queue.push(msg); return; }
  f.iframe.contentWindow.postMessage(msg, '*');
}

function newFrame(page) {
  // Pages pushed onto a stack slide in; the first page simply appears.
  const slide = state.frames.size > 0;
  const iframe = el('iframe', { class: slide ? 'page-frame entering' : 'page-frame', src: FRAME_SRC, title: page.route });
  const doc = new MiniDocument();
  const root = doc.createElement('wx-page');
  const f = { id: page.id, iframe, ready: false, queue: [], route: page.route, realm: page.realm, window: page.window || {},
    model: { doc, root, dom: new PageDom(doc, root) } };
  state.frames.set(page.id, f);
  pagesBox.append(iframe);
  // A timer, not requestAnimationFrame: frames are not painted while the window is hidden
  // or unfocused, and a frame must never stay off-screen.
  if (slide) setTimeout(() => iframe.classList.remove('entering'), 30);
  for (const m of state.pending.get(page.id) || []) deliver(f, m);
  state.pending.delete(page.id);
  return f;
}

function deliver(f, m) {
  if (m.kind === 'page') {
    // Top-level ops of a page name its `root` node id.
    const root = m.root ?? m.id;
    f.model.dom.render(root, m.tree || []);
    sendToFrame(f, { mpsim: 'page', id: root, css: m.css || '', tree: m.tree || [], host: m.host || null,
      background: (f.window && f.window.backgroundColor) || null });
  } else if (m.kind === 'patches') {
    f.model.dom.apply(m.ops || []);
    sendToFrame(f, { mpsim: 'patches', ops: m.ops || [] });
  } else if (m.kind === 'css') {
    sendToFrame(f, { mpsim: 'css', css: m.css || '' });
  }
  if (f === topFrame()) wxmlPanel.changed();
}

window.addEventListener('message', (e) => {
  const m = e.data;
  if (!m || typeof m !== 'object' || !m.mpsim) return;
  const f = [...state.frames.values()].find((x) => x.iframe.contentWindow === e.source);
  if (!f) return;
  switch (m.mpsim) {
    case 'ready': {
      f.ready = true;
      f.iframe.contentWindow.postMessage({ mpsim: 'device', width: state.device.width, height: state.device.height }, '*');
      const q = f.queue; f.queue = [];
      for (const msg of q) f.iframe.contentWindow.postMessage(msg, '*');
      break;
    }
    case 'event':
      invoke('ui_event', { page: f.id, node: m.node, type: m.type, detail: m.detail || {}, touches: m.touches || [] });
      break;
    case 'painted':
      if (!state.firstPaint) { state.firstPaint = performance.now(); invoke('painted', {}); }
      break;
    case 'error':
      consolePanel.add([{ level: 'error', text: `[frame ${f.id}] ${m.message}`, location: null, realm: 'host', source: 'mpsim' }]);
      break;
    default:
  }
});

function applyStack(pages) {
  state.stack = pages || [];
  const ids = new Set(state.stack.map((p) => p.id));
  for (const [id, f] of state.frames) {
    if (!ids.has(id)) { f.iframe.remove(); state.frames.delete(id); state.navOverride.delete(id); }
  }
  state.stack.forEach((p, i) => {
    const f = state.frames.get(p.id) || newFrame(p);
    f.route = p.route; f.realm = p.realm; f.window = p.window || {};
    f.iframe.style.zIndex = String(i + 1);
    f.iframe.classList.toggle('covered', i < state.stack.length - 1);
    if (i === state.stack.length - 1) f.iframe.classList.remove('covered');
  });
  emptyState.hidden = state.stack.length > 0;
  paintChrome();
  wxmlPanel.changed();
  updateSimInfo();
}

function paintChrome() {
  const top = state.stack[state.stack.length - 1];
  const w = (top && top.window) || {};
  const o = (top && state.navOverride.get(top.id)) || {};
  const bg = o.backgroundColor || w.navigationBarBackgroundColor || '#ffffff';
  const white = (o.frontColor ? o.frontColor.toLowerCase() === '#ffffff' : w.navigationBarTextStyle === 'white');
  const custom = w.navigationStyle === 'custom';
  navBar.hidden = custom;
  screen.classList.toggle('nav-custom', custom);
  screen.classList.toggle('front-white', white);
  navBar.style.backgroundColor = bg;
  statusBar.style.backgroundColor = custom ? 'transparent' : bg;
  navTitle.textContent = o.title ?? w.navigationBarTitleText ?? '';
  navBack.hidden = state.stack.length < 2;
  pagesBox.style.backgroundColor = w.backgroundColor || '#ffffff';
  // tabBar
  const tb = state.project && state.project.tabBar;
  const route = top ? top.route.replace(/^\//, '') : '';
  const list = (tb && tb.list) || [];
  const onTab = list.some((t) => String(t.pagePath).replace(/^\//, '') === route);
  tabBar.hidden = !onTab;
  screen.classList.toggle('has-tabbar', onTab);
  if (onTab) {
    tabBar.style.backgroundColor = tb.backgroundColor || '#f7f7f7';
    tabBar.classList.toggle('border-white', tb.borderStyle === 'white');
    tabBar.replaceChildren(...list.map((t) => {
      const sel = String(t.pagePath).replace(/^\//, '') === route;
      const item = el('button', { class: `tab-item${sel ? ' selected' : ''}` }, [
        el('span', { class: 'tab-icon' }), el('span', { class: 'tab-text' }, t.text || ''),
      ]);
      item.style.color = sel ? (tb.selectedColor || '#07c160') : (tb.color || '#7a7e83');
      const icon = sel ? (t.selectedIconPath || t.iconPath) : t.iconPath;
      if (icon && REAL_TAURI) item.firstChild.style.backgroundImage = `url("mpsim://localhost/project/${encodeURI(icon.replace(/^\//, ''))}")`;
      else item.firstChild.classList.add('no-icon');
      item.addEventListener('click', () => { if (!sel) invoke('switch_tab', { url: `/${String(t.pagePath).replace(/^\//, '')}` }); });
      return item;
    }));
  }
}

// ---- native wx UI -----------------------------------------------------------------------------

let toastTimer = null;
let toastEl = null;
function hideToast() { clearTimeout(toastTimer); if (toastEl) { toastEl.remove(); toastEl = null; } }
function showToast(o, loading) {
  hideToast();
  const icon = loading ? 'loading' : (o.image ? 'none' : (o.icon || 'success'));
  const box = el('div', { class: `toast${icon === 'none' ? ' text-only' : ''}` }, [
    icon === 'none' ? null : (icon === 'loading' ? el('i', { class: 'toast-spinner' }) : I(icon === 'error' ? 'toast-error' : 'toast-success', 'toast-icon')),
    el('div', { class: 'toast-title' }, String(o.title ?? '')),
  ]);
  toastEl = el('div', { class: `toast-layer${o.mask ? ' masked' : ''}` }, [box]);
  nativeLayer.append(toastEl);
  if (!loading) toastTimer = setTimeout(hideToast, Number(o.duration) || 1500);
}
function closeOnClick(layer, buttons) {
  for (const b of buttons) b.addEventListener('click', () => layer.remove());
}
function showModal(o) {
  const confirm = el('button', { class: 'modal-btn confirm' }, String(o.confirmText || '确定'));
  confirm.style.color = o.confirmColor || '';
  const cancel = o.showCancel === false ? null : el('button', { class: 'modal-btn cancel' }, String(o.cancelText || '取消'));
  if (cancel) cancel.style.color = o.cancelColor || '';
  const layer = el('div', { class: 'mask' }, [el('div', { class: 'modal' }, [
    o.title ? el('div', { class: 'modal-title' }, String(o.title)) : null,
    o.editable ? el('input', { class: 'modal-input', placeholder: String(o.placeholderText || ''), value: String(o.content || '') })
      : (o.content ? el('div', { class: `modal-content${o.title ? '' : ' alone'}` }, String(o.content)) : null),
    el('div', { class: 'modal-foot' }, [cancel, confirm]),
    el('div', { class: 'modal-note' }, 'The choice was already resolved by mpsim'),
  ])]);
  nativeLayer.append(layer);
  closeOnClick(layer, [confirm, cancel].filter(Boolean));
}
function showActionSheet(o) {
  const items = (o.itemList || []).map((t) => {
    const b = el('button', { class: 'sheet-item' }, String(t));
    b.style.color = o.itemColor || '';
    return b;
  });
  const cancel = el('button', { class: 'sheet-item sheet-cancel' }, '取消');
  const layer = el('div', { class: 'mask sheet-mask' }, [el('div', { class: 'sheet' }, [
    o.alertText ? el('div', { class: 'sheet-alert' }, String(o.alertText)) : null, ...items, el('div', { class: 'sheet-gap' }), cancel,
  ])]);
  nativeLayer.append(layer);
  closeOnClick(layer, [...items, cancel]);
  layer.addEventListener('click', (e) => { if (e.target === layer) layer.remove(); });
}

function uiCall(m) {
  const o = m.options || {};
  const ov = () => { if (!state.navOverride.has(m.page)) state.navOverride.set(m.page, {}); return state.navOverride.get(m.page); };
  switch (m.api) {
    case 'showToast': showToast(o, o.icon === 'loading'); break;
    case 'hideToast': case 'hideLoading': hideToast(); break;
    case 'showLoading': showToast({ ...o, mask: o.mask }, true); break;
    case 'showModal': showModal(o); break;
    case 'showActionSheet': showActionSheet(o); break;
    case 'setNavigationBarTitle': ov().title = String(o.title ?? ''); paintChrome(); break;
    case 'setNavigationBarColor':
      Object.assign(ov(), { frontColor: o.frontColor, backgroundColor: o.backgroundColor }); paintChrome(); break;
    case 'showNavigationBarLoading': navLoading.hidden = false; break;
    case 'hideNavigationBarLoading': navLoading.hidden = true; break;
    case 'pageScrollTo': {
      const f = state.frames.get(m.page) || topFrame();
      if (f) sendToFrame(f, { mpsim: 'scroll', top: Number(o.scrollTop) || 0, duration: o.duration ?? 300, selector: o.selector || null, offsetTop: o.offsetTop || 0 });
      break;
    }
    default:
      consolePanel.add([{ level: 'debug', text: `ui: ${m.api} is not painted by the shell`, location: null, realm: 'host', source: 'mpsim' }]);
  }
}

// ---- diagnostics overlay --------------------------------------------------------------------

function paintDiagOverlay() {
  const errors = state.diagnostics.filter((d) => d.severity === 'error');
  diagOverlay.hidden = !errors.length || state.diagDismissed;
  if (!errors.length) return;
  const first = errors[0];
  const loc = `${first.path}:${first.line}:${first.col}`;
  const link = el('a', { class: 'diag-loc', href: '#', title: 'Open in editor' }, loc);
  link.addEventListener('click', (e) => { e.preventDefault(); ctx.openLocation(loc); });
  const more = errors.length > 1 ? el('a', { class: 'diag-more', href: '#' }, `+${errors.length - 1} more`) : null;
  if (more) more.addEventListener('click', (e) => { e.preventDefault(); selectTab('diagnostics'); });
  const close = el('button', { class: 'diag-close', title: 'Hide until the diagnostics change' }, '×');
  close.addEventListener('click', () => { state.diagDismissed = true; paintDiagOverlay(); });
  diagOverlay.replaceChildren(el('div', { class: 'diag-card' }, [
    el('div', { class: 'diag-head' }, [I('error'), el('span', {}, errors.length === 1 ? 'Build error' : `${errors.length} build errors`), close]),
    link,
    el('pre', { class: 'diag-msg' }, first.message + (first.code ? `  [${first.code}]` : '')),
    el('div', { class: 'diag-foot' }, [el('span', {}, 'Showing the last good render.'), more]),
  ]));
}

// ---- Rust → shell ---------------------------------------------------------------------------

function onUpdate(p) {
  if (!p || typeof p !== 'object') return;
  switch (p.kind) {
    case 'project': {
      state.project = p;
      projectLabel.textContent = p.name || '';
      projectLabel.title = `${p.dir || ''}\nappid ${p.appid || '—'}${p.pluginAppid ? `\nplugin ${p.pluginAppid}` : ''}`;
      if (document.activeElement !== assistantInput) assistantInput.value = p.assistantAppid || '';
      if (p.device && p.device.name) {
        let d = DEVICES.find((x) => x.name === p.device.name);
        if (!d) {
          d = { ...p.device, os: /android|pixel|galaxy/i.test(p.device.name) ? 'android' : 'ios', status: 24 };
          DEVICES.push(d);
          deviceSel.append(el('option', { value: d.name }, `${d.name}  ${d.width}×${d.height}`));
        }
        state.device = d; deviceSel.value = d.name; layoutPhone();
      }
      routeList.replaceChildren(...(p.routes || []).map((r) => el('option', { value: r })));
      recentSel.replaceChildren(el('option', { value: '' }, 'Recent'), ...(p.recent || []).map((d) => el('option', { value: d }, d)));
      if (p.compileMode && document.activeElement !== routeInput && document.activeElement !== queryInput) {
        routeInput.value = p.compileMode.route || '';
        queryInput.value = p.compileMode.query || '';
      }
      document.title = `${p.name || 'project'} — mpsim`;
      paintChrome();
      break;
    }
    case 'stack': applyStack(p.pages); break;
    case 'page':
    case 'css':
    case 'patches': {
      const id = p.kind === 'page' ? p.id : p.page;
      const f = state.frames.get(id);
      if (f) deliver(f, p);
      else {
        const q = state.pending.get(id) || [];
        if (p.kind === 'page') q.length = 0;
        q.push(p);
        state.pending.set(id, q);
      }
      break;
    }
    case 'console': consolePanel.add(p.lines || []); break;
    case 'diagnostics':
      state.diagnostics = p.items || [];
      state.diagDismissed = false;
      diagnosticsPanel.update(state.diagnostics);
      paintDiagOverlay();
      break;
    case 'ui': uiCall(p); break;
    case 'doc': docPanel.update(p); break;
    case 'appdata': appDataPanel.update(p); break;
    case 'storage': storagePanel.update(p.partitions || []); break;
    case 'reload':
      state.lastReload = { what: p.what || 'reloaded', ms: Number(p.ms || 0) };
      updateSimInfo();
      consolePanel.add([{ level: 'info', text: `hot reload: ${state.lastReload.what} in ${state.lastReload.ms.toFixed(1)} ms`, location: null, realm: 'host', source: 'mpsim' }]);
      break;
    default:
  }
}

layoutPhone();
requestAnimationFrame(layoutPhone);
Promise.resolve(tauri.event.listen('mpsim:update', (e) => {
  try { onUpdate(e.payload); } catch (err) {
    console.error(err);
    consolePanel.add([{ level: 'error', text: `shell: ${err && err.stack || err}`, location: null, realm: 'host', source: 'mpsim' }]);
  }
})).then(() => invoke('shell_ready', {}));
if (Object.keys(settings.functionalPages).length) invoke('set_settings', { functionalPages: currentFp() });
