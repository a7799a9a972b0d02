// Console panel: log lines tagged host/plugin, level + realm + text filters, location links.
import { el, svgIcon } from './util.js';

const RANK = { debug: 0, log: 1, info: 1, warn: 2, error: 3 };
const MAX_LINES = 5000;

export function createConsole(root, ctx) {
  const lines = [];
  const clearBtn = el('button', { class: 'icon-btn', title: 'Clear console' }, [svgIcon('clear')]);
  const filter = el('input', { class: 'filter', type: 'search', placeholder: 'Filter', spellcheck: 'false' });
  const level = el('select', { class: 'mini-select', title: 'Log levels' }, [
    el('option', { value: '0' }, 'All levels'), el('option', { value: '1' }, 'Info & above'),
    el('option', { value: '2' }, 'Warnings & errors'), el('option', { value: '3' }, 'Errors only')]);
  const realm = el('select', { class: 'mini-select', title: 'Realm' }, [
    el('option', { value: '' }, 'host + plugin'), el('option', { value: 'host' }, 'host only'), el('option', { value: 'plugin' }, 'plugin only')]);
  const counts = el('span', { class: 'counts' });
  const list = el('div', { class: 'console-list mono' });
  root.append(el('div', { class: 'panel-toolbar' }, [clearBtn, el('span', { class: 'tb-divider' }), filter, level, realm, el('span', { class: 'spacer' }), counts]), list);

  const visible = (l) => {
    if ((RANK[l.level] ?? 1) < Number(level.value)) return false;
    if (realm.value && l.realm !== realm.value) return false;
    const q = filter.value.trim().toLowerCase();
    return !q || l.text.toLowerCase().includes(q) || (l.location || '').toLowerCase().includes(q);
  };

  function row(l) {
    const lv = RANK[l.level] === undefined ? 'log' : l.level;
    const loc = l.location ? el('a', { class: 'loc', href: '#', title: 'Open in editor' }, l.location) : null;
    if (loc) loc.addEventListener('click', (e) => { e.preventDefault(); ctx.openLocation(l.location); });
    const icon = lv === 'error' ? svgIcon('error') : lv === 'warn' ? svgIcon('warn') : el('span', { class: 'icon-spacer' });
    return el('div', { class: `log-row console-row lv-${lv}`, 'data-realm': l.source === 'mpsim' ? 'mpsim' : l.realm }, [
      icon, l.source === 'mpsim' ? el('span', { class: 'realm realm-mpsim' }, 'mpsim') : ctx.realmTag(l.realm),
      el('span', { class: 'msg' }, String(l.text)), loc,
    ]);
  }

  function paintCounts() {
    const e = lines.filter((l) => l.level === 'error').length;
    const w = lines.filter((l) => l.level === 'warn').length;
    counts.replaceChildren(...[
      e ? el('span', { class: 'count err' }, [svgIcon('error'), String(e)]) : null,
      w ? el('span', { class: 'count warn' }, [svgIcon('warn'), String(w)]) : null,
      el('span', { class: 'count' }, `${lines.length} messages`)].filter(Boolean));
    ctx.badge('console', e ? String(e) : w ? String(w) : '', e ? 'err' : 'warn');
  }

  function repaint() {
    list.replaceChildren(...lines.filter(visible).map(row));
    list.scrollTop = list.scrollHeight;
  }

  for (const c of [filter, level, realm]) c.addEventListener('input', repaint);
  clearBtn.addEventListener('click', () => { lines.length = 0; repaint(); paintCounts(); });

  return {
    add(newLines) {
      const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 24;
      for (const l of newLines) {
        const line = { level: l.level || 'log', text: String(l.text ?? ''), location: l.location || null, realm: l.realm || 'host', source: l.source };
        lines.push(line);
        if (visible(line)) list.append(row(line));
      }
      if (lines.length > MAX_LINES) { lines.splice(0, lines.length - MAX_LINES); repaint(); }
      if (atBottom) list.scrollTop = list.scrollHeight;
      paintCounts();
    },
  };
}
