// Destination agency: filings bound for its country (the API scopes the list to the token's zmx_country).
import { call, query } from '../api.js';
import { h, mount, field } from '../dom.js';
import { t, date } from '../i18n.js';
import { claims } from '../auth.js';
import { table, statusBadge, laneBadge, filingLink, pager, STATUSES } from '../ui.js';

export async function agency() {
  const status = h('select', {}, h('option', { value: '' }, t('any')), STATUSES.map(s => h('option', { value: s }, t('status.' + s))));
  status.value = 'SHIPPED';
  const vin = h('input', { type: 'text', maxlength: 17, autocomplete: 'off', spellcheck: 'false', class: 'mono' });
  const result = h('div', { 'aria-live': 'polite' });
  const country = claims().zmx_country;
  const load = async page => {
    const { data } = await call('/filings' + query({ status: status.value, vin: vin.value.trim().toUpperCase(), page, size: 20 }));
    result.replaceChildren(
      table(t('agency.caption'), [t('filing.number'), t('filing.vin'), t('filing.consignee'), t('filing.status'), t('filing.lane'), t('filing.exportDate')],
        (data.items || []).map(f => [filingLink(f), f.vin, f.consignee, statusBadge(f.status), laneBadge(f.verdict?.lane), date(f.exportDate || f.plannedExportDate)])),
      pager(data.page || 0, data.size || 20, data.total, load));
  };
  mount(h('h1', {}, country ? t('agency.titleCountry', { country }) : t('agency.title')), h('p', {}, t('agency.intro')),
    h('form', { class: 'filters', role: 'search', onsubmit: e => { e.preventDefault(); load(0); } },
      field('a-status', t('filing.status'), status), field('a-vin', t('filing.vin'), vin), h('button', { type: 'submit' }, t('filter'))),
    result);
  await load(0);
}
