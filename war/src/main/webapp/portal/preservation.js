// The preservation planning page. Everyone sees the format registry (GET /api/v1/formats);
// archivists also edit it (PATCH /api/v1/formats/{id} with If-Match, GET .../history), read the
// risk overview (GET /api/v1/preservation/risk, as JSON and CSV) and make, preview, execute,
// follow and cancel migration plans (/api/v1/preservation/plans). The risk chart is drawn by hand
// as SVG, like the plots of the search page.

import { apiFetch, clearAlerts, formatTime, getJson, h, productPage, s, showProblem } from './api.js';
import { initSession } from './session.js';

const $ = (id) => document.getElementById(id);
const API = '/api/v1';
const WHOAMI = `${API}/auth/whoami`;
const STATUSES = ['preferred', 'acceptable', 'at-risk', 'obsolete'];
const RISKY = new Set(['at-risk', 'obsolete']);
const STATUS_TEXT = {
  preferred: 'the archive’s choice for new data',
  acceptable: 'kept as it is',
  'at-risk': 'needs a plan',
  obsolete: 'must be migrated',
};
const ACTIONS = {
  'fits-tile-compress': 'Tile-compress FITS images',
  'fits-tile-decompress': 'Decompress tile-compressed FITS',
  cwl: 'CWL CommandLineTool',
};
/** At-risk products asked of the report (the CSV has them all). */
const RISK_LIMIT = 500;
/** Items of a plan shown per state. */
const ITEM_LIMIT = 200;
const POLL_MS = 1000;

const state = {
  generation: 0,
  archivist: false,
  formats: [],
  risk: null,
  plans: [],
  /** The plan shown in the detail panel, its preview, and the polling timer. */
  selected: null,
  preview: null,
  factsKey: '',
  itemsKey: '',
  busy: false,
  poll: null,
  /** The registry entry whose editor is open, what the user typed there, its message. */
  editing: null,
  draft: null,
  editMessage: '',
  historyOpen: false,
};

// --------------------------------------------------------------------------------- formatting

const NUMBER = new Intl.NumberFormat('en-GB');

function count(n) {
  return n === null || n === undefined || Number.isNaN(Number(n)) ? '' : NUMBER.format(Number(n));
}

function plural(n, one, many = `${one}s`) {
  return `${count(n)} ${Number(n) === 1 ? one : many}`;
}

