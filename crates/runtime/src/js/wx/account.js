// wx account and payment: login, getUserInfo, requestPayment, requestPluginPayment.
// In plugin code these go through a simulated functional page whose outcome (success,
// fail or cancel) comes from the simulator settings (mpsim.json `functionalPages`).
(function (native, wx, fw) {
  'use strict';
  function through(name, result) {
    return fw.asyncApi(name, (o) => {
      const outcome = native.functionalPage(name);
      if (outcome === 'cancel') throw fw.apiError(`${name}:fail cancel`);
      if (outcome === 'fail') throw fw.apiError(`${name}:fail the functional page reported failure (simulated)`);
      return result(o);
    });
  }
  let codes = 0;
  wx.login = through('login', () => ({ code: `mpsim-code-${++codes}` }));
  wx.getUserInfo = through('getUserInfo', () => {
    const userInfo = { nickName: 'mpsim user', avatarUrl: '', gender: 0, country: '', province: '', city: '', language: 'zh_CN' };
    return { userInfo, rawData: JSON.stringify(userInfo), signature: 'mpsim-simulated', encryptedData: '', iv: '' };
  });
  wx.requestPayment = through('requestPayment', () => ({}));
  wx.requestPluginPayment = through('requestPluginPayment', () => ({}));
  wx.getSetting = fw.asyncApi('getSetting', () => ({ authSetting: {} }));
  wx.openSetting = fw.asyncApi('openSetting', () => ({ authSetting: {} }));
  wx.reportAnalytics = () => {};
});
