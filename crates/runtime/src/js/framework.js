// The logic-layer framework of one realm: CommonJS modules, App/Page/Component/Behavior
// registration, component instances (data, properties, observers, behaviors, lifetimes,
// setData, triggerEvent, selectComponent), timers and console.
//
// Evaluated once per realm as a function of `native` (the Rust side's functions); it
// returns the hooks Rust calls. Nothing here is reachable from project code except what
// it installs as globals, and `native` itself is never exposed.
(function (native) {
  'use strict';

  // The framework's own copies of what project code could replace in its realm.
  const jsonParse = JSON.parse;
  const jsonStringify = JSON.stringify;
  const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const clone = (v) => {
    const text = v === undefined ? undefined : jsonStringify(v);
    return text === undefined ? undefined : jsonParse(text);
  };
  // Definition data and property defaults are copied per instance as exparser copies them:
  // plain objects and arrays deeply, anything else (functions — e.g. a `formatter` property
  // whose default is a function —, dates, class instances) by reference.
  const copyDefault = (v, depth = 0) => {
    if (v === null || typeof v !== 'object' || depth > 64) return v;
    if (Array.isArray(v)) return v.map((x) => copyDefault(x, depth + 1));
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return v;
    const out = {};
    for (const k of Object.keys(v)) out[k] = copyDefault(v[k], depth + 1);
    return out;
  };

  // ---------------------------------------------------------------- console

  function format(args) {
    return args
      .map((a) => {
        if (typeof a === 'string') return a;
        if (a instanceof Error) return a.stack ? `${a.name}: ${a.message}\n${a.stack}` : String(a);
        if (typeof a === 'function') return `[Function ${a.name || 'anonymous'}]`;
        if (a === undefined) return 'undefined';
        try {
          const s = jsonStringify(a);
          return s === undefined ? String(a) : s;
        } catch (e) {
          return String(a);
        }
      })
      .join(' ');
  }

  // The caller's location: the first stack frame outside this file.
  function callerStack() {
    return new Error().stack || '';
  }

  const console = {};
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    console[level] = function (...args) {
      native.log(level, format(args), callerStack());
    };
  }
  console.trace = console.debug;
  console.group = console.log;
  console.groupEnd = function () {};
  console.time = function () {};
  console.timeEnd = function () {};
  console.table = console.log;
  console.dir = console.log;
  console.assert = function (cond, ...args) {
    if (!cond) native.log('error', format(['Assertion failed:', ...args]), callerStack());
  };

  // ---------------------------------------------------------------- timers

  const timers = new Map();
  function addTimer(fn, delay, args, repeat) {
    if (typeof fn !== 'function') throw new TypeError('callback must be a function');
    const id = native.setTimer(Number(delay) || 0, repeat);
    timers.set(id, { fn, args, repeat });
    return id;
  }
  function clearTimer(id) {
    if (timers.delete(id)) native.clearTimer(id);
  }
  const setTimeout = (fn, delay, ...args) => addTimer(fn, delay, args, false);
  const setInterval = (fn, delay, ...args) => addTimer(fn, delay, args, true);

  const ticks = [];
  function nextTick(fn) {
    if (typeof fn === 'function') {
      ticks.push(fn);
      native.requestFlush();
    }
  }

  // ---------------------------------------------------------------- modules

  const modules = Object.create(null);
  let loadingPath = null; // the module being evaluated (its path without extension defines Page/Component)

  function dirname(p) {
    const i = p.lastIndexOf('/');
    return i < 0 ? '' : p.slice(0, i);
  }

  function makeRequire(from) {
    return function require(request) {
      if (typeof request !== 'string') throw new TypeError('require() expects a string path');
      const path = native.resolve(from, request);
      if (path === null || path === undefined) {
        throw new Error(`module "${request}" is not defined (required from ${from})`);
      }
      return loadModule(path);
    };
  }

  // Loads a module again (its file changed): the cached exports are dropped first.
  function reloadModule(path) {
    const previous = modules[path];
    delete modules[path];
    try {
      return loadModule(path);
    } catch (e) {
      if (previous) modules[path] = previous;
      throw e;
    }
  }

  function loadModule(path) {
    const cached = modules[path];
    if (cached) return cached.exports;
    const module = { id: path, exports: {} };
    modules[path] = module;
    if (path.endsWith('.json')) {
      module.exports = jsonParse(native.readText(path));
      return module.exports;
    }
    const fn = native.compile(path);
    const previous = loadingPath;
    loadingPath = path;
    try {
      fn.call(module.exports, module.exports, makeRequire(path), module, path, dirname(path));
    } catch (e) {
      delete modules[path];
      throw e;
    } finally {
      loadingPath = previous;
    }
    return module.exports;
  }

  function definingPath(kind) {
    if (loadingPath === null) throw new Error(`${kind}() must be called while a page or component file loads`);
    return loadingPath.replace(/\.[jt]s$/, '');
  }

  // ---------------------------------------------------------------- definitions

  const defs = Object.create(null); // path -> normalized definition
  const behaviorMark = Symbol('behavior');

  const LIFETIMES = ['created', 'attached', 'ready', 'moved', 'detached', 'error'];
  const PAGE_HOOKS = ['onLoad', 'onShow', 'onReady', 'onHide', 'onUnload', 'onPullDownRefresh', 'onReachBottom', 'onPageScroll', 'onResize', 'onTabItemTap', 'onShareAppMessage', 'onShareTimeline', 'onAddToFavorites'];

  function typeName(t) {
    if (t === String) return 'String';
    if (t === Number) return 'Number';
    if (t === Boolean) return 'Boolean';
    if (t === Object) return 'Object';
    if (t === Array) return 'Array';
    return null;
  }

  function defaultFor(type) {
    switch (type) {
      case 'String':
        return '';
      case 'Number':
        return 0;
      case 'Boolean':
        return false;
      case 'Array':
        return [];
      default:
        return null;
    }
  }

  function normalizeProperty(spec) {
    if (spec === null || typeof spec === 'function') {
      const type = typeName(spec);
      return { type, optionalTypes: [], value: defaultFor(type), observer: null };
    }
    if (typeof spec !== 'object') return { type: null, optionalTypes: [], value: spec, observer: null };
    const type = typeName(spec.type);
    const optionalTypes = Array.isArray(spec.optionalTypes) ? spec.optionalTypes.map(typeName).filter(Boolean) : [];
    return {
      type,
      optionalTypes,
      value: hasOwn(spec, 'value') ? spec.value : defaultFor(type),
      observer: spec.observer || null,
    };
  }

  // A new definition record: the shape behaviors and components share.
  function emptyDef() {
    return {
      properties: Object.create(null),
      data: {},
      methods: Object.create(null),
      lifetimes: Object.fromEntries(LIFETIMES.map((n) => [n, []])),
      pageLifetimes: { show: [], hide: [], resize: [], routeDone: [] },
      observers: [],
      relations: Object.create(null),
      externalClasses: [],
      behaviors: [],
      extra: Object.create(null),
    };
  }

  // Deep-merges data objects: same-named fields that are both objects merge, otherwise
  // the later (higher-priority) value wins.
  function mergeData(base, over) {
    const out = Object.assign({}, base);
    for (const k of Object.keys(over)) {
      if (isPlainObject(out[k]) && isPlainObject(over[k])) out[k] = mergeData(out[k], over[k]);
      else out[k] = over[k];
    }
    return out;
  }

  // Applies one definition's own options onto `def` (behaviors first, as WeChat merges:
  // properties/methods of the including definition override its behaviors, later
  // behaviors override earlier ones; lifetimes and observers all run, behaviors first,
  // each behavior once).
  function applyOptions(def, options, seen) {
    const list = Array.isArray(options.behaviors) ? options.behaviors : [];
    for (const b of list) {
      if (b && b[behaviorMark]) {
        if (seen.has(b)) continue;
        seen.add(b);
        def.behaviors.push(b);
        applyOptions(def, b.options, seen);
      } else if (typeof b === 'string' && b.startsWith('wx://')) {
        def.behaviors.push(b);
      }
    }
    const props = options.properties || {};
    for (const name of Object.keys(props)) def.properties[name] = normalizeProperty(props[name]);
    if (isPlainObject(options.data)) def.data = mergeData(def.data, copyDefault(options.data));
    const methods = options.methods || {};
    for (const name of Object.keys(methods)) {
      if (typeof methods[name] === 'function') def.methods[name] = methods[name];
    }
    const lifetimes = options.lifetimes || {};
    for (const name of LIFETIMES) {
      // `lifetimes` wins over the old top-level form when both are given.
      const fn = typeof lifetimes[name] === 'function' ? lifetimes[name] : options[name];
      if (typeof fn === 'function') def.lifetimes[name].push(fn);
    }
    const pl = options.pageLifetimes || {};
    for (const name of Object.keys(def.pageLifetimes)) {
      if (typeof pl[name] === 'function') def.pageLifetimes[name].push(pl[name]);
    }
    const observers = options.observers || {};
    for (const key of Object.keys(observers)) {
      if (typeof observers[key] !== 'function') continue;
      const paths = key.split(',').map((s) => s.trim()).filter(Boolean).map(parseObserverPath);
      def.observers.push({ paths, fn: observers[key] });
    }
    const relations = options.relations || {};
    for (const key of Object.keys(relations)) def.relations[key] = relations[key];
    if (Array.isArray(options.externalClasses)) {
      for (const c of options.externalClasses) if (!def.externalClasses.includes(c)) def.externalClasses.push(c);
    }
  }

  // A behavior's `definitionFilter` runs when a component or behavior listing it is
  // defined, before that definition is read: it gets the definition's own options object
  // (which it may change) and the definitionFilters of the behaviors it uses itself
  // (WeChat's 自定义组件扩展: "第一个参数是使用该 behavior 的 component/behavior 的定义对象，
  // 第二个参数是该 behavior 所使用的 behavior 的 definitionFilter 函数列表").
  function runDefinitionFilters(options) {
    const list = Array.isArray(options.behaviors) ? options.behaviors : [];
    for (const b of list) {
      if (!b || !b[behaviorMark] || typeof b.options.definitionFilter !== 'function') continue;
      try {
        b.options.definitionFilter(options, b.filters);
      } catch (e) {
        reportError(e);
      }
    }
  }

  function defineComponent(path, options, kind) {
    if (!isPlainObject(options)) options = {};
    runDefinitionFilters(options);
    const def = emptyDef();
    def.path = path;
    def.kind = kind;
    def.options = Object.assign({}, options.options || {});
    applyOptions(def, options, new Set());
    if (kind === 'page') {
      // Page(): every function at the top level is a method; other keys are copied onto
      // the instance.
      for (const key of Object.keys(options)) {
        const v = options[key];
        if (key === 'data' || key === 'behaviors' || key === 'options') continue;
        if (typeof v === 'function') def.methods[key] = v;
        else def.extra[key] = v;
      }
    }
    def.isPage = kind === 'page';
    def.builtWithComponent = kind === 'component';
    defs[path] = def;
    native.defined(path, kind, jsonStringify({
      multipleSlots: !!def.options.multipleSlots,
      addGlobalClass: !!def.options.addGlobalClass,
      styleIsolation: def.options.styleIsolation || null,
      virtualHost: !!def.options.virtualHost,
      externalClasses: def.externalClasses,
    }));
    return def;
  }

  function Behavior(options) {
    if (!isPlainObject(options)) options = {};
    runDefinitionFilters(options);
    const used = Array.isArray(options.behaviors) ? options.behaviors : [];
    const filters = used.filter((u) => u && u[behaviorMark] && typeof u.options.definitionFilter === 'function');
    const b = { options, filters: filters.map((u) => u.options.definitionFilter) };
    b[behaviorMark] = true;
    return b;
  }

  function Component(options) {
    defineComponent(definingPath('Component'), options, 'component');
  }

  function Page(options) {
    defineComponent(definingPath('Page'), options, 'page');
  }

  // ---------------------------------------------------------------- data paths

  // `a.b[1].c` -> ['a', 'b', 1, 'c']; throws on a malformed key.
  function parsePath(key) {
    const out = [];
    let i = 0;
    let name = '';
    const n = key.length;
    while (i < n) {
      const c = key[i];
      if (c === '\\' && i + 1 < n) {
        name += key[i + 1];
        i += 2;
      } else if (c === '.') {
        if (name === '' && (out.length === 0 || key[i - 1] !== ']')) throw new Error(`invalid data path "${key}"`);
        if (name !== '') out.push(name);
        name = '';
        i++;
      } else if (c === '[') {
        if (name !== '') out.push(name);
        name = '';
        const close = key.indexOf(']', i);
        const inner = close < 0 ? '' : key.slice(i + 1, close);
        if (!/^\d+$/.test(inner)) throw new Error(`invalid data path "${key}"`);
        out.push(Number(inner));
        i = close + 1;
      } else {
        name += c;
        i++;
      }
    }
    if (name !== '') out.push(name);
    if (out.length === 0) throw new Error(`invalid data path "${key}"`);
    return out;
  }

  function setPath(root, path, value) {
    let cur = root;
    for (let i = 0; i < path.length - 1; i++) {
      const seg = path[i];
      let next = cur[seg];
      if (next === null || typeof next !== 'object') {
        next = typeof path[i + 1] === 'number' ? [] : {};
        cur[seg] = next;
      }
      cur = next;
    }
    cur[path[path.length - 1]] = value;
  }

  function getPath(root, path) {
    let cur = root;
    for (const seg of path) {
      if (cur === null || cur === undefined) return undefined;
      cur = cur[seg];
    }
    return cur;
  }

  function parseObserverPath(s) {
    if (s === '**') return { path: [], deep: true };
    const deep = s.endsWith('.**');
    const path = parsePath(deep ? s.slice(0, -3) : s);
    return { path, deep };
  }

  // Whether a change at `changed` is seen by an observer of `observed`.
  function pathsTouch(changed, observed) {
    const n = Math.min(changed.length, observed.path.length);
    for (let i = 0; i < n; i++) if (changed[i] !== observed.path[i]) return false;
    // A change above or at the observed field always counts; below it only for `.**`.
    return changed.length <= observed.path.length || observed.deep;
  }

  // ---------------------------------------------------------------- instances

  const instances = new Map(); // id -> instance
  const pendingCallbacks = []; // setData callbacks, run after the next render

  function reportError(e) {
    native.reportError(e instanceof Error ? `${e.name}: ${e.message}` : String(e), (e && e.stack) || '');
  }

  function coerce(prop, value) {
    const ok = (t) => {
      switch (t) {
        case 'String':
          return typeof value === 'string';
        case 'Number':
          return typeof value === 'number';
        case 'Boolean':
          return typeof value === 'boolean';
        case 'Object':
          return value === null || (typeof value === 'object' && !Array.isArray(value));
        case 'Array':
          return Array.isArray(value);
        default:
          return true;
      }
    };
    if (prop.type === null || ok(prop.type) || prop.optionalTypes.some(ok)) return value;
    switch (prop.type) {
      case 'String':
        return value === null || value === undefined ? '' : typeof value === 'object' ? jsonStringify(value) : String(value);
      case 'Number': {
        const n = Number(value);
        return Number.isFinite(n) ? n : copyDefault(prop.value);
      }
      case 'Boolean':
        return !!value;
      case 'Array':
      case 'Object':
      default:
        return copyDefault(prop.value);
    }
  }

  function callLifetimes(inst, list, args) {
    for (const fn of list) fn.apply(inst, args || []);
  }

  function runObservers(inst, changedPaths) {
    const def = inst.__def;
    for (const ob of def.observers) {
      if (!changedPaths.some((c) => ob.paths.some((o) => pathsTouch(c, o)))) continue;
      const args = ob.paths.map((o) => (o.path.length === 0 ? inst.data : getPath(inst.data, o.path)));
      ob.fn.apply(inst, args);
    }
  }

  function applySetData(inst, obj, fromParent) {
    const payload = {};
    const changed = [];
    const propChanges = [];
    for (const key of Object.keys(obj)) {
      let value = obj[key];
      if (value === undefined) {
        native.log('warn', `Setting data field "${key}" to undefined is invalid.`, callerStack());
        continue;
      }
      if (typeof value === 'function') continue;
      const path = parsePath(key);
      const prop = path.length === 1 ? inst.__def.properties[path[0]] : undefined;
      if (prop) value = coerce(prop, value);
      // A property observer runs when the value set is not the one held: a new object
      // always (its contents cannot be compared), the very same object not (weui's
      // slideview sets back the array it just edited in place from its own observer).
      const old = prop ? inst.data[path[0]] : undefined;
      const same = value === old;
      value = clone(value);
      setPath(inst.data, path, value);
      payload[key] = value;
      changed.push(path);
      if (prop && prop.observer && !same) propChanges.push([prop, value, old, path]);
    }
    if (changed.length === 0) return;
    native.setData(inst.__id, jsonStringify(payload));
    for (const [prop, value, old, path] of propChanges) {
      const fn = typeof prop.observer === 'string' ? inst[prop.observer] : prop.observer;
      if (typeof fn === 'function') fn.call(inst, value, old, path);
    }
    runObservers(inst, changed);
  }

  const componentProto = {
    setData(obj, callback) {
      if (!isPlainObject(obj)) throw new TypeError('setData expects an object');
      applySetData(this, obj, false);
      if (typeof callback === 'function') {
        pendingCallbacks.push([this, callback]);
        native.requestFlush();
      }
    },
    triggerEvent(name, detail, options) {
      const opts = options || {};
      native.triggerEvent(
        this.__id,
        String(name),
        jsonStringify(detail === undefined ? {} : detail) || '{}',
        !!opts.bubbles,
        !!opts.composed,
        !!opts.capturePhase,
      );
    },
    selectComponent(selector) {
      const ids = native.selectComponents(this.__id, String(selector), false);
      return ids.length ? exported(instances.get(ids[0]), this) : null;
    },
    selectAllComponents(selector) {
      return native.selectComponents(this.__id, String(selector), true).map((id) => exported(instances.get(id), this));
    },
    selectOwnerComponent() {
      const id = native.ownerOf(this.__id);
      return id < 0 ? null : instances.get(id) || null;
    },
    getRelationNodes(key) {
      return (this.__relations[key] || []).slice();
    },
    createSelectorQuery() {
      return createSelectorQuery(this);
    },
    createIntersectionObserver() {
      return { relativeTo() { return this; }, relativeToViewport() { return this; }, observe() {}, disconnect() {} };
    },
    hasBehavior(b) {
      return this.__def.behaviors.includes(b);
    },
    getPageId() {
      return `pageId:${native.pageOf(this.__id)}`;
    },
    groupSetData(fn) {
      if (typeof fn === 'function') fn.call(this);
    },
  };

  function exported(inst, caller) {
    if (!inst) return null;
    if (inst.__def.behaviors.includes('wx://component-export') && typeof inst.__def.extra.export === 'function') {
      return inst.__def.extra.export.call(inst, caller);
    }
    return inst;
  }

  function createInstance(id, path, kind, propsJson, hostJson) {
    const props = jsonParse(propsJson);
    const host = jsonParse(hostJson);
    const def = defs[path];
    if (!def) throw new Error(`${path}: no ${kind === 'page' ? 'Page() or Component()' : 'Component()'} was registered by ${path}.js`);
    const proto = Object.create(componentProto);
    for (const name of Object.keys(def.methods)) proto[name] = def.methods[name];
    const inst = Object.create(proto);
    Object.defineProperty(inst, '__id', { value: id });
    Object.defineProperty(inst, '__def', { value: def });
    Object.defineProperty(inst, '__relations', { value: Object.create(null) });
    const data = copyDefault(def.data) || {};
    for (const name of Object.keys(def.properties)) {
      if (!hasOwn(data, name)) data[name] = copyDefault(def.properties[name].value);
    }
    inst.data = data;
    inst.properties = data;
    inst.is = path;
    inst.id = host.id || '';
    inst.dataset = host.dataset || {};
    if (kind === 'page') {
      inst.route = host.route;
      inst.options = host.query || {};
      inst.__route__ = host.route;
      for (const key of Object.keys(def.extra)) inst[key] = clone(def.extra[key]);
    }
    instances.set(id, inst);
    // Pages built with Component() receive the query as properties.
    if (kind === 'page' && def.builtWithComponent) {
      for (const key of Object.keys(host.query || {})) {
        const prop = def.properties[key];
        if (prop) data[key] = coerce(prop, host.query[key]);
      }
    }
    // `created` sees the definition's data ("此时，组件数据 this.data 就是在 Component 构造器中
    // 定义的数据 data"); the properties the owner passed are set after it, as a parent's
    // template sets them, so property observers and `observers` run for them.
    callLifetimes(inst, def.lifetimes.created);
    // A value equal to the property's default changes nothing, so its observer does not run.
    const passed = {};
    for (const key of Object.keys(props)) {
      const prop = def.properties[key];
      if (prop && jsonStringify(coerce(prop, props[key])) !== jsonStringify(inst.data[key])) passed[key] = props[key];
    }
    if (Object.keys(passed).length) applySetData(inst, passed, true);
    return jsonStringify(inst.data);
  }

  // After a hot reload re-created an instance: its previous data (not properties, which
  // come from the owner) is set again, so what the developer was looking at stays.
  function carryData(id, json) {
    const inst = instances.get(id);
    if (!inst) return;
    const old = jsonParse(json) || {};
    const patch = {};
    for (const k of Object.keys(old)) {
      if (!inst.__def.properties[k]) patch[k] = old[k];
    }
    if (Object.keys(patch).length) applySetData(inst, patch, false);
  }

  function setProperties(id, propsJson) {
    const props = jsonParse(propsJson);
    const inst = instances.get(id);
    if (!inst) return;
    const changes = {};
    for (const key of Object.keys(props)) {
      const prop = inst.__def.properties[key];
      if (!prop) continue;
      const value = coerce(prop, props[key]);
      if (jsonStringify(value) !== jsonStringify(inst.data[key])) changes[key] = value;
    }
    if (Object.keys(changes).length) applySetData(inst, changes, true);
  }

  // Page hooks and component lifetimes, by name.
  function lifecycle(id, name, arg) {
    const inst = instances.get(id);
    if (!inst) return;
    const def = inst.__def;
    if (def.isPage && !def.builtWithComponent) {
      // A Page() page has page hooks only; its instance goes when it is unloaded.
      if (name === 'detached') instances.delete(id);
      else if (name.startsWith('on') && typeof inst[name] === 'function') inst[name](arg);
      return;
    }
    if (name === 'onLoad' || name === 'onShow' || name === 'onReady' || name === 'onHide' || name === 'onUnload') {
      // A page built with Component(): page hooks are methods.
      if (typeof inst[name] === 'function') inst[name](arg);
      if (name === 'onShow') callLifetimes(inst, def.pageLifetimes.show);
      if (name === 'onHide') callLifetimes(inst, def.pageLifetimes.hide);
      return;
    }
    if (name.startsWith('page:')) {
      callLifetimes(inst, def.pageLifetimes[name.slice(5)] || [], arg === undefined ? [] : [arg]);
      return;
    }
    if (name === 'detached') unlinkAll(inst);
    callLifetimes(inst, def.lifetimes[name] || []);
    if (name === 'detached') instances.delete(id);
  }

  // Relations this instance declares: key, type, and the key resolved to a definition
  // path relative to the instance's own definition.
  function relationsOf(id) {
    const inst = instances.get(id);
    if (!inst) return '[]';
    const base = dirname(inst.__def.path);
    return jsonStringify(
      Object.keys(inst.__def.relations).map((key) => {
        const r = inst.__def.relations[key];
        return { key, type: r.type, target: r.target ? null : native.join(base, key) };
      }),
    );
  }

  function callRelation(inst, key, name, other) {
    const r = inst.__def.relations[key];
    if (r && typeof r[name] === 'function') r[name].call(inst, other);
  }

  // Links an ancestor and a descendant through their matching relation keys.
  function link(upId, upKey, downId, downKey) {
    const up = instances.get(upId);
    const down = instances.get(downId);
    if (!up || !down) return;
    (up.__relations[upKey] = up.__relations[upKey] || []).push(down);
    (down.__relations[downKey] = down.__relations[downKey] || []).push(up);
    callRelation(up, upKey, 'linked', down);
    callRelation(down, downKey, 'linked', up);
  }

  // Before an instance goes: unlink it from everything it is linked to.
  function unlinkAll(inst) {
    for (const key of Object.keys(inst.__relations)) {
      for (const other of inst.__relations[key]) {
        for (const otherKey of Object.keys(other.__relations)) {
          const list = other.__relations[otherKey];
          const i = list.indexOf(inst);
          if (i >= 0) {
            list.splice(i, 1);
            callRelation(other, otherKey, 'unlinked', inst);
          }
        }
        callRelation(inst, key, 'unlinked', other);
      }
      inst.__relations[key] = [];
    }
  }

  function handleEvent(id, handler, event) {
    const inst = instances.get(id);
    if (!inst) return;
    const fn = inst[handler];
    if (typeof fn !== 'function') {
      native.log('warn', `Component "${inst.is}" does not have a method "${handler}" to handle event "${event.type}".`, '');
      return;
    }
    fn.call(inst, event);
  }

  function flush() {
    while (ticks.length) ticks.shift()();
  }

  // Runs setData callbacks queued before the last render; true when any ran.
  function afterRender() {
    const list = pendingCallbacks.splice(0);
    for (const [inst, cb] of list) cb.call(inst);
    return list.length > 0;
  }

  function fireTimer(id) {
    const t = timers.get(id);
    if (!t) return;
    if (!t.repeat) timers.delete(id);
    t.fn.apply(undefined, t.args);
  }

  // ---------------------------------------------------------------- selector query

  function createSelectorQuery(owner) {
    const tasks = [];
    let scope = owner;
    const query = {
      in(component) {
        scope = component;
        return query;
      },
      select(selector) {
        return nodesRef(selector, false);
      },
      selectAll(selector) {
        return nodesRef(selector, true);
      },
      selectViewport() {
        return nodesRef(null, false);
      },
      exec(cb) {
        const results = tasks.map((t) => t());
        setTimeout(() => {
          if (typeof cb === 'function') cb(results);
        }, 0);
        return query;
      },
    };
    function nodesRef(selector, all) {
      const read = (fields, cb) => {
        tasks.push(() => {
          const id = scope ? scope.__id : -1;
          const nodes = selector === null ? [{ id: '', dataset: {} }] : jsonParse(native.queryNodes(id, selector, all));
          const shaped = nodes.map((n) => {
            const out = {};
            if (fields.id) out.id = n.id;
            if (fields.dataset) out.dataset = n.dataset;
            if (fields.rect) Object.assign(out, { left: 0, right: 0, top: 0, bottom: 0 });
            if (fields.size) Object.assign(out, { width: 0, height: 0 });
            if (fields.scrollOffset) Object.assign(out, { scrollLeft: 0, scrollTop: 0 });
            if (fields.properties) for (const p of fields.properties) out[p] = n.attrs[p];
            return out;
          });
          const res = all ? shaped : shaped[0] || null;
          if (typeof cb === 'function') cb(res);
          return res;
        });
        return query;
      };
      return {
        boundingClientRect: (cb) => read({ id: true, dataset: true, rect: true, size: true }, cb),
        scrollOffset: (cb) => read({ id: true, dataset: true, scrollOffset: true }, cb),
        fields: (f, cb) => read(f || {}, cb),
        context: (cb) => read({}, cb),
        node: (cb) => read({}, cb),
      };
    }
    return query;
  }

  // ---------------------------------------------------------------- app

  let app;
  function App(options) {
    if (app !== undefined) throw new Error('App() may only be called once');
    app = Object.assign({}, isPlainObject(options) ? options : {});
    if (app.globalData === undefined) app.globalData = {};
  }
  function getApp() {
    return app;
  }
  function appHook(name, arg) {
    if (app && typeof app[name] === 'function') app[name](arg);
  }

  // Pages of another realm show only their route (a plugin page seen from the host).
  function getCurrentPages() {
    return jsonParse(native.currentPages()).map((p) => {
      const own = instances.get(p.id);
      return own || Object.freeze({ route: p.route, __route__: p.route, options: {} });
    });
  }

  // ---------------------------------------------------------------- membrane
  //
  // What crosses between realms. Data is copied; functions are handed over as handles
  // and called through Rust, so a call always runs in its own realm. `requirePlugin` and
  // `requireMiniProgram` give views: proxies whose reads go to the other realm each time
  // (live) and which only ever return copies, views or function wrappers.
  //
  // Wire format (JSON): strings, finite numbers, booleans and null as themselves;
  // ["u"] undefined, ["n", "NaN"] non-finite numbers, ["a", ...items], ["o", {k: v}],
  // ["f", fnId, thisId] a function of the sending realm, ["v", objId] a view of an object
  // of the sending realm, ["p", subscribeId] a Promise or thenable of the sending realm
  // (subscribeId is a function taking (onFulfilled, onRejected)), ["e", name, message] an
  // Error (a rejection reason).
  //
  // Asynchrony crosses as DESIGN §2 says: a thenable arrives as a Promise of the receiving
  // realm, settled with a copy of the value or rejected with an Error of the receiving
  // realm carrying the original name and message; its settling callbacks cross back as
  // functions, so they run in the receiving realm.

  const handles = new Map();
  const handleIds = new WeakMap();
  let nextHandle = 1;
  function handleOf(v) {
    let id = handleIds.get(v);
    if (id === undefined) {
      id = nextHandle++;
      handleIds.set(v, id);
      handles.set(id, v);
    }
    return id;
  }

  const isThenable = (v) => v !== null && (typeof v === 'object' || typeof v === 'function') && typeof v.then === 'function';
  const isError = (v) => v instanceof Error || Object.prototype.toString.call(v) === '[object Error]';

  // A thenable of this realm as a handle to a function that subscribes to it.
  function promiseWire(p) {
    const subscribe = (onFulfilled, onRejected) => {
      p.then(onFulfilled, onRejected);
    };
    return ['p', handleOf(subscribe)];
  }

  function toWire(v, seen) {
    if (isThenable(v)) return promiseWire(v);
    if (typeof v === 'function') return ['f', handleOf(v), 0];
    if (v === undefined || typeof v === 'symbol' || typeof v === 'bigint') return ['u'];
    if (typeof v === 'number' && !Number.isFinite(v)) return ['n', String(v)];
    if (v === null || typeof v !== 'object') return v;
    if (isError(v)) return ['e', String(v.name), String(v.message)];
    if (seen.has(v)) throw new TypeError('a cyclic value cannot cross to another realm');
    seen.add(v);
    let out;
    if (Array.isArray(v)) {
      out = ['a'];
      for (let i = 0; i < v.length; i++) out.push(toWire(v[i], seen));
    } else {
      const o = {};
      for (const k of Object.keys(v)) o[k] = toWire(v[k], seen);
      out = ['o', o];
    }
    seen.delete(v);
    return out;
  }

  function fromWire(w, realm, writable) {
    if (w === null || typeof w !== 'object') return w;
    switch (w[0]) {
      case 'u':
        return undefined;
      case 'n':
        return Number(w[1]);
      case 'a':
        return w.slice(1).map((x) => fromWire(x, realm, writable));
      case 'o': {
        const o = {};
        for (const k of Object.keys(w[1])) o[k] = fromWire(w[1][k], realm, writable);
        return o;
      }
      case 'f':
        return foreignFunction(realm, w[1], w[2]);
      case 'v':
        return view(realm, w[1], writable);
      case 'p': {
        const subscribe = foreignFunction(realm, w[1], 0);
        return new Promise((resolve, reject) => {
          subscribe(resolve, reject);
        });
      }
      case 'e': {
        const e = new Error(String(w[2]));
        e.name = String(w[1]);
        return e;
      }
      default:
        return undefined;
    }
  }

  const wrappers = new Map();
  function foreignFunction(realm, id, self) {
    const key = `${realm}:${id}:${self}`;
    let f = wrappers.get(key);
    if (!f) {
      f = function (...args) {
        return fromWire(jsonParse(native.foreignCall(realm, id, self, jsonStringify(toWire(args, new Set())))), realm, false);
      };
      wrappers.set(key, f);
    }
    return f;
  }

  const views = new Map();
  function view(realm, id, writable) {
    const key = `${realm}:${id}:${writable}`;
    let v = views.get(key);
    if (v) return v;
    const read = (k) => fromWire(jsonParse(native.foreignGet(realm, id, k)), realm, writable);
    v = new Proxy(
      {},
      {
        get: (t, k) => (typeof k === 'string' ? read(k) : undefined),
        has: (t, k) => typeof k === 'string' && native.foreignHas(realm, id, k),
        ownKeys: () => jsonParse(native.foreignKeys(realm, id)),
        getOwnPropertyDescriptor: (t, k) =>
          typeof k === 'string' && native.foreignHas(realm, id, k)
            ? { value: read(k), writable: false, enumerable: true, configurable: true }
            : undefined,
        set: (t, k, value) => {
          if (!writable || typeof k !== 'string') return false;
          native.foreignSet(realm, id, k, jsonStringify(toWire(value, new Set())));
          return true;
        },
        defineProperty: () => false,
        deleteProperty: () => false,
        setPrototypeOf: () => false,
        preventExtensions: () => false,
      },
    );
    views.set(key, v);
    return v;
  }

  // Names never read through a view: they lead to prototypes and constructors.
  const HIDDEN = new Set(['__proto__', 'constructor', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);
  // Every built-in prototype of this realm, collected before project code runs: a view's
  // lookups stop there, so built-in methods (Map#set, Date#setTime…) are never callable
  // through a view.
  const BUILTIN_PROTOS = new Set();
  for (const name of Object.getOwnPropertyNames(globalThis)) {
    const v = globalThis[name];
    if (typeof v === 'function' && v.prototype && typeof v.prototype === 'object') {
      for (let p = v.prototype; p !== null && !BUILTIN_PROTOS.has(p); p = Object.getPrototypeOf(p)) BUILTIN_PROTOS.add(p);
    }
  }
  BUILTIN_PROTOS.add(Object.getPrototypeOf(function* () {}).prototype);
  BUILTIN_PROTOS.add(Object.getPrototypeOf(Uint8Array.prototype));

  // Own and inherited properties of a handed-out object, stopping at built-in prototypes.
  function findProperty(obj, key) {
    if (HIDDEN.has(key)) return null;
    for (let o = obj; o !== null && !BUILTIN_PROTOS.has(o); o = Object.getPrototypeOf(o)) {
      const d = Object.getOwnPropertyDescriptor(o, key);
      if (d) return d;
    }
    return null;
  }

  function outgoing(value, self) {
    if (isThenable(value)) return promiseWire(value);
    if (typeof value === 'function') return ['f', handleOf(value), self];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return ['v', handleOf(value)];
    return toWire(value, new Set());
  }

  const membrane = {
    // A value of this realm handed out as the root of a view (module exports).
    exportsOf(path) {
      return jsonStringify(outgoing(loadModule(path), 0));
    },
    get(id, key) {
      const obj = handles.get(id);
      if (obj === undefined || obj === null) return '["u"]';
      const d = findProperty(obj, key);
      if (!d) return '["u"]';
      const value = d.get ? d.get.call(obj) : d.value;
      return jsonStringify(outgoing(value, id));
    },
    has(id, key) {
      const obj = handles.get(id);
      return obj !== undefined && obj !== null && findProperty(obj, key) !== null;
    },
    keys(id) {
      const obj = handles.get(id);
      return jsonStringify(obj === undefined || obj === null ? [] : Object.keys(obj));
    },
    set(id, key, wire, fromRealm) {
      const obj = handles.get(id);
      if (obj === undefined || obj === null || HIDDEN.has(key)) return;
      obj[key] = fromWire(jsonParse(wire), fromRealm, false);
    },
    call(id, self, args, fromRealm) {
      const fn = handles.get(id);
      if (typeof fn !== 'function') throw new TypeError('not a function');
      const result = fn.apply(self ? handles.get(self) : undefined, fromWire(jsonParse(args), fromRealm, false));
      return jsonStringify(toWire(result, new Set()));
    },
  };

  // requirePlugin(REF | APPID): a read-only view of the plugin's `main` exports.
  // Inside a plugin, another plugin is not initialised while a file first loads.
  function requirePlugin(name) {
    if (typeof name !== 'string') throw new TypeError('requirePlugin expects a plugin name');
    const w = native.pluginExports(name, loadingPath !== null);
    if (w === null || w === undefined) return undefined;
    const [realm, wire] = jsonParse(w);
    return fromWire(jsonParse(wire), realm, false);
  }

  // requireMiniProgram(): a live view of the host's `export` file (undefined when the
  // plugin declaration names none). Writes reach the host's object as copies.
  function requireMiniProgram() {
    const w = native.hostExports();
    if (w === null || w === undefined) return undefined;
    return fromWire(jsonParse(w), 0, true);
  }

  // ---------------------------------------------------------------- wx helpers

  // An API error whose errMsg is what WeChat reports (`navigateTo:fail …`).
  function apiError(errMsg) {
    const e = new Error(errMsg);
    e.errMsg = errMsg;
    e.isApiError = true;
    return e;
  }

  // The shape of WeChat's asynchronous APIs: success/fail/complete callbacks, or a
  // Promise when none is given; results arrive asynchronously either way.
  function asyncApi(name, impl) {
    return function (options) {
      const o = options || {};
      const run = () => {
        try {
          return { ok: true, res: Object.assign({ errMsg: `${name}:ok` }, impl(o) || {}) };
        } catch (e) {
          return { ok: false, res: { errMsg: e && e.isApiError ? e.errMsg : `${name}:fail ${e && e.message}` } };
        }
      };
      if (typeof o.success === 'function' || typeof o.fail === 'function' || typeof o.complete === 'function') {
        setTimeout(() => {
          const r = run();
          if (r.ok && typeof o.success === 'function') o.success(r.res);
          if (!r.ok && typeof o.fail === 'function') o.fail(r.res);
          if (typeof o.complete === 'function') o.complete(r.res);
        }, 0);
        return undefined;
      }
      return new Promise((resolve, reject) => {
        setTimeout(() => {
          const r = run();
          if (r.ok) resolve(r.res);
          else reject(r.res);
        }, 0);
      });
    };
  }

  // ---------------------------------------------------------------- globals

  const globals = {
    console,
    setTimeout,
    setInterval,
    clearTimeout: clearTimer,
    clearInterval: clearTimer,
    App,
    getApp,
    Page,
    Component,
    Behavior,
    getCurrentPages,
    requirePlugin,
  };
  if (native.realmKind() === 'plugin') globals.requireMiniProgram = requireMiniProgram;
  for (const k of Object.keys(globals)) {
    Object.defineProperty(globalThis, k, { value: globals[k], writable: true, configurable: true, enumerable: false });
  }

  return {
    loadModule,
    reloadModule,
    exportKeys: (path) => jsonStringify(Object.keys(loadModule(path) || {})),
    createInstance,
    setProperties,
    carryData,
    lifecycle,
    membraneExports: membrane.exportsOf,
    membraneGet: membrane.get,
    membraneHas: membrane.has,
    membraneKeys: membrane.keys,
    membraneSet: membrane.set,
    membraneCall: membrane.call,
    relationsOf,
    link,
    handleEvent,
    flush,
    afterRender,
    fireTimer,
    appHook,
    // setData on an instance from outside its code (the test driver, the AppData panel).
    setData: (id, json) => {
      const inst = instances.get(id);
      if (inst) inst.setData(jsonParse(json));
    },
    nextTick,
    setTimeout,
    asyncApi,
    apiError,
    selectorQuery: createSelectorQuery,
  };
});