/** Bytes in decimal units (kB, MB, GB...), as the rates in MB/s. */
function sizeText(n) {
  if (n === null || n === undefined || Number.isNaN(Number(n))) {
    return '';
  }
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let v = Number(n);
  let i = 0;
  while (Math.abs(v) >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0)} ${units[i]}`;
}

/** A size with its exact number of bytes in the title. */
function size(n) {
  if (n === null || n === undefined) {
    return h('span', { class: 'hint' }, '—');
  }
  return h('span', { class: 'bytes', title: `${count(n)} bytes`, 'data-bytes': String(n) }, sizeText(n));
}

function duration(seconds) {
  const v = Number(seconds);
  if (seconds === null || seconds === undefined || !Number.isFinite(v)) {
    return '—';
  }
  if (v < 10) {
    return `${v.toFixed(v < 1 ? 2 : 1)} s`;
  }
  if (v < 60) {
    return `${Math.round(v)} s`;
  }
  if (v < 3600) {
    return `${Math.floor(v / 60)} min ${Math.round(v % 60)} s`;
  }
  if (v < 86400) {
    return `${Math.floor(v / 3600)} h ${Math.round((v % 3600) / 60)} min`;
  }
  return `${(v / 86400).toFixed(1)} days`;
}

function percent(part, whole) {
  if (!whole) {
    return '0 %';
  }
  const p = (100 * part) / whole;
  return `${p > 0 && p < 1 ? p.toFixed(1) : Math.round(p)} %`;
}

/** Output size against input size, e.g. "41 % of the original". */
function ratio(before, after) {
  if (!before || after === null || after === undefined) {
    return '';
  }
  return `${percent(after, before)} of the original`;
}

function statusClass(status) {
  return `status-${String(status || 'unknown').toLowerCase().replace(/[^a-z0-9-]/g, '-')}`;
}

/** A status in colour and in words. */
function statusBadge(status) {
  return h(
    'span',
    { class: `badge status ${statusClass(status)}`, 'data-status': status || '', title: STATUS_TEXT[status] || null },
    status || 'unknown',
  );
}

function stateBadge(planState, id) {
  return h(
    'span',
    { class: `badge plan-state state-${String(planState || '').toLowerCase()}`, id: id || null, 'data-state': planState || '' },
    planState || '',
  );
}

function lines(text) {
  return String(text || '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

function enc(id) {
  return encodeURIComponent(id);
}

function productLink(productId, version) {
  return h(
    'a',
    { href: productPage(productId, version), class: 'product-link', 'data-product-id': productId },
    h('code', {}, productId),
  );
}

function reasonsList(reasons) {
  const list = Array.isArray(reasons) ? reasons : [];
  return list.length ? h('ul', { class: 'reasons' }, list.map((r) => h('li', {}, r))) : h('span', { class: 'hint' }, '—');
}

function formatName(id) {
  const f = state.formats.find((x) => x.id === id);
  return f ? f.name : id;
}

// ------------------------------------------------------------------------------------ access

async function whoami() {
  try {
    return await getJson(WHOAMI);
  } catch {
    return { anonymous: true, subject: null, groups: [], roles: [] };
  }
}

function renderAccess(me) {
  const box = $('access');
  if (state.archivist) {
    box.className = 'access-note ok';
    box.replaceChildren(
      'Signed in as ',
      h('strong', {}, me.subject || 'an archivist'),
      ' (archivist): you can edit the registry, read the risk overview and run migration plans.',
    );
    return;
  }
  box.className = 'access-note warn';
  const who =
    me && !me.anonymous
      ? ['You are signed in as ', h('strong', {}, me.subject || 'unknown'), ', who is not an archivist. ']
      : ['You are not signed in. '];
  const parts = [
    ...who,
    h('strong', {}, 'Sign in as an archivist'),
    ' to see the risk overview and the migration plans and to edit the registry. The format registry below is public.',
  ];
  if (!me || me.anonymous) {
    const button = h('button', { type: 'button', class: 'button small', id: 'access-sign-in' }, 'Sign in');
    button.addEventListener('click', openSignIn);
    parts.push(' ', button);
  }
  box.replaceChildren(...parts);
}

/** Opens the sign-in control of the header and puts the cursor in its token field. */
function openSignIn() {
  const details = document.querySelector('#session details.sign-in');
  if (details) {
    details.open = true;
    const input = $('token');
    if (input) {
      input.focus();
    }
  }
}

// ---------------------------------------------------------------------------------- registry

async function loadRegistry() {
  try {
    state.formats = await getJson(`${API}/formats`);
    renderRegistry();
    fillFormatSelects();
  } catch (e) {
    showProblem(e, 'Format registry');
    $('registry-status').textContent = 'The registry cannot be read.';
  }
}

function renderRegistry() {
  const table = $('formats');
  const head = table.tHead.rows[0];
  const hasEdit = head.cells.length > 7;
  if (state.archivist && !hasEdit) {
    head.append(h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Edit')));
  } else if (!state.archivist && hasEdit) {
    head.lastElementChild.remove();
  }
  const rows = [];
  for (const f of state.formats) {
    rows.push(formatRow(f));
    if (state.archivist && state.editing === f.id) {
      rows.push(editorRow(f));
    }
  }
  table.tBodies[0].replaceChildren(...rows);
  const risky = state.formats.filter((f) => RISKY.has(f.status)).length;
  $('registry-status').textContent =
    `${plural(state.formats.length, 'format')} registered; ${count(risky)} at risk or obsolete.` +
    (state.archivist ? ' Use “Edit” to change a status; every change is recorded with its reason.' : '');
}

function formatRow(f) {
  const tr = h(
    'tr',
    { id: `format-${f.id}`, 'data-format-id': f.id, 'data-status': f.status },
    h('td', {}, h('code', {}, f.id)),
    h(
      'td',
      {},
      f.name,
      f.version ? h('div', { class: 'hint' }, `version ${f.version}`) : '',
      f.specification ? h('div', {}, h('a', { href: f.specification, class: 'small-link', rel: 'noopener' }, 'specification')) : '',
    ),
    h('td', {}, h('code', {}, f.mediaType || '')),
    h('td', {}, f.profile ? h('code', {}, f.profile) : h('span', { class: 'hint' }, 'any')),
    h('td', { class: 'nowrap' }, f.pronom || h('span', { class: 'hint' }, '—')),
    h('td', { class: 'status-cell' }, statusBadge(f.status)),
    h(
      'td',
      {},
      reasonsList(f.reasons),
      h(
        'div',
        { class: 'hint' },
        `revision ${f.revision}`,
        f.updatedAt ? ` · ${formatTime(f.updatedAt)}` : '',
        f.updatedBy ? ` · ${f.updatedBy}` : '',
      ),
    ),
  );
  if (state.archivist) {
    const open = state.editing === f.id;
    const button = h(
      'button',
      {
        type: 'button',
        class: 'button small secondary edit-format',
        'aria-expanded': String(open),
        'aria-controls': open ? `edit-${f.id}` : null,
        'aria-label': `Edit ${f.id}`,
      },
      'Edit',
    );
    button.addEventListener('click', () => toggleEditor(f.id));
    tr.append(h('td', {}, button));
  }
  return tr;
}

function toggleEditor(id) {
  const opening = state.editing !== id;
  state.editing = opening ? id : null;
  state.draft = null;
  state.editMessage = '';
  state.historyOpen = false;
  renderRegistry();
  if (opening) {
    const select = $(`edit-${id}-status`);
    if (select) {
      select.focus();
    }
  } else {
    const row = $(`format-${id}`);
    const button = row && row.querySelector('button.edit-format');
    if (button) {
      button.focus();
    }
  }
}

function editorRow(f) {
  const prefix = `edit-${f.id}`;
  const draft = state.draft && state.draft.id === f.id ? state.draft : null;
  const current = draft ? draft.status : f.status;
  const options = STATUSES.includes(f.status) ? STATUSES : [...STATUSES, f.status];
  const status = h(
    'select',
    { id: `${prefix}-status`, name: 'status', required: true },
    options.map((v) => h('option', { value: v, selected: v === current }, v)),
  );
  const reasons = h('textarea', { id: `${prefix}-reasons`, name: 'reasons', rows: 4, 'aria-describedby': `${prefix}-reasons-hint` });
  reasons.value = draft ? draft.reasons : (f.reasons || []).join('\n');
  const why = h('input', {
    id: `${prefix}-why`,
    name: 'reason',
    type: 'text',
    required: true,
    maxlength: 2000,
    autocomplete: 'off',
    'aria-describedby': `${prefix}-why-hint`,
  });
  why.value = draft ? draft.why : '';
  const message = h(
    'p',
    { id: `${prefix}-message`, class: 'form-status', role: 'status', 'aria-live': 'polite', tabindex: '-1' },
    state.editMessage,
  );
  const save = h('button', { type: 'submit', class: 'button small', id: `${prefix}-save` }, 'Save');
  const cancel = h('button', { type: 'button', class: 'button small secondary' }, 'Close');
  cancel.addEventListener('click', () => toggleEditor(f.id));
  const history = h(
    'details',
    { class: 'history', id: `${prefix}-history`, open: state.historyOpen },
    h('summary', {}, `History of ${f.id}`),
    h('div', { class: 'history-body' }, h('p', { class: 'hint' }, 'Loading the history…')),
  );
  history.addEventListener('toggle', () => {
    state.historyOpen = history.open;
    if (history.open && !history.dataset.loaded) {
      loadHistory(f.id, history);
    }
  });
  if (state.historyOpen) {
    loadHistory(f.id, history);
  }
  const form = h(
    'form',
    { class: 'format-editor', 'aria-labelledby': `${prefix}-legend`, novalidate: null },
    h(
      'fieldset',
      {},
      h('legend', { id: `${prefix}-legend` }, `Edit ${f.id} (revision ${f.revision})`),
      h(
        'div',
        { class: 'form-grid' },
        h('div', { class: 'field' }, h('label', { for: `${prefix}-status` }, 'Status'), status),
        h(
          'div',
          { class: 'field wide' },
          h('label', { for: `${prefix}-reasons` }, 'Reasons for the status, one per line'),
          reasons,
          h('p', { id: `${prefix}-reasons-hint`, class: 'hint' }, 'Shown in the registry and in the risk report.'),
        ),
        h(
          'div',
          { class: 'field wide' },
          h('label', { for: `${prefix}-why` }, 'Reason for the change (required)'),
          why,
          h('p', { id: `${prefix}-why-hint`, class: 'hint' }, 'Recorded in the entry’s history and the event log.'),
        ),
      ),
      h('div', { class: 'actions' }, save, cancel),
      message,
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    saveFormat(f, { status, reasons, why }, message, save);
  });
  return h('tr', { class: 'editor-row', id: prefix, 'data-editor-for': f.id }, h('td', { colspan: 8 }, form, history));
}

async function saveFormat(f, fields, message, button) {
  const status = fields.status.value;
  const reasons = lines(fields.reasons.value);
  const why = fields.why.value.trim();
  if (!why) {
    message.textContent = 'Give the reason for the change.';
    fields.why.focus();
    return;
  }
  const body = {};
  if (status !== f.status) {
    body.status = status;
  }
  if (JSON.stringify(reasons) !== JSON.stringify(f.reasons || [])) {
    body.reasons = reasons;
  }
  if (!Object.keys(body).length) {
    message.textContent = 'Nothing to save: change the status or the reasons first.';
    return;
  }
  body.reason = why;
  button.disabled = true;
  message.textContent = 'Saving…';
  try {
    const entry = await getJson(`${API}/formats/${enc(f.id)}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', 'If-Match': `"${f.revision}"` },
      body: JSON.stringify(body),
    });
    state.editMessage = `Saved: ${entry.id} is now ${entry.status} (revision ${entry.revision}).`;
    state.draft = null;
    state.historyOpen = true;
    await Promise.all([loadRegistry(), state.archivist ? loadRisk() : null]);
  } catch (e) {
    showProblem(e, `Saving ${f.id}`);
    const p = e.problem || {};
    if (p.code === 'PLAN-003' || p.status === 409 || p.status === 412) {
      // someone else changed the entry: show theirs and keep what the user typed
      state.draft = { id: f.id, status, reasons: fields.reasons.value, why };
      state.editMessage = 'Not saved: the entry was changed meanwhile and has been reloaded. Check it and save again.';
      await loadRegistry();
    } else {
      button.disabled = false;
      message.textContent = 'Not saved: see the message above.';
      return;
    }
  }
  const shown = $(`edit-${f.id}-message`);
  if (shown) {
    shown.focus();
  }
}

