// Alerts (GET /alerts, newest first: an agency sees those naming its country, origin customs all) and origin customs'
// exporter risk view (GET /exporters/{creditCode}/risk: alerts by kind and per cleared filing).
import { call, query } from '../api.js';
import { h, mount, field, setError } from '../dom.js';
import { t, date, num, pct } from '../i18n.js';
import { can, go } from '../main.js';
import * as check from '../validate.js';
import { table, dl, pager, filingRef, route, showProblem, ALERT_KINDS } from '../ui.js';

const filters = { kind: '', vin: '', exporter: '' };

export async function alerts(vinArg) {
  if (vinArg) Object.assign(filters, { vin: vinArg, kind: '', exporter: '' });
  const kind = h('select', {}, h('option', { value: '' }, t('any')), ALERT_KINDS.map(k => h('option', { value: k }, t('alert.kind.' + k))));
  const vin = h('input', { type: 'text', maxlength: 17, autocomplete: 'off', spellcheck: 'false', class: 'mono' });
  const exporter = h('input', { type: 'text', maxlength: 18, autocomplete: 'off', spellcheck: 'false', class: 'mono' });
  kind.value = filters.kind;
  vin.value = filters.vin;
  exporter.value = filters.exporter;
  const result = h('div', { 'aria-live': 'polite' });
  const risk = can('GET /exporters/{creditCode}/risk');
  const load = async page => {
    Object.assign(filters, { kind: kind.value, vin: vin.value.trim().toUpperCase(), exporter: exporter.value.trim().toUpperCase() });
    try {
      const { data } = await call('/alerts' + query({ kind: filters.kind, vin: filters.vin, exporter: filters.exporter, page, size: 20 }));
      result.replaceChildren(
        table(t('alerts.caption'), [t('alerts.raisedAt'), t('alerts.kind'), t('filing.vin'), t('alerts.route'), t('alerts.observedOn'),
          t('alerts.exporter'), t('alerts.filing'), t('alerts.detail')],
        (data.items || []).map(a => [date(a.raisedAt), h('span', { class: 'badge sev-block' }, t('alert.kind.' + a.kind)), h('span', { class: 'mono' }, a.vin),
          route(a.route), date(a.observedOn),
          risk ? h('a', { href: '#/risk/' + encodeURIComponent(a.exporterCreditCode), class: 'mono' }, a.exporterCreditCode) : h('span', { class: 'mono' }, a.exporterCreditCode),
          filingRef(a.filingId, a.route?.declaredDestination, t('alerts.openFiling')), a.detail || '—']), t('alerts.empty')),
        pager(data.page || 0, data.size || 20, data.total, load));
    } catch (e) {
      showProblem(result, e, { vin: 'al-vin', exporter: 'al-exporter', kind: 'al-kind' });
    }
  };
  mount(h('h1', {}, t('alerts.title')), h('p', {}, t('alerts.intro')),
    h('form', { class: 'filters', role: 'search', onsubmit: e => { e.preventDefault(); load(0); } },
      field('al-kind', t('alerts.kind'), kind), field('al-vin', t('filing.vin'), vin), field('al-exporter', t('alerts.exporter'), exporter),
      h('button', { type: 'submit', id: 'alerts-apply' }, t('filter'))),
    result);
  await load(0);
}

/** Risk figures of one exporter, and of every exporter named by the latest alerts (highest count first). */
export async function risk(codeArg) {
  const code = h('input', { type: 'text', maxlength: 18, autocomplete: 'off', spellcheck: 'false', class: 'mono', value: codeArg || '' });
  code.addEventListener('input', () => {
    code.value = code.value.toUpperCase();
    const p = check.creditCode(code.value);
    setError('rk-code', p && code.value.length === 18 ? t(p) : null);
  });
  const one = h('div', { 'aria-live': 'polite' });
  const overview = h('section', {});
  mount(h('h1', {}, t('risk.title')), h('p', {}, t('risk.intro')),
    h('form', { class: 'filters', role: 'search', onsubmit: e => {
      e.preventDefault();
      const p = check.creditCode(code.value);
      if (p) {
        setError('rk-code', t(p));
        code.focus();
        return;
      }
      go('#/risk/' + encodeURIComponent(code.value.trim()));
    } },
      field('rk-code', t('alerts.exporter'), code, t('newFiling.codeHint')), h('button', { type: 'submit', class: 'primary', id: 'risk-lookup' }, t('risk.lookup'))),
    one, overview);
  if (codeArg) {
    try {
      const { data: r } = await call('/exporters/' + encodeURIComponent(codeArg) + '/risk');
      one.replaceChildren(h('section', { class: 'panel', id: 'risk-one' }, h('h2', {}, t('risk.of', { code: r.creditCode || codeArg })),
        dl([[t('risk.alerts'), num(r.alerts)], [t('risk.cleared'), num(r.clearedFilings)],
          [t('risk.rate'), r.alertRate === null || r.alertRate === undefined ? t('risk.noRate') : pct(r.alertRate)]]),
        table(t('risk.byKind'), [t('alerts.kind'), t('risk.alerts')],
          Object.entries(r.alertsByKind || {}).map(([k, n]) => [t('alert.kind.' + k), num(n)])),
        h('p', {}, h('a', { href: '#/alerts', onclick: () => Object.assign(filters, { exporter: r.creditCode || codeArg, vin: '', kind: '' }) }, t('risk.seeAlerts')))));
    } catch (e) {
      showProblem(one, e, { creditCode: 'rk-code' });
    }
  }
  // the API reads one exporter at a time: the overview asks for those the latest 200 alerts name (at most 20)
  const { data } = await call('/alerts' + query({ page: 0, size: 200 }));
  const codes = [...new Set((data.items || []).map(a => a.exporterCreditCode))].slice(0, 20);
  const rows = (await Promise.all(codes.map(c => call('/exporters/' + encodeURIComponent(c) + '/risk').then(x => x.data).catch(() => null))))
    .filter(Boolean).sort((a, b) => (b.alerts || 0) - (a.alerts || 0) || (b.alertRate || 0) - (a.alertRate || 0));
  overview.replaceChildren(h('h2', {}, t('risk.overview')), h('p', { class: 'hint' }, t('risk.overviewHint')),
    table(t('risk.caption'), [t('alerts.exporter'), t('risk.alerts'), t('risk.cleared'), t('risk.rate')],
      rows.map(r => [h('a', { href: '#/risk/' + encodeURIComponent(r.creditCode), class: 'mono' }, r.creditCode), num(r.alerts), num(r.clearedFilings),
        r.alertRate === null || r.alertRate === undefined ? t('risk.noRate') : pct(r.alertRate)]), t('alerts.empty')));
}
