// Customs officer: the queue of HELD filings, oldest first, refreshed every 30 seconds.
import { call, query } from '../api.js';
import { h, mount, field } from '../dom.js';
import { t, date, num } from '../i18n.js';
import { onLeave } from '../main.js';
import { table, laneBadge, filingLink, DESTINATIONS } from '../ui.js';

const REFRESH_MS = 30000;
const filters = { destination: '', vin: '', lane: '' };

export async function queue() {
  const result = h('div', { 'aria-live': 'polite' });
  const updated = h('p', { class: 'hint', id: 'queue-updated' });
  const destination = h('select', {}, h('option', { value: '' }, t('any')), DESTINATIONS.map(d => h('option', { value: d }, d)));
  const lane = h('select', {}, h('option', { value: '' }, t('any')), ['RED', 'YELLOW', 'GREEN'].map(l => h('option', { value: l }, t('lane.' + l))));
  const vin = h('input', { type: 'text', maxlength: 17, autocomplete: 'off', spellcheck: 'false' });
  destination.value = filters.destination;
  lane.value = filters.lane;
  vin.value = filters.vin;
  const form = h('form', { class: 'filters', role: 'search', onsubmit: e => { e.preventDefault(); load(); } },
    field('q-destination', t('filing.destination'), destination),
    field('q-lane', t('filing.lane'), lane),
    field('q-vin', t('filing.vin'), vin),
    h('button', { type: 'submit' }, t('filter')));
  mount(h('h1', {}, t('queue.title')), h('p', {}, t('queue.intro')), form, updated, result);

  async function load() {
    Object.assign(filters, { destination: destination.value, lane: lane.value, vin: vin.value.trim().toUpperCase() });
    // the API has no sort parameter: the whole HELD list (up to 1,000) is read page by page and sorted here
    const items = [];
    for (let page = 0; page < 5; page++) {
      const { data } = await call('/filings' + query({ status: 'HELD', destination: filters.destination, vin: filters.vin || undefined, page, size: 200 }));
      items.push(...(data.items || []));
      if (items.length >= (data.total || 0) || !(data.items || []).length) break;
    }
    const rows = items
      .filter(f => !filters.lane || f.verdict?.lane === filters.lane)
      .sort((a, b) => heldSince(a).localeCompare(heldSince(b)));
    result.replaceChildren(table(t('queue.caption', { count: num(rows.length) }),
      [t('filing.number'), t('filing.vin'), t('filing.destination'), t('filing.lane'), t('queue.heldSince'), t('queue.findings')],
      rows.map(f => [filingLink(f), f.vin, f.destination, laneBadge(f.verdict?.lane), date(heldSince(f)),
        num((f.verdict?.evaluation?.hits || f.verdict?.findings || []).length)]), t('queue.empty')));
    updated.textContent = t('queue.updated', { time: date(new Date().toISOString()) });
  }

  await load();
  const timer = setInterval(() => load().catch(() => {}), REFRESH_MS);
  onLeave(() => clearInterval(timer));
}

function heldSince(f) {
  return f.verdict?.screenedAt || f.updatedAt || f.createdAt || '';
}
