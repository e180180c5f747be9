// Webhook endpoints of the caller's tenant (an agency's country, an exporter's credit code, origin customs): register
// one (URL, event types, a description) and copy its signing secret, which the API shows this once and the console
// keeps nowhere; per endpoint, its delivery log with every attempt, replay of one delivery or a time range, secret
// rotation, re-enabling after repeated failure, and deletion after a confirmation.
import { call, query } from '../api.js';
import { h, mount, field, setError } from '../dom.js';
import { t, date, num } from '../i18n.js';
import { can, go, notify } from '../main.js';
import { table, dl, pager, showProblem, confirmDialog, eventType, EVENT_TYPES } from '../ui.js';

const FIELDS = { url: 'wh-url', eventTypes: 'wh-types', description: 'wh-description' };

export async function webhooks() {
  const list = h('div', { 'aria-live': 'polite' });
  const load = async page => {
    const { data } = await call('/webhooks' + query({ page, size: 20 }));
    list.replaceChildren(
      table(t('webhooks.caption'), [t('webhooks.url'), t('webhooks.types'), t('webhooks.state'), t('webhooks.createdAt')],
        (data.items || []).map(w => [h('a', { href: '#/webhook/' + encodeURIComponent(w.id), class: 'mono' }, w.url),
          (w.eventTypes || []).map(eventType).join(', '), stateBadge(w), date(w.createdAt)]), t('webhooks.none')),
      pager(data.page || 0, data.size || 20, data.total, load));
  };
  mount(h('h1', {}, t('webhooks.title')), h('p', {}, t('webhooks.intro')),
    list,
    can('POST /webhooks') ? register(() => load(0)) : null);
  await load(0);
}

function stateBadge(w) {
  return w.enabled ? h('span', { class: 'badge lane-green' }, t('webhooks.enabled'))
    : h('span', { class: 'badge lane-red' }, t('webhooks.disabled'));
}

function register(registered) {
  const url = h('input', { type: 'url', maxlength: 2000, required: true, autocomplete: 'off', spellcheck: 'false', class: 'mono wide', placeholder: 'https://' });
  const description = h('input', { type: 'text', maxlength: 500, autocomplete: 'off' });
  const boxes = EVENT_TYPES.map(x => h('input', { type: 'checkbox', value: x, id: 'wh-type-' + x.replaceAll('.', '-'), checked: x === 'alert.raised' }));
  const types = h('fieldset', { id: 'wh-types', 'aria-describedby': 'wh-types-error', class: 'checks' },
    h('legend', {}, t('webhooks.types')),
    boxes.map(b => h('label', { for: b.id }, b, ' ', eventType(b.value), ' ', h('code', {}, b.value))),
    h('p', { class: 'error', id: 'wh-types-error', hidden: true }));
  const out = h('div', { class: 'result' });
  const form = h('form', { class: 'stack', novalidate: true, onsubmit: submit },
    h('fieldset', {}, h('legend', {}, t('webhooks.endpoint')),
      field('wh-url', t('webhooks.url'), url, t('webhooks.urlHint')),
      field('wh-description', t('webhooks.description'), description)),
    types,
    h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary', id: 'register-webhook' }, t('webhooks.register'))),
    out);

  async function submit(e) {
    e.preventDefault();
    for (const id of Object.values(FIELDS)) setError(id, null);
    types.removeAttribute('aria-invalid');
    out.replaceChildren();
    const chosen = boxes.filter(b => b.checked).map(b => b.value);
    const urlProblem = checkUrl(url.value);
    if (urlProblem) setError('wh-url', t(urlProblem));
    if (!chosen.length) setError('wh-types', t('webhooks.chooseType'));
    if (urlProblem || !chosen.length) {
      (urlProblem ? url : boxes[0]).focus();
      return;
    }
    const button = form.querySelector('#register-webhook');
    button.disabled = true;
    try {
      const { data } = await call('/webhooks', { method: 'POST', body: { url: url.value.trim(), eventTypes: chosen, description: description.value.trim() || null } });
      form.replaceWith(secretOnce(data, t('webhooks.registered')));
      registered();
    } catch (err) {
      // violations of eventTypes[i] belong to the fieldset
      const ids = Object.assign({}, FIELDS);
      for (const v of err.violations || []) if ((v.field || '').includes('eventTypes')) ids[v.field] = 'wh-types';
      showProblem(out, err, ids);
    } finally {
      button.disabled = false;
    }
  }
  return h('section', {}, h('h2', {}, t('webhooks.new')), form);
}

/** The contract asks for an https URL (the server also refuses private addresses; local stacks allow loopback http). */
function checkUrl(value) {
  const v = (value || '').trim();
  if (!v) return 'required';
  try {
    const u = new URL(v);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'webhooks.urlScheme';
    return null;
  } catch (e) {
    return 'webhooks.urlFormat';
  }
}

