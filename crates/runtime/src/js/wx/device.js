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

  let clipboard = '';
  wx.setClipboardData = ok('setClipboardData', (o) => { clipboard = String(o.data === undefined ? '' : o.data); native.ui('setClipboardData', JSON.stringify({ data: clipboard })); });
  wx.getClipboardData = ok('getClipboardData', () => ({ data: clipboard }));

  const networkListeners = [];
  wx.getNetworkType = ok('getNetworkType', { networkType: 'wifi' });
  wx.onNetworkStatusChange = (cb) => { if (typeof cb === 'function') networkListeners.push(cb); };
  wx.offNetworkStatusChange = (cb) => { const i = networkListeners.indexOf(cb); if (i >= 0) networkListeners.splice(i, 1); else if (!cb) networkListeners.length = 0; };

  let brightness = 0.5;
  let keepOn = false;
  wx.setScreenBrightness = ok('setScreenBrightness', (o) => { brightness = Math.max(0, Math.min(1, Number(o.value) || 0)); });
  wx.getScreenBrightness = ok('getScreenBrightness', () => ({ value: brightness }));
  wx.setKeepScreenOn = ok('setKeepScreenOn', (o) => { keepOn = !!o.keepScreenOn; });
  const captureListeners = [];
  wx.onUserCaptureScreen = (cb) => { if (typeof cb === 'function') captureListeners.push(cb); };
  wx.offUserCaptureScreen = (cb) => { const i = captureListeners.indexOf(cb); if (i >= 0) captureListeners.splice(i, 1); };

  // A fixed place (Tencent Binhai Building, Shenzhen) in the requested coordinate system.
  const PLACE = { latitude: 22.5228, longitude: 113.9357, speed: -1, accuracy: 65, altitude: 0, verticalAccuracy: 65, horizontalAccuracy: 65 };
  wx.getLocation = ok('getLocation', () => Object.assign({}, PLACE));
  wx.chooseLocation = cancel('chooseLocation');
  wx.openLocation = shown('openLocation');
  const locationListeners = [];
  wx.onLocationChange = (cb) => { if (typeof cb === 'function') locationListeners.push(cb); };
  wx.offLocationChange = (cb) => { const i = locationListeners.indexOf(cb); if (i >= 0) locationListeners.splice(i, 1); };
  wx.startLocationUpdate = ok('startLocationUpdate');
  wx.stopLocationUpdate = ok('stopLocationUpdate');

  wx.makePhoneCall = shown('makePhoneCall');
  wx.addPhoneContact = shown('addPhoneContact');
  wx.previewImage = shown('previewImage');
  wx.chooseImage = cancel('chooseImage');
  wx.chooseVideo = cancel('chooseVideo');
  wx.scanCode = cancel('scanCode');
  wx.saveImageToPhotosAlbum = cancel('saveImageToPhotosAlbum');
  wx.saveVideoToPhotosAlbum = cancel('saveVideoToPhotosAlbum');
  wx.chooseAddress = cancel('chooseAddress');
  wx.chooseInvoice = cancel('chooseInvoice');
  wx.chooseInvoiceTitle = cancel('chooseInvoiceTitle');
});
