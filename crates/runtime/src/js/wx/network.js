// wx network: `request` for real (worker threads in Rust; results arrive through the
// framework's `httpDone` hook, in this realm). downloadFile, uploadFile and connectSocket
// are not simulated yet: they fail asynchronously with an errMsg saying so.
(function (native, wx, fw) {
  'use strict';
  const NOT_YET = 'mpsim does not simulate this network API yet';
  const pending = new Map();

  function encodeQuery(data) {
    return Object.keys(data)
      .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(data[k] === null || data[k] === undefined ? '' : String(data[k]))}`)
      .join('&');
  }

  // The framework calls this with the result of request `id`.
  fw.httpDone = function (id, json) {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    const r = JSON.parse(json);
    const o = p.options;
    if (r.errMsg) {
      const res = { errMsg: r.errMsg };
      if (typeof o.fail === 'function') o.fail(res);
      if (typeof o.complete === 'function') o.complete(res);
      if (p.reject) p.reject(res);
      return;
    }
    let data = r.data;
    if ((o.dataType || 'json') === 'json') {
      try {
        data = JSON.parse(r.data);
      } catch (e) {
        // Not JSON: the text as it came, as WeChat does.
      }
    }
    const res = { data, statusCode: r.statusCode, header: r.header, cookies: [], errMsg: 'request:ok' };
    if (typeof o.success === 'function') o.success(res);
    if (typeof o.complete === 'function') o.complete(res);
    if (p.resolve) p.resolve(res);
  };

  wx.request = function (options) {
    const o = options || {};
    const method = String(o.method || 'GET').toUpperCase();
    const header = Object.assign({}, o.header || {});
    let url = String(o.url || '');
    let body;
    if (o.data !== undefined && o.data !== null) {
      if (method === 'GET') {
        if (typeof o.data === 'object') {
          const q = encodeQuery(o.data);
          if (q) url += (url.includes('?') ? '&' : '?') + q;
        } else url += (url.includes('?') ? '&' : '?') + String(o.data);
      } else if (typeof o.data === 'object') {
        const type = Object.keys(header).find((k) => k.toLowerCase() === 'content-type');
        if (type && /x-www-form-urlencoded/.test(header[type])) body = encodeQuery(o.data);
        else {
          if (!type) header['content-type'] = 'application/json';
          body = JSON.stringify(o.data);
        }
      } else body = String(o.data);
    }
    const usesCallbacks = typeof o.success === 'function' || typeof o.fail === 'function' || typeof o.complete === 'function';
    const entry = { options: o };
    let promise;
    if (!usesCallbacks) promise = new Promise((resolve, reject) => { entry.resolve = resolve; entry.reject = reject; });
    let id;
    try {
      id = native.httpStart(JSON.stringify({ url, method, header, body, timeout: o.timeout }));
    } catch (e) {
      const res = { errMsg: String(e && e.message || e) };
      setTimeout(() => {
        if (typeof o.fail === 'function') o.fail(res);
        if (typeof o.complete === 'function') o.complete(res);
        if (entry.reject) entry.reject(res);
      }, 0);
      return promise || { abort() {} };
    }
    pending.set(id, entry);
    const task = { abort() { pending.delete(id); }, onHeadersReceived() {}, offHeadersReceived() {}, onChunkReceived() {}, offChunkReceived() {} };
    return promise ? Object.assign(promise, task) : task;
  };

  for (const name of ['downloadFile', 'uploadFile']) {
    const call = fw.asyncApi(name, () => {
      throw fw.apiError(`${name}:fail ${NOT_YET}`);
    });
    wx[name] = function (options) {
      const result = call(options);
      const task = { abort() {}, onProgressUpdate() {}, offProgressUpdate() {}, onHeadersReceived() {}, offHeadersReceived() {} };
      if (result && typeof result.then === 'function') return Object.assign(result, task);
      return task;
    };
  }
  wx.connectSocket = function (options) {
    const o = options || {};
    fw.asyncApi('connectSocket', () => {
      throw fw.apiError(`connectSocket:fail ${NOT_YET}`);
    })({ fail: o.fail, complete: o.complete, success: o.success });
    return { send() {}, close() {}, onOpen() {}, onClose() {}, onError(cb) { if (typeof cb === 'function') setTimeout(() => cb({ errMsg: NOT_YET }), 0); }, onMessage() {} };
  };
});
