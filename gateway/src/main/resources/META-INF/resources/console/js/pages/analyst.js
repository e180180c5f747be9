// Analyst: the zero-mileage share and counts, grouped by month, destination, maker or origin region, drawn as
// SVG here (no chart library to download), with the same figures as a table and as CSV.
import { call, query } from '../api.js';
import { h, s, mount, field } from '../dom.js';
import { t, num, pct, month } from '../i18n.js';
import { table, downloadCsv, DESTINATIONS } from '../ui.js';

const state = { groupBy: 'month', from: '', to: '', destination: '', maker: '', region: '' };

export async function reports() {
  const groupBy = h('select', {}, ['month', 'destination', 'maker', 'region'].map(g => h('option', { value: g }, t('report.by.' + g))));
  const from = h('input', { type: 'month', placeholder: 'YYYY-MM' });
  const to = h('input', { type: 'month', placeholder: 'YYYY-MM' });
  const destination = h('select', {}, h('option', { value: '' }, t('any')), DESTINATIONS.map(d => h('option', { value: d }, d)));
  const maker = h('input', { type: 'text', autocomplete: 'off' });
  const region = h('input', { type: 'text', autocomplete: 'off', placeholder: 'CN-SC' });
  const inputs = { groupBy, from, to, destination, maker, region };
  for (const [k, el] of Object.entries(inputs)) el.value = state[k];
  const chart = h('figure', { class: 'chart', id: 'report-chart' });
  const figures = h('div', { 'aria-live': 'polite' });
  const out = h('div', { class: 'result' });
  const params = () => ({ groupBy: state.groupBy, from: state.from, to: state.to, destination: state.destination, maker: state.maker, region: state.region });

  async function load() {
    for (const [k, el] of Object.entries(inputs)) state[k] = el.value.trim();
    out.replaceChildren();
    const { data } = await call('/reports/zero-mileage' + query(params()));
    const rows = data.rows || [];
    chart.replaceChildren(draw(rows, state.groupBy), h('figcaption', {}, t('report.caption', { by: t('report.by.' + state.groupBy) })));
    figures.replaceChildren(
      data.total ? h('p', { id: 'report-total' }, t('report.total', { filings: num(data.total.filings), zero: num(data.total.zeroMileage), share: pct(data.total.share) })) : null,
      table(t('report.table'), [t('report.by.' + state.groupBy), t('report.filings'), t('report.zero'), t('report.share')],
        rows.map(r => [label(r.key, state.groupBy), num(r.filings), num(r.zeroMileage), pct(r.share)])));
  }

  async function download() {
    try {
      await downloadCsv('/reports/zero-mileage' + query(params()), `zero-mileage-by-${state.groupBy}.csv`);
    } catch (e) {
      out.replaceChildren(h('p', { class: 'error', role: 'alert' }, e.message));
    }
  }

  mount(h('h1', {}, t('report.title')), h('p', {}, t('report.intro')),
    h('form', { class: 'filters', role: 'search', onsubmit: e => { e.preventDefault(); load().catch(err => out.replaceChildren(h('p', { class: 'error', role: 'alert' }, err.message))); } },
      field('r-groupBy', t('report.groupBy'), groupBy),
      field('r-from', t('report.from'), from),
      field('r-to', t('report.to'), to),
      field('r-destination', t('filing.destination'), destination),
      field('r-maker', t('report.maker'), maker),
      field('r-region', t('report.region'), region),
      h('div', { class: 'buttons' },
        h('button', { type: 'submit', class: 'primary', id: 'report-apply' }, t('filter')),
        h('button', { type: 'button', id: 'report-csv', onclick: download }, t('report.csv')))),
    out, chart, figures);
  await load();
}

function label(key, groupBy) {
  return groupBy === 'month' ? month(key) : (key || '—');
}

// bars: filings (light) with their zero-mileage part (dark); the share as a line on a 0-100 % scale at the right
function draw(rows, groupBy) {
  const W = 720, H = 300, L = 56, R = 48, T = 16, B = 64;
  const max = Math.max(1, ...rows.map(r => r.filings || 0));
  const step = (W - L - R) / Math.max(1, rows.length);
  const bw = Math.max(2, Math.min(64, step * 0.7));
  const y = v => T + (H - T - B) * (1 - v / max);
  const ys = v => T + (H - T - B) * (1 - v);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': 'chart-title chart-desc', class: 'bars' },
    s('title', { id: 'chart-title' }, t('report.caption', { by: t('report.by.' + groupBy) })),
    s('desc', { id: 'chart-desc' }, rows.map(r => `${label(r.key, groupBy)}: ${num(r.filings)} / ${num(r.zeroMileage)} (${pct(r.share)})`).join('; ')));
  for (const f of [0, 0.5, 1]) {
    svg.append(s('line', { x1: L, x2: W - R, y1: y(max * f), y2: y(max * f), class: 'grid' }),
      s('text', { x: L - 6, y: y(max * f) + 4, 'text-anchor': 'end', class: 'axis' }, num(Math.round(max * f))),
      s('text', { x: W - R + 6, y: ys(f) + 4, class: 'axis' }, pct(f)));
  }
  const points = [];
  rows.forEach((r, i) => {
    const x = L + i * step + (step - bw) / 2;
    svg.append(s('rect', { x, y: y(r.filings || 0), width: bw, height: H - B - y(r.filings || 0), class: 'all' }),
      s('rect', { x, y: y(r.zeroMileage || 0), width: bw, height: H - B - y(r.zeroMileage || 0), class: 'zero' }));
    if (rows.length <= 24) {
      svg.append(s('text', { x: x + bw / 2, y: H - B + 16, 'text-anchor': 'middle', class: 'axis' }, String(label(r.key, groupBy)).slice(0, 10)));
    }
    points.push([x + bw / 2, ys(r.share || 0)]);
  });
  if (points.length > 1) svg.append(s('polyline', { points: points.map(p => p.join(',')).join(' '), class: 'share' }));
  for (const [cx, cy] of points) svg.append(s('circle', { cx, cy, r: 4, class: 'share-dot' }));
  svg.append(s('g', { class: 'legend' },
    s('rect', { x: L, y: H - 22, width: 12, height: 12, class: 'all' }), s('text', { x: L + 16, y: H - 12, class: 'axis' }, t('report.filings')),
    s('rect', { x: L + 160, y: H - 22, width: 12, height: 12, class: 'zero' }), s('text', { x: L + 176, y: H - 12, class: 'axis' }, t('report.zero')),
    s('line', { x1: L + 360, x2: L + 380, y1: H - 16, y2: H - 16, class: 'share' }), s('text', { x: L + 386, y: H - 12, class: 'axis' }, t('report.share'))));
  return svg;
}

