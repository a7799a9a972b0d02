// The plugin realm's `wx`: only what plugins may call (the table in plugin_api.rs);
// page-only APIs fail unless a plugin page is shown.
(function (native, wx, fw, tableJson) {
  'use strict';
  const table = JSON.parse(tableJson);
  for (const name of Object.keys(wx)) {
    if (!(name in table)) delete wx[name];
  }
  for (const name of Object.keys(table)) {
    if (!table[name] || typeof wx[name] !== 'function') continue;
    const api = wx[name];
    const refuse = fw.asyncApi(name, () => {
      throw fw.apiError(`${name}:fail ${native.pageOnlyError()}`);
    });
    wx[name] = function (options) {
      return native.onPluginPage() ? api(options) : refuse(options);
    };
  }
});