async function loadHistory(id, details) {
  details.dataset.loaded = 'true';
  const body = details.querySelector('.history-body');
  try {
    const changes = await getJson(`${API}/formats/${enc(id)}/history`);
    body.replaceChildren(
      changes.length
        ? h('ol', { class: 'history-list' }, changes.map(changeItem))
        : h('p', { class: 'hint' }, 'No changes recorded.'),
    );
  } catch (e) {
    delete details.dataset.loaded;
    body.replaceChildren(h('p', { class: 'hint' }, 'The history cannot be read.'));
    showProblem(e, `History of ${id}`);
  }
}

const META = new Set(['revision', 'updatedAt', 'updatedBy']);

function valueText(v) {
  if (v === null || v === undefined || v === '') {
    return '—';
  }
  if (Array.isArray(v)) {
    return v.length ? v.join('; ') : '—';
  }
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function changeItem(c) {
  const before = c.before || {};
  const after = c.after || {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !META.has(k));
  const diffs = c.before
    ? keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    : [];
  return h(
    'li',
    { 'data-revision': String(c.revision) },
    h(
      'div',
      {},
      h('strong', {}, `Revision ${c.revision}`),
      ` · ${formatTime(c.changedAt)} · ${c.changedBy || 'unknown'}`,
      c.before ? '' : ' · created',
    ),
    h('div', { class: 'history-reason' }, 'Reason: ', h('q', {}, c.reason || '—')),
    diffs.length
      ? h(
          'ul',
          { class: 'history-diff' },
          diffs.map((k) => h('li', { 'data-field': k }, h('code', {}, k), ': ', valueText(before[k]), ' → ', valueText(after[k]))),
        )
      : '',
  );
}

// --------------------------------------------------------------------------------------- risk

async function loadRisk() {
  try {
    const risk = await getJson(`${API}/preservation/risk?limit=${RISK_LIMIT}`);
    state.risk = risk;
    renderRisk(risk);
  } catch (e) {
    showProblem(e, 'Risk report');
    $('risk-totals').textContent = 'The risk report cannot be read.';
  }
}

function renderRisk(risk) {
  const t = risk.totals || {};
  $('risk-totals').replaceChildren(
    h('strong', {}, plural(t.products, 'product')),
    `, ${plural(t.files, 'file')}, `,
    size(t.bytes),
    ' held. ',
    h('strong', { class: t.atRiskProducts ? 'at-risk-text' : null, id: 'risk-at-risk-products' }, `At risk: ${plural(t.atRiskProducts, 'product')}`),
    ` (${percent(t.atRiskProducts, t.products)}), ${plural(t.atRiskFiles, 'file')}, `,
    size(t.atRiskBytes),
    ` (${percent(t.atRiskBytes, t.bytes)} of the bytes).`,
    risk.generatedAt ? h('span', { class: 'hint' }, ` Report of ${formatTime(risk.generatedAt)}.`) : '',
  );
  renderLegend();
  const formats = risk.formats || [];
  $('risk-chart').replaceChildren(formats.length ? riskChart(formats) : h('p', { class: 'empty' }, 'The archive holds no files yet.'));
  $('risk-caption').textContent =
    'Bytes held per format (each file counted under its most specific registry entry), labelled with the size, ' +
    'the number of products and the status. Select a bar to go to its registry entry.';
  renderLevels(risk.levels || []);
  renderAtRisk();
}

function renderLegend() {
  $('risk-legend').replaceChildren(
    ...STATUSES.map((v) =>
      h('li', {}, h('span', { class: `swatch ${statusClass(v)}`, 'aria-hidden': 'true' }), h('span', {}, v), h('span', { class: 'hint' }, ` (${STATUS_TEXT[v]})`)),
    ),
    h('li', { class: 'hint' }, '“unregistered”: no registry entry, counted as at-risk'),
  );
}

const CHART = { width: 860, label: 220, value: 250, row: 30, top: 6, axis: 40 };

/** Round steps for the byte axis (decimal units, so that ticks read 200 kB, 400 kB, ...). */
function byteTicks(max) {
  const rough = Math.max(1, max) / 4;
  const mag = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((v) => v >= rough);
  const ticks = [];
  for (let i = 0; i <= Math.ceil(Math.max(1, max) / step); i++) {
    ticks.push(i * step);
  }
  return ticks;
}

function riskChart(formats) {
  const rows = formats.slice().sort((a, b) => b.bytes - a.bytes || a.formatId.localeCompare(b.formatId));
  const max = Math.max(1, ...rows.map((r) => Number(r.bytes) || 0));
  const ticks = byteTicks(max);
  const top = ticks[ticks.length - 1];
  const plotWidth = CHART.width - CHART.label - CHART.value;
  const x = (v) => CHART.label + (v / top) * plotWidth;
  const axisY = CHART.top + rows.length * CHART.row + 4;
  const height = axisY + CHART.axis;
  const svg = s('svg', {
    viewBox: `0 0 ${CHART.width} ${height}`,
    class: 'risk-svg',
    role: 'group',
    'aria-labelledby': 'risk-chart-title',
  });
  svg.append(s('title', { id: 'risk-chart-title' }, 'Bytes held per format, coloured and labelled by the format’s status'));

  const axis = s('g', { class: 'risk-axis', 'aria-hidden': 'true' });
  for (const t of ticks) {
    const tx = x(t);
    axis.append(s('line', { x1: tx, x2: tx, y1: CHART.top, y2: axisY, class: t === 0 ? 'axis-line' : 'tick' }));
    axis.append(s('text', { x: tx, y: axisY + 15, 'text-anchor': 'middle' }, sizeText(t).replace(/\.0+ /, ' ')));
  }
  axis.append(
    s('text', { x: CHART.label + plotWidth / 2, y: height - 5, 'text-anchor': 'middle', class: 'axis-title' }, 'Bytes held'),
  );
  svg.append(axis);

  const known = new Set(state.formats.map((f) => f.id));
  const bars = s('g', { class: 'risk-bars' });
  rows.forEach((r, i) => {
    const y = CHART.top + i * CHART.row;
    const w = Math.max(2, x(Number(r.bytes) || 0) - CHART.label);
    const text =
      `${r.formatId} (${r.name || r.formatId}): ${sizeText(r.bytes)} (${count(r.bytes)} bytes) in ` +
      `${plural(r.products, 'product')} and ${plural(r.files, 'file')}; status ${r.status}`;
    const attrs = {
      class: `risk-bar ${statusClass(r.status)}`,
      'data-format-id': r.formatId,
      'data-status': r.status,
      'aria-label': text,
    };
    const bar = known.has(r.formatId)
      ? s('a', { ...attrs, href: `#format-${r.formatId}` })
      : s('g', { ...attrs, tabindex: '0', role: 'img' });
    const label = r.formatId.length > 30 ? `${r.formatId.slice(0, 29)}…` : r.formatId;
    bar.append(
      s('title', {}, text),
      s('rect', { class: 'row-hit', x: 0, y, width: CHART.width, height: CHART.row }),
      s('text', { x: CHART.label - 8, y: y + CHART.row / 2 + 4, 'text-anchor': 'end', class: 'bar-label' }, label),
      s('rect', { class: 'bar', x: CHART.label, y: y + 5, width: w.toFixed(1), height: CHART.row - 10, rx: 2 }),
      s(
        'text',
        { x: CHART.label + w + 6, y: y + CHART.row / 2 + 4, class: 'bar-value' },
        `${sizeText(r.bytes)} · ${plural(r.products, 'product')} · ${r.status}`,
      ),
    );
    bars.append(bar);
  });
  svg.append(bars);
  return svg;
}

function renderLevels(levels) {
  const table = $('levels');
  const statuses = [...STATUSES];
  for (const l of levels) {
    if (!statuses.includes(l.status)) {
      statuses.push(l.status);
    }
  }
  const byLevel = new Map();
  for (const l of levels) {
    const key = l.dataLevel || 'unknown';
    if (!byLevel.has(key)) {
      byLevel.set(key, new Map());
    }
    byLevel.get(key).set(l.status, l);
  }
  table.tHead.replaceChildren(
    h(
      'tr',
      {},
      h('th', { scope: 'col' }, 'Data level'),
      statuses.map((v) => h('th', { scope: 'col', class: 'num' }, statusBadge(v))),
    ),
  );
  const rows = [...byLevel.keys()].sort().map((level) =>
    h(
      'tr',
      { 'data-level': level },
      h('th', { scope: 'row' }, level),
      statuses.map((v) => {
        const c = byLevel.get(level).get(v);
        if (!c) {
          return h('td', { class: 'num empty-cell', 'data-status': v }, h('span', { 'aria-label': 'none' }, '—'));
        }
        return h(
          'td',
          { class: 'num', 'data-status': v, 'data-products': String(c.products) },
          plural(c.products, 'product'),
          h('div', { class: 'hint' }, `${plural(c.files, 'file')}, `, size(c.bytes)),
        );
      }),
    ),
  );
  table.tBodies[0].replaceChildren(
    ...(rows.length ? rows : [h('tr', {}, h('td', { colspan: statuses.length + 1, class: 'empty' }, 'No files.'))]),
  );
}

function renderAtRisk() {
  const risk = state.risk;
  if (!risk) {
    return;
  }
  const filter = $('at-risk-filter').value.trim().toLowerCase();
  const all = risk.atRisk || [];
  const shown = all.filter(
    (p) =>
      !filter ||
      p.productId.toLowerCase().includes(filter) ||
      (p.files || []).some((f) => `${f.path} ${f.formatId}`.toLowerCase().includes(filter)),
  );
  const rows = shown.map((p) =>
    h(
      'tr',
      { 'data-product-id': p.productId },
      h('td', {}, productLink(p.productId)),
      h('td', { class: 'num' }, String(p.version)),
      h('td', {}, p.dataLevel ? h('span', { class: 'badge level' }, p.dataLevel) : h('span', { class: 'hint' }, '—')),
      h('td', { class: 'num' }, size(p.bytes)),
      h(
        'td',
        {},
        h(
          'ul',
          { class: 'risk-files' },
          (p.files || []).map((f) =>
            h(
              'li',
              { 'data-format-id': f.formatId, 'data-path': f.path },
              h('code', {}, f.path),
              ' ',
              h('span', { class: 'hint' }, '(', size(f.size), ')'),
              ' · ',
              h('code', {}, f.formatId),
              ' ',
              statusBadge(f.status),
              reasonsList(f.reasons),
            ),
          ),
        ),
      ),
    ),
  );
  $('at-risk').tBodies[0].replaceChildren(
    ...(rows.length
      ? rows
      : [h('tr', {}, h('td', { colspan: 5, class: 'empty' }, all.length ? 'No at-risk product matches the filter.' : 'No product is at risk.'))]),
  );
  const total = (risk.totals || {}).atRiskProducts ?? all.length;
  $('at-risk-count').textContent =
    `Showing ${plural(shown.length, 'product')} of ${count(total)} at risk` +
    (risk.truncated ? `; the report lists the first ${count(all.length)}, the CSV (files) has them all.` : '.');
}

async function downloadCsv(part, button) {
  button.disabled = true;
  $('risk-status').textContent = `Preparing the CSV (${part})…`;
  try {
    const response = await apiFetch(`${API}/preservation/risk?part=${part}`, { accept: 'text/csv' });
    const disposition = response.headers.get('Content-Disposition') || '';
    const m = /filename="?([^";]+)"?/i.exec(disposition);
    const name = m ? m[1] : `risk-${part}.csv`;
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    $('risk-status').textContent = `Downloaded ${name} (${sizeText(blob.size)}).`;
  } catch (e) {
    showProblem(e, `CSV (${part})`);
    $('risk-status').textContent = 'The CSV download failed.';
  } finally {
    button.disabled = false;
  }
}

