// Rule authors and admins: rule sets by jurisdiction, their versions and rules with sources; a draft editor
// that shows each compile error at its rule, line and column; a backtest before an admin publishes.
import { call, query } from '../api.js';
import { h, mount, field, setError } from '../dom.js';
import { t, date, num } from '../i18n.js';
import { can, go, notify } from '../main.js';
import { table, dl, severityBadge, showProblem } from '../ui.js';

export async function rules(jurisdiction, version) {
  if (jurisdiction && version) return versionPage(jurisdiction, Number(version));
  if (jurisdiction) return ruleSet(jurisdiction);
  const { data } = await call('/rule-sets' + query({ size: 200 }));
  mount(h('h1', {}, t('rules.title')), h('p', {}, t('rules.intro')),
    table(t('rules.caption'), [t('rules.jurisdiction'), t('rules.name'), t('rules.scope'), t('rules.inForce'), t('rules.versions')],
      (data.items || []).map(r => [h('a', { href: '#/rules/' + r.jurisdiction }, r.jurisdiction), r.name, t('scope.' + r.scope),
        r.inForce ? `v${r.inForce.version} · ${date(r.inForce.effectiveFrom)}` : '—', num((r.versions || []).length)])));
}

async function ruleSet(j) {
  const { data: rs } = await call('/rule-sets/' + encodeURIComponent(j));
  const versions = rs.versions || [];
  const latest = versions.filter(v => v.status === 'PUBLISHED').map(v => v.version).sort((a, b) => b - a)[0];
  const out = h('div', { class: 'result' });
  const newDraft = async () => {
    try {
      const { data } = await call(`/rule-sets/${j}/versions`, { method: 'POST', body: { basedOn: latest ?? null, effectiveFrom: tomorrow(), notes: t('rules.draftNote') } });
      go(`#/rules/${j}/${data.version}`);
    } catch (e) {
      showProblem(out, e);
    }
  };
  mount(h('h1', {}, `${rs.jurisdiction} · ${rs.name}`),
    dl([[t('rules.scope'), t('scope.' + rs.scope)], rs.members?.length ? [t('rules.members'), rs.members.join(', ')] : null,
      [t('rules.inForce'), rs.inForce ? `v${rs.inForce.version}` : '—']]),
    can('POST /rule-sets/{jurisdiction}/versions') ? h('p', {}, h('button', { type: 'button', class: 'primary', id: 'new-draft', onclick: newDraft },
      latest ? t('rules.newDraftFrom', { version: latest }) : t('rules.newDraft'))) : null,
    out,
    table(t('rules.versions'), [t('rules.version'), t('filing.status'), t('rules.effective'), t('rules.count'), t('rules.createdBy')],
      versions.map(v => [h('a', { href: `#/rules/${j}/${v.version}` }, 'v' + v.version), t('version.' + v.status),
        `${date(v.effectiveFrom)} – ${v.effectiveTo ? date(v.effectiveTo) : '…'}`, num(v.ruleCount), v.createdBy || '—'])));
}

async function versionPage(j, n) {
  const { data: v, etag } = await call(`/rule-sets/${j}/versions/${n}`);
  const editable = v.status === 'DRAFT' && can('PUT /rule-sets/{jurisdiction}/versions/{version}');
  mount(h('h1', {}, t('rules.versionTitle', { j, version: n }), ' ', h('span', { class: 'badge' }, t('version.' + v.status))),
    dl([[t('rules.effective'), `${date(v.effectiveFrom)} – ${v.effectiveTo ? date(v.effectiveTo) : '…'}`], [t('rules.notes'), v.notes],
      [t('rules.createdBy'), `${v.createdBy || '—'} · ${date(v.createdAt)}`], v.publishedAt ? [t('rules.publishedAt'), `${v.publishedBy || ''} · ${date(v.publishedAt)}`] : null]),
    editable ? editor(j, v, etag) : readOnly(v.rules || []),
    v.status === 'DRAFT' && can('POST /rule-sets/{jurisdiction}/versions/{version}/backtest') ? backtest(j, n) : null,
    v.status === 'DRAFT' && can('POST /rule-sets/{jurisdiction}/versions/{version}/publish') ? publish(j, n, etag) : null);
}

