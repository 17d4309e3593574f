// The product page: GET /api/v1/products/{id}[?version=N] (description, files with digests and
// download links, versions, PREMIS events, integrity, AIP) and the lineage from
// GET /api/v1/products/{id}/provenance?direction=both&depth=3 (Accept: application/json).

import {
  apiFetch,
  clearAlerts,
  embargoed,
  formatBytes,
  formatDate,
  formatTime,
  getJson,
  h,
  productPage,
  showProblem,
} from './api.js';
import { captionProducts, renderLineage } from './lineage.js';
import { initSession } from './session.js';

const $ = (id) => document.getElementById(id);

/** PREMIS 3 event types (id.loc.gov/vocabulary/preservation/eventType). */
const EVENT_TYPES = {
  ing: 'Ingestion',
  val: 'Validation',
  for: 'Format identification',
  mee: 'Metadata extraction',
  mes: 'Message digest calculation',
  ipc: 'Information package creation',
  fix: 'Fixity check',
  rep: 'Replication',
  rec: 'Recovery',
  qua: 'Quarantine',
  mig: 'Migration',
  nor: 'Normalization',
  del: 'Deletion',
  dis: 'Dissemination',
};

/** Description fields in reading order, with their labels. */
const FIELDS = [
  ['description', 'Description'],
  ['object', 'Target'],
  ['obsId', 'Observation id'],
  ['dataLevels', 'Data levels'],
  ['dataCategory', 'Data category'],
  ['processType', 'Process type'],
  ['raPnt', 'RA pointing (deg)'],
  ['decPnt', 'Dec pointing (deg)'],
  ['timeStart', 'Start (UTC)'],
  ['timeStop', 'Stop (UTC)'],
  ['ontime', 'On time (s)'],
  ['livetime', 'Live time (s)'],
  ['telescope', 'Telescope'],
  ['instrument', 'Instrument'],
  ['instrumentSite', 'Site'],
  ['hduClasses', 'HDU classes'],
  ['activityName', 'Activity'],
  ['activityId', 'Activity id'],
  ['softwareName', 'Software'],
  ['softwareVersion', 'Software version'],
  ['pipeline', 'Pipeline'],
  ['pipelineVersion', 'Pipeline version'],
  ['keywords', 'Keywords'],
  ['embargoUntil', 'Embargoed until'],
  ['accessGroup', 'Access group'],
  ['depositId', 'Deposit'],
  ['depositedAt', 'Deposited'],
  ['format', 'Record format'],
];

function params() {
  const p = new URLSearchParams(location.search);
  const id = (p.get('id') || '').trim();
  const version = (p.get('version') || '').trim();
  return { id, version: /^\d+$/.test(version) ? version : '' };
}

function apiBase(id) {
  return `/api/v1/products/${encodeURIComponent(id)}`;
}

function fileHref(id, path, version) {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return `${apiBase(id)}/files/${encoded}${version ? `?version=${version}` : ''}`;
}

function value(v) {
  if (v === null || v === undefined || v === '') {
    return null;
  }
  if (Array.isArray(v)) {
    return v.length ? v.join(', ') : null;
  }
  return String(v);
}

function renderHead(view, version) {
  const m = view.metadata || {};
  const title = m.object || m.description || view.productId;
  document.title = `${title} · CTAO data archive`;
  $('product-title').textContent = title;
  $('product-id').replaceChildren('Product ', h('code', {}, view.productId), ` · version ${view.version} of ${view.headVersion}`);
  $('product-description').textContent = m.object && m.description ? m.description : '';
  const badges = (m.dataLevels || []).map((l) => h('span', { class: 'badge level' }, l));
  if (m.obsId !== undefined && m.obsId !== null) {
    badges.push(h('span', { class: 'badge' }, `obs ${m.obsId}`));
  }
  if (m.embargoUntil && embargoed(m.embargoUntil)) {
    badges.push(
      h('span', { class: 'badge embargo' }, `Embargoed until ${formatDate(m.embargoUntil)}${m.accessGroup ? ` (${m.accessGroup})` : ''}`),
    );
  }
  if (view.version !== view.headVersion) {
    badges.push(h('span', { class: 'badge embargo' }, `An older version: the latest is ${view.headVersion}`));
  }
  badges.push(integrityBadge(view.integrity));
  $('product-badges').replaceChildren(...badges);
  $('aip-link').href = view.aip || `${apiBase(view.productId)}/aip${version ? `?version=${version}` : ''}`;
  $('turtle-link').href = view.provenance || `${apiBase(view.productId)}/provenance`;
  $('api-link').href = `${apiBase(view.productId)}${version ? `?version=${version}` : ''}`;
}

function integrityBadge(integrity) {
  const cls = integrity === 'OK' ? 'badge ok' : integrity === 'DAMAGED' ? 'badge bad' : 'badge';
  return h('span', { class: cls, id: 'integrity-badge', 'data-integrity': integrity || '' }, `Integrity: ${integrity || 'unknown'}`);
}