// -------------------------------------------------------------------------------------- plans

function fillFormatSelects() {
  for (const [id, preferSource] of [
    ['plan-source', true],
    ['plan-target', false],
  ]) {
    const select = $(id);
    const previous = select.value;
    select.replaceChildren(
      ...state.formats.map((f) => h('option', { value: f.id }, `${f.id} — ${f.name} (${f.status})`)),
    );
    if (previous && state.formats.some((f) => f.id === previous)) {
      select.value = previous;
    } else {
      const first = state.formats.find((f) => (preferSource ? RISKY.has(f.status) : f.status === 'preferred'));
      if (first) {
        select.value = first.id;
      }
    }
  }
}

function actionChanged() {
  const cwl = $('plan-action').value === 'cwl';
  $('plan-cwl-field').hidden = !cwl;
  $('plan-cwl').required = cwl;
}

async function createPlan(event) {
  event.preventDefault();
  const form = $('plan-form');
  if (!form.reportValidity()) {
    return;
  }
  const action = $('plan-action').value;
  const body = {
    name: $('plan-name').value.trim(),
    sourceFormat: $('plan-source').value,
    targetFormat: $('plan-target').value,
    action,
  };
  if (action === 'cwl') {
    body.cwl = $('plan-cwl').value;
  }
  const products = lines($('plan-products').value);
  if (products.length) {
    body.products = products;
  }
  const button = $('plan-create');
  const status = $('plan-form-status');
  button.disabled = true;
  status.textContent = 'Creating the plan…';
  try {
    const plan = await getJson(`${API}/preservation/plans`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    status.textContent = `Plan “${plan.name}” created: preview it, then execute it.`;
    $('plan-name').value = '';
    $('plan-products').value = '';
    state.plans = [plan, ...state.plans.filter((p) => p.id !== plan.id)];
    selectPlan(plan, true);
  } catch (e) {
    showProblem(e, 'New plan');
    status.textContent = 'The plan was not created: see the message above.';
  } finally {
    button.disabled = false;
  }
}

async function loadPlans() {
  try {
    state.plans = await getJson(`${API}/preservation/plans`);
    renderPlanList();
    const wanted = state.selected ? state.selected.id : new URLSearchParams(location.search).get('plan');
    const plan = wanted && state.plans.find((p) => p.id === wanted);
    if (plan) {
      selectPlan(plan, false);
    }
  } catch (e) {
    showProblem(e, 'Migration plans');
  }
}

function countsText(p) {
  const c = p.counts;
  if (!c || (p.state === 'DRAFT' && !c.total)) {
    return p.products && p.products.length ? `not started · ${plural(p.products.length, 'named product')}` : 'not started';
  }
  const done = (Number(c.migrated) || 0) + (Number(c.failed) || 0) + (Number(c.skipped) || 0);
  return `${count(done)} of ${count(c.total)} done · ${count(c.migrated)} migrated · ${count(c.failed)} failed · ${count(c.skipped)} skipped`;
}

function renderPlanList() {
  const rows = state.plans.map((p) => {
    const selected = state.selected && state.selected.id === p.id;
    const open = h(
      'button',
      { type: 'button', class: 'button small secondary open-plan', 'aria-pressed': String(!!selected), 'aria-label': `Open the plan ${p.name}` },
      'Open',
    );
    open.addEventListener('click', () => selectPlan(p, true));
    return h(
      'tr',
      { 'data-plan-id': p.id, class: selected ? 'selected' : null },
      h('td', {}, p.name),
      h('td', {}, h('code', {}, p.sourceFormat), ' → ', h('code', {}, p.targetFormat)),
      h('td', {}, actionName(p.action)),
      h('td', { class: 'plan-state-cell' }, stateBadge(p.state)),
      h('td', { class: 'plan-counts-cell' }, countsText(p)),
      h('td', {}, formatTime(p.createdAt), p.createdBy ? h('div', { class: 'hint' }, p.createdBy) : ''),
      h('td', {}, open),
    );
  });
  $('plan-list').tBodies[0].replaceChildren(...rows);
  $('plan-list-empty').hidden = rows.length > 0;
}

function actionName(action) {
  if (!action) {
    return '';
  }
  const id = typeof action === 'string' ? action : action.id;
  return ACTIONS[id] || id;
}

function selectPlan(plan, focus) {
  const other = !state.selected || state.selected.id !== plan.id;
  stopPolling();
  if (other) {
    state.preview = null;
    state.factsKey = '';
    state.itemsKey = '';
    $('plan-status').textContent = '';
  }
  state.selected = plan;
  const url = new URL(location.href);
  url.searchParams.set('plan', plan.id);
  history.replaceState(null, '', url);
  renderPlanList();
  renderPlanDetail();
  if (plan.state === 'RUNNING') {
    startPolling();
  }
  if (focus) {
    $('plan-detail').focus();
  }
}

/** A plan answered by the API replaces the one held, in the list and in the detail panel. */
function updatePlan(plan) {
  const i = state.plans.findIndex((p) => p.id === plan.id);
  if (i >= 0) {
    state.plans[i] = plan;
  } else {
    state.plans.unshift(plan);
  }
  const row = document.querySelector(`#plan-list tr[data-plan-id="${CSS.escape(plan.id)}"]`);
  if (row) {
    row.querySelector('.plan-state-cell').replaceChildren(stateBadge(plan.state));
    row.querySelector('.plan-counts-cell').textContent = countsText(plan);
  } else {
    renderPlanList();
  }
  if (state.selected && state.selected.id === plan.id) {
    state.selected = plan;
    renderPlanDetail();
  }
}

function renderPlanDetail() {
  const p = state.selected;
  const panel = $('plan-detail');
  panel.hidden = !p;
  if (!p) {
    return;
  }
  panel.dataset.planId = p.id;
  panel.dataset.state = p.state;
  const key = [p.id, p.state, p.startedAt, p.finishedAt].join('|');
  if (key !== state.factsKey) {
    state.factsKey = key;
    $('plan-title').replaceChildren('Plan: ', p.name, ' ', stateBadge(p.state, 'plan-state'));
    renderFacts(p);
  }
  renderButtons();
  renderProgress(p);
  renderPreview();
  const itemsKey = [p.id, p.state, p.counts && p.counts.migrated, p.counts && p.counts.failed].join('|');
  if (itemsKey !== state.itemsKey) {
    state.itemsKey = itemsKey;
    loadItems(p);
  }
}

function renderFacts(p) {
  const a = p.action || {};
  const facts = [
    ['Plan id', h('code', {}, p.id)],
    ['Formats', [h('code', {}, p.sourceFormat), ` (${formatName(p.sourceFormat)}) → `, h('code', {}, p.targetFormat), ` (${formatName(p.targetFormat)})`]],
    [
      'Action',
      [
        a.description || actionName(a),
        a.tool ? h('div', { class: 'hint' }, `${toolText(a)}${a.runner ? (a.runner === 'built-in' ? ' · built in' : ` · run by ${a.runner}`) : ''}`) : '',
      ],
    ],
    [
      'Products',
      p.products && p.products.length
        ? h(
            'details',
            {},
            h('summary', {}, `${plural(p.products.length, 'named product')}`),
            h('ul', { class: 'id-list' }, p.products.map((id) => h('li', {}, productLink(id)))),
          )
        : 'every product with files in the source format',
    ],
    ['Created', `${formatTime(p.createdAt)}${p.createdBy ? ` by ${p.createdBy}` : ''}`],
  ];
  if (p.startedAt) {
    facts.push(['Started', formatTime(p.startedAt)]);
  }
  if (p.finishedAt) {
    facts.push([p.state === 'CANCELLED' ? 'Cancelled' : 'Finished', formatTime(p.finishedAt)]);
  }
  if (p.cwl) {
    facts.push(['CWL tool', h('details', {}, h('summary', {}, 'The CommandLineTool document'), h('pre', { class: 'cwl' }, p.cwl))]);
  }
  $('plan-facts').replaceChildren(...facts.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v))));
}

