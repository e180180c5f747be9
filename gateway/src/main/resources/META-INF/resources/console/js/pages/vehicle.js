// VIN -> the gateway's composed dossier: identity, history timeline, registrations, odometer, title brands, filings.
import { call } from '../api.js';
import { h, mount, field, setError } from '../dom.js';
import { t, date, num } from '../i18n.js';
import { go } from '../main.js';
import * as check from '../validate.js';
import { dl, table, statusBadge, laneBadge, filingLink, showProblem } from '../ui.js';

export async function vehicle(vinArg) {
  const vin = h('input', { type: 'text', maxlength: 17, autocomplete: 'off', spellcheck: 'false', class: 'mono', value: vinArg || '' });
  const out = h('div', { 'aria-live': 'polite' });
  vin.addEventListener('input', () => {
    vin.value = vin.value.toUpperCase();
    const p = check.vin(vin.value);
    setError('v-vin', p && vin.value.length === 17 ? t(p) : null);
  });
  mount(h('h1', {}, t('vehicle.title')),
    h('form', { class: 'filters', role: 'search', onsubmit: e => { e.preventDefault(); go('#/vehicle/' + vin.value.trim()); } },
      field('v-vin', t('filing.vin'), vin), h('button', { type: 'submit', class: 'primary' }, t('vehicle.lookup'))),
    out);
  if (!vinArg) return;
  try {
    const { data: d } = await call('/vehicles/' + encodeURIComponent(vinArg) + '/dossier');
    const v = d.vehicle || {};
    const hist = d.history || {};
    out.replaceChildren(
      d.partial ? h('p', { class: 'problem', role: 'status' }, t('vehicle.partial', { parts: (d.unavailable || []).join(', ') })) : null,
      d.vehicle ? h('section', {}, h('h2', {}, t('vehicle.identity')), dl([
        [t('filing.vin'), v.vin], [t('vehicle.make'), `${v.make || '—'} ${v.model || ''}`], [t('vehicle.manufacturer'), v.manufacturer],
        [t('vehicle.modelYear'), v.modelYear], [t('vehicle.fuel'), v.fuelType], [t('vehicle.production'), date(v.productionDate)],
        [t('assessment.firstRegistration'), date(v.firstRegistrationDate)], [t('filing.status'), v.status]])) : null,
      d.history ? h('section', {}, h('h2', {}, t('vehicle.timeline')),
        (hist.timeline || []).length ? h('ol', { class: 'timeline' }, hist.timeline.map(e => h('li', {},
          h('time', { datetime: e.date }, date(e.date)), ' ', h('span', { class: 'kind' }, e.kind), ' ', e.summary))) : h('p', {}, t('empty')),
        table(t('vehicle.registrations'), [t('trail.at'), t('vehicle.region'), t('vehicle.plate'), t('vehicle.owner')],
          (hist.registrations || []).map(r => [date(r.date), `${r.region || ''} ${r.city || ''}`, r.plate, `${r.ownerType || ''} ${r.ownerId || ''}`])),
        table(t('vehicle.odometer'), [t('trail.at'), 'km', t('vehicle.source')],
          (hist.odometerReadings || []).map(o => [date(o.date), num(o.km), (o.source || '') + (o.rollback ? ' ⚠ ' + t('vehicle.rollback') : '')])),
        table(t('vehicle.brands'), [t('trail.at'), t('vehicle.brand'), t('vehicle.source')],
          (hist.titleBrands || []).map(b => [date(b.date), b.brand, b.source]))) : null,
      h('section', {}, h('h2', {}, t('vehicle.filings')),
        table(t('vehicle.filings'), [t('filing.number'), t('filing.destination'), t('filing.status'), t('filing.lane')],
          (d.filings || []).map(x => [filingLink(x.filing), x.filing.destination, statusBadge(x.filing.status), laneBadge(x.verdict?.lane || x.filing.verdict?.lane)]))));
  } catch (e) {
    showProblem(out, e, { vin: 'v-vin' });
  }
}
