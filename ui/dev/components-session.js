// A gallery page of built-in components for the dev preview (?scene=components).
let next = 100;
const t = (text) => ({ id: next++, type: 'text', text });
const e = (tag, attrs = {}, children = [], events = []) => ({ id: next++, type: 'element', tag, attrs, events, realm: 'host', slot: null, children });
const row = (label, ...kids) => e('view', { class: 'row' }, [e('text', { class: 'label' }, [t(label)]), ...kids]);

export function componentsSession() {
  next = 100;
  const tree = [
    e('view', { class: 'card' }, [
      e('button', { type: 'primary' }, [t('primary')], ['tap']),
      e('button', {}, [t('default')]),
      e('button', { type: 'warn', loading: '' }, [t('warn loading')]),
      e('view', { class: 'row' }, [e('button', { size: 'mini', type: 'primary' }, [t('mini')]), e('button', { size: 'mini', plain: '' }, [t('plain')]), e('button', { size: 'mini', disabled: '' }, [t('disabled')])]),
    ]),
    e('view', { class: 'card' }, [
      row('icons', ...['success', 'info', 'warn', 'waiting', 'cancel', 'download', 'search', 'clear'].map((type) => e('icon', { type, size: '24' }))),
      row('switch', e('switch', { checked: '' }, [], ['change']), e('switch', {}), e('switch', { type: 'checkbox', checked: '' })),
      e('checkbox-group', {}, [row('checkbox', e('checkbox', { value: 'a', checked: '' }, [t('A')]), e('checkbox', { value: 'b' }, [t('B')]))], ['change']),
      e('radio-group', {}, [row('radio', e('radio', { value: 'x', checked: '' }, [t('X')]), e('radio', { value: 'y' }, [t('Y')]))], ['change']),
      e('slider', { value: '40', 'show-value': '' }, [], ['change', 'changing']),
      e('progress', { percent: '60', 'show-info': '', 'stroke-width': '4' }),
      e('view', { class: 'field' }, [e('input', { value: 'hello', placeholder: 'type here' }, [], ['input', 'blur', 'confirm'])]),
      e('picker', { mode: 'selector', range: '["中国","美国","日本"]', value: '0' }, [e('view', { class: 'field' }, [t('picker: 中国 ▾')])], ['change']),
    ]),
    e('view', { class: 'card' }, [
      e('swiper', { 'indicator-dots': '', autoplay: '', interval: '2500', class: 'sw' }, ['#07c160', '#10aeff', '#fa5151'].map((c, i) =>
        e('swiper-item', { style: `background:${c}` }, [e('view', { class: 'slide' }, [t(`slide ${i + 1}`)])])), ['change']),
      e('rich-text', { nodes: '<p style="margin:8px 0">rich <b>text</b> <i>sanitized</i><script>alert(1)</script><img src="javascript:alert(1)" onerror="x()"></p>' }),
      e('scroll-view', { 'scroll-x': '', class: 'sv' }, ['one', 'two', 'three', 'four', 'five', 'six'].map((w) => e('view', { class: 'chip' }, [t(w)])), ['scroll']),
      e('text', { decode: '', space: 'ensp' }, [t('decode &lt;ok&gt;  and  spaces')]),
    ]),
  ];
  const css = `wx-page { background: #ededed; font-size: 15px; }
.card { margin: 10px; padding: 12px; background: #fff; border-radius: 8px; }
.row { display: flex; align-items: center; gap: 10px; margin: 8px 0; flex-wrap: wrap; }
.label { width: 70px; color: #888; font-size: 13px; }
.field { border: 1px solid #e5e5e5; border-radius: 4px; padding: 6px 8px; margin: 8px 0; }
.sw { height: 90px; border-radius: 6px; }
.slide { color: #fff; font-size: 20px; text-align: center; line-height: 90px; }
.sv { white-space: nowrap; margin-top: 8px; }
.chip { display: inline-block; padding: 4px 12px; margin-right: 8px; background: #f2f2f2; border-radius: 14px; }`;
  return [
    { delay: 0, payload: { kind: 'project', name: 'components-gallery', dir: '/tmp/gallery', appid: 'wx1111111111111111', pluginAppid: null,
      assistantAppid: '', device: { name: 'iPhone 14', width: 390, height: 844, pixelRatio: 3 }, routes: ['pages/gallery/gallery', 'pages/mine/mine'],
      tabBar: { color: '#7a7e83', selectedColor: '#07c160', backgroundColor: '#f7f7f7', list: [{ pagePath: 'pages/gallery/gallery', text: '组件' }, { pagePath: 'pages/mine/mine', text: '我的' }] } } },
    { delay: 0, payload: { kind: 'stack', pages: [{ id: 2, route: 'pages/gallery/gallery', realm: 'host',
      window: { navigationBarTitleText: '组件', navigationBarBackgroundColor: '#07c160', navigationBarTextStyle: 'white', backgroundColor: '#ededed' } }] } },
    { delay: 50, payload: { kind: 'page', id: 2, css, tree } },
    { delay: 0, payload: { kind: 'appdata', page: 2, instances: [{ id: 1, path: 'pages/gallery/gallery', realm: 'host', tag: null, data: { list: [1, 2, 3] } }] } },
    ...(new URLSearchParams(location.search).has('modal') ? [{ delay: 400, payload: { kind: 'ui', api: 'showModal', page: 2, options: { title: '提示', content: 'This is showModal (already resolved by Rust).' } } }] : []),
  ];
}
