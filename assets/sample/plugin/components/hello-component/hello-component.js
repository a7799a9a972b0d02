Component({
  properties: {
    name: { type: String, value: 'world' },
  },
  data: { count: 0 },
  methods: {
    greet() {
      const count = this.data.count + 1;
      this.setData({ count });
      console.log('greeting the host', count);
      this.triggerEvent('greet', { message: `hello #${count}`, count });
    },
  },
});
