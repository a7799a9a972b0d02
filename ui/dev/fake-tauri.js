// Dev preview shim: stands in for window.__TAURI__ when the shell runs in a plain browser.
// Replays a recorded sequence of `mpsim:update` payloads and logs invoked commands
// (console + window.__mpsimInvoked). ?scene=components shows a built-in component gallery;
// ?noerror leaves the error diagnostic out.
import { sampleSession, PAGE_ID } from './sample-session.js';
import { componentsSession } from './components-session.js';

const params = new URLSearchParams(location.search);
const listeners = [];
const invoked = (window.__mpsimInvoked = []);
const emit = (payload) => { for (const l of listeners) l({ event: 'mpsim:update', payload }); };

let counter = 2; let greeted = 1;
function respond(cmd, args) {
  // a little interactivity so the preview can be clicked through
  if (cmd === 'ui_event' && args.type === 'tap' && args.node === 17) {
    counter += 2;
    emit({ kind: 'patches', page: PAGE_ID, ops: [{ op: 'text', id: 20, text: String(counter) }, { op: 'text', id: 24, text: `total: ${counter}` }] });
  }
  if (cmd === 'ui_event' && args.type === 'tap' && args.node === 32) {
    greeted += 1;
    emit({ kind: 'patches', page: PAGE_ID, ops: [{ op: 'text', id: 35, text: `greeted ${greeted} times` }, { op: 'text', id: 61, text: `The plugin says hi (${greeted})` }] });
    emit({ kind: 'console', lines: [{ level: 'log', text: `greet() called; count = ${greeted}`, location: 'plugin/components/hello-component/hello-component.js:14:9', realm: 'plugin' }] });
  }
  if (cmd !== 'ui_event' || !['touchstart', 'touchmove', 'touchend'].includes(args.type)) {
    emit({ kind: 'console', lines: [{ level: 'debug', text: `[fake-tauri] invoke ${cmd} ${JSON.stringify(args)}`, location: null, realm: 'host' }] });
  }
}

window.__MPSIM_FAKE_TAURI__ = {
  fake: true,
  event: {
    async listen(name, cb) {
      if (name !== 'mpsim:update') return () => {};
      listeners.push(cb);
      const seq = params.get('scene') === 'components' ? componentsSession() : sampleSession({ withError: !params.has('noerror') });
      let t = 0;
      for (const { delay, payload } of seq) { t += delay; setTimeout(() => emit(payload), t); }
      return () => listeners.splice(listeners.indexOf(cb), 1);
    },
  },
  core: {
    async invoke(cmd, args) {
      invoked.push({ cmd, args });
      console.log('[fake-tauri] invoke', cmd, args);
      setTimeout(() => respond(cmd, args || {}), 0);
      return null;
    },
  },
};

// ?selftest: drive the page frame with synthetic input after the replay and report, as
// console lines, which ui_event commands the shell invoked (same-origin frames in dev only).
if (params.has('selftest')) {
  setTimeout(async () => {
    const frame = document.querySelector('.pages iframe:last-of-type');
    const d = frame && frame.contentDocument;
    const w = frame && frame.contentWindow;
    const results = [];
    const tapOn = (target) => {
      const r = target.getBoundingClientRect();
      const o = { bubbles: true, pointerId: 1, button: 0, clientX: r.left + 3, clientY: r.top + 3, isPrimary: true };
      target.dispatchEvent(new w.PointerEvent('pointerdown', o));
      target.dispatchEvent(new w.PointerEvent('pointerup', o));
      target.dispatchEvent(new w.MouseEvent('click', o));
    };
    const expect = async (name, pred) => {
      await new Promise((r) => setTimeout(r, 30));
      const hit = invoked.find((c) => c.cmd === 'ui_event' && pred(c.args));
      results.push({ level: hit ? 'info' : 'error', text: `selftest ${hit ? 'PASS' : 'FAIL'}: ${name}${hit ? ` → ${JSON.stringify(hit.args.detail)}` : ''}`, location: null, realm: 'host' });
      invoked.length = 0;
    };
    try {
      if (params.get('scene') === 'components') {
        tapOn(d.querySelector('wx-switch'));
        await expect('switch change', (a) => a.type === 'change' && a.detail.value === false);
        tapOn(d.querySelectorAll('wx-checkbox')[1]);
        await expect('checkbox-group change', (a) => a.type === 'change' && Array.isArray(a.detail.value) && a.detail.value.join() === 'a,b');
        tapOn(d.querySelectorAll('wx-radio')[1]);
        await expect('radio-group change', (a) => a.type === 'change' && a.detail.value === 'y');
        const f = d.querySelector('wx-input input');
        f.value = 'hello!'; f.dispatchEvent(new w.Event('input', { bubbles: true }));
        await expect('input event', (a) => a.type === 'input' && a.detail.value === 'hello!' && 'cursor' in a.detail && 'keyCode' in a.detail);
        tapOn(d.querySelector('wx-button'));
        await expect('tap on a listening button', (a) => a.type === 'tap' && typeof a.detail.x === 'number' && a.touches.length === 1);
        const rt = d.querySelector('wx-rich-text');
        results.push({ level: rt.querySelector('script,[onerror]') ? 'error' : 'info', text: `selftest ${rt.querySelector('script,[onerror]') ? 'FAIL' : 'PASS'}: rich-text sanitized: ${rt.innerHTML}`, location: null, realm: 'host' });
      } else {
        const line = [...document.querySelectorAll('.wxml .x-line')].find((l) => l.textContent.includes('hello-component'));
        if (line) {
          line.dispatchEvent(new MouseEvent('mouseenter'));
          await new Promise((r) => setTimeout(r, 50));
          const hl = d.querySelector('.mpsim-highlight');
          results.push({ level: hl && !hl.hidden ? 'info' : 'error', text: `selftest ${hl && !hl.hidden ? 'PASS' : 'FAIL'}: WXML hover highlights ${hl && hl.textContent}`, location: null, realm: 'host' });
        }
        tapOn(d.querySelector('#inc'));
        await expect('tap #inc (node 17)', (a) => a.type === 'tap' && a.node === 17);
        tapOn(d.querySelector('wx-navigator'));
        await expect('tap navigator (forwarded without a listener)', (a) => a.type === 'tap' && a.node === 40);
        tapOn(d.querySelector('.pages_index_index--title'));
        await new Promise((r) => setTimeout(r, 30));
        const stray = invoked.find((c) => c.cmd === 'ui_event' && c.args.type === 'tap');
        results.push({ level: stray ? 'error' : 'info', text: `selftest ${stray ? 'FAIL' : 'PASS'}: no tap forwarded for a node nobody listens to`, location: null, realm: 'host' });
        await new Promise((r) => setTimeout(r, 100));
        results.push({ level: d.querySelector('#inc').parentNode.textContent.includes('4') ? 'info' : 'error', text: `selftest: counter after tap = ${d.querySelector('.components_counter_counter--value').textContent}`, location: null, realm: 'host' });
      }
    } catch (err) {
      results.push({ level: 'error', text: `selftest crashed: ${err.stack}`, location: null, realm: 'host' });
    }
    emit({ kind: 'console', lines: results });
  }, 1500);
}
