// wx device APIs of the simulated phone: clipboard, network status, screen, location,
// phone calls and contacts, media pickers and scanning. State lives in this realm (each
// realm has its own view, as on a phone the plugin and host see the same device but the
// simulator keeps no hidden channel between them). Pickers and the scanner behave as if
// the user cancelled (there is no camera or album); location is a fixed simulated place.
(function (native, wx, fw) {
  'use strict';
  const ok = (name, result) => fw.asyncApi(name, (o) => (typeof result === 'function' ? result(o) : result || {}));
  const cancel = (name) => fw.asyncApi(name, () => { throw fw.apiError(`${name}:fail cancel`); });
  const shown = (name) => fw.asyncApi(name, (o) => { native.ui(name, JSON.stringify(o || {})); return {}; });
  // wx.onX / wx.offX: off(cb) removes that listener, off() removes them all.
  const listeners = (event) => {
    const list = [];
    wx[`on${event}`] = (cb) => { if (typeof cb === 'function') list.push(cb); };
    wx[`off${event}`] = (cb) => {
      if (typeof cb !== 'function') list.length = 0;
      else if (list.indexOf(cb) >= 0) list.splice(list.indexOf(cb), 1);
    };
  };

  let clipboard = '';
  wx.setClipboardData = ok('setClipboardData', (o) => { clipboard = String(o.data === undefined ? '' : o.data); native.ui('setClipboardData', JSON.stringify({ data: clipboard })); });
  wx.getClipboardData = ok('getClipboardData', () => ({ data: clipboard }));

  wx.getNetworkType = ok('getNetworkType', { networkType: 'wifi' });
  listeners('NetworkStatusChange');

  let brightness = 0.5;
  wx.setScreenBrightness = ok('setScreenBrightness', (o) => { brightness = Math.max(0, Math.min(1, Number(o.value) || 0)); });
  wx.getScreenBrightness = ok('getScreenBrightness', () => ({ value: brightness }));
  wx.setKeepScreenOn = ok('setKeepScreenOn');
  listeners('UserCaptureScreen');

  // A fixed place (Tencent Binhai Building, Shenzhen) in the requested coordinate system.
  const PLACE = { latitude: 22.5228, longitude: 113.9357, speed: -1, accuracy: 65, altitude: 0, verticalAccuracy: 65, horizontalAccuracy: 65 };
  wx.getLocation = ok('getLocation', () => Object.assign({}, PLACE));
  wx.chooseLocation = cancel('chooseLocation');
  wx.openLocation = shown('openLocation');
  listeners('LocationChange');
  wx.startLocationUpdate = ok('startLocationUpdate');
  wx.stopLocationUpdate = ok('stopLocationUpdate');

  for (const name of ['makePhoneCall', 'addPhoneContact', 'previewImage']) wx[name] = shown(name);
  for (const name of ['chooseImage', 'chooseVideo', 'scanCode', 'saveImageToPhotosAlbum', 'saveVideoToPhotosAlbum', 'chooseAddress', 'chooseInvoice', 'chooseInvoiceTitle']) {
    wx[name] = cancel(name);
  }
});