function readOnly(list) {
  return h('section', {}, h('h2', {}, t('rules.rules')), list.map(r => h('article', { class: 'rule' },
    h('h3', {}, r.code, ' ', severityBadge(r.severity), ' ', r.title),
    h('pre', { class: 'cel' }, r.expression), h('p', {}, r.message),
    h('ul', { class: 'plain' }, (r.legalReferences || []).map(l => h('li', {}, h('a', { href: l.url, rel: 'noopener noreferrer', target: '_blank' }, l.title)))))));
}

function editor(j, v, etag) {
  const list = h('div', { class: 'rules-editor' });
  const out = h('div', { class: 'result' });
  let rows = (v.rules || []).map(r => ruleForm(r));
  const render = () => list.replaceChildren(...rows.map((r, i) => r.el(i)));
  render();
  const save = async () => {
    out.replaceChildren();
    rows.forEach((r, i) => r.clear(i));
    const body = { effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo, notes: v.notes, rules: rows.map(r => r.value()) };
    try {
      const res = await call(`/rule-sets/${j}/versions/${v.version}`, { method: 'PUT', body, etag });
      etag = res.etag;
      notify(t('rules.saved'), 'success');
      out.replaceChildren(h('p', { class: 'ok', role: 'status', id: 'save-ok' }, t('rules.saved')));
    } catch (e) {
      // compile errors: each beside its rule's expression, at its line and column
      const byRule = new Map();
      for (const err of e.body?.errors || []) {
        const i = rows.findIndex(r => r.value().code === err.ruleCode);
        if (i >= 0) byRule.set(i, [...(byRule.get(i) || []), err]);
      }
      for (const [i, errs] of byRule) rows[i].compileErrors(i, errs);
      const fields = {};
      rows.forEach((r, i) => ['code', 'title', 'severity', 'expression', 'message'].forEach(f => { fields[`rules[${i}].${f}`] = `rule-${i}-${f}`; }));
      showProblem(out, { ...e, violations: (e.body?.errors || []).length ? [] : e.violations }, fields);
    }
  };
  return h('section', { 'aria-labelledby': 'h-editor' },
    h('h2', { id: 'h-editor' }, t('rules.editor')), h('p', {}, t('rules.editorIntro')),
    list,
    h('div', { class: 'buttons' },
      h('button', { type: 'button', onclick: () => { rows.push(ruleForm({ code: '', title: '', severity: 'WARN', expression: '', message: '', legalReferences: [{ title: '', url: '' }] })); render(); } }, t('rules.add')),
      h('button', { type: 'button', class: 'primary', id: 'save-draft', onclick: save }, t('rules.save'))),
    out);
}

function ruleForm(r) {
  const code = h('input', { type: 'text', value: r.code, class: 'mono', autocomplete: 'off' });
  const title = h('input', { type: 'text', value: r.title });
  const severity = h('select', {}, ['BLOCK', 'HOLD', 'WARN', 'INFO'].map(x => h('option', { value: x }, t('severity.' + x))));
  severity.value = r.severity;
  const expression = h('textarea', { rows: Math.max(3, (r.expression || '').split('\n').length + 1), class: 'mono', spellcheck: 'false' });
  expression.value = r.expression || '';
  const message = h('textarea', { rows: 2 });
  message.value = r.message || '';
  const ref = (r.legalReferences || [])[0] || { title: '', url: '' };
  const refTitle = h('input', { type: 'text', value: ref.title });
  const refUrl = h('input', { type: 'url', value: ref.url });
  const marker = h('pre', { class: 'cel-error', hidden: true, 'aria-hidden': 'true' });
  let el;
  return {
    el(i) {
      el = h('fieldset', { class: 'rule', id: `rule-${i}` }, h('legend', {}, `${t('rules.rule')} ${i + 1}`),
        field(`rule-${i}-code`, t('rule.code'), code), field(`rule-${i}-title`, t('rules.ruleTitle'), title),
        field(`rule-${i}-severity`, t('rule.severity'), severity),
        field(`rule-${i}-expression`, t('rules.expression'), expression, t('rules.expressionHint')), marker,
        field(`rule-${i}-message`, t('rule.message'), message),
        field(`rule-${i}-refTitle`, t('rules.sourceTitle'), refTitle), field(`rule-${i}-refUrl`, t('rules.sourceUrl'), refUrl));
      return el;
    },
    value() {
      return {
        code: code.value.trim(), title: title.value.trim(), severity: severity.value, expression: expression.value,
        message: message.value.trim(), legalReferences: refTitle.value || refUrl.value ? [{ title: refTitle.value.trim(), url: refUrl.value.trim() }] : [],
        effectiveFrom: r.effectiveFrom ?? null, effectiveTo: r.effectiveTo ?? null,
      };
    },
    clear(i) {
      setError(`rule-${i}-expression`, null);
      marker.hidden = true;
    },
    compileErrors(i, errs) {
      // every error of this rule beside its expression, in the checker's order; the caret under the first
      setError(`rule-${i}-expression`, errs.map(err => t('rules.compileError', { line: err.line, column: err.column, message: err.message })).join('\n'));
      const err = errs[0];
      const lines = expression.value.split('\n');
      const line = lines[(err.line || 1) - 1] ?? '';
      marker.replaceChildren(h('span', { class: 'gutter' }, String(err.line).padStart(3) + ' │ '), line, '\n',
        h('span', { class: 'gutter' }, '    │ '), ' '.repeat(Math.max(0, (err.column || 1) - 1)), h('span', { class: 'caret' }, '^'));
      marker.dataset.line = err.line;
      marker.dataset.column = err.column;
      marker.hidden = false;
      // put the text cursor where the first error is
      const offset = lines.slice(0, (err.line || 1) - 1).reduce((n, l) => n + l.length + 1, 0) + Math.max(0, (err.column || 1) - 1);
      if (!document.querySelector('[aria-invalid="true"]:focus')) {
        expression.focus();
        expression.setSelectionRange(offset, offset);
      }
    },
  };
}

