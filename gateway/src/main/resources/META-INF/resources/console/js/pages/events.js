// The event feed (GET /events): oldest first after a cursor, scoped by the API to what the caller may see. The API
// pages only forwards; the console remembers where each page it showed began, so it can step back, and finds the
// newest page by reading forward to the end (500 at a time) and keeping the last events' cursors.
import { call, query } from '../api.js';
import { h, mount, field } from '../dom.js';
import { t, date, num } from '../i18n.js';
import { onLeave } from '../main.js';
import { table, filingRef, route, eventType, EVENT_TYPES } from '../ui.js';

const LIMIT = 25;
const WALK = 500; // the API's largest page
const MAX_WALK = 400; // pages of WALK read at most to find the newest (200,000 events)
const KEEP = 20 * LIMIT; // event cursors kept from the walk: how far back "Older" reaches from the newest page
const REFRESH_MS = 15000;

const state = { type: '', starts: [null], index: 0 };

export async function events() {
  const type = h('select', {}, h('option', { value: '' }, t('any')), EVENT_TYPES.map(x => h('option', { value: x }, eventType(x))));
  type.value = state.type;
  const result = h('div', { 'aria-live': 'polite', id: 'feed' });
  const position = h('p', { class: 'hint', id: 'feed-position' });
  const older = h('button', { type: 'button', id: 'feed-older', onclick: () => show(state.index - 1) }, t('feed.older'));
  const newer = h('button', { type: 'button', id: 'feed-newer', onclick: () => show(state.index + 1) }, t('feed.newer'));
  const oldest = h('button', { type: 'button', id: 'feed-oldest', onclick: () => { state.starts = [null]; show(0); } }, t('feed.oldest'));
  const newest = h('button', { type: 'button', id: 'feed-newest', onclick: () => toNewest() }, t('feed.newest'));
  let lastCount = 0;

  mount(h('h1', {}, t('feed.title')), h('p', {}, t('feed.intro')),
    h('form', { class: 'filters', role: 'search', onsubmit: e => { e.preventDefault(); state.type = type.value; toNewest(); } },
      field('ev-type', t('feed.type'), type), h('button', { type: 'submit', id: 'feed-apply' }, t('filter'))),
    h('nav', { class: 'pager', 'aria-label': t('pager.label') }, oldest, older, newer, newest),
    position, result);

  async function page(after, limit) {
    const { data } = await call('/events' + query({ after, limit, type: state.type }));
    return data;
  }

  // shows the page that begins after state.starts[i]
  async function show(i) {
    const data = await page(state.starts[i], LIMIT);
    const items = data.items || [];
    if (i > state.index && !items.length) {
      position.textContent = t('feed.noNewer');
      return;
    }
    state.index = i;
    state.starts.length = i + 1;
    if (items.length) state.starts.push(data.next);
    lastCount = items.length;
    render(items);
  }

  async function toNewest() {
    result.replaceChildren(h('p', { class: 'loading-inline' }, t('loading')));
    const cursors = [];
    let base = null; // the cursor the kept window begins after (null: the very beginning)
    let after = null;
    for (let n = 0; n < MAX_WALK; n++) {
      const data = await page(after, WALK);
      const items = data.items || [];
      if (!items.length || data.next === after) break;
      cursors.push(...items.map(e => e.cursor));
      if (cursors.length > KEEP) base = cursors.splice(0, cursors.length - KEEP).pop();
      after = data.next;
    }
    // page starts counted back from the end, so the newest page is full
    const starts = [];
    for (let p = cursors.length - LIMIT; p > 0; p -= LIMIT) starts.unshift(cursors[p - 1]);
    starts.unshift(base);
    state.starts = starts;
    state.index = starts.length - 1;
    await show(state.index);
  }

  function render(items) {
    older.disabled = state.index === 0;
    newer.disabled = !lastCount;
    position.textContent = t('feed.position', { count: num(items.length), page: num(state.index + 1) })
      + (state.starts[0] ? ' ' + t('feed.window') : '');
    result.replaceChildren(table(t('feed.caption'), [t('feed.at'), t('feed.type'), t('filing.vin'), t('feed.countries'), t('feed.details')],
      items.map(e => [date(e.occurredAt), h('span', { title: e.type }, eventType(e.type)), e.vin ? h('span', { class: 'mono' }, e.vin) : '—',
        (e.countries || []).join(', ') || '—', details(e)]), t('feed.empty')));
  }

  await toNewest();
  // a poller's view: the newest page follows new events while the user stays on it
  const timer = setInterval(() => {
    if (state.index === state.starts.length - 2 || !lastCount) show(state.index).catch(() => {});
  }, REFRESH_MS);
  onLeave(() => clearInterval(timer));
}

// what a reader needs of the payload: the filing, the status it reached, the alert's kind and route, the sighting's place
function details(e) {
  const p = e.payload || {};
  const parts = [];
  if (e.filingId) parts.push(filingRef(e.filingId, p.destination || p.route?.declaredDestination, p.number || t('alerts.openFiling')));
  if (p.status) parts.push(t('status.' + p.status));
  if (p.transition) parts.push('(' + p.transition + ')');
  if (p.kind && e.type === 'alert.raised') parts.push(t('alert.kind.' + p.kind), route(p.route));
  if (e.type === 'sighting.recorded') parts.push(t('sighting.kind.' + p.kind), p.country, p.place, date(p.date));
  if (p.reason) parts.push('“' + p.reason + '”');
  const out = [];
  parts.forEach((x, i) => out.push(i ? ' · ' : '', x));
  return h('span', {}, out.length ? out : '—');
}
