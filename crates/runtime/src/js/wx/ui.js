// wx interface feedback: toasts, modals, loading, action sheets, navigation bar, page
// scroll. Headless runs record them (the window shows them); modals and action sheets
// resolve with the simulator's default choice (confirm / first item).
(function (native, wx, fw) {
  'use strict';
  const show = (kind) => fw.asyncApi(kind, (o) => {
    native.ui(kind, JSON.stringify(o || {}));
    return {};
  });
  for (const kind of ['showToast', 'hideToast', 'showLoading', 'hideLoading', 'setNavigationBarTitle', 'setNavigationBarColor', 'showNavigationBarLoading', 'hideNavigationBarLoading', 'pageScrollTo', 'setBackgroundColor', 'setBackgroundTextStyle', 'startPullDownRefresh', 'stopPullDownRefresh', 'showShareMenu', 'hideShareMenu', 'vibrateShort', 'vibrateLong']) {
    wx[kind] = show(kind);
  }
  wx.showModal = fw.asyncApi('showModal', (o) => {
    native.ui('showModal', JSON.stringify(o || {}));
    return { confirm: true, cancel: false, content: o && o.editable ? '' : undefined };
  });
  wx.showActionSheet = fw.asyncApi('showActionSheet', (o) => {
    native.ui('showActionSheet', JSON.stringify(o || {}));
    return { tapIndex: 0 };
  });
  wx.createSelectorQuery = () => fw.selectorQuery(null);
});