// Re-export alerts by route (origin region > declared destination > country of sighting) or by month of the
// sighting (GET /reports/re-export-alerts), drawn the same way; CSV with the columns <groupBy>,alerts and a total line.
const reState = { groupBy: 'route', from: '', to: '' };

export async function reExport() {
  const groupBy = h('select', {}, ['route', 'month'].map(g => h('option', { value: g }, t('reexport.by.' + g))));
  const from = h('input', { type: 'month', placeholder: 'YYYY-MM' });
  const to = h('input', { type: 'month', placeholder: 'YYYY-MM' });
  const inputs = { groupBy, from, to };
  for (const [k, el] of Object.entries(inputs)) el.value = reState[k];
  const chart = h('figure', { class: 'chart', id: 'reexport-chart' });
  const figures = h('div', { 'aria-live': 'polite' });
  const out = h('div', { class: 'result' });
  const params = () => ({ groupBy: reState.groupBy, from: reState.from, to: reState.to });
  const fail = err => out.replaceChildren(h('p', { class: 'error', role: 'alert' }, err.message));

  async function load() {
    for (const [k, el] of Object.entries(inputs)) reState[k] = el.value.trim();
    out.replaceChildren();
    const { data } = await call('/reports/re-export-alerts' + query(params()));
    const rows = data.rows || [];
    const keyOf = r => reState.groupBy === 'month' ? month(r.key) : (r.key || '—');
    const caption = t('reexport.caption', { by: t('reexport.by.' + reState.groupBy) });
    chart.replaceChildren(bars(rows.map(r => [keyOf(r), r.alerts || 0]), caption, t('reexport.alerts')), h('figcaption', {}, caption));
    figures.replaceChildren(
      h('p', { id: 'reexport-total' }, t('reexport.total', { alerts: num(data.total || 0) })),
      table(t('report.table'), [t('reexport.by.' + reState.groupBy), t('reexport.alerts')], rows.map(r => [keyOf(r), num(r.alerts)]), t('reexport.none')));
  }

  mount(h('h1', {}, t('reexport.title')), h('p', {}, t('reexport.intro')),
    h('form', { class: 'filters', role: 'search', onsubmit: e => { e.preventDefault(); load().catch(fail); } },
      field('re-groupBy', t('report.groupBy'), groupBy),
      field('re-from', t('report.from'), from),
      field('re-to', t('report.to'), to),
      h('div', { class: 'buttons' },
        h('button', { type: 'submit', class: 'primary', id: 'reexport-apply' }, t('filter')),
        h('button', { type: 'button', id: 'reexport-csv', onclick: () => downloadCsv('/reports/re-export-alerts' + query(params()), `re-export-alerts-by-${reState.groupBy}.csv`).catch(fail) }, t('report.csv')))),
    out, chart, figures);
  await load();
}

// one bar per row, labelled below (routes are long: the labels are turned), the count above each bar
function bars(rows, title, unit) {
  const W = 720, H = 320, L = 56, R = 16, T = 20, B = 110;
  const max = Math.max(1, ...rows.map(([, v]) => v));
  const step = (W - L - R) / Math.max(1, rows.length);
  const bw = Math.max(2, Math.min(64, step * 0.7));
  const y = v => T + (H - T - B) * (1 - v / max);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': 're-chart-title re-chart-desc', class: 'bars' },
    s('title', { id: 're-chart-title' }, title),
    s('desc', { id: 're-chart-desc' }, rows.length ? rows.map(([k, v]) => `${k}: ${num(v)} ${unit}`).join('; ') : t('reexport.none')));
  for (const f of [0, 0.5, 1]) {
    svg.append(s('line', { x1: L, x2: W - R, y1: y(max * f), y2: y(max * f), class: 'grid' }),
      s('text', { x: L - 6, y: y(max * f) + 4, 'text-anchor': 'end', class: 'axis' }, num(Math.round(max * f))));
  }
  rows.forEach(([k, v], i) => {
    const x = L + i * step + (step - bw) / 2;
    svg.append(s('rect', { x, y: y(v), width: bw, height: H - B - y(v), class: 'zero' }),
      s('text', { x: x + bw / 2, y: y(v) - 4, 'text-anchor': 'middle', class: 'axis' }, num(v)));
    if (rows.length <= 24) {
      svg.append(s('text', { x: x + bw / 2, y: H - B + 14, 'text-anchor': 'end', class: 'axis',
        transform: `rotate(-35 ${x + bw / 2} ${H - B + 14})` }, String(k).slice(0, 24)));
    }
  });
  return svg;
}
