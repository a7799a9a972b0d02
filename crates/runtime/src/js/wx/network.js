// wx network: request, downloadFile, uploadFile, connectSocket. mpsim does not reach the
// network yet (real requests with HostSign signing come with the network work); until
// then every call fails asynchronously with an errMsg that says so, as a phone without a
// connection would fail, instead of the API being absent.
(function (native, wx, fw) {
  'use strict';
  const NOT_YET = 'mpsim does not simulate the network yet';
  for (const name of ['request', 'downloadFile', 'uploadFile']) {
    const call = fw.asyncApi(name, () => {
      throw fw.apiError(`${name}:fail ${NOT_YET}`);
    });
    wx[name] = function (options) {
      const result = call(options);
      // A RequestTask-like handle, as the real APIs return one.
      const task = { abort() {}, onHeadersReceived() {}, offHeadersReceived() {}, onProgressUpdate() {}, offProgressUpdate() {} };
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