function backtest(j, n) {
  const from = h('input', { type: 'date', value: daysAgo(365) });
  const to = h('input', { type: 'date', value: new Date().toISOString().slice(0, 10) });
  const out = h('div', { 'aria-live': 'polite', id: 'backtest-result' });
  const run = async e => {
    e.preventDefault();
    out.replaceChildren(h('p', { class: 'loading' }, t('loading')));
    try {
      const { data: r } = await call(`/rule-sets/${j}/versions/${n}/backtest`, { method: 'POST', body: { from: from.value, to: to.value } });
      out.replaceChildren(dl([[t('backtest.considered'), num(r.considered)], [t('backtest.replayed'), num(r.replayed)],
        [t('backtest.unchanged'), num(r.unchanged)], [t('backtest.changed'), num(r.changed)],
        [t('backtest.stricter'), num(r.stricter)], [t('backtest.looser'), num(r.looser)],
        r.truncated ? [t('backtest.truncated'), t('yes')] : null]),
      table(t('backtest.transitions'), [t('backtest.from'), t('backtest.to'), t('backtest.count')],
        (r.transitions || []).map(x => [t('lane.' + x.from), t('lane.' + x.to), num(x.count)]), t('backtest.none')));
    } catch (err) {
      showProblem(out, err);
    }
  };
  return h('section', { 'aria-labelledby': 'h-backtest' }, h('h2', { id: 'h-backtest' }, t('backtest.title')), h('p', {}, t('backtest.intro')),
    h('form', { class: 'filters', onsubmit: run }, field('bt-from', t('report.from'), from), field('bt-to', t('report.to'), to),
      h('button', { type: 'submit', class: 'primary', id: 'run-backtest' }, t('backtest.run'))), out);
}

function publish(j, n, etag) {
  const out = h('div', { class: 'result' });
  return h('section', { 'aria-labelledby': 'h-publish' }, h('h2', { id: 'h-publish' }, t('rules.publish')), h('p', {}, t('rules.publishIntro')),
    h('button', { type: 'button', class: 'danger', id: 'publish', onclick: async () => {
      try {
        const fresh = await call(`/rule-sets/${j}/versions/${n}`);
        await call(`/rule-sets/${j}/versions/${n}/publish`, { method: 'POST', etag: fresh.etag || etag });
        notify(t('rules.published'), 'success');
        go(`#/rules/${j}`);
      } catch (e) {
        showProblem(out, e);
      }
    } }, t('rules.publish')), out);
}

function tomorrow() {
  return daysAgo(-1);
}

function daysAgo(d) {
  return new Date(Date.now() - d * 86400000).toISOString().slice(0, 10);
}
