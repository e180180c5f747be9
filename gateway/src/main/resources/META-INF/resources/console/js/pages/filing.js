// One filing: facts, verdict (every rule hit with severity and legal source), the zero-mileage assessment,
// the vehicle's history, the audit trail with its chain check, and the steps this user may take now.
import { call, Problem } from '../api.js';
import { h, mount, field, uuid } from '../dom.js';
import { t, date, num, money } from '../i18n.js';
import { can, notify } from '../main.js';
import { dl, table, statusBadge, laneBadge, severityBadge, showProblem } from '../ui.js';

export async function filing(ref) {
  const { data: f, etag } = await call('/filings/' + encodeURIComponent(ref));
  const [events, chain, dossier] = await Promise.all([
    call(`/filings/${f.id}/events`).then(r => r.data).catch(() => null),
    call(`/filings/${f.id}/events/verification`).then(r => r.data).catch(() => null),
    can('GET /vehicles/{vin}/dossier') ? call(`/vehicles/${f.vin}/dossier`).then(r => r.data).catch(() => null) : null,
  ]);
  mount(
    h('h1', {}, t('filing.title', { number: f.number }), ' ', statusBadge(f.status)),
    actions(f, etag),
    h('section', { 'aria-labelledby': 'h-facts' }, h('h2', { id: 'h-facts' }, t('filing.facts')), facts(f)),
    verdict(f.verdict),
    assessment(f.verdict?.assessment),
    history(dossier),
    trail(events, chain));
}

function facts(f) {
  return dl([
    [t('filing.status'), h('span', {}, statusBadge(f.status), f.statusReason ? ' ' + f.statusReason : '')],
    [t('filing.vin'), can('GET /vehicles/{vin}/dossier') ? h('a', { href: '#/vehicle/' + f.vin }, f.vin) : f.vin],
    [t('filing.exporter'), f.exporterCreditCode],
    [t('filing.destination'), f.destination],
    [t('filing.consignee'), `${f.consignee} (${t('consigneeType.' + f.consigneeType)})`],
    [t('filing.declaredStatus'), t('declared.' + f.declaredStatus)],
    [t('filing.odometer'), num(f.declaredOdometerKm) + ' km'],
    [t('filing.value'), money(f.declaredValue)],
    [t('filing.portOfExit'), f.portOfExit],
    [t('filing.plannedExportDate'), date(f.plannedExportDate)],
    f.exportDate ? [t('filing.exportDate'), date(f.exportDate)] : null,
    [t('filing.submittedAt'), date(f.submittedAt)],
    [t('filing.updatedAt'), date(f.updatedAt)],
  ]);
}

// the steps of the lifecycle, each shown only in the state it applies to and only to a role the API lets take it
const STEPS = [
  { step: 'release', when: 'HELD', reason: true, document: true },
  { step: 'reject', when: 'HELD', reason: true, document: true, danger: true },
  { step: 'ship', when: 'CLEARED', exportDate: true },
  { step: 'arrival', when: 'SHIPPED' },
  { step: 'acceptance', when: 'ARRIVED' },
  { step: 'refusal', when: 'ARRIVED', reason: true, danger: true },
  { step: 'submit', when: 'DRAFT' },
  { step: 'withdraw', when: 'DRAFT', danger: true },
];

function actions(f, etag) {
  const steps = STEPS.filter(s => s.when === f.status && can(`POST /filings/{ref}/${s.step}`));
  if (!steps.length) return null;
  const out = h('div', { class: 'result' });
  const key = uuid(); // one user decision = one key: a retried click is not a second decision
  const needsReason = steps.some(s => s.reason);
  const reason = h('textarea', { rows: 3, maxlength: 2000 });
  const documentRef = h('input', { type: 'text', maxlength: 200, autocomplete: 'off' });
  const exportDate = h('input', { type: 'date', value: new Date().toISOString().slice(0, 10) });
  const form = h('form', { class: 'actions', onsubmit: e => e.preventDefault() },
    needsReason ? field('act-reason', t('action.reason'), reason, t('action.reasonHint')) : null,
    steps.some(s => s.document) ? field('act-document', t('action.document'), documentRef, t('action.documentHint')) : null,
    steps.some(s => s.exportDate) ? field('act-exportDate', t('filing.exportDate'), exportDate) : null,
    h('div', { class: 'buttons' }, steps.map(s => h('button', {
      type: 'button', id: 'action-' + s.step, class: s.danger ? 'danger' : 'primary',
      onclick: () => take(s),
    }, t('action.' + s.step)))),
    out);

  async function take(s) {
    let body;
    if (s.reason) {
      const text = reason.value.trim();
      if (!text) {
        showProblem(out, new Problem(0, { title: t('action.reasonRequired'), violations: [{ field: 'reason', message: t('action.reasonRequired') }] }), { reason: 'act-reason' });
        return;
      }
      // the API's ReasonRequest has one field: the document reference travels inside the reason
      const doc = documentRef.value.trim();
      body = { reason: doc ? `${text} [${t('action.document')}: ${doc}]` : text };
    } else if (s.exportDate) {
      body = { exportDate: exportDate.value || null };
    }
    for (const b of form.querySelectorAll('button')) b.disabled = true;
    try {
      const { data } = await call(`/filings/${f.id}/${s.step}`, { method: 'POST', body, etag, key: key + '-' + s.step });
      notify(t('action.done', { step: t('action.' + s.step), status: t('status.' + data.status) }), 'success');
      await filing(f.id);
    } catch (e) {
      for (const b of form.querySelectorAll('button')) b.disabled = false;
      showProblem(out, e, { reason: 'act-reason', exportDate: 'act-exportDate' });
    }
  }

  return h('section', { 'aria-labelledby': 'h-actions', class: 'panel' }, h('h2', { id: 'h-actions' }, t('filing.actions')), form);
}

