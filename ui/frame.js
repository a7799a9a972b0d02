// One page of the page stack. Runs under a strict CSP, never runs project JavaScript:
// it builds DOM from `page` messages, applies `patches`, gives built-in components their
// WeChat look and behaviour, and forwards input to the shell as `event` messages.
import { PageDom } from './dom-ops.js';
import { sanitizeNodes, buildNodes } from './sanitize.js';

const doc = document;
const pageRoot = doc.querySelector('wx-page');
const recOfEl = new WeakMap();
let pageDom = null;
let painted = false;
let pageStyle = null;

const post = (msg) => window.parent.postMessage(msg, '*');
const fail = (e) => post({ mpsim: 'error', message: String((e && e.stack) || e) });

// ---- attribute helpers ------------------------------------------------------------------

const rawAttr = (el, name) => {
  const r = recOfEl.get(el);
  if (r && r.attrs && name in r.attrs) return r.attrs[name];
  return el.getAttribute(name);
};
const str = (el, name, dflt = '') => {
  const v = rawAttr(el, name);
  return v == null ? dflt : typeof v === 'string' ? v : JSON.stringify(v);
};
const bool = (el, name) => {
  const v = rawAttr(el, name);
  return v != null && v !== false && v !== 'false';
};
const num = (el, name, dflt) => {
  const v = parseFloat(rawAttr(el, name));
  return Number.isFinite(v) ? v : dflt;
};
const json = (el, name, dflt) => {
  const v = rawAttr(el, name);
  if (v == null || v === '') return dflt;
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (t.startsWith('[') || t.startsWith('{')) { try { return JSON.parse(t); } catch { /* fall through */ } }
  return t.includes(',') ? t.split(',') : [t];
};
const h = (tag, cls, parent) => {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (parent) parent.appendChild(e);
  return e;
};
const px = (v) => (/^-?[\d.]+$/.test(String(v)) ? `${v}px` : String(v));

/** Image/project URLs: `/a.png` → the project root served by the mpsim protocol. */
function resolveSrc(src) {
  if (!src) return '';
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) return src;
  if (src.startsWith('/')) return '../project' + src;
  return src;
}

// ---- events -----------------------------------------------------------------------------

const TOUCH_TYPES = new Set(['touchstart', 'touchmove', 'touchend', 'touchcancel', 'tap', 'longpress', 'longtap']);

/** Does the node (or, for bubbling touch events, an ancestor) listen to `type`? */
function listens(rec, type) {
  for (let r = rec; r; r = r.parent) {
    if (r.events && r.events.has(type)) return true;
    if (type === 'tap' && r.type === 'element' && r.tag === 'navigator') return true;
    if (!TOUCH_TYPES.has(type)) return false;
  }
  return false;
}

function emit(rec, type, detail = {}, touches = []) {
  if (!rec || !listens(rec, type)) return false;
  post({ mpsim: 'event', node: rec.id, type, detail, touches });
  return true;
}
const emitEl = (el, type, detail) => emit(recOfEl.get(el), type, detail);

function recAt(target) {
  for (let n = target; n && n !== doc; n = n.parentNode) {
    const r = recOfEl.get(n);
    if (r) return r;
  }
  return null;
}

const touchOf = (e) => ({ identifier: e.pointerId ?? 0, pageX: e.pageX, pageY: e.pageY, clientX: e.clientX, clientY: e.clientY, force: 1 });

let press = null;
doc.addEventListener('pointerdown', (e) => {
  if (e.button !== 0) return;
  const rec = recAt(e.target);
  press = { rec, x: e.clientX, y: e.clientY, moved: false, longFired: false, t: e.timeStamp, id: e.pointerId };
  hoverStart(e.target);
  if (!rec) return;
  const touches = [touchOf(e)];
  emit(rec, 'touchstart', { x: e.pageX, y: e.pageY }, touches);
  const p = press;
  p.timer = setTimeout(() => {
    if (press !== p || p.moved) return;
    // a handled longpress cancels the tap; the deprecated longtap does not
    p.longFired = emit(rec, 'longpress', { x: e.pageX, y: e.pageY }, touches);
    emit(rec, 'longtap', { x: e.pageX, y: e.pageY }, touches);
  }, 350);
}, true);

let lastMove = 0;
doc.addEventListener('pointermove', (e) => {
  if (!press || e.pointerId !== press.id) return;
  if (Math.hypot(e.clientX - press.x, e.clientY - press.y) > 10) { press.moved = true; hoverEnd(); }
  if (press.rec && e.timeStamp - lastMove > 16) {
    lastMove = e.timeStamp;
    emit(press.rec, 'touchmove', { x: e.pageX, y: e.pageY }, [touchOf(e)]);
  }
}, true);

doc.addEventListener('pointerup', (e) => {
  const p = press;
  if (!p || e.pointerId !== p.id) return;
  press = null;
  clearTimeout(p.timer);
  hoverEnd();
  if (!p.rec) return;
  emit(p.rec, 'touchend', { x: e.pageX, y: e.pageY }, [touchOf(e)]);
  if (!p.moved && !p.longFired && !tapBlocked(p.rec)) emit(p.rec, 'tap', { x: e.pageX, y: e.pageY }, [touchOf(e)]);
}, true);

