Page({
  data: {
    html: '<div>Hello <b>mp-html</b></div><p style="color: red">第二段</p><ul><li>列表项</li></ul>'
  }
})
