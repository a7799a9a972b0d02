Component({
  properties: {
    step: { type: Number, value: 1 },
  },
  data: { value: 0 },
  methods: {
    increment() {
      const value = this.data.value + this.data.step;
      this.setData({ value });
      this.triggerEvent('change', { value });
    },
  },
});
