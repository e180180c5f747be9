import * as auth from './auth.js';
import * as i18n from './i18n.js';
import { h, mount } from './dom.js';
import { t } from './i18n.js';

let permissions = {};
let cleanup = [];
const pages = {
  queue: () => import('./pages/officer.js').then(m => m.queue),
  filing: () => import('./pages/filing.js').then(m => m.filing),
  filings: () => import('./pages/exporter.js').then(m => m.filings),
  'new': () => import('./pages/exporter.js').then(m => m.newFiling),
  agency: () => import('./pages/agency.js').then(m => m.agency),
  reports: () => import('./pages/analyst.js').then(m => m.reports),
  rules: () => import('./pages/rules.js').then(m => m.rules),
  vehicle: () => import('./pages/vehicle.js').then(m => m.vehicle),
  sighting: () => import('./pages/sighting.js').then(m => m.sighting),
  alerts: () => import('./pages/alerts.js').then(m => m.alerts),
  risk: () => import('./pages/alerts.js').then(m => m.risk),
  events: () => import('./pages/events.js').then(m => m.events),
  webhooks: () => import('./pages/webhooks.js').then(m => m.webhooks),
  webhook: () => import('./pages/webhooks.js').then(m => m.webhook),
  reexport: () => import('./pages/analyst.js').then(m => m.reExport),
};

/** May the signed-in user call this operation of the partner contract ("POST /filings/{ref}/release")? */
export function can(operation) {
  const allowed = permissions[operation];
  if (!allowed) return false;
  const mine = auth.roles();
  return allowed.some(r => mine.has(r));
}

/** Runs when the page changes: timers of the page left behind. */
export function onLeave(fn) {
  cleanup.push(fn);
}

export function notify(message, kind = 'info') {
  const box = document.getElementById('notice');
  box.className = 'notice ' + kind;
  box.textContent = message;
}

export function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

// the navigation a role sees: only what the contract lets it call
const NAV = [
  ['queue', 'nav.queue', 'GET /filings', r => r.has('customs') || r.has('admin')],
  ['filings', 'nav.filings', 'POST /filings', () => true],
  ['agency', 'nav.agency', 'POST /filings/{ref}/arrival', () => true],
  ['reports', 'nav.reports', 'GET /reports/zero-mileage', () => true],
  ['rules', 'nav.rules', 'POST /rule-sets/{jurisdiction}/versions', () => true],
  ['alerts', 'nav.alerts', 'GET /alerts', () => true],
  ['sighting', 'nav.sighting', 'POST /sightings', () => true],
  ['risk', 'nav.risk', 'GET /exporters/{creditCode}/risk', () => true],
  ['reexport', 'nav.reexport', 'GET /reports/re-export-alerts', () => true],
  ['events', 'nav.events', 'GET /events', () => true],
  ['webhooks', 'nav.webhooks', 'GET /webhooks', () => true],
  ['vehicle', 'nav.vehicle', 'GET /vehicles/{vin}/dossier', () => true],
];

function allowedNav() {
  const r = auth.roles();
  return NAV.filter(([, , op, extra]) => can(op) && extra(r));
}

function renderChrome() {
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  const logout = document.getElementById('logout');
  if (!auth.token()) {
    nav.replaceChildren();
    who.textContent = '';
    logout.hidden = true;
    return;
  }
  const current = (location.hash.match(/^#\/([^/]*)/) || [])[1];
  nav.replaceChildren(h('ul', {}, allowedNav().map(([page, label]) =>
    h('li', {}, h('a', { href: '#/' + page, 'aria-current': page === current ? 'page' : null }, t(label))))));
  const c = auth.claims();
  const tenant = c.zmx_country || c.zmx_credit_code;
  who.textContent = t('signedInAs', { user: c.preferred_username || c.sub }) + ' · '
    + [...auth.roles()].filter(r => !r.startsWith('default-roles')).map(r => t('role.' + r)).join(', ')
    + (tenant ? ' · ' + tenant : '');
  logout.hidden = false;
}

async function route() {
  cleanup.forEach(fn => fn());
  cleanup = [];
  if (!auth.token()) {
    renderChrome();
    signIn();
    return;
  }
  const [, name, ...args] = (location.hash || '').split('/').map(decodeURIComponent);
  const first = allowedNav()[0];
  if (!name || !pages[name]) {
    if (first) go('#/' + first[0]);
    else mount(h('h1', {}, t('title')), h('p', {}, t('noPages')));
    renderChrome();
    return;
  }
  renderChrome();
  notify('');
  const main = mount(h('p', { class: 'loading' }, t('loading')));
  try {
    const page = await pages[name]();
    await page(...args);
    firstScreen();
  } catch (e) {
    mount(h('h1', {}, t('error.title')), h('p', { class: 'error', role: 'alert' }, e.message));
  }
  const heading = main.querySelector('h1');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
    document.title = heading.textContent + ' · ' + t('title');
  }
}

// the first useful screen (sign-in, or the role's first page after sign-in): bench/console measures up to here
function firstScreen() {
  if (!performance.getEntriesByName('zmx-first-screen').length) performance.mark('zmx-first-screen');
}

function signIn(message) {
  mount(h('section', { class: 'signin' },
    h('h1', {}, t('title')),
    h('p', {}, t('signin.intro')),
    message ? h('p', { class: 'error', role: 'alert' }, message) : null,
    h('button', { type: 'button', id: 'signin', class: 'primary', onclick: () => auth.login(i18n.current()) }, t('signin.button'))));
  firstScreen();
}

async function start() {
  const lang = document.getElementById('lang');
  const initial = i18n.initialLanguage();
  lang.value = initial;
  const [config] = await Promise.all([
    fetch('config.json').then(r => r.json()),
    i18n.load(initial),
    fetch('permissions.json').then(r => r.json()).then(p => { permissions = p; }),
  ]);
  lang.addEventListener('change', async () => {
    i18n.remember(lang.value);
    await i18n.load(lang.value);
    route();
  });
  document.getElementById('logout').addEventListener('click', () => auth.logout());
  document.getElementById('skip').addEventListener('click', e => {
    e.preventDefault();
    document.getElementById('main-content').focus();
  });
  try {
    await auth.init(config, () => signIn(t('signin.expired')));
  } catch (e) {
    signIn(e.message);
    return;
  }
  window.addEventListener('hashchange', route);
  route();
}

start().catch(e => mount(h('h1', {}, 'zmx'), h('p', { class: 'error', role: 'alert' }, String(e.message || e))));
