const computedBehavior = require('miniprogram-computed').behavior
const dayjs = require('dayjs')

Component({
  behaviors: [computedBehavior],
  data: {
    a: 1,
    b: 2,
    day: dayjs('2020-01-02T03:04:05').format('YYYY/MM/DD')
  },
  computed: {
    sum(data) {
      return data.a + data.b
    }
  }
})
