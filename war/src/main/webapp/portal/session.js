// The sign-in control of the header: a pasted bearer token kept in sessionStorage, a server
// session cookie (POST/DELETE /api/v1/auth/session) so that plain download links carry the
// caller's rights, and GET /api/v1/auth/whoami to show who is signed in.

import { apiFetch, clearAlerts, getJson, h, setToken, showProblem, token } from './api.js';

const SESSION = '/api/v1/auth/session';
const WHOAMI = '/api/v1/auth/whoami';

/**
 * Renders the control into #session and tells the page (event "archive:session" on window)
 * whenever the caller changes.
 */
export async function initSession() {
  const root = document.getElementById('session');
  if (!root) {
    return;
  }
  await render(root);
}

const ANONYMOUS = { anonymous: true, subject: null, groups: [] };

async function whoami() {
  try {
    return await getJson(WHOAMI);
  } catch (e) {
    if (!e.problem || e.problem.status !== 401) {
      return ANONYMOUS; // an archive without authentication, or unreachable
    }
  }
  // the token (or the session cookie) no longer verifies: forget both and ask again
  setToken(null);
  try {
    await apiFetch(SESSION, { method: 'DELETE', token: null });
    return await getJson(WHOAMI, { token: null });
  } catch {
    return ANONYMOUS;
  }
}

async function render(root) {
  const me = await whoami();
  if (token() && (!me || me.anonymous)) {
    // the stored token is no longer accepted (expired, or the server forgot it)
    setToken(null);
  }
  root.replaceChildren(me && !me.anonymous ? signedIn(root, me) : signInForm(root));
}

function signedIn(root, me) {
  const groups = Array.isArray(me.groups) && me.groups.length ? me.groups.join(', ') : '';
  const out = h(
    'button',
    { type: 'button', class: 'button small secondary', id: 'sign-out' },
    'Sign out',
  );
  out.addEventListener('click', async () => {
    try {
      await apiFetch(SESSION, { method: 'DELETE', token: null });
    } catch (e) {
      showProblem(e, 'Sign out');
    }
    setToken(null);
    await render(root);
    changed();
  });
  return h(
    'div',
    { class: 'session-who' },
    h(
      'span',
      { id: 'whoami', 'data-subject': me.subject || '' },
      'Signed in as ',
      h('strong', {}, me.subject || 'unknown'),
      groups ? h('span', { class: 'groups' }, ` (${groups})`) : '',
    ),
    out,
  );
}

function signInForm(root) {
  const input = h('input', {
    id: 'token',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    placeholder: 'eyJhbGciOi…',
  });
  const form = h(
    'form',
    { id: 'sign-in-form', class: 'sign-in-form' },
    h('label', { for: 'token' }, 'Bearer token (JWT)'),
    input,
    h('button', { type: 'submit', class: 'button small' }, 'Sign in'),
    h(
      'p',
      { class: 'hint' },
      'Kept in this tab only (sessionStorage); the archive also sets an HttpOnly session cookie so that download links work for embargoed products.',
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = input.value.trim().replace(/^Bearer\s+/i, '');
    if (!value) {
      return;
    }
    clearAlerts();
    try {
      await apiFetch(SESSION, { method: 'POST', token: value });
    } catch (e) {
      showProblem(e, 'Sign in');
      return;
    }
    setToken(value);
    await render(root);
    changed();
  });
  const details = h(
    'details',
    { class: 'sign-in' },
    h('summary', {}, 'Sign in'),
    form,
  );
  return h('div', { class: 'session-who' }, h('span', { id: 'whoami', 'data-subject': '' }, 'Anonymous'), details);
}

function changed() {
  window.dispatchEvent(new CustomEvent('archive:session'));
}
