// Exporter: its filings (the API returns only the caller's own) and the filing form with inline checks.
import { call, query } from '../api.js';
import { h, mount, field, setError, uuid } from '../dom.js';
import { t, date, num } from '../i18n.js';
import { claims } from '../auth.js';
import { can, go, notify } from '../main.js';
import * as check from '../validate.js';
import { table, statusBadge, laneBadge, filingLink, pager, showProblem, STATUSES, DESTINATIONS } from '../ui.js';

export async function filings() {
  const status = h('select', {}, h('option', { value: '' }, t('any')), STATUSES.map(s => h('option', { value: s }, t('status.' + s))));
  const result = h('div', { 'aria-live': 'polite' });
  const load = async page => {
    const { data } = await call('/filings' + query({ status: status.value, page, size: 20 }));
    result.replaceChildren(
      table(t('filings.caption'), [t('filing.number'), t('filing.vin'), t('filing.destination'), t('filing.status'), t('filing.lane'), t('filing.updatedAt')],
        (data.items || []).map(f => [filingLink(f), f.vin, f.destination, statusBadge(f.status), laneBadge(f.verdict?.lane), date(f.updatedAt)])),
      pager(data.page || 0, data.size || 20, data.total, load));
  };
  mount(h('h1', {}, t('filings.title')),
    can('POST /filings') ? h('p', {}, h('a', { href: '#/new', class: 'button primary', id: 'new-filing' }, t('filings.new'))) : null,
    h('form', { class: 'filters', role: 'search', onsubmit: e => { e.preventDefault(); load(0); } },
      field('f-status', t('filing.status'), status), h('button', { type: 'submit' }, t('filter'))),
    result);
  await load(0);
}

// form field id -> the filing's JSON field, for placing the server's violations
const FIELDS = {
  vin: 'nf-vin', exporterCreditCode: 'nf-code', destination: 'nf-destination', consignee: 'nf-consignee',
  consigneeType: 'nf-consigneeType', declaredStatus: 'nf-declaredStatus', declaredOdometerKm: 'nf-odometer',
  amount: 'nf-amount', 'declaredValue.amount': 'nf-amount', currency: 'nf-currency', 'declaredValue.currency': 'nf-currency',
  declaredValue: 'nf-amount', hsCode: 'nf-hs', portOfExit: 'nf-port', plannedExportDate: 'nf-date', exportLicence: 'nf-licence',
};

