import { h, setError } from './dom.js';
import { t, has } from './i18n.js';
import { call } from './api.js';
import { claims } from './auth.js';

export function statusBadge(status) {
  return h('span', { class: 'badge status-' + (status || '').toLowerCase() }, t('status.' + status));
}

export function laneBadge(lane) {
  return lane ? h('span', { class: 'badge lane-' + lane.toLowerCase() }, t('lane.' + lane)) : '—';
}

export function severityBadge(severity) {
  return h('span', { class: 'badge sev-' + (severity || '').toLowerCase() }, has('severity.' + severity) ? t('severity.' + severity) : severity);
}

/** A caption, column headers and rows of cells; an empty list says so. */
export function table(caption, headers, rows, empty) {
  if (!rows.length) return h('p', { class: 'empty' }, empty || t('empty'));
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headers.map(x => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map(r => h('tr', {}, r.map((c, i) => i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c)))))));
}

export function dl(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(Boolean).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '—')]));
}

/** A problem+json answer: its title and detail, and each violation beside its field when the form has one. */
export function showProblem(container, e, fieldIds = {}) {
  const unplaced = [];
  for (const v of e.violations || []) {
    const id = fieldIds[v.field] || fieldIds[(v.field || '').split('.').pop()];
    if (!(id && setError(id, v.message))) unplaced.push(v);
  }
  container.replaceChildren(h('div', { class: 'problem', role: 'alert' },
    h('p', {}, h('strong', {}, e.body?.title || t('error.title')), e.status ? ` (${e.status})` : ''),
    e.body?.detail ? h('p', {}, e.body.detail) : (e.body?.title ? null : h('p', {}, e.message)),
    unplaced.length ? h('ul', {}, unplaced.map(v => h('li', {}, (v.field ? v.field + ': ' : '') + v.message))) : null));
  const first = document.querySelector('[aria-invalid="true"]');
  if (first) first.focus();
}

export function filingLink(f) {
  return h('a', { href: '#/filing/' + encodeURIComponent(f.id) }, f.number || f.id);
}

/** Previous / next over a page+size+total list. */
export function pager(page, size, total, goTo) {
  const pages = Math.max(1, Math.ceil((total || 0) / size));
  return h('nav', { class: 'pager', 'aria-label': t('pager.label') },
    h('button', { type: 'button', disabled: page <= 0, onclick: () => goTo(page - 1) }, t('pager.prev')),
    h('span', {}, t('pager.position', { page: page + 1, pages, total: total || 0 })),
    h('button', { type: 'button', disabled: page + 1 >= pages, onclick: () => goTo(page + 1) }, t('pager.next')));
}

export const STATUSES = ['DRAFT', 'SUBMITTED', 'SCREENED', 'CLEARED', 'HELD', 'REJECTED', 'SHIPPED', 'ARRIVED', 'ACCEPTED', 'REFUSED', 'WITHDRAWN'];
export const DESTINATIONS = ['KZ', 'RU', 'KG', 'UZ', 'BY', 'AM', 'AZ', 'GE', 'AE', 'SA', 'JO', 'TJ', 'MN'];

// issue 14: what the contract names (SightingKind's enum; Alert.kind's description; Event's description and the
// types export-service's WebhookEventTypes accepts for an endpoint)
export const SIGHTING_KINDS = ['IMPORT_DECLARATION', 'REGISTRATION_ATTEMPT', 'BORDER_CROSSING'];
export const ALERT_KINDS = ['RE_EXPORT', 'TWO_DESTINATIONS', 'AFTER_SALES_DESTINATION_MISMATCH', 'SEEN_IN_CN_REGISTRY'];
export const EVENT_TYPES = [...STATUSES.map(s => s === 'DRAFT' ? 'filing.created' : 'filing.' + s.toLowerCase()),
  'sighting.recorded', 'alert.raised', 'webhook.endpoint.disabled'];

/** An event type in words ("filing.cleared" -> "Filing cleared"); the raw name beside it for integrators. */
export function eventType(type) {
  return has('event.' + type) ? t('event.' + type) : type;
}

/**
 * A link to a filing when the caller may open it, else its destination in words: an agency sees only filings bound
 * for its country (an alert or event may name a filing bound elsewhere: the car surfaced in the agency's country).
 */
export function filingRef(id, destination, label) {
  const mine = claims().zmx_country;
  if (!id) return null;
  if (!mine || destination === mine) return filingLink({ id, number: label });
  return h('span', {}, destination ? t('filing.boundFor', { country: destination }) : t('filing.notYours'));
}

/** origin region > declared destination > country where the car surfaced */
export function route(r) {
  return r ? [r.originRegion || '?', r.declaredDestination, r.surfacedIn].join(' → ') : '—';
}

/** Fetches a CSV with the bearer token (a plain link could not carry it) and saves it under filename. */
export async function downloadCsv(path, filename) {
  const { data: blob } = await call(path, { accept: 'text/csv' });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** A modal question with a confirming and a cancelling button; resolves true when confirmed. */
export function confirmDialog(id, question, confirmLabel) {
  return new Promise(resolve => {
    const dialog = h('dialog', { id, 'aria-labelledby': id + '-q' },
      h('p', { id: id + '-q' }, question),
      h('div', { class: 'buttons' },
        h('button', { type: 'button', class: 'danger', id: id + '-yes', onclick: () => close(true) }, confirmLabel),
        h('button', { type: 'button', id: id + '-no', onclick: () => close(false) }, t('cancel'))));
    const close = answer => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    dialog.addEventListener('cancel', () => close(false));
    document.body.append(dialog);
    dialog.showModal();
  });
}
