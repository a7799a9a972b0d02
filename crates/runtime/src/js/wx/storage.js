// wx storage: each realm has its own partition (the Rust side keeps it per realm).
(function (native, wx, fw) {
  'use strict';
  function key(k) {
    if (typeof k !== 'string') throw new TypeError('key must be a string');
    return k;
  }
  wx.setStorageSync = (k, data) => {
    const json = JSON.stringify({ data });
    try {
      native.storageSet(key(k), json);
    } catch (e) {
      throw new Error(`setStorageSync:fail ${e && e.message}`);
    }
  };
  wx.getStorageSync = (k) => {
    const json = native.storageGet(key(k));
    return json === null || json === undefined ? '' : JSON.parse(json).data;
  };
  wx.removeStorageSync = (k) => native.storageRemove(key(k));
  wx.clearStorageSync = () => native.storageClear();
  wx.getStorageInfoSync = () => {
    const keys = native.storageKeys();
    return { keys, currentSize: Math.ceil(native.storageSize() / 1024), limitSize: 10240 };
  };
  wx.setStorage = fw.asyncApi('setStorage', (o) => {
    try {
      native.storageSet(key(o.key), JSON.stringify({ data: o.data }));
    } catch (e) {
      throw fw.apiError(`setStorage:fail ${e && e.message}`);
    }
  });
  wx.getStorage = fw.asyncApi('getStorage', (o) => {
    const json = native.storageGet(key(o.key));
    if (json === null || json === undefined) throw fw.apiError('getStorage:fail data not found');
    return { data: JSON.parse(json).data };
  });
  wx.removeStorage = fw.asyncApi('removeStorage', (o) => wx.removeStorageSync(o.key));
  wx.clearStorage = fw.asyncApi('clearStorage', () => wx.clearStorageSync());
  wx.getStorageInfo = fw.asyncApi('getStorageInfo', () => wx.getStorageInfoSync());
});
