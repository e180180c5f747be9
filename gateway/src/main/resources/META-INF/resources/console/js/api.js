// The gateway's public API, as every partner calls it: bearer token, problem+json errors, ETag / If-Match for
// updates, Idempotency-Key for writes a user may retry.
import * as auth from './auth.js';

export class Problem extends Error {
  constructor(status, body) {
    super(body?.detail || body?.title || ('HTTP ' + status));
    this.status = status;
    this.body = body || {};
  }

  get violations() {
    return this.body.violations || [];
  }
}

export async function call(path, { method = 'GET', body, etag, key, accept = 'application/json' } = {}) {
  let r = await send(path, method, body, etag, key, accept);
  if (r.status === 401 && await auth.renew()) r = await send(path, method, body, etag, key, accept);
  if (!r.ok) {
    let problem;
    try {
      problem = await r.json();
    } catch (e) {
      problem = { title: r.statusText };
    }
    throw new Problem(r.status, problem);
  }
  const data = r.status === 204 ? null : accept === 'application/json' ? await r.json() : await r.blob();
  return { data, etag: r.headers.get('ETag'), status: r.status };
}

function send(path, method, body, etag, key, accept) {
  const headers = { Accept: accept + ', application/problem+json;q=0.9' };
  const token = auth.token();
  if (token) headers.Authorization = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (etag) headers['If-Match'] = etag;
  if (key) headers['Idempotency-Key'] = key;
  return fetch('/api/v1' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? '?' + s : '';
}