export async function newFiling() {
  const myCode = claims().zmx_credit_code || '';
  const input = (attrs) => h('input', Object.assign({ type: 'text', autocomplete: 'off' }, attrs));
  const vin = input({ maxlength: 17, spellcheck: 'false', required: true, class: 'mono' });
  const code = input({ maxlength: 18, spellcheck: 'false', required: true, value: myCode, class: 'mono' });
  const destination = h('select', { required: true }, DESTINATIONS.map(d => h('option', { value: d }, d)));
  const consignee = input({ required: true, maxlength: 200 });
  const consigneeType = h('select', {}, ['COMPANY', 'PERSON', 'OFFICIAL_REPRESENTATIVE'].map(c => h('option', { value: c }, t('consigneeType.' + c))));
  const declaredStatus = h('select', {}, ['USED', 'NEW'].map(c => h('option', { value: c }, t('declared.' + c))));
  const odometer = h('input', { type: 'number', min: 0, step: 1, required: true, inputmode: 'numeric' });
  const amount = h('input', { type: 'number', min: 0, step: '0.01', required: true, inputmode: 'decimal' });
  const currency = h('select', {}, ['USD', 'CNY', 'EUR', 'RUB', 'KZT'].map(c => h('option', { value: c }, c)));
  const hs = input({ maxlength: 10, inputmode: 'numeric' });
  const port = input({ required: true, maxlength: 100 });
  const planned = h('input', { type: 'date', required: true, value: new Date().toISOString().slice(0, 10) });
  const licence = input({ maxlength: 64 });
  const out = h('div', { class: 'result' });
  let key = uuid(); // kept until the filing is accepted: a retried submit is the same filing, never a second one

  const live = (el, id, fn) => el.addEventListener('input', () => {
    el.value = el.value.toUpperCase();
    const problem = fn(el.value);
    setError(id, problem && el.value.length ? t(problem) : null);
    key = uuid(); // the content changed: a new filing if submitted
  });
  live(vin, 'nf-vin', check.vin);
  live(code, 'nf-code', check.creditCode);

  const form = h('form', { class: 'stack', novalidate: true, onsubmit: submit },
    h('fieldset', {}, h('legend', {}, t('newFiling.vehicle')),
      field('nf-vin', t('filing.vin'), vin, t('newFiling.vinHint')),
      field('nf-declaredStatus', t('filing.declaredStatus'), declaredStatus),
      field('nf-odometer', t('filing.odometer') + ' (km)', odometer)),
    h('fieldset', {}, h('legend', {}, t('newFiling.parties')),
      field('nf-code', t('filing.exporter'), code, t('newFiling.codeHint')),
      field('nf-destination', t('filing.destination'), destination),
      field('nf-consignee', t('filing.consignee'), consignee),
      field('nf-consigneeType', t('filing.consigneeType'), consigneeType)),
    h('fieldset', {}, h('legend', {}, t('newFiling.shipment')),
      field('nf-amount', t('filing.value'), amount),
      field('nf-currency', t('filing.currency'), currency),
      field('nf-hs', t('filing.hsCode'), hs, t('newFiling.hsHint')),
      field('nf-port', t('filing.portOfExit'), port),
      field('nf-date', t('filing.plannedExportDate'), planned),
      field('nf-licence', t('filing.exportLicence'), licence)),
    h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary', id: 'submit-filing' }, t('newFiling.submit'))),
    out);
  form.addEventListener('change', () => { key = uuid(); });
  mount(h('h1', {}, t('newFiling.title')), h('p', {}, t('newFiling.intro')), form);

  async function submit(e) {
    e.preventDefault();
    for (const id of new Set(Object.values(FIELDS))) setError(id, null);
    out.replaceChildren();
    // the browser's own checks first (required fields), then the two check characters
    let firstBad = null;
    for (const [el, id] of [[vin, 'nf-vin'], [code, 'nf-code'], [consignee, 'nf-consignee'], [odometer, 'nf-odometer'], [amount, 'nf-amount'], [port, 'nf-port'], [planned, 'nf-date']]) {
      const problem = !el.value.trim() ? 'required' : id === 'nf-vin' ? check.vin(el.value) : id === 'nf-code' ? check.creditCode(el.value) : null;
      if (problem) {
        setError(id, t(problem));
        firstBad = firstBad || el;
      }
    }
    if (firstBad) {
      firstBad.focus();
      return;
    }
    const body = {
      exporterCreditCode: code.value.trim(), vin: vin.value.trim(), destination: destination.value, consignee: consignee.value.trim(),
      consigneeType: consigneeType.value, declaredStatus: declaredStatus.value, declaredOdometerKm: Number(odometer.value),
      declaredValue: { amount: Number(amount.value), currency: currency.value }, hsCode: hs.value.trim() || null,
      portOfExit: port.value.trim(), plannedExportDate: planned.value, exportLicence: licence.value.trim() || null,
    };
    const button = form.querySelector('#submit-filing');
    button.disabled = true;
    try {
      const { data } = await call('/filings?submit=true', { method: 'POST', body, key });
      notify(t('newFiling.done', { number: data.number, status: t('status.' + data.status) }), 'success');
      go('#/filing/' + data.id);
    } catch (err) {
      showProblem(out, err, FIELDS);
    } finally {
      button.disabled = false;
    }
  }
}

export { num };