doc.addEventListener('pointercancel', (e) => {
  const p = press;
  if (!p || e.pointerId !== p.id) return;
  press = null;
  clearTimeout(p.timer);
  hoverEnd();
  if (p.rec) emit(p.rec, 'touchcancel', { x: e.pageX, y: e.pageY }, [touchOf(e)]);
}, true);

// a disabled button swallows taps, as on a phone
function tapBlocked(rec) {
  for (let r = rec; r; r = r.parent) if (r.type === 'element' && r.tag === 'button' && bool(r.el, 'disabled')) return true;
  return false;
}

// hover-class: view/button/navigator… get their hover class while pressed
let hovered = null;
function hoverStart(target) {
  hoverEnd(true);
  for (let n = target; n && n !== doc && n.getAttribute; n = n.parentNode) {
    const tag = n.localName;
    const dflt = tag === 'wx-button' ? 'button-hover' : tag === 'wx-navigator' ? 'navigator-hover' : null;
    const cls = n.hasAttribute('hover-class') ? n.getAttribute('hover-class') : dflt;
    if (cls == null) { if (n.hasAttribute('hover-stop-propagation')) return; continue; }
    if (cls === 'none' || n.hasAttribute('disabled')) return;
    const classes = cls.split(/\s+/).filter(Boolean);
    const el = n;
    const start = setTimeout(() => el.classList.add(...classes), num(el, 'hover-start-time', 20));
    hovered = { el, classes, start, stay: num(el, 'hover-stay-time', tag === 'wx-button' ? 70 : 400) };
    return;
  }
}
function hoverEnd(now = false) {
  const hv = hovered;
  if (!hv) return;
  hovered = null;
  clearTimeout(hv.start);
  setTimeout(() => hv.el.classList.remove(...hv.classes), now ? 0 : hv.stay);
}

// ---- built-in components ----------------------------------------------------------------

const B = {}; // tag → { setup(el), update(el, name), content(el) }

B.button = {
  setup(el) { el._spin = h('i', 'wx-loading-icon'); },
  update(el) {
    if (bool(el, 'loading')) { if (el._spin.parentNode !== el) el.insertBefore(el._spin, el.firstChild); }
    else if (el._spin.parentNode) el.removeChild(el._spin);
  },
  click(el) {
    if (bool(el, 'disabled')) return;
    const ft = str(el, 'form-type');
    const form = el.closest('wx-form');
    if (form && ft === 'submit') emitEl(form, 'submit', { value: formValues(form), target: {} });
    if (form && ft === 'reset') emitEl(form, 'reset', {});
  },
};

function formValues(form) {
  const out = {};
  for (const c of form.querySelectorAll('[name]')) {
    const tag = c.localName;
    const name = c.getAttribute('name');
    if (tag === 'wx-input' || tag === 'wx-textarea') out[name] = c._field.value;
    else if (tag === 'wx-switch') out[name] = !!c._checked;
    else if (tag === 'wx-slider') out[name] = c._value;
    else if (tag === 'wx-checkbox-group') out[name] = groupValues(c, 'wx-checkbox');
    else if (tag === 'wx-radio-group') out[name] = groupValues(c, 'wx-radio')[0] ?? '';
    else if (tag === 'wx-picker') out[name] = c._value ?? str(c, 'value');
  }
  return out;
}

function field(kind) {
  return {
    setup(el) {
      const f = h(kind, 'wx-field', el);
      el._field = f;
      let keyCode = 0;
      f.addEventListener('keydown', (e) => {
        keyCode = e.keyCode;
        if (e.key === 'Enter' && kind === 'input') emitEl(el, 'confirm', { value: f.value });
      });
      f.addEventListener('input', () => {
        if (kind === 'textarea' && bool(el, 'auto-height')) autoHeight(el);
        emitEl(el, 'input', { value: f.value, cursor: f.selectionStart ?? f.value.length, keyCode });
      });
      f.addEventListener('focus', () => emitEl(el, 'focus', { value: f.value, height: 0 }));
      f.addEventListener('blur', () => emitEl(el, 'blur', { value: f.value, cursor: f.selectionStart ?? f.value.length }));
    },
    update(el, name) {
      const f = el._field;
      const v = str(el, 'value');
      if (name == null || name === 'value') if (f.value !== v) f.value = v;
      const t = str(el, 'type', 'text');
      if (kind === 'input') {
        f.type = bool(el, 'password') || t === 'safe-password' ? 'password' : 'text';
        f.inputMode = t === 'number' ? 'numeric' : t === 'digit' ? 'decimal' : t === 'idcard' ? 'text' : '';
      }
      f.placeholder = str(el, 'placeholder');
      f.disabled = bool(el, 'disabled');
      const max = num(el, 'maxlength', 140);
      if (max >= 0) f.maxLength = max; else f.removeAttribute('maxlength');
      const ps = str(el, 'placeholder-style');
      if (ps) f.style.setProperty('--ph-color', (/color\s*:\s*([^;]+)/.exec(ps) || [])[1] || '');
      if ((name == null || name === 'focus' || name === 'auto-focus') && (bool(el, 'focus') || bool(el, 'auto-focus'))) setTimeout(() => f.focus(), 0);
      if (kind === 'textarea' && bool(el, 'auto-height')) autoHeight(el);
    },
  };
}
function autoHeight(el) {
  el._field.style.height = 'auto';
  el.style.height = 'auto';
  el._field.style.height = `${el._field.scrollHeight}px`;
}
B.input = field('input');
B.textarea = field('textarea');