/** "nom-tam-fits 1.21.2" from tool "nom-tam-fits" and toolVersion "nom-tam-fits 1.21.2" (or "1.21.2"). */
function toolText(a) {
  if (!a.toolVersion) {
    return a.tool;
  }
  return a.toolVersion.startsWith(a.tool) ? a.toolVersion : `${a.tool} ${a.toolVersion}`;
}

function renderButtons() {
  const p = state.selected;
  const st = p ? p.state : '';
  $('plan-preview-button').disabled = state.busy || !p || st === 'RUNNING' || st === 'CANCELLED';
  $('plan-execute-button').disabled = state.busy || !p || st === 'RUNNING' || st === 'CANCELLED';
  $('plan-execute-button').textContent = st === 'FINISHED' ? 'Execute again' : 'Execute';
  $('plan-cancel-button').disabled = state.busy || !p || !(st === 'DRAFT' || st === 'RUNNING');
}

function renderProgress(p) {
  const block = $('plan-progress');
  const c = p.counts || {};
  block.hidden = p.state === 'DRAFT' && !c.migrated && !c.failed && !c.skipped;
  if (block.hidden) {
    return;
  }
  const total = Number(c.total) || 0;
  const done = (Number(c.migrated) || 0) + (Number(c.failed) || 0) + (Number(c.skipped) || 0);
  const bar = $('plan-progress-bar');
  bar.max = Math.max(1, total);
  bar.value = Math.min(done, Math.max(1, total));
  bar.setAttribute('aria-valuetext', `${count(done)} of ${count(total)} products`);
  $('plan-counts').replaceChildren(
    h('strong', {}, `${count(done)} of ${plural(total, 'product')} done`),
    `: ${count(c.migrated)} migrated, ${count(c.failed)} failed, ${count(c.skipped)} skipped, ${count(c.pending)} pending.`,
  );
  const g = p.progress || {};
  const parts = [];
  if (g.elapsedSeconds !== null && g.elapsedSeconds !== undefined) {
    parts.push(`elapsed ${duration(g.elapsedSeconds)}`);
  }
  if (g.megabytesPerSecond !== null && g.megabytesPerSecond !== undefined) {
    parts.push(`${Number(g.megabytesPerSecond).toFixed(2)} MB/s`);
  }
  if (g.productsPerSecond !== null && g.productsPerSecond !== undefined) {
    parts.push(`${Number(g.productsPerSecond).toFixed(2)} products/s`);
  }
  const rates = parts.length ? [parts.join(' · '), '. '] : [];
  $('plan-rates').replaceChildren(
    ...rates,
    g.bytesBefore ? h('span', {}, 'Bytes of the products done: ', size(g.bytesBefore), ' → ', size(g.bytesAfter), ` (${ratio(g.bytesBefore, g.bytesAfter)}).`) : '',
  );
}

