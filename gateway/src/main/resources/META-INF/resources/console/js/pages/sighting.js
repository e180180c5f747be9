// Destination agency (or origin customs): a VIN presented in a country (POST /sightings, idempotent). The form checks
// what the contract's SightingRequest says (VIN as on filings, country two letters, kind from its enum, place not
// blank and at most 200 characters, a date not in the future); the server checks again and its answer wins.
import { call, query } from '../api.js';
import { h, mount, field, setError, uuid } from '../dom.js';
import { t, date, num } from '../i18n.js';
import { claims } from '../auth.js';
import { can, notify } from '../main.js';
import * as check from '../validate.js';
import { table, dl, showProblem, filingLink, SIGHTING_KINDS, DESTINATIONS } from '../ui.js';

const FIELDS = { vin: 's-vin', country: 's-country', kind: 's-kind', place: 's-place', date: 's-date' };

// the user's own calendar day (the server judges "not in the future" by its export calendar, China's)
const today = () => {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
};

export async function sighting() {
  const own = claims().zmx_country; // an agency reports only in its own country; origin customs anywhere
  const vin = h('input', { type: 'text', maxlength: 17, autocomplete: 'off', spellcheck: 'false', required: true, class: 'mono' });
  const country = own
    ? h('input', { type: 'text', value: own, readonly: true, class: 'mono', size: 4 })
    : h('select', { required: true }, DESTINATIONS.map(d => h('option', { value: d }, d)));
  const kind = h('select', { required: true }, SIGHTING_KINDS.map(k => h('option', { value: k }, t('sighting.kind.' + k))));
  const place = h('input', { type: 'text', maxlength: 200, required: true, autocomplete: 'off' });
  const day = h('input', { type: 'date', required: true, max: today(), value: today() });
  const out = h('div', { class: 'result', 'aria-live': 'polite' });
  let key = uuid(); // kept until the sighting is recorded: a retried submit replays the first answer

  vin.addEventListener('input', () => {
    vin.value = vin.value.toUpperCase();
    const problem = check.vin(vin.value);
    setError('s-vin', problem && vin.value.length ? t(problem) : null);
  });
  const form = h('form', { class: 'stack', novalidate: true, onsubmit: submit },
    h('fieldset', {}, h('legend', {}, t('sighting.legend')),
      field('s-vin', t('filing.vin'), vin, t('newFiling.vinHint')),
      field('s-country', t('sighting.country'), country, own ? t('sighting.ownCountry') : t('sighting.anyCountry')),
      field('s-kind', t('sighting.kindLabel'), kind),
      field('s-place', t('sighting.place'), place, t('sighting.placeHint')),
      field('s-date', t('sighting.date'), day, t('sighting.dateHint'))),
    h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary', id: 'record-sighting' }, t('sighting.submit'))),
    out);
  form.addEventListener('input', () => { key = uuid(); });
  form.addEventListener('change', () => { key = uuid(); });
  mount(h('h1', {}, t('sighting.title')), h('p', {}, t('sighting.intro')), form);

  async function submit(e) {
    e.preventDefault();
    for (const id of Object.values(FIELDS)) setError(id, null);
    out.replaceChildren();
    const problems = {
      's-vin': !vin.value.trim() ? 'required' : check.vin(vin.value),
      's-country': /^[A-Z]{2}$/.test(country.value) ? null : 'sighting.countryFormat',
      's-place': !place.value.trim() ? 'required' : null,
      's-date': !day.value ? 'required' : day.value > today() ? 'sighting.future' : null,
    };
    let first = null;
    for (const [id, problem] of Object.entries(problems)) {
      if (problem) {
        setError(id, t(problem));
        first = first || document.getElementById(id);
      }
    }
    if (first) {
      first.focus();
      return;
    }
    const body = { vin: vin.value.trim(), country: country.value, kind: kind.value, place: place.value.trim(), date: day.value };
    const button = form.querySelector('#record-sighting');
    button.disabled = true;
    try {
      const { data: s } = await call('/sightings', { method: 'POST', body, key });
      notify(t('sighting.done'), 'success');
      out.replaceChildren(await recorded(s));
      out.querySelector('h2').focus();
    } catch (err) {
      showProblem(out, err, FIELDS);
    } finally {
      button.disabled = false;
    }
  }
}

async function recorded(s) {
  const alerts = s.alertsRaised || [];
  let others = null;
  if (can('GET /sightings')) {
    try {
      const { data } = await call('/sightings' + query({ vin: s.vin }));
      others = table(t('sighting.history', { vin: s.vin }), [t('sighting.date'), t('sighting.country'), t('sighting.kindLabel'), t('sighting.place'), t('sighting.reportedBy')],
        (data.items || []).map(x => [date(x.date), x.country, t('sighting.kind.' + x.kind), x.place, t('role.' + x.reportedRole)]));
    } catch (e) {
      others = null; // the record stands; the history is extra
    }
  }
  // the VIN's last cleared filing: an agency may open it only when it was bound for its own country
  let filing = s.filingId ? h('span', { class: 'mono' }, s.filingId) : t('sighting.noFiling');
  if (s.filingId) {
    try {
      const { data: f } = await call('/filings/' + encodeURIComponent(s.filingId));
      filing = h('span', {}, filingLink(f), ' · ', t('filing.boundFor', { country: f.destination }));
    } catch (e) {
      filing = h('span', {}, t('filing.notYours'));
    }
  }
  return h('section', { class: 'panel', id: 'sighting-recorded' },
    h('h2', { tabindex: '-1' }, t('sighting.recorded')),
    dl([[t('filing.vin'), h('span', { class: 'mono' }, s.vin)], [t('sighting.country'), s.country], [t('sighting.kindLabel'), t('sighting.kind.' + s.kind)],
      [t('sighting.place'), s.place], [t('sighting.date'), date(s.date)], [t('sighting.recordedAt'), date(s.recordedAt)],
      [t('sighting.filing'), filing]]),
    h('p', { id: 'sighting-alerts', class: alerts.length ? 'error' : '' },
      alerts.length ? t('sighting.alerts', { count: num(alerts.length) }) : t('sighting.noAlerts'),
      alerts.length && can('GET /alerts') ? [' ', h('a', { href: '#/alerts/' + encodeURIComponent(s.vin) }, t('sighting.seeAlerts'))] : null),
    others);
}