function colorVar(el, attr, dflt) {
  const c = str(el, attr) || dflt;
  if (c) el.style.setProperty('--wx-color', c); else el.style.removeProperty('--wx-color');
}

B.switch = {
  setup(el) {
    el._box = h('span', 'wx-switch-input');
    el.insertBefore(el._box, el.firstChild);
  },
  update(el, name) {
    if (name == null || name === 'checked') el._checked = bool(el, 'checked');
    el._box.className = str(el, 'type') === 'checkbox' ? 'wx-checkbox-input' : 'wx-switch-input';
    el.toggleAttribute('data-checked', el._checked);
    colorVar(el, 'color');
  },
  click(el) {
    if (bool(el, 'disabled')) return;
    el._checked = !el._checked;
    el.toggleAttribute('data-checked', el._checked);
    emitEl(el, 'change', { value: el._checked });
  },
};

function groupValues(group, tag) {
  return [...group.querySelectorAll(tag)].filter((c) => c._checked).map((c) => str(c, 'value'));
}
function choice(kind) {
  return {
    setup(el) {
      el._box = h('span', `wx-${kind}-input`);
      el.insertBefore(el._box, el.firstChild);
    },
    update(el, name) {
      if (name == null || name === 'checked') el._checked = bool(el, 'checked');
      el.toggleAttribute('data-checked', el._checked);
      colorVar(el, 'color');
    },
    click(el) {
      if (bool(el, 'disabled')) return;
      const group = el.closest(`wx-${kind}-group`);
      if (kind === 'radio') {
        if (el._checked) return;
        if (group) for (const r of group.querySelectorAll('wx-radio')) { r._checked = false; r.removeAttribute('data-checked'); }
        el._checked = true;
      } else el._checked = !el._checked;
      el.toggleAttribute('data-checked', el._checked);
      if (group) {
        const values = groupValues(group, `wx-${kind}`);
        emitEl(group, 'change', { value: kind === 'radio' ? values[0] : values });
      }
    },
  };
}
B.checkbox = choice('checkbox');
B.radio = choice('radio');

B.label = {
  click(el, e) {
    if (e.target.closest('wx-checkbox, wx-radio, wx-switch, wx-button, wx-input, wx-textarea') ) return;
    const forId = str(el, 'for');
    const target = forId ? doc.getElementById(forId) : el.querySelector('wx-checkbox, wx-radio, wx-switch');
    const spec = target && B[target.localName.slice(3)];
    if (spec && spec.click) spec.click(target, e);
  },
};

B.slider = {
  setup(el) {
    const wrap = h('div', 'wx-slider-wrapper', el);
    const tapArea = h('div', 'wx-slider-tap-area', wrap);
    const track = h('div', 'wx-slider-handle-wrapper', tapArea);
    el._active = h('div', 'wx-slider-track', track);
    el._thumb = h('div', 'wx-slider-thumb', track);
    el._label = h('span', 'wx-slider-value', wrap);
    const valueAt = (x) => {
      const r = track.getBoundingClientRect();
      const min = num(el, 'min', 0); const max = num(el, 'max', 100); const step = num(el, 'step', 1) || 1;
      const ratio = Math.min(1, Math.max(0, (x - r.left) / (r.width || 1)));
      return Math.min(max, Math.max(min, min + Math.round((ratio * (max - min)) / step) * step));
    };
    let dragging = false;
    tapArea.addEventListener('pointerdown', (e) => {
      if (bool(el, 'disabled')) return;
      dragging = true;
      tapArea.setPointerCapture(e.pointerId);
      B.slider.paint(el, valueAt(e.clientX));
      emitEl(el, 'changing', { value: el._value });
    });
    tapArea.addEventListener('pointermove', (e) => {
      if (!dragging) return;
      const v = valueAt(e.clientX);
      if (v !== el._value) { B.slider.paint(el, v); emitEl(el, 'changing', { value: v }); }
    });
    const end = () => { if (dragging) { dragging = false; emitEl(el, 'change', { value: el._value }); } };
    tapArea.addEventListener('pointerup', end);
    tapArea.addEventListener('pointercancel', end);
  },
  paint(el, v) {
    const min = num(el, 'min', 0); const max = num(el, 'max', 100);
    el._value = v;
    const pct = max > min ? ((v - min) / (max - min)) * 100 : 0;
    el._active.style.width = `${pct}%`;
    el._thumb.style.left = `${pct}%`;
    el._label.textContent = String(v);
  },
  update(el) {
    el._active.style.backgroundColor = str(el, 'active-color') || str(el, 'selected-color') || '#1aad19';
    el._active.parentNode.style.backgroundColor = str(el, 'background-color') || str(el, 'color') || '#e9e9e9';
    const bs = Math.min(28, Math.max(12, num(el, 'block-size', 28)));
    el._thumb.style.width = el._thumb.style.height = `${bs}px`;
    el._thumb.style.marginLeft = el._thumb.style.marginTop = `${-bs / 2}px`;
    el._thumb.style.backgroundColor = str(el, 'block-color') || '#fff';
    el._label.hidden = !bool(el, 'show-value');
    B.slider.paint(el, num(el, 'value', num(el, 'min', 0)));
  },
};

