App({
  globalData: { launchedAt: 0 },
  onLaunch(options) {
    this.globalData.launchedAt = options.scene;
  },
});