/** The secret, this once: a warning, the value to copy, and a button that takes it off the screen. */
function secretOnce(endpoint, heading) {
  const secret = h('input', { type: 'text', readonly: true, value: endpoint.secret, class: 'mono wide', id: 'wh-secret', 'aria-describedby': 'wh-secret-warning' });
  const copied = h('span', { role: 'status', class: 'ok' });
  const panel = h('section', { class: 'secret', id: 'secret-once', 'aria-labelledby': 'secret-once-h' },
    h('h2', { id: 'secret-once-h', tabindex: '-1' }, heading),
    h('p', { id: 'wh-secret-warning', class: 'warning' }, t('webhooks.secretWarning')),
    h('label', { for: 'wh-secret' }, t('webhooks.secret')),
    h('div', { class: 'buttons' }, secret,
      h('button', { type: 'button', id: 'copy-secret', onclick: async () => {
        secret.select();
        let ok = false;
        if (navigator.clipboard) {
          // a clipboard the page may not write to (no permission) answers with a rejection, never a hang worth waiting for
          ok = await Promise.race([navigator.clipboard.writeText(endpoint.secret).then(() => true, () => false),
            new Promise(r => setTimeout(() => r(false), 1500))]);
        }
        copied.textContent = ok ? t('webhooks.copied') : t('webhooks.copyManually');
      } }, t('webhooks.copy')), copied),
    h('p', {}, t('webhooks.secretVerify')),
    h('div', { class: 'buttons' }, h('button', { type: 'button', class: 'primary', id: 'secret-stored', onclick: () => {
      secret.value = '';
      go('#/webhook/' + encodeURIComponent(endpoint.id));
    } }, t('webhooks.stored'))));
  setTimeout(() => panel.querySelector('h2').focus(), 0);
  return panel;
}