B.progress = {
  setup(el) {
    const bar = h('div', 'wx-progress-bar', el);
    el._inner = h('div', 'wx-progress-inner-bar', bar);
    el._info = h('span', 'wx-progress-info', el);
  },
  update(el, name) {
    const pct = Math.min(100, Math.max(0, num(el, 'percent', 0)));
    const bar = el._inner.parentNode;
    bar.style.height = px(num(el, 'stroke-width', 6));
    bar.style.backgroundColor = str(el, 'background-color') || str(el, 'backgroundColor') || '#ebebeb';
    bar.style.borderRadius = el._inner.style.borderRadius = px(num(el, 'border-radius', 0));
    el._inner.style.backgroundColor = str(el, 'active-color') || str(el, 'activeColor') || str(el, 'color') || '#09bb07';
    el._info.hidden = !bool(el, 'show-info');
    el._info.textContent = `${pct}%`;
    el._info.style.fontSize = px(num(el, 'font-size', 16));
    if (bool(el, 'active') && (name == null || name === 'percent')) {
      el._inner.style.transition = 'none';
      el._inner.style.width = str(el, 'active-mode') === 'forwards' ? el._inner.style.width : '0%';
      void el._inner.offsetWidth;
      el._inner.style.transition = `width ${num(el, 'duration', 30) * pct / 1000}s linear`;
    } else el._inner.style.transition = 'none';
    el._inner.style.width = `${pct}%`;
  },
};

