const myPlugin = requirePlugin('myPlugin');

Page({
  data: {
    title: 'mpsim sample',
    name: 'host',
    total: 0,
    greeting: '',
    picked: '',
    pluginSays: '',
    fruits: [
      { id: 'a', name: 'apple', ripe: true },
      { id: 'b', name: 'banana', ripe: false },
      { id: 'c', name: 'cherry', ripe: true },
    ],
  },
  onLoad(query) {
    if (query.name) this.setData({ name: query.name });
    this.setData({ pluginSays: `${myPlugin.sayHello(this.data.name)} (answer ${myPlugin.answer})` });
  },
  onCounterChange(e) {
    this.setData({ total: e.detail.value });
  },
  onGreet(e) {
    this.setData({ greeting: `plugin says: ${e.detail.message}` });
  },
  pick(e) {
    this.setData({ picked: e.currentTarget.dataset.id });
  },
});