export async function webhook(id) {
  const path = '/webhooks/' + encodeURIComponent(id);
  const { data: w } = await call(path);
  const log = h('div', { 'aria-live': 'polite', id: 'deliveries' });
  const attempts = h('div', { 'aria-live': 'polite', id: 'attempts' });
  const out = h('div', { class: 'result', id: 'webhook-result' });
  const status = h('select', {}, h('option', { value: '' }, t('any')), ['PENDING', 'DELIVERED', 'FAILED'].map(s => h('option', { value: s }, t('delivery.' + s))));

  const loadLog = async page => {
    const { data } = await call(path + '/deliveries' + query({ status: status.value, page, size: 20 }));
    log.replaceChildren(
      table(t('deliveries.caption'), [t('deliveries.created'), t('feed.type'), t('deliveries.status'), t('deliveries.attempts'), t('deliveries.code'),
        t('deliveries.latency'), t('deliveries.last'), t('deliveries.next'), t('deliveries.error'), t('deliveries.actions')],
      (data.items || []).map(d => [date(d.createdAt), eventType(d.eventType), deliveryBadge(d.status), num(d.attempts), d.lastStatusCode ?? '—',
        d.lastLatencyMs === null || d.lastLatencyMs === undefined ? '—' : num(d.lastLatencyMs) + ' ms', date(d.lastAttemptAt), date(d.nextAttemptAt),
        d.lastError || '—',
        h('div', { class: 'row-buttons' },
          h('button', { type: 'button', class: 'small', 'data-delivery': d.id, 'aria-label': t('deliveries.showAttemptsOf', { at: date(d.createdAt) }),
            onclick: () => showAttempts(d.id) }, t('deliveries.showAttempts')),
          can('POST /webhooks/{id}/deliveries/{deliveryId}/replay')
            ? h('button', { type: 'button', class: 'small', 'data-replay': d.id, 'aria-label': t('deliveries.replayOf', { at: date(d.createdAt) }),
              onclick: () => replayOne(d.id) }, t('deliveries.replay')) : null)]), t('deliveries.none')),
      pager(data.page || 0, data.size || 20, data.total, loadLog));
  };

  async function showAttempts(deliveryId) {
    try {
      const { data } = await call(path + '/deliveries/' + encodeURIComponent(deliveryId));
      attempts.replaceChildren(h('h3', { tabindex: '-1' }, t('attempts.title', { type: eventType(data.delivery?.eventType) })),
        table(t('attempts.caption'), ['#', t('attempts.at'), t('deliveries.code'), t('deliveries.latency'), t('deliveries.error')],
          (data.attempts || []).map(a => [num(a.n), date(a.at), a.statusCode ?? t('attempts.noAnswer'), num(a.latencyMs) + ' ms', a.error || '—']), t('attempts.none')));
      attempts.querySelector('h3').focus();
    } catch (e) {
      showProblem(attempts, e);
    }
  }

  async function replayOne(deliveryId) {
    try {
      await call(path + '/deliveries/' + encodeURIComponent(deliveryId) + '/replay', { method: 'POST' });
      notify(t('deliveries.replayed'), 'success');
      await loadLog(0);
    } catch (e) {
      showProblem(out, e);
    }
  }

  // replay of a time range: events written in [from, to)
  const from = h('input', { type: 'datetime-local', required: true });
  const to = h('input', { type: 'datetime-local', required: true });
  const now = new Date();
  const local = d => new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  from.value = local(new Date(now.getTime() - 3600000));
  to.value = local(new Date(now.getTime() + 60000));
  const replayRange = async e => {
    e.preventDefault();
    setError('rr-from', null);
    setError('rr-to', null);
    if (!from.value || !to.value || from.value >= to.value) {
      setError(from.value ? 'rr-to' : 'rr-from', t('replay.order'));
      return;
    }
    try {
      const { data } = await call(path + '/replay', { method: 'POST', body: { from: new Date(from.value).toISOString(), to: new Date(to.value).toISOString() } });
      notify(t('replay.queued', { count: num(data.queued || 0) }), 'success');
      await loadLog(0);
    } catch (err) {
      showProblem(out, err, { from: 'rr-from', to: 'rr-to' });
    }
  };

  const rotate = async () => {
    if (!await confirmDialog('confirm-rotate', t('webhooks.rotateQuestion'), t('webhooks.rotate'))) return;
    try {
      const { data } = await call(path + '/rotate-secret', { method: 'POST' });
      out.replaceChildren(secretOnce(data, t('webhooks.rotated', { until: date(data.previousSecretValidUntil) })));
    } catch (e) {
      showProblem(out, e);
    }
  };
  const remove = async () => {
    if (!await confirmDialog('confirm-delete', t('webhooks.deleteQuestion', { url: w.url }), t('webhooks.delete'))) return;
    try {
      await call(path, { method: 'DELETE' });
      notify(t('webhooks.deleted'), 'success');
      go('#/webhooks');
    } catch (e) {
      showProblem(out, e);
    }
  };
  const enable = async () => {
    try {
      await call(path + '/enable', { method: 'POST' });
      notify(t('webhooks.reenabled'), 'success');
      go('#/webhook/' + encodeURIComponent(id));
    } catch (e) {
      showProblem(out, e);
    }
  };

  mount(h('h1', {}, t('webhooks.endpointTitle')),
    h('p', {}, h('a', { href: '#/webhooks' }, t('webhooks.back'))),
    dl([[t('webhooks.url'), h('span', { class: 'mono', id: 'wh-url-shown' }, w.url)], [t('webhooks.description'), w.description || '—'],
      [t('webhooks.types'), (w.eventTypes || []).map(eventType).join(', ')], [t('webhooks.state'), stateBadge(w)],
      !w.enabled ? [t('webhooks.disabledReason'), `${date(w.disabledAt)} ${w.disabledReason || ''}`] : null,
      [t('webhooks.failures'), num(w.consecutiveFailures)],
      w.previousSecretValidUntil ? [t('webhooks.overlap'), date(w.previousSecretValidUntil)] : null,
      [t('webhooks.createdAt'), date(w.createdAt)]]),
    h('div', { class: 'buttons' },
      can('POST /webhooks/{id}/rotate-secret') ? h('button', { type: 'button', id: 'rotate-secret', onclick: rotate }, t('webhooks.rotate')) : null,
      !w.enabled && can('POST /webhooks/{id}/enable') ? h('button', { type: 'button', id: 'enable-webhook', onclick: enable }, t('webhooks.enable')) : null,
      can('DELETE /webhooks/{id}') ? h('button', { type: 'button', class: 'danger', id: 'delete-webhook', onclick: remove }, t('webhooks.delete')) : null),
    out,
    h('h2', {}, t('deliveries.title')),
    h('form', { class: 'filters', role: 'search', onsubmit: e => { e.preventDefault(); loadLog(0); } },
      field('dl-status', t('deliveries.status'), status), h('button', { type: 'submit', id: 'deliveries-apply' }, t('filter'))),
    log, attempts,
    can('POST /webhooks/{id}/replay') ? h('section', {}, h('h2', {}, t('replay.title')), h('p', {}, t('replay.intro')),
      h('form', { class: 'filters', onsubmit: replayRange },
        field('rr-from', t('replay.from'), from), field('rr-to', t('replay.to'), to),
        h('button', { type: 'submit', id: 'replay-range' }, t('replay.submit')))) : null);
  await loadLog(0);
}

function deliveryBadge(status) {
  const cls = { DELIVERED: 'lane-green', FAILED: 'lane-red', PENDING: 'lane-yellow' }[status] || '';
  return h('span', { class: 'badge ' + cls }, t('delivery.' + status));
}