const SVGNS = 'http://www.w3.org/2000/svg';
const ICONS = {
  // each: [default colour, shapes] in a 24×24 box; shapes are [tag, attrs]
  success: ['#07c160', [['circle', { cx: 12, cy: 12, r: 12, fill: 'C' }], ['path', { d: 'M6.5 12.4l3.7 3.6 7.3-7.5', fill: 'none', stroke: '#fff', 'stroke-width': 1.8 }]]],
  success_no_circle: ['#07c160', [['path', { d: 'M3.5 12.5l5.5 5.3L20.5 6', fill: 'none', stroke: 'C', 'stroke-width': 2.2 }]]],
  info: ['#10aeff', [['circle', { cx: 12, cy: 12, r: 12, fill: 'C' }], ['rect', { x: 10.9, y: 10, width: 2.2, height: 8, fill: '#fff' }], ['circle', { cx: 12, cy: 6.8, r: 1.4, fill: '#fff' }]]],
  warn: ['#f76260', [['circle', { cx: 12, cy: 12, r: 12, fill: 'C' }], ['rect', { x: 10.9, y: 5.5, width: 2.2, height: 8.5, fill: '#fff' }], ['circle', { cx: 12, cy: 17.4, r: 1.4, fill: '#fff' }]]],
  waiting: ['#10aeff', [['circle', { cx: 12, cy: 12, r: 12, fill: 'C' }], ['path', { d: 'M12 5.5V12l4.2 3', fill: 'none', stroke: '#fff', 'stroke-width': 1.9, 'stroke-linecap': 'round' }]]],
  cancel: ['#f43530', [['circle', { cx: 12, cy: 12, r: 12, fill: 'C' }], ['path', { d: 'M8 8l8 8M16 8l-8 8', stroke: '#fff', 'stroke-width': 1.9 }]]],
  download: ['#07c160', [['circle', { cx: 12, cy: 12, r: 12, fill: 'C' }], ['path', { d: 'M12 5.5v10M7.8 11.5l4.2 4.2 4.2-4.2M7 18.2h10', fill: 'none', stroke: '#fff', 'stroke-width': 1.8 }]]],
  search: ['#b2b2b2', [['circle', { cx: 10.2, cy: 10.2, r: 6.8, fill: 'none', stroke: 'C', 'stroke-width': 2 }], ['path', { d: 'M15.2 15.2l5.6 5.6', stroke: 'C', 'stroke-width': 2.2, 'stroke-linecap': 'round' }]]],
  clear: ['#b2b2b2', [['circle', { cx: 12, cy: 12, r: 12, fill: 'C' }], ['path', { d: 'M8.3 8.3l7.4 7.4M15.7 8.3l-7.4 7.4', stroke: '#fff', 'stroke-width': 1.8 }]]],
  info_circle: ['#10aeff', [['circle', { cx: 12, cy: 12, r: 11, fill: 'none', stroke: 'C', 'stroke-width': 1.6 }], ['rect', { x: 11, y: 10, width: 2, height: 8, fill: 'C' }], ['circle', { cx: 12, cy: 6.8, r: 1.3, fill: 'C' }]]],
};
B.icon = {
  update(el) {
    const spec = ICONS[str(el, 'type')] || ICONS.info;
    const color = str(el, 'color') || spec[0];
    const size = px(rawAttr(el, 'size') ?? 23);
    const svg = doc.createElementNS(SVGNS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', size);
    svg.setAttribute('height', size);
    for (const [tag, attrs] of spec[1]) {
      const s = doc.createElementNS(SVGNS, tag);
      for (const [k, v] of Object.entries(attrs)) s.setAttribute(k, v === 'C' ? color : String(v));
      svg.appendChild(s);
    }
    el.replaceChildren(svg);
  },
};

const FIT = { scaleToFill: ['fill', 'center'], aspectFit: ['contain', 'center'], aspectFill: ['cover', 'center'],
  widthFix: ['fill', 'center'], heightFix: ['fill', 'center'], top: ['none', 'center top'], bottom: ['none', 'center bottom'],
  center: ['none', 'center'], left: ['none', 'left center'], right: ['none', 'right center'], 'top left': ['none', 'left top'],
  'top right': ['none', 'right top'], 'bottom left': ['none', 'left bottom'], 'bottom right': ['none', 'right bottom'] };
B.image = {
  setup(el) {
    const img = h('img', '', el);
    img.alt = '';
    img.draggable = false;
    el._img = img;
    img.addEventListener('load', () => emitEl(el, 'load', { width: img.naturalWidth, height: img.naturalHeight }));
    img.addEventListener('error', () => { if (img.getAttribute('src')) emitEl(el, 'error', { errMsg: `GET ${img.src} 404 (Not Found)` }); });
  },
  update(el) {
    const img = el._img;
    const fit = FIT[str(el, 'mode', 'scaleToFill')] || FIT.scaleToFill;
    img.style.objectFit = fit[0];
    img.style.objectPosition = fit[1];
    img.loading = bool(el, 'lazy-load') ? 'lazy' : 'eager';
    const src = resolveSrc(str(el, 'src'));
    if (img.getAttribute('src') !== src) { if (src) img.setAttribute('src', src); else img.removeAttribute('src'); }
  },
};
B['cover-image'] = B.image;

B['rich-text'] = {
  update(el) {
    const clean = sanitizeNodes(rawAttr(el, 'nodes') ?? '');
    el.replaceChildren(...buildNodes(doc, clean, resolveSrc));
  },
};

B['scroll-view'] = {
  setup(el) {
    let last = { top: 0, left: 0 }; let timer = null; let edge = { upper: true, lower: false };
    const fire = () => {
      timer = null;
      const d = { scrollLeft: el.scrollLeft, scrollTop: el.scrollTop, scrollHeight: el.scrollHeight,
        scrollWidth: el.scrollWidth, deltaX: last.left - el.scrollLeft, deltaY: last.top - el.scrollTop };
      last = { top: el.scrollTop, left: el.scrollLeft };
      emitEl(el, 'scroll', d);
      const x = bool(el, 'scroll-x') && !bool(el, 'scroll-y');
      const pos = x ? el.scrollLeft : el.scrollTop;
      const max = x ? el.scrollWidth - el.clientWidth : el.scrollHeight - el.clientHeight;
      const upper = pos <= num(el, 'upper-threshold', 50);
      const lower = max - pos <= num(el, 'lower-threshold', 50);
      if (upper && !edge.upper) emitEl(el, 'scrolltoupper', { direction: x ? 'left' : 'top' });
      if (lower && !edge.lower) emitEl(el, 'scrolltolower', { direction: x ? 'right' : 'bottom' });
      edge = { upper, lower };
    };
    el.addEventListener('scroll', () => { if (!timer) timer = setTimeout(fire, 50); }, { passive: true });
  },
  update(el, name) {
    el.style.overflowX = bool(el, 'scroll-x') ? 'auto' : 'hidden';
    el.style.overflowY = bool(el, 'scroll-y') ? 'auto' : 'hidden';
    const behavior = bool(el, 'scroll-with-animation') ? 'smooth' : 'auto';
    const go = () => {
      if ((name == null || name === 'scroll-top') && rawAttr(el, 'scroll-top') != null) el.scrollTo({ top: num(el, 'scroll-top', 0), behavior });
      if ((name == null || name === 'scroll-left') && rawAttr(el, 'scroll-left') != null) el.scrollTo({ left: num(el, 'scroll-left', 0), behavior });
      const into = str(el, 'scroll-into-view');
      if ((name == null || name === 'scroll-into-view') && into) {
        const t = el.querySelector(`#${CSS.escape(into)}`);
        if (t) {
          const a = el.getBoundingClientRect(); const b = t.getBoundingClientRect();
          el.scrollTo({ top: el.scrollTop + b.top - a.top, left: el.scrollLeft + b.left - a.left, behavior });
        }
      }
    };
    if (name == null) requestAnimationFrame(go); else go();
  },
};

B.swiper = {
  setup(el) {
    const slides = h('div', 'wx-swiper-slides', el);
    el._track = h('div', 'wx-swiper-track', slides);
    el._dots = h('div', 'wx-swiper-dots', el);
    el._current = 0;
    new MutationObserver(() => B.swiper.layout(el)).observe(el._track, { childList: true });
    let drag = null;
    slides.addEventListener('pointerdown', (e) => {
      if (bool(el, 'disable-touch') || str(el, 'touchable') === 'false') return;
      drag = { x: e.clientX, y: e.clientY, t: e.timeStamp };
      slides.setPointerCapture(e.pointerId);
      el._track.style.transitionDuration = '0ms';
    });
    slides.addEventListener('pointermove', (e) => {
      if (!drag) return;
      const v = bool(el, 'vertical');
      const d = v ? e.clientY - drag.y : e.clientX - drag.x;
      B.swiper.place(el, d);
    });
    const end = (e) => {
      if (!drag) return;
      const v = bool(el, 'vertical');
      const d = v ? e.clientY - drag.y : e.clientX - drag.x;
      const size = v ? slides.clientHeight : slides.clientWidth;
      const fast = Math.abs(d) > 20 && e.timeStamp - drag.t < 250;
      drag = null;
      let next = el._current;
      if (Math.abs(d) > size / 4 || fast) next += d < 0 ? 1 : -1;
      B.swiper.go(el, next, 'touch');
    };
    slides.addEventListener('pointerup', end);
    slides.addEventListener('pointercancel', end);
  },
  content: (el) => el._track,
  count: (el) => el._track.children.length,
  go(el, i, source) {
    const n = B.swiper.count(el);
    if (!n) return;
    let next = i;
    if (bool(el, 'circular')) next = ((i % n) + n) % n;
    else next = Math.max(0, Math.min(n - 1, i));
    el._track.style.transitionDuration = `${num(el, 'duration', 500)}ms`;
    const changed = next !== el._current;
    el._current = next;
    B.swiper.layout(el);
    if (changed && source !== null) emitEl(el, 'change', { current: next, currentItemId: el._track.children[next]?.getAttribute('item-id') || '', source });
  },
  place(el, offset = 0) {
    const v = bool(el, 'vertical');
    const axis = v ? 'Y' : 'X';
    el._track.style.transform = `translate${axis}(calc(${-el._current * 100}% + ${offset}px))`;
  },
  layout(el) {
    const n = B.swiper.count(el);
    if (el._current >= n) el._current = Math.max(0, n - 1);
    B.swiper.place(el);
    el._dots.hidden = !bool(el, 'indicator-dots');
    const color = str(el, 'indicator-color') || 'rgba(0, 0, 0, .3)';
    const active = str(el, 'indicator-active-color') || '#000000';
    while (el._dots.children.length > n) el._dots.lastChild.remove();
    while (el._dots.children.length < n) h('i', 'wx-swiper-dot', el._dots);
    [...el._dots.children].forEach((d, k) => { d.style.backgroundColor = k === el._current ? active : color; });
  },
  update(el, name) {
    el.toggleAttribute('data-vertical', bool(el, 'vertical'));
    if (name == null || name === 'current') el._current = num(el, 'current', 0);
    B.swiper.layout(el);
    clearInterval(el._auto);
    if (bool(el, 'autoplay')) el._auto = setInterval(() => { if (el.isConnected) B.swiper.go(el, el._current + 1 >= B.swiper.count(el) ? 0 : el._current + 1, 'autoplay'); }, num(el, 'interval', 5000));
  },
  removed(el) { clearInterval(el._auto); },
};

B['movable-view'] = {
  setup(el) {
    el._pos = { x: 0, y: 0 };
    let drag = null;
    el.addEventListener('pointerdown', (e) => {
      if (bool(el, 'disabled') || str(el, 'direction', 'none') === 'none') return;
      drag = { x: e.clientX - el._pos.x, y: e.clientY - el._pos.y };
      el.setPointerCapture(e.pointerId);
    });
    el.addEventListener('pointermove', (e) => {
      if (!drag) return;
      const dir = str(el, 'direction', 'none');
      let { x, y } = el._pos;
      if (dir === 'all' || dir === 'horizontal') x = e.clientX - drag.x;
      if (dir === 'all' || dir === 'vertical') y = e.clientY - drag.y;
      B['movable-view'].place(el, x, y);
      emitEl(el, 'change', { x: el._pos.x, y: el._pos.y, source: 'touch' });
    });
    const end = () => { drag = null; };
    el.addEventListener('pointerup', end);
    el.addEventListener('pointercancel', end);
  },
  place(el, x, y) {
    const area = el.parentElement?.closest('wx-movable-area') || el.parentElement;
    if (area && !bool(el, 'out-of-bounds')) {
      x = Math.max(0, Math.min(x, area.clientWidth - el.offsetWidth));
      y = Math.max(0, Math.min(y, area.clientHeight - el.offsetHeight));
    }
    el._pos = { x, y };
    el.style.transform = `translate(${x}px, ${y}px)`;
  },
  update(el, name) {
    if (name == null || name === 'x' || name === 'y') requestAnimationFrame(() => B['movable-view'].place(el, num(el, 'x', 0), num(el, 'y', 0)));
  },
};

// picker: a bottom sheet with wheel-like columns
const pad = (n) => String(n).padStart(2, '0');
const range = (a, b) => Array.from({ length: b - a + 1 }, (_, k) => a + k);
B.picker = {
  click(el) {
    if (bool(el, 'disabled')) return;
    const mode = str(el, 'mode', 'selector');
    let cols; let sel;
    if (mode === 'multiSelector') {
      const key = str(el, 'range-key');
      cols = json(el, 'range', []).map((c) => (Array.isArray(c) ? c : []).map((x) => (key && x && typeof x === 'object' ? x[key] : x)));
      sel = json(el, 'value', []).map(Number);
    } else if (mode === 'time') {
      cols = [range(0, 23).map(pad), range(0, 59).map(pad)];
      const [hh, mm] = str(el, 'value', '00:00').split(':');
      sel = [Number(hh) || 0, Number(mm) || 0];
    } else if (mode === 'date') {
      const start = Number(str(el, 'start', '1970').slice(0, 4)) || 1970;
      const endY = Number(str(el, 'end', '2100').slice(0, 4)) || 2100;
      const [y, m, d] = (str(el, 'value') || new Date().toISOString().slice(0, 10)).split('-').map(Number);
      const fields = str(el, 'fields', 'day');
      cols = [range(start, endY).map((x) => `${x}年`)];
      sel = [Math.max(0, (y || start) - start)];
      if (fields !== 'year') { cols.push(range(1, 12).map((x) => `${x}月`)); sel.push((m || 1) - 1); }
      if (fields === 'day') { cols.push(range(1, 31).map((x) => `${x}日`)); sel.push((d || 1) - 1); }
      el._dateStart = start;
    } else {
      const key = str(el, 'range-key');
      cols = [json(el, 'range', []).map((x) => (key && x && typeof x === 'object' ? x[key] : x))];
      sel = [num(el, 'value', 0)];
    }
    openSheet(cols, sel, (res) => {
      let value;
      if (mode === 'selector') value = res[0];
      else if (mode === 'multiSelector') value = res;
      else if (mode === 'time') value = `${pad(res[0])}:${pad(res[1])}`;
      else if (mode === 'date') value = [String(el._dateStart + res[0]), res[1] != null ? pad(res[1] + 1) : null, res[2] != null ? pad(res[2] + 1) : null].filter(Boolean).join('-');
      el._value = value;
      emitEl(el, 'change', { value });
    }, () => emitEl(el, 'cancel', {}), (column, value) => emitEl(el, 'columnchange', { column, value }), str(el, 'header-text'));
  },
};

const ROW = 34;
function openSheet(cols, sel, onOk, onCancel, onColumn, header) {
  const mask = h('div', 'mpsim-picker-mask', doc.body);
  const sheet = h('div', 'mpsim-picker', doc.body);
  const bar = h('div', 'mpsim-picker-bar', sheet);
  const cancel = h('button', 'mpsim-picker-cancel', bar); cancel.textContent = '取消';
  const title = h('span', 'mpsim-picker-title', bar); title.textContent = header || '';
  const ok = h('button', 'mpsim-picker-ok', bar); ok.textContent = '确定';
  const body = h('div', 'mpsim-picker-body', sheet);
  h('div', 'mpsim-picker-indicator', body);
  const lists = cols.map((items, c) => {
    const col = h('div', 'mpsim-picker-col', body);
    h('div', 'mpsim-picker-pad', col);
    for (const it of items) { const r = h('div', 'mpsim-picker-item', col); r.textContent = it == null ? '' : String(it); }
    h('div', 'mpsim-picker-pad', col);
    requestAnimationFrame(() => { col.scrollTop = Math.max(0, Math.min(items.length - 1, sel[c] || 0)) * ROW; });
    let t = null;
    col.addEventListener('scroll', () => { clearTimeout(t); t = setTimeout(() => onColumn(c, Math.round(col.scrollTop / ROW)), 150); });
    return { col, n: items.length };
  });
  requestAnimationFrame(() => { mask.classList.add('open'); sheet.classList.add('open'); });
  const close = () => { mask.remove(); sheet.remove(); };
  mask.addEventListener('click', () => { close(); onCancel(); });
  cancel.addEventListener('click', () => { close(); onCancel(); });
  ok.addEventListener('click', () => {
    const res = lists.map(({ col, n }) => Math.max(0, Math.min(n - 1, Math.round(col.scrollTop / ROW))));
    close();
    onOk(res);
  });
}

// ---- dom-ops hooks ------------------------------------------------------------------------

function textValue(raw, parentRec) {
  if (!parentRec || parentRec.tag !== 'text' || parentRec.type !== 'element') return raw;
  const el = parentRec.el;
  let s = raw;
  if (bool(el, 'decode')) s = s.replace(/&(nbsp|lt|gt|amp|apos|ensp|emsp);/g, (_, e) => ({ nbsp: '\u00a0', lt: '<', gt: '>', amp: '&', apos: "'", ensp: '\u2002', emsp: '\u2003' })[e]);
  const sp = str(el, 'space');
  if (sp === 'ensp' || sp === 'emsp' || sp === 'nbsp') s = s.replace(/ /g, { ensp: '\u2002', emsp: '\u2003', nbsp: '\u00a0' }[sp]);
  return s;
}

const builtin = (el) => (el.localName && el.localName.startsWith('wx-') ? B[el.localName.slice(3)] : null);

const hooks = {
  create(el, rec) {
    recOfEl.set(el, rec);
    if (rec.type !== 'element') return;
    const spec = B[rec.tag];
    if (!spec) return;
    if (spec.setup) spec.setup(el);
    if (spec.update) spec.update(el, null);
  },
  attr(el, name, value, rec) {
    const spec = rec.type === 'element' ? B[rec.tag] : null;
    if (spec && spec.update) spec.update(el, name);
    if (rec.tag === 'text' && (name === 'decode' || name === 'space')) for (const k of rec.kids) if (k.type === 'text') k.el.nodeValue = textValue(k.text, rec);
  },
  content(el) {
    const spec = builtin(el);
    return spec && spec.content ? spec.content(el) : el;
  },
  text(node, raw, parentRec) { node.nodeValue = textValue(raw, parentRec); },
  removed(rec) {
    const spec = rec.type === 'element' ? B[rec.tag] : null;
    if (spec && spec.removed) spec.removed(rec.el);
  },
};

// component behaviour on click (taps are forwarded separately from pointer events)
doc.addEventListener('click', (e) => {
  for (let n = e.target; n && n !== doc; n = n.parentNode) {
    const spec = n.localName ? builtin(n) : null;
    if (spec && spec.click && recOfEl.has(n)) { spec.click(n, e); return; }
  }
});

// ---- highlight (WXML panel hover) ---------------------------------------------------------

let hl = null;
function highlight(id) {
  if (!hl) {
    hl = h('div', 'mpsim-highlight', doc.body);
    hl._label = h('span', 'mpsim-highlight-label', hl);
  }
  const node = id == null || !pageDom ? null : pageDom.el(id);
  if (!node) { hl.hidden = true; return; }
  let rect;
  if (node.nodeType === 3 || getComputedStyle(node).display === 'contents') {
    const r = doc.createRange();
    r.selectNode(node);
    rect = r.getBoundingClientRect();
  } else rect = node.getBoundingClientRect();
  hl.hidden = false;
  Object.assign(hl.style, { left: `${rect.left + scrollX}px`, top: `${rect.top + scrollY}px`, width: `${rect.width}px`, height: `${rect.height}px` });
  const rec = pageDom.rec(id);
  hl._label.textContent = `${rec.type === 'text' ? '#text' : rec.tag} ${Math.round(rect.width)} × ${Math.round(rect.height)}`;
  if (rect.top < 24) hl._label.classList.add('below'); else hl._label.classList.remove('below');
  if (node.scrollIntoView && (rect.bottom < 0 || rect.top > innerHeight)) (node.nodeType === 3 ? node.parentNode : node).scrollIntoView({ block: 'center' });
}

// ---- messages -----------------------------------------------------------------------------

window.addEventListener('message', (e) => {
  if (e.source !== window.parent) return;
  const m = e.data;
  if (!m || typeof m !== 'object') return;
  try {
    switch (m.mpsim) {
      case 'page': {
        if (!pageStyle) { pageStyle = doc.createElement('style'); doc.head.appendChild(pageStyle); }
        pageStyle.textContent = m.css || '';
        if (m.host) pageRoot.setAttribute('wx-host', m.host); else pageRoot.removeAttribute('wx-host');
        if (m.background) doc.documentElement.style.backgroundColor = m.background;
        pageDom = new PageDom(doc, pageRoot, hooks);
        pageDom.render(m.id, m.tree || []);
        if (!painted) { painted = true; requestAnimationFrame(() => post({ mpsim: 'painted' })); }
        break;
      }
      case 'css': {
        // A style sheet changed (hot reload): the DOM, and what is typed into it, stays.
        if (!pageStyle) { pageStyle = doc.createElement('style'); doc.head.appendChild(pageStyle); }
        pageStyle.textContent = m.css || '';
        break;
      }
      case 'patches': {
        if (!pageDom) return;
        const problems = pageDom.apply(m.ops || []);
        if (problems.length) post({ mpsim: 'error', message: `patches: ${problems.join('; ')}` });
        break;
      }
      case 'device':
        doc.documentElement.style.setProperty('--device-width', `${m.width}px`);
        doc.documentElement.style.setProperty('--device-height', `${m.height}px`);
        break;
      case 'highlight': highlight(m.node); break;
      case 'scroll': {
        let top = Number(m.top) || 0;
        if (m.selector) { const t = doc.querySelector(m.selector); if (t) top = t.getBoundingClientRect().top + scrollY - (Number(m.offsetTop) || 0); }
        window.scrollTo({ top, behavior: Number(m.duration) > 0 ? 'smooth' : 'auto' });
        break;
      }
      default:
    }
  } catch (err) { fail(err); }
});

post({ mpsim: 'ready' });
