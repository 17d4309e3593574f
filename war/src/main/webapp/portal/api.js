// The archive's REST API as the portal uses it: bearer token from sessionStorage, problem+json
// errors turned into ApiError, the alert region, and small DOM and formatting helpers.

const TOKEN_KEY = 'dpps-archive.token';

/** The bearer token pasted by the user, or null. */
export function token() {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(value) {
  try {
    if (value) {
      sessionStorage.setItem(TOKEN_KEY, value);
    } else {
      sessionStorage.removeItem(TOKEN_KEY);
    }
  } catch {
    // storage disabled: the token lives for this page only
  }
}

/** An RFC 9457 problem (or a network failure) as an exception. */
export class ApiError extends Error {
  constructor(problem) {
    super(problem.detail || problem.title || 'Request failed');
    this.problem = problem;
  }
}

/**
 * fetch() with the Accept header, the bearer token and problem+json errors.
 *
 * @param {string} path absolute path under the archive, e.g. /api/v1/search?q=crab
 * @param {{method?: string, accept?: string, headers?: Object, body?: any, token?: string}} options
 * @returns {Promise<Response>} a response with a 2xx status
 * @throws {ApiError} for every other status and for network failures
 */
export async function apiFetch(path, options = {}) {
  const headers = new Headers(options.headers || {});
  headers.set('Accept', options.accept || 'application/json');
  const bearer = options.token === undefined ? token() : options.token;
  if (bearer) {
    headers.set('Authorization', 'Bearer ' + bearer);
  }
  let response;
  try {
    response = await fetch(path, {
      method: options.method || 'GET',
      headers,
      body: options.body,
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError({
      title: 'The archive cannot be reached',
      detail: String(e && e.message ? e.message : e),
      status: 0,
    });
  }
  if (!response.ok) {
    throw new ApiError(await problemOf(response));
  }
  return response;
}

/** GET (or another method) and parse the JSON body; null for 204. */
export async function getJson(path, options) {
  const response = await apiFetch(path, options);
  if (response.status === 204) {
    return null;
  }
  return response.json();
}

async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  let text = '';
  try {
    text = await response.text();
  } catch {
    // body unreadable: status alone
  }
  if (type.includes('json') && text) {
    try {
      const p = JSON.parse(text);
      return {
        title: p.title || response.statusText || 'Request failed',
        detail: p.detail || '',
        code: p.code || '',
        status: p.status || response.status,
        instance: p.instance || '',
      };
    } catch {
      // not JSON after all: fall through
    }
  }
  return {
    title: `${response.status} ${response.statusText || 'Request failed'}`.trim(),
    detail: text && text.length < 500 && !text.trimStart().startsWith('<') ? text : '',
    code: '',
    status: response.status,
  };
}

// ------------------------------------------------------------------------------------- alerts

/** Shows an API problem (or any error) in the page's role="alert" region. */
export function showProblem(error, context) {
  const region = document.getElementById('alerts');
  if (!region) {
    return;
  }
  const p =
    error instanceof ApiError ? error.problem : { title: String(error && error.message ? error.message : error) };
  const dismiss = h('button', { type: 'button', class: 'alert-dismiss', 'aria-label': 'Dismiss this message' }, '×');
  const box = h(
    'div',
    { class: 'alert', 'data-code': p.code || '', 'data-status': p.status == null ? '' : String(p.status) },
    h(
      'p',
      { class: 'alert-title' },
      context ? `${context}: ` : '',
      h('strong', {}, p.title || 'Error'),
      p.code ? h('span', { class: 'alert-code' }, p.code) : '',
      p.status ? h('span', { class: 'alert-status' }, `HTTP ${p.status}`) : '',
    ),
    p.detail ? h('p', { class: 'alert-detail' }, p.detail) : '',
    dismiss,
  );
  dismiss.addEventListener('click', () => box.remove());
  region.append(box);
}

export function clearAlerts() {
  const region = document.getElementById('alerts');
  if (region) {
    region.replaceChildren();
  }
}

// ---------------------------------------------------------------------------------------- DOM

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(element, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) {
      continue;
    }
    element.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false || c === '') {
      continue;
    }
    element.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return element;
}

/** An HTML element; text children are text nodes (never parsed as HTML). */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element. */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

// --------------------------------------------------------------------------------- formatting

export function formatBytes(n) {
  if (n === null || n === undefined || Number.isNaN(Number(n))) {
    return '';
  }
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = Number(n);
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(v < 10 ? 2 : 1)} ${units[i]}`;
}

/** 2024-11-20T22:00:00Z -> "2024-11-20 22:00 UTC" (the input if it is no date). */
export function formatTime(iso) {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) {
    return String(iso);
  }
  return d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

export function formatDate(iso) {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toISOString().slice(0, 10);
}

/** "2024-11-20 22:00 – 22:30 UTC" (the day is repeated only when it changes). */
export function formatInterval(start, stop) {
  if (!start) {
    return '';
  }
  const a = formatTime(start);
  if (!stop) {
    return a;
  }
  const b = formatTime(stop);
  if (a.slice(0, 10) === b.slice(0, 10)) {
    return `${a.slice(0, 16)} – ${b.slice(11)}`;
  }
  return `${a.slice(0, 16)} – ${b}`;
}

/** A product page link for a product id (and version). */
export function productPage(productId, version) {
  const p = new URLSearchParams({ id: productId });
  if (version !== undefined && version !== null) {
    p.set('version', String(version));
  }
  return `product.html?${p}`;
}

/** True when the embargo date is in the future. */
export function embargoed(until) {
  if (!until) {
    return false;
  }
  const t = new Date(until).getTime();
  return Number.isNaN(t) || t > Date.now();
}
