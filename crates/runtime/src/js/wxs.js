// The wxs realm: modules declared with <wxs>, by src or inline, each evaluated once
// with `module`, `exports` and `require` (between .wxs files), isolated from page code.
(function (native) {
  'use strict';
  const cache = Object.create(null);
  const defined = Object.create(null);

  globalThis.getDate = function (...args) {
    return new (Function.prototype.bind.apply(Date, [null, ...args]))();
  };
  globalThis.getRegExp = function (pattern, flags) {
    return new RegExp(pattern, flags);
  };
  // WXS data types: `constructor` is a string naming the type. Reads of it are compiled to
  // calls of this function (mpsim_script::compile_wxs).
  globalThis.__wxsConstructor = function (v) {
    if (v === null || v === undefined) return v.constructor; // the TypeError JS gives
    if (Array.isArray(v)) return 'Array';
    switch (typeof v) {
      case 'number': return 'Number';
      case 'string': return 'String';
      case 'boolean': return 'Boolean';
      case 'function': return 'Function';
    }
    if (v instanceof Date) return 'Date';
    if (v instanceof RegExp) return 'RegExp';
    return 'Object';
  };

  function makeRequire(from) {
    return function require(request) {
      const path = native.resolve(from, String(request));
      if (path === null) throw new Error(`wxs module "${request}" not found (required from ${from})`);
      return load(path, path);
    };
  }

  function load(key, file) {
    const cached = cache[key];
    if (cached) return cached.exports;
    const module = { exports: {} };
    cache[key] = module;
    const fn = defined[key] || native.compile(file);
    fn(module, module.exports, makeRequire(file));
    return module.exports;
  }

  function resolvePath(key, file, path) {
    let target = load(key, file);
    let self;
    for (const seg of path) {
      self = target;
      target = target === null || target === undefined ? undefined : target[seg];
    }
    return [self, target];
  }

  return {
    define(key, fn) {
      defined[key] = fn;
    },
    // Forgets every module (a .wxs file changed): they are evaluated again on next use.
    reset() {
      for (const k of Object.keys(cache)) delete cache[k];
      for (const k of Object.keys(defined)) delete defined[k];
    },
    isDefined(key) {
      return key in defined || key in cache;
    },
    value(key, file) {
      return JSON.stringify(load(key, file)) || 'null';
    },
    call(key, file, pathJson, argsJson) {
      const [self, fn] = resolvePath(key, file, JSON.parse(pathJson));
      if (typeof fn !== 'function') return undefined;
      const result = fn.apply(self, JSON.parse(argsJson));
      return result === undefined ? undefined : JSON.stringify(result);
    },
  };
});