function verdict(v) {
  if (!v) return h('section', { 'aria-labelledby': 'h-verdict' }, h('h2', { id: 'h-verdict' }, t('verdict.title')), h('p', {}, t('verdict.pending')));
  const hits = v.evaluation?.hits || [];
  const versions = (v.evaluation?.ruleSets || []).map(r => `${r.jurisdiction} v${r.version}`).join(', ');
  return h('section', { 'aria-labelledby': 'h-verdict' },
    h('h2', { id: 'h-verdict' }, t('verdict.title')),
    dl([
      [t('filing.lane'), laneBadge(v.lane)],
      [t('verdict.zeroMileage'), yesNo(v.zeroMileage)],
      [t('verdict.randomInspection'), yesNo(v.randomInspection)],
      [t('verdict.asOf'), date(v.asOf)],
      [t('verdict.screenedAt'), date(v.screenedAt)],
      versions ? [t('verdict.ruleSets'), versions] : null,
    ]),
    table(t('verdict.hits'), [t('rule.code'), t('rule.severity'), t('rule.message'), t('rule.sources')],
      hits.map(x => [x.ruleCode + (x.jurisdiction ? ` (${x.jurisdiction} v${x.version})` : ''), severityBadge(x.severity),
        h('span', {}, h('strong', {}, x.title || ''), h('br'), x.message || ''),
        h('ul', { class: 'plain' }, (x.legalReferences || []).map(l => h('li', {}, h('a', { href: l.url, rel: 'noopener noreferrer', target: '_blank' }, l.title))))]),
      t('verdict.noHits')),
    (v.findings || []).length ? table(t('verdict.findings'), [t('rule.code'), t('rule.severity'), t('rule.message')],
      v.findings.map(x => [x.code, severityBadge(x.severity), x.message])) : null);
}

function assessment(a) {
  if (!a) return null;
  const km = a.odometerKm ?? a.declaredOdometerKm;
  return h('section', { 'aria-labelledby': 'h-assessment' },
    h('h2', { id: 'h-assessment' }, t('assessment.title')),
    h('p', {}, h('strong', {}, a.zeroMileage ? t('assessment.isZero') : t('assessment.notZero')), a.decidedBy ? ` · ${t('assessment.decidedBy')}: ${a.decidedBy}` : ''),
    table(t('assessment.caption'), [t('assessment.input'), t('assessment.value'), t('assessment.threshold'), t('assessment.met')], [
      [t('assessment.declaredStatus'), a.declaredStatus ? t('declared.' + a.declaredStatus) : '—', t('declared.USED'), '—'],
      [t('assessment.odometer'), `${num(km)} km (${a.odometerSource || '—'}; ${t('assessment.declared')} ${num(a.declaredOdometerKm)}, ${t('assessment.registry')} ${num(a.registryOdometerKm)})`,
        a.maxKm !== null && a.maxKm !== undefined ? `≤ ${num(a.maxKm)} km` : '—', yesNo(a.odometerWithinThreshold)],
      [t('assessment.firstRegistration'), date(a.firstRegistrationDate), '—', '—'],
      [t('assessment.daysRegistered'), num(a.daysRegisteredBeforeExport ?? a.daysSinceFirstRegistration),
        a.waitingOutFrom !== null && a.waitingOutFrom !== undefined ? `${num(a.waitingOutFrom)}–${num(a.waitingOutTo)}` : '—', yesNo(a.waitingOutRule)],
      [t('assessment.applicationDate'), date(a.applicationDate), '—', '—'],
      [t('assessment.exportDate'), date(a.exportDate), '—', '—'],
      [t('assessment.deregistered'), yesNo(a.deregistered), '—', '—'],
    ]));
}

function history(d) {
  const entries = d?.history?.timeline || [];
  if (!d || !d.history) return null;
  return h('section', { 'aria-labelledby': 'h-history' },
    h('h2', { id: 'h-history' }, t('vehicle.timeline')),
    entries.length ? h('ol', { class: 'timeline' }, entries.map(e => h('li', {},
      h('time', { datetime: e.date }, date(e.date)), ' ', h('span', { class: 'kind' }, e.kind), ' ', e.summary))) : h('p', {}, t('empty')));
}

function trail(events, chain) {
  if (!events) return null;
  return h('section', { 'aria-labelledby': 'h-trail' },
    h('h2', { id: 'h-trail' }, t('trail.title')),
    chain ? h('p', { id: 'chain-state', class: chain.valid ? 'ok' : 'error' },
      chain.valid ? t('trail.intact', { count: num(chain.events) }) : t('trail.broken', { seq: chain.firstBrokenSeq, problem: chain.problem || '' })) : null,
    table(t('trail.caption'), ['#', t('trail.at'), t('trail.actor'), t('trail.transition'), t('trail.reason'), t('trail.hash')],
      events.map(e => [String(e.seq), date(e.at), `${e.actor || '—'} (${e.actorRole || '—'})`,
        `${e.from ? t('status.' + e.from) : '∅'} → ${t('status.' + e.to)}`, e.reason || '', h('code', { title: e.hash }, (e.hash || '').slice(0, 12))])));
}

function yesNo(b) {
  return b === null || b === undefined ? '—' : b ? t('yes') : t('no');
}