function renderFiles(view, version) {
  const rows = (view.files || []).map((f) => {
    const name = f.path.slice(f.path.lastIndexOf('/') + 1);
    return h(
      'tr',
      { 'data-path': f.path },
      h(
        'td',
        {},
        h('a', { href: fileHref(view.productId, f.path, version), download: name, class: 'file-link', 'data-path': f.path }, f.path),
      ),
      h('td', { class: 'num', 'data-size': String(f.size) }, formatBytes(f.size)),
      h('td', {}, f.formatName || f.mediaType || '', f.pronom ? h('span', { class: 'hint' }, ` (${f.pronom})`) : '', f.mediaType && f.formatName ? h('div', { class: 'hint' }, f.mediaType) : ''),
      h(
        'td',
        {},
        h('div', {}, h('span', { class: 'hint' }, 'sha256 '), h('code', { class: 'digest sha256' }, f.sha256 || '')),
        h('details', {}, h('summary', { class: 'hint' }, 'sha512, adler32'),
          h('div', {}, h('span', { class: 'hint' }, 'sha512 '), h('code', { class: 'digest sha512' }, f.sha512 || '')),
          h('div', {}, h('span', { class: 'hint' }, 'adler32 '), h('code', { class: 'digest adler32' }, f.adler32 || ''))),
      ),
    );
  });
  $('files').tBodies[0].replaceChildren(...rows);
}

function renderMetadata(view) {
  const m = view.metadata || {};
  const rows = [];
  for (const [key, label] of FIELDS) {
    const v = value(m[key]);
    if (v === null) {
      continue;
    }
    let cell = v;
    if (key === 'depositId') {
      cell = h('code', {}, v);
    } else if (key === 'embargoUntil') {
      cell = `${formatTime(v)}${embargoed(v) ? '' : ' (released)'}`;
    } else if (key === 'depositedAt') {
      cell = formatTime(v);
    }
    rows.push(h('tr', { 'data-field': key }, h('th', { scope: 'row' }, label), h('td', {}, cell)));
  }
  $('metadata').tBodies[0].replaceChildren(...rows);
  const headers = Object.entries(m.headers || {}).sort((a, b) => a[0].localeCompare(b[0]));
  $('headers-details').hidden = headers.length === 0;
  $('headers-details').querySelector('summary').textContent = `All header cards (${headers.length})`;
  $('headers').tBodies[0].replaceChildren(
    ...headers.map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, h('code', {}, k)), h('td', {}, h('code', {}, v)))),
  );
}

function renderVersions(view) {
  const items = (view.versions || []).map((v) => {
    const current = v.version === view.version;
    return h(
      'li',
      { 'data-version': String(v.version) },
      h('a', { href: productPage(view.productId, v.version), 'aria-current': current ? 'page' : null }, `Version ${v.version}`),
      v.version === view.headVersion ? ' (latest)' : '',
      h('span', { class: 'hint' }, ` · ${formatTime(v.created)}${v.message ? ` · ${v.message}` : ''}`),
    );
  });
  $('versions').replaceChildren(...items);
}

function renderIntegrity(view) {
  const text = {
    OK: 'The last fixity audit found every copy intact.',
    DAMAGED: 'The last fixity audit found damage: see the audit reports.',
    UNKNOWN: 'The last audit could not decide.',
    NOT_AUDITED: 'Not audited yet: the digests were checked when the product was ingested.',
  };
  $('integrity').replaceChildren(integrityBadge(view.integrity), ' ', text[view.integrity] || '');
}

function renderEvents(view) {
  const rows = (view.events || []).map((e) =>
    h(
      'tr',
      { 'data-type': e.type },
      h('td', {}, EVENT_TYPES[e.type] || e.type, h('span', { class: 'hint' }, ` (${e.type})`)),
      h('td', { class: 'num' }, formatTime(e.time)),
      h('td', {}, h('span', { class: e.outcome === 'suc' ? 'badge ok' : e.outcome === 'fail' ? 'badge bad' : 'badge' }, e.outcome === 'suc' ? 'success' : e.outcome === 'fail' ? 'failure' : e.outcome || '')),
      h('td', {}, e.note || ''),
      h('td', {}, e.replica || '', e.source ? h('span', { class: 'hint' }, `${e.replica ? ' · ' : ''}${e.source}`) : ''),
    ),
  );
  $('events').tBodies[0].replaceChildren(...rows);
}

async function loadLineage(id) {
  const body = $('lineage-body');
  try {
    const graph = await getJson(`${apiBase(id)}/provenance?direction=both&depth=3`, { accept: 'application/json' });
    await captionProducts(graph, (productId) => getJson(apiBase(productId)));
    renderLineage(body, graph, id);
  } catch (e) {
    body.replaceChildren(h('p', { class: 'hint' }, 'The lineage cannot be shown.'));
    showProblem(e, 'Lineage');
  }
}

async function downloadJsonLd(id) {
  try {
    const response = await apiFetch(`${apiBase(id)}/provenance`, { accept: 'application/ld+json' });
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: `${id}.provenance.jsonld`, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (e) {
    showProblem(e, 'Provenance');
  }
}

async function load() {
  const { id, version } = params();
  clearAlerts();
  if (!id) {
    $('product-title').textContent = 'No product';
    showProblem({ message: 'No product id: open a product from the search results.' });
    $('main').setAttribute('aria-busy', 'false');
    return;
  }
  try {
    const view = await getJson(`${apiBase(id)}${version ? `?version=${version}` : ''}`);
    renderHead(view, version);
    renderFiles(view, version);
    renderMetadata(view);
    renderVersions(view);
    renderIntegrity(view);
    renderEvents(view);
  } catch (e) {
    $('product-title').textContent = 'Product not available';
    showProblem(e, 'Product');
  } finally {
    $('main').setAttribute('aria-busy', 'false');
  }
  await loadLineage(id);
}

function start() {
  const ref = document.referrer;
  if (ref && ref.startsWith(location.origin + '/') && ['/', '/index.html'].includes(new URL(ref).pathname)) {
    $('back-link').href = ref;
  }
  $('jsonld-button').addEventListener('click', () => downloadJsonLd(params().id));
  window.addEventListener('archive:session', load);
  initSession();
  load();
}

start();
