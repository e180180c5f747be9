// Builds elements from data, never from markup strings: text is always text.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

// SVG elements (charts)
export function s(tag, attrs, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) el.setAttribute(k, v);
  append(el, children);
  return el;
}

export function mount(...children) {
  const main = document.getElementById('main-content');
  main.replaceChildren(...children.flat().filter(Boolean));
  return main;
}

export function field(id, label, input, hint) {
  input.id = id;
  const err = h('p', { class: 'error', id: id + '-error', hidden: true });
  const described = [hint ? id + '-hint' : null, id + '-error'].filter(Boolean).join(' ');
  input.setAttribute('aria-describedby', described);
  return h('div', { class: 'field', 'data-field': id },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: id + '-hint' }, hint) : null,
    input, err);
}

export function setError(id, message) {
  const input = document.getElementById(id);
  const err = document.getElementById(id + '-error');
  if (!input || !err) return false;
  if (message) {
    err.textContent = message;
    err.hidden = false;
    input.setAttribute('aria-invalid', 'true');
  } else {
    err.textContent = '';
    err.hidden = true;
    input.removeAttribute('aria-invalid');
  }
  return true;
}

export function uuid() {
  return crypto.randomUUID ? crypto.randomUUID()
    : ([1e7] + -1e3 + -4e3 + -8e3 + -1e11).replace(/[018]/g, c => (c ^ crypto.getRandomValues(new Uint8Array(1))[0] & 15 >> c / 4).toString(16));
}
