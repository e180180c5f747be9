// OIDC authorization code + PKCE against the issuer. Tokens live in this module's memory only: never in
// localStorage, sessionStorage or cookies. Only the one-time PKCE verifier and state cross the redirect to the
// issuer and back (sessionStorage, removed on return); a reload therefore asks the issuer again.
const PENDING = 'zmx.pkce';
const session = { access: null, refresh: null, id: null, expiresAt: 0, claims: null, timer: null };
let config = null;
let discovery = null;
let onExpired = () => {};

export async function init(cfg, expired) {
  config = cfg;
  onExpired = expired;
  discovery = await (await fetch(cfg.issuer + '/.well-known/openid-configuration')).json();
  const url = new URL(location.href);
  if (!url.searchParams.has('code') && !url.searchParams.has('error')) return false;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', url.pathname + (pending?.hash || ''));
  if (url.searchParams.has('error')) throw new Error(url.searchParams.get('error_description') || url.searchParams.get('error'));
  if (!pending || pending.state !== url.searchParams.get('state')) throw new Error('state mismatch: sign in again');
  await tokenRequest({
    grant_type: 'authorization_code', code: url.searchParams.get('code'), redirect_uri: pending.redirect,
    code_verifier: pending.verifier, client_id: config.clientId,
  });
  if (session.idClaims?.nonce && session.idClaims.nonce !== pending.nonce) {
    clear();
    throw new Error('nonce mismatch: sign in again');
  }
  return true;
}

export async function login(uiLocale) {
  const verifier = random(32);
  const challenge = b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const pending = { verifier, state: random(16), nonce: random(16), redirect: location.origin + location.pathname, hash: location.hash };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const q = new URLSearchParams({
    response_type: 'code', client_id: config.clientId, redirect_uri: pending.redirect, scope: config.scope || 'openid',
    state: pending.state, nonce: pending.nonce, code_challenge: challenge, code_challenge_method: 'S256',
    ui_locales: uiLocale,
  });
  location.assign(discovery.authorization_endpoint + '?' + q);
}

export function logout() {
  const id = session.id;
  clear();
  const end = discovery?.end_session_endpoint;
  if (!end) {
    location.assign(location.pathname);
    return;
  }
  const q = new URLSearchParams({ client_id: config.clientId, post_logout_redirect_uri: location.origin + location.pathname });
  if (id) q.set('id_token_hint', id);
  location.assign(end + '?' + q);
}

export function token() {
  return session.access;
}

export function claims() {
  return session.claims || {};
}

export function roles() {
  return new Set(claims().realm_access?.roles || []);
}

export function expiresAt() {
  return session.expiresAt;
}

/** Renews the tokens with the refresh token (no hidden iframe, no third-party cookie). */
export async function renew() {
  if (!session.refresh) return false;
  try {
    await tokenRequest({ grant_type: 'refresh_token', refresh_token: session.refresh, client_id: config.clientId });
    return true;
  } catch (e) {
    clear();
    onExpired();
    return false;
  }
}

async function tokenRequest(form) {
  const r = await fetch(discovery.token_endpoint, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form),
  });
  const body = await r.json().catch(() => ({}));
  if (!r.ok || !body.access_token) throw new Error(body.error_description || body.error || ('token endpoint ' + r.status));
  session.access = body.access_token;
  session.refresh = body.refresh_token || session.refresh;
  session.id = body.id_token || session.id;
  session.claims = decode(body.access_token);
  session.idClaims = body.id_token ? decode(body.id_token) : session.idClaims;
  const lifetime = body.expires_in ? body.expires_in * 1000 : (session.claims.exp * 1000 - Date.now());
  session.expiresAt = Date.now() + lifetime;
  schedule(lifetime);
}

// renew at 80% of the lifetime (at least 5 s before expiry), so a call never carries an expired token
function schedule(lifetime) {
  clearTimeout(session.timer);
  const wait = Math.max(1000, Math.min(lifetime * 0.8, lifetime - 5000));
  session.timer = setTimeout(async () => {
    if (!(await renew()) && session.access === null) onExpired();
  }, wait);
}

function clear() {
  clearTimeout(session.timer);
  Object.assign(session, { access: null, refresh: null, id: null, expiresAt: 0, claims: null, idClaims: null, timer: null });
}

function decode(jwt) {
  const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(part + '='.repeat((4 - part.length % 4) % 4)), c => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

function random(n) {
  return b64url(crypto.getRandomValues(new Uint8Array(n)));
}

function b64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