function renderPreview() {
  const block = $('plan-preview');
  const v = state.preview;
  if (!v || !state.selected || v.planId !== state.selected.id) {
    block.hidden = true;
    block.replaceChildren();
    return;
  }
  if (block.dataset.planId === v.planId && block.dataset.shown === v.shownAt) {
    block.hidden = false;
    return;
  }
  block.dataset.planId = v.planId;
  block.dataset.shown = v.shownAt;
  const parts = [
    h('h4', {}, 'Preview (dry run, nothing stored)'),
    h(
      'p',
      { id: 'preview-summary' },
      'The plan would migrate ',
      h('strong', { id: 'preview-products', 'data-count': String(v.products) }, plural(v.products, 'product')),
      `, ${plural(v.files, 'file')}, `,
      size(v.bytes),
      '.',
    ),
  ];
  const sm = v.sample;
  if (sm) {
    const verdict = h(
      'span',
      { id: 'sample-verdict', class: sm.accepted ? 'badge ok' : 'badge bad', 'data-accepted': String(!!sm.accepted) },
      sm.accepted ? 'accepted' : 'rejected',
    );
    const diffs = sm.differences || [];
    parts.push(
      h(
        'div',
        { class: 'sample', id: 'preview-sample' },
        h(
          'p',
          {},
          'Sample: ',
          h('code', {}, sm.path),
          ' of ',
          productLink(sm.productId),
          ': ',
          size(sm.bytes),
          ' → ',
          size(sm.outputBytes),
          sm.outputBytes !== null && sm.outputBytes !== undefined
            ? ` (${ratio(sm.bytes, sm.outputBytes)}${sm.outputBytes > 0 ? `, ×${(sm.bytes / sm.outputBytes).toFixed(2)}` : ''})`
            : '',
          ` in ${duration(sm.seconds)}. `,
          verdict,
          sm.accepted
            ? ': the check of the significant properties found the output equivalent to the input.'
            : ': the check of the significant properties found differences.',
        ),
        diffs.length ? h('ul', { class: 'differences' }, diffs.map((d) => h('li', {}, d))) : '',
      ),
    );
  } else {
    parts.push(h('p', { class: 'hint', id: 'preview-sample' }, 'No sample: nothing to migrate.'));
  }
  if (v.estimate) {
    parts.push(
      h(
        'p',
        { id: 'preview-estimate' },
        'Estimated time for the whole plan: ',
        h('strong', {}, duration(v.estimate.seconds)),
        v.estimate.basis ? h('span', { class: 'hint' }, ` (basis: ${v.estimate.basis})`) : '',
      ),
    );
  }
  const ids = v.productIds || [];
  if (ids.length) {
    parts.push(
      h(
        'details',
        { open: ids.length <= 10, id: 'preview-ids' },
        h('summary', {}, `The first ${plural(ids.length, 'product')}${v.truncated ? ' (the list is cut)' : ''}`),
        h('ul', { class: 'id-list' }, ids.map((id) => h('li', { 'data-product-id': id }, productLink(id)))),
      ),
    );
  }
  block.replaceChildren(...parts);
  block.hidden = false;
}

