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
  // 界面 › 菜单: the capsule (menu button) of the simulated phone, in px from the screen's
  // top left. Its size and offsets are what WeChat DevTools reports on every iOS preset:
  // 87×32, 4px below the status bar, 7px from the window's right edge (iPhone 6/7/8:
  // {width: 87, height: 32, top: 24, right: 368, bottom: 56, left: 281}).
  const CAPSULE = { width: 87, height: 32, gapTop: 4, gapRight: 7 };
  wx.getMenuButtonBoundingClientRect = () => {
    const info = wx.getWindowInfo();
    const top = info.statusBarHeight + CAPSULE.gapTop;
    const right = info.windowWidth - CAPSULE.gapRight;
    return { width: CAPSULE.width, height: CAPSULE.height, top, right, bottom: top + CAPSULE.height, left: right - CAPSULE.width };
  };
});
