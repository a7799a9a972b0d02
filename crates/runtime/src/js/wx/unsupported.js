// wx APIs mpsim does not simulate: every name of the API table (wx_api_table.json, from
// WeChat's typings) that no area defined gets a stand-in that answers as a failing API
// does, so no documented API is ever a TypeError. Runs after every other area and before
// the plugin realm is trimmed. Each stand-in reports one `wx-unsupported` warning per API
// per run, at the caller's file:line:col (native.unsupported).
//
// How each kind answers (开发 › 框架 › 逻辑层 › API, framework/app-service/api.html):
// - callback APIs call fail, then complete, after the current task with
//   {errMsg: 'NAME:fail not supported in mpsim'}; without success/fail/complete they return
//   a Promise rejected with that object ("异步 API 返回 Promise", base library ≥ 2.10.2),
//   except where the typings do not promisify them (request, downloadFile, … return a task):
//   those return undefined;
// - synchronous APIs throw ("同步 API 的执行结果可以通过函数返回值直接获取，如果执行出错会
//   抛出异常"): an Error whose message (and errMsg) is 'NAME:fail not supported in mpsim';
// - on*/off* keep or drop their listeners and never fire;
// - factories return an object with every documented method as a no-op (a method given
//   callbacks calls fail/complete); properties are such objects too.
(function (native, wx, fw, tableJson) {
  'use strict';
  const table = JSON.parse(tableJson);
  const filled = [];
  const errMsg = (name) => `${name}:fail not supported in mpsim`;
  const report = (name) => native.unsupported(name, String(new Error().stack || ''));
  const hasCallbacks = (o) => !!o && typeof o === 'object' && ['success', 'fail', 'complete'].some((k) => typeof o[k] === 'function');
  function failLater(o, res) {
    fw.setTimeout(() => {
      if (typeof o.fail === 'function') o.fail(res);
      if (typeof o.complete === 'function') o.complete(res);
    }, 0);
  }

  function callback(name, promise) {
    return function (options) {
      report(name);
      const res = { errMsg: errMsg(name) };
      if (hasCallbacks(options)) return failLater(options, res);
      if (!promise) return undefined;
      return new Promise((resolve, reject) => fw.setTimeout(() => reject(res), 0));
    };
  }
  function sync(name) {
    return function () {
      report(name);
      const e = new Error(errMsg(name));
      e.errMsg = errMsg(name);
      throw e;
    };
  }
  // Listeners per event name (the `on`/`off` pair shares one list); they never fire.
  const lists = new Map();
  function event(name) {
    const on = name.startsWith('on');
    const key = name.slice(on ? 2 : 3);
    if (!lists.has(key)) lists.set(key, []);
    const list = lists.get(key);
    return function (cb) {
      report(name);
      if (on) {
        if (typeof cb === 'function') list.push(cb);
      } else if (typeof cb !== 'function') list.length = 0;
      else if (list.indexOf(cb) >= 0) list.splice(list.indexOf(cb), 1);
    };
  }
  function object(name, methods) {
    const o = {};
    for (const m of methods || []) {
      o[m] = function (options) {
        if (hasCallbacks(options)) failLater(options, { errMsg: errMsg(`${name}.${m}`) });
      };
    }
    return o;
  }
  function factory(name, methods) {
    return function () {
      report(name);
      return object(name, methods);
    };
  }

  for (const api of table) {
    if (api.name in wx) continue;
    filled.push(api.name);
    switch (api.kind) {
      case 'callback': wx[api.name] = callback(api.name, api.promise); break;
      case 'event': wx[api.name] = event(api.name); break;
      case 'factory': wx[api.name] = factory(api.name, api.methods); break;
      case 'property': wx[api.name] = object(api.name, api.methods); break;
      default: wx[api.name] = sync(api.name);
    }
  }
  return JSON.stringify(filled);
});
