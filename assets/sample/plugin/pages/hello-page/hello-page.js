Page({
  data: { from: '', hostSays: '' },
  onLoad(query) {
    const host = requireMiniProgram();
    this.setData({ from: query.from || '', hostSays: host ? host.whoami : 'no export' });
  },
  back() {
    wx.navigateBack();
  },
});
