// wx base: nextTick, canIUse, system and account information.
(function (native, wx, fw) {
  'use strict';
  wx.nextTick = fw.nextTick;
  wx.getSystemInfoSync = () => JSON.parse(native.systemInfo());
  wx.getWindowInfo = wx.getSystemInfoSync;
  wx.getDeviceInfo = wx.getSystemInfoSync;
  wx.getAppBaseInfo = wx.getSystemInfoSync;
  wx.getSystemInfo = fw.asyncApi('getSystemInfo', () => wx.getSystemInfoSync());
  wx.getAccountInfoSync = () => JSON.parse(native.accountInfo());
  // 基础 › 应用级事件/生命周期: the options App.onLaunch received (path, query, scene,
  // referrerInfo); a cold start's enter options are its launch options.
  function launchOptions() {
    const json = native.launchOptions();
    return json ? JSON.parse(json) : { path: '', query: {}, scene: 1001, referrerInfo: {} };
  }
  wx.getLaunchOptionsSync = launchOptions;
  wx.getEnterOptionsSync = launchOptions;
  // 第三方平台: ext.json's `ext` object is the extConfig (DevTools reads it while developing,
  // when `extEnable` is true); without one it is {}.
  function extConfig() {
    const path = native.resolve('', '/ext.json');
    if (!path) return {};
    let ext;
    try {
      ext = JSON.parse(native.readText(path));
    } catch (e) {
      return {};
    }
    return ext && ext.extEnable && ext.ext && typeof ext.ext === 'object' ? ext.ext : {};
  }
  wx.getExtConfigSync = extConfig;
  wx.getExtConfig = fw.asyncApi('getExtConfig', () => ({ extConfig: extConfig() }));
  // 文件: the user data folder's path as the phone gives it.
  wx.env = { USER_DATA_PATH: 'wxfile://usr' };
  wx.canIUse = (schema) => typeof schema === 'string' && schema.split('.')[0] in wx;
  wx.arrayBufferToBase64 = (buf) => {
    const bytes = new Uint8Array(buf);
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  };
  wx.base64ToArrayBuffer = (b64) => {
    const s = atob(b64);
    const bytes = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
    return bytes.buffer;
  };
  // A small base64 pair, since QuickJS has no btoa/atob.
  const ABC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  function btoa(s) {
    let out = '';
    for (let i = 0; i < s.length; i += 3) {
      const n = (s.charCodeAt(i) << 16) | ((s.charCodeAt(i + 1) || 0) << 8) | (s.charCodeAt(i + 2) || 0);
      out += ABC[(n >> 18) & 63] + ABC[(n >> 12) & 63] + (i + 1 < s.length ? ABC[(n >> 6) & 63] : '=') + (i + 2 < s.length ? ABC[n & 63] : '=');
    }
    return out;
  }
  function atob(b64) {
    const clean = String(b64).replace(/[^A-Za-z0-9+/]/g, '');
    let out = '';
    for (let i = 0; i < clean.length; i += 4) {
      const n = (ABC.indexOf(clean[i]) << 18) | (ABC.indexOf(clean[i + 1]) << 12) | ((ABC.indexOf(clean[i + 2]) & 63) << 6) | (ABC.indexOf(clean[i + 3]) & 63);
      out += String.fromCharCode((n >> 16) & 255);
      if (i + 2 < clean.length) out += String.fromCharCode((n >> 8) & 255);
      if (i + 3 < clean.length) out += String.fromCharCode(n & 255);
    }
    return out;
  }
});
