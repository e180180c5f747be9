// Every visible string comes from i18n/<lang>.json; dates and numbers are formatted for the language.
const LANGS = ['en', 'ru', 'zh'];
const KEY = 'zmx.lang'; // the only thing the console keeps in localStorage
let lang = 'en';
let bundle = {};
let fallback = {};

export function initialLanguage() {
  const saved = localStorage.getItem(KEY);
  if (LANGS.includes(saved)) return saved;
  const nav = (navigator.language || 'en').slice(0, 2);
  return LANGS.includes(nav) ? nav : 'en';
}

export async function load(next) {
  lang = LANGS.includes(next) ? next : 'en';
  const [b, f] = await Promise.all([fetchBundle(lang), lang === 'en' ? null : fetchBundle('en')]);
  bundle = b;
  fallback = f || b;
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  document.title = t('title');
}

async function fetchBundle(l) {
  const r = await fetch(`i18n/${l}.json`);
  return r.json();
}

export function remember(l) {
  localStorage.setItem(KEY, l);
}

export function current() {
  return lang;
}

export function t(key, vars) {
  let text = bundle[key] ?? fallback[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, v);
  return text;
}

export function has(key) {
  return key in bundle || key in fallback;
}

const locale = () => ({ en: 'en-GB', ru: 'ru-RU', zh: 'zh-CN' }[lang]);

export function date(iso) {
  if (!iso) return '—';
  const d = new Date(iso.length === 10 ? iso + 'T00:00:00Z' : iso);
  return new Intl.DateTimeFormat(locale(), iso.length === 10 ? { dateStyle: 'medium', timeZone: 'UTC' } : { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function month(ym) {
  if (!/^\d{4}-\d{2}$/.test(ym || '')) return ym || '—';
  return new Intl.DateTimeFormat(locale(), { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(ym + '-01T00:00:00Z'));
}

export function num(n, opts) {
  return n === null || n === undefined ? '—' : new Intl.NumberFormat(locale(), opts).format(n);
}

export function pct(share) {
  return num(share, { style: 'percent', maximumFractionDigits: 1 });
}

export function money(m) {
  return m ? new Intl.NumberFormat(locale(), { style: 'currency', currency: m.currency }).format(m.amount) : '—';
}