async function runPlanAction(label, busyText, call) {
  const p = state.selected;
  if (!p) {
    return;
  }
  state.busy = true;
  renderButtons();
  $('plan-status').textContent = busyText;
  try {
    await call(p);
  } catch (e) {
    showProblem(e, label);
    $('plan-status').textContent = `${label} failed: see the message above.`;
  } finally {
    state.busy = false;
    renderButtons();
  }
}

function preview() {
  return runPlanAction('Preview', 'Previewing: migrating one sample file and checking it…', async (p) => {
    const v = await getJson(`${API}/preservation/plans/${enc(p.id)}/preview`, { method: 'POST' });
    if (!state.selected || state.selected.id !== p.id) {
      return;
    }
    state.preview = { ...v, planId: v.planId || p.id, shownAt: String(Date.now()) };
    renderPreview();
    $('plan-status').textContent = `Preview ready: ${plural(v.products, 'product')} would be migrated${v.sample ? `, the sample was ${v.sample.accepted ? 'accepted' : 'rejected'}` : ''}.`;
  });
}

function execute() {
  return runPlanAction('Execute', 'Starting the migration…', async (p) => {
    const plan = await getJson(`${API}/preservation/plans/${enc(p.id)}/execute`, { method: 'POST' });
    updatePlan(plan);
    $('plan-status').textContent =
      plan.state === 'RUNNING' ? 'Running: the progress below is updated every second.' : `The plan is ${plan.state}.`;
    if (plan.state === 'RUNNING') {
      startPolling();
    }
  });
}

function cancel() {
  return runPlanAction('Cancel', 'Cancelling the plan…', async (p) => {
    const plan = await getJson(`${API}/preservation/plans/${enc(p.id)}`, { method: 'DELETE' });
    stopPolling();
    if (plan) {
      updatePlan(plan);
    }
    $('plan-status').textContent = 'The plan is cancelled: products not migrated yet stay as they are.';
  });
}

