// wx routing: navigateTo, redirectTo, navigateBack, reLaunch, switchTab. The Rust side
// queues the navigation and carries it out when the current call returns.
(function (native, wx, fw) {
  'use strict';
  for (const kind of ['navigateTo', 'redirectTo', 'reLaunch', 'switchTab']) {
    wx[kind] = fw.asyncApi(kind, (o) => {
      const err = native.navigate(kind, String(o.url || ''), 0);
      if (err) throw fw.apiError(`${kind}:fail ${err}`);
      return {};
    });
  }
  wx.navigateBack = fw.asyncApi('navigateBack', (o) => {
    const err = native.navigate('navigateBack', '', Number(o.delta) || 1);
    if (err) throw fw.apiError(`navigateBack:fail ${err}`);
    return {};
  });
});