function stopPolling() {
  if (state.poll) {
    clearTimeout(state.poll.timer);
    state.poll = null;
  }
}

function startPolling() {
  stopPolling();
  const poll = { id: state.selected.id, timer: null };
  const tick = async () => {
    if (state.poll !== poll) {
      return;
    }
    try {
      const plan = await getJson(`${API}/preservation/plans/${enc(poll.id)}`);
      if (state.poll !== poll) {
        return;
      }
      updatePlan(plan);
      if (plan.state === 'RUNNING') {
        poll.timer = setTimeout(tick, POLL_MS);
        return;
      }
      state.poll = null;
      const c = plan.counts || {};
      $('plan-status').textContent = `The plan is ${plan.state}: ${count(c.migrated)} migrated, ${count(c.failed)} failed, ${count(c.skipped)} skipped.`;
      loadRisk();
    } catch (e) {
      if (state.poll !== poll) {
        return;
      }
      showProblem(e, 'Following the plan');
      poll.timer = setTimeout(tick, POLL_MS * 5);
    }
  };
  state.poll = poll;
  poll.timer = setTimeout(tick, POLL_MS);
}

async function loadItems(p) {
  if (p.state === 'DRAFT') {
    $('plan-failed-block').hidden = true;
    $('plan-migrated-block').hidden = true;
    return;
  }
  try {
    const base = `${API}/preservation/plans/${enc(p.id)}/items?limit=${ITEM_LIMIT}&state=`;
    const [failed, migrated] = await Promise.all([getJson(`${base}FAILED`), getJson(`${base}MIGRATED`)]);
    if (!state.selected || state.selected.id !== p.id) {
      return;
    }
    renderFailed(failed || []);
    renderMigrated(migrated || []);
  } catch (e) {
    showProblem(e, 'Items of the plan');
  }
}

function renderFailed(items) {
  $('plan-failed-block').hidden = items.length === 0;
  $('plan-failed').tBodies[0].replaceChildren(
    ...items.map((it) => {
      const d = it.detail || {};
      const diffs = Array.isArray(d.differences) ? d.differences : [];
      return h(
        'tr',
        { 'data-product-id': it.productId, 'data-code': d.code || '' },
        h('td', {}, productLink(it.productId)),
        h('td', {}, d.code ? h('span', { class: 'problem-code' }, d.code) : '', d.code && d.message ? ' ' : '', d.message || ''),
        h('td', {}, diffs.length ? h('ul', { class: 'differences' }, diffs.map((x) => h('li', {}, x))) : h('span', { class: 'hint' }, '—')),
        h('td', { class: 'num' }, count(it.attempts)),
      );
    }),
  );
}

function renderMigrated(items) {
  $('plan-migrated-block').hidden = items.length === 0;
  $('plan-migrated').tBodies[0].replaceChildren(
    ...items.map((it) => {
      const files = (it.detail && Array.isArray(it.detail.files) && it.detail.files) || [];
      return h(
        'tr',
        { 'data-product-id': it.productId, 'data-to-version': it.toVersion == null ? '' : String(it.toVersion) },
        h('td', {}, productLink(it.productId, it.toVersion)),
        h(
          'td',
          {},
          it.fromVersion != null ? h('a', { href: productPage(it.productId, it.fromVersion) }, `v${it.fromVersion}`) : '',
          ' → ',
          it.toVersion != null ? h('a', { href: productPage(it.productId, it.toVersion), class: 'new-version' }, `v${it.toVersion}`) : '',
        ),
        h('td', { class: 'num' }, size(it.bytesBefore)),
        h('td', { class: 'num' }, size(it.bytesAfter), h('div', { class: 'hint' }, ratio(it.bytesBefore, it.bytesAfter))),
        h('td', { class: 'num' }, duration((Number(it.millis) || 0) / 1000)),
        h(
          'td',
          {},
          files.length
            ? h(
                'details',
                {},
                h('summary', {}, plural(files.length, 'file')),
                h(
                  'ul',
                  { class: 'migrated-files' },
                  files.map((f) =>
                    h(
                      'li',
                      {},
                      h('code', {}, f.path),
                      ': ',
                      size(f.bytesBefore),
                      ' → ',
                      size(f.bytesAfter),
                      h('div', { class: 'hint' }, 'sha512 ', h('code', { title: f.sha512Before || '' }, (f.sha512Before || '').slice(0, 16) + '…'), ' → ', h('code', { title: f.sha512After || '' }, (f.sha512After || '').slice(0, 16) + '…')),
                    ),
                  ),
                ),
              )
            : plural(it.files, 'file'),
        ),
      );
    }),
  );
}

// ------------------------------------------------------------------------------------- start

async function load() {
  const mine = ++state.generation;
  stopPolling();
  clearAlerts();
  $('main').setAttribute('aria-busy', 'true');
  const me = await whoami();
  if (mine !== state.generation) {
    return;
  }
  state.archivist = Array.isArray(me.roles) && me.roles.includes('archivist');
  if (!state.archivist) {
    state.editing = null;
    state.selected = null;
    state.preview = null;
    state.risk = null;
  }
  renderAccess(me);
  $('risk').hidden = !state.archivist;
  $('plans').hidden = !state.archivist;
  await Promise.all([loadRegistry(), state.archivist ? loadRisk() : null, state.archivist ? loadPlans() : null]);
  if (mine === state.generation) {
    $('main').setAttribute('aria-busy', 'false');
  }
}

function start() {
  $('csv-files').addEventListener('click', (e) => downloadCsv('files', e.currentTarget));
  $('csv-formats').addEventListener('click', (e) => downloadCsv('formats', e.currentTarget));
  $('at-risk-filter').addEventListener('input', renderAtRisk);
  $('plan-action').addEventListener('change', actionChanged);
  $('plan-form').addEventListener('submit', createPlan);
  $('plan-preview-button').addEventListener('click', preview);
  $('plan-execute-button').addEventListener('click', execute);
  $('plan-cancel-button').addEventListener('click', cancel);
  actionChanged();
  window.addEventListener('archive:session', load);
  initSession();
  load();
}

start();
