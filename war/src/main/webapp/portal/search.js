// The search page: the query lives in the URL (linkable, back button), results come from
// GET /api/v1/search, and are shown as facets, a list, a sky plot and a time-coverage plot.

import {
  ApiError,
  clearAlerts,
  embargoed,
  formatBytes,
  formatDate,
  formatInterval,
  getJson,
  h,
  productPage,
  showProblem,
} from './api.js';
import { attachTooltip, skyPlot, timePlot } from './plots.js';
import { initSession } from './session.js';

const KEYS = [
  'q', 'level', 'target', 'instrument', 'site', 'year', 'format',
  'from', 'to', 'ra', 'dec', 'radius', 'sort', 'page', 'size',
];
const FILTERS = KEYS.filter((k) => !['sort', 'page', 'size'].includes(k));
const DEFAULT_SIZE = 20;

/** Facets of the API, their titles, and the search parameter a value selects (null: counts only). */
const FACETS = [
  { name: 'level', title: 'Data level', param: 'level' },
  { name: 'target', title: 'Target', param: 'target' },
  { name: 'instrument', title: 'Instrument', param: 'instrument' },
  { name: 'year', title: 'Year', param: 'year' },
  { name: 'site', title: 'Site', param: 'site' },
  { name: 'format', title: 'Format', param: 'format' },
];
const FACET_PARAMS = FACETS.map((f) => f.param).filter(Boolean);

const $ = (id) => document.getElementById(id);
let generation = 0;

// -------------------------------------------------------------------------------------- state

function readState() {
  const url = new URLSearchParams(location.search);
  const state = {};
  for (const k of KEYS) {
    const v = url.get(k);
    if (v !== null && v.trim() !== '') {
      state[k] = v.trim();
    }
  }
  return state;
}

function urlOf(state) {
  const p = new URLSearchParams();
  for (const k of KEYS) {
    const v = state[k];
    if (v === undefined || v === '' || (k === 'page' && v === '1') || (k === 'size' && v === String(DEFAULT_SIZE))) {
      continue;
    }
    p.set(k, v);
  }
  const q = p.toString();
  return q ? `?${q}` : location.pathname;
}

/** The API's parameters for a state; an inclusive "to" date means the end of that day (UTC). */
function apiParams(state, paging) {
  const p = new URLSearchParams();
  for (const k of [...FILTERS, 'sort']) {
    const v = state[k];
    if (v === undefined || v === '') {
      continue;
    }
    p.set(k, k === 'to' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T23:59:59.999Z` : v);
  }
  if (paging) {
    p.set('page', state.page || '1');
    p.set('size', state.size || String(DEFAULT_SIZE));
  }
  return p;
}

function navigate(state, push = true) {
  const url = urlOf(state);
  if (push) {
    history.pushState(null, '', url);
  }
  fillForm(state);
  run(state);
}

// --------------------------------------------------------------------------------------- form

function fillForm(state) {
  const form = $('search-form');
  for (const k of ['q', 'from', 'to', 'ra', 'dec', 'radius']) {
    form.elements[k].value = state[k] || '';
  }
  form.elements.sort.value = state.sort || '';
  form.elements.size.value = state.size || String(DEFAULT_SIZE);
  if (form.elements.size.value === '') {
    form.elements.size.value = String(DEFAULT_SIZE);
  }
}

function formState(current) {
  const form = $('search-form');
  const state = {};
  for (const k of FACET_PARAMS) {
    if (current[k]) {
      state[k] = current[k];
    }
  }
  for (const k of ['q', 'from', 'to', 'ra', 'dec', 'radius', 'sort', 'size']) {
    const v = String(form.elements[k].value || '').trim();
    if (v) {
      state[k] = v;
    }
  }
  return state;
}

// ----------------------------------------------------------------------------------- rendering

function isSelected(state, facet, value) {
  const v = state[facet.param];
  return v !== undefined && v.toLowerCase() === value.toLowerCase();
}

function toggle(state, facet, value) {
  const next = { ...state };
  delete next.page;
  if (isSelected(state, facet, value)) {
    delete next[facet.param];
  } else {
    next[facet.param] = value;
  }
  return next;
}

function renderFacets(state, facets) {
  const root = $('facets');
  const sections = FACETS.map((facet) => {
    const counts = Object.entries((facets && facets[facet.name]) || {});
    counts.sort((a, b) => (facet.name === 'year' ? b[0].localeCompare(a[0]) : b[1] - a[1] || a[0].localeCompare(b[0])));
    const headingId = `facet-${facet.name}-h`;
    const items = counts.map(([value, count]) => {
      const noun = count === 1 ? 'product' : 'products';
      if (!facet.param) {
        return h(
          'li',
          {},
          h('span', { class: 'facet-value static', 'data-facet': facet.name, 'data-value': value }, h('span', { class: 'name' }, value), h('span', { class: 'count' }, String(count))),
        );
      }
      const pressed = isSelected(state, facet, value);
      const button = h(
        'button',
        {
          type: 'button',
          class: 'facet-value',
          'aria-pressed': String(pressed),
          'data-facet': facet.name,
          'data-value': value,
          'aria-label': `${value}, ${count} ${noun}`,
        },
        h('span', { class: 'name' }, value),
        h('span', { class: 'count' }, String(count)),
      );
      button.addEventListener('click', () => navigate(toggle(state, facet, value)));
      return h('li', {}, button);
    });
    return h(
      'section',
      { class: 'facet', 'aria-labelledby': headingId, 'data-facet': facet.name },
      h('h3', { id: headingId }, facet.title, facet.param ? '' : h('span', { class: 'hint' }, ' (counts only)')),
      items.length ? h('ul', {}, items) : h('p', { class: 'hint' }, 'none'),
    );
  });
  root.replaceChildren(...sections);
}

function chip(text, remove) {
  const b = h('button', { type: 'button', class: 'chip', 'aria-label': `Remove filter ${text}` }, text, h('span', { 'aria-hidden': 'true' }, ' ×'));
  b.addEventListener('click', remove);
  return b;
}

function renderActive(state) {
  const chips = [];
  const without = (...keys) => () => {
    const next = { ...state };
    keys.forEach((k) => delete next[k]);
    delete next.page;
    navigate(next);
  };
  if (state.q) chips.push(chip(`Text: ${state.q}`, without('q')));
  if (state.level) chips.push(chip(`Level: ${state.level}`, without('level')));
  if (state.target) chips.push(chip(`Target: ${state.target}`, without('target')));
  if (state.instrument) chips.push(chip(`Instrument: ${state.instrument}`, without('instrument')));
  if (state.site) chips.push(chip(`Site: ${state.site}`, without('site')));
  if (state.year) chips.push(chip(`Year: ${state.year}`, without('year')));
  if (state.format) chips.push(chip(`Format: ${state.format}`, without('format')));
  if (state.from || state.to) chips.push(chip(`Time: ${state.from || '…'} to ${state.to || '…'}`, without('from', 'to')));
  if (state.ra || state.dec || state.radius) {
    chips.push(chip(`Cone: RA ${state.ra ?? '?'}°, Dec ${state.dec ?? '?'}°, r ${state.radius ?? '?'}°`, without('ra', 'dec', 'radius')));
  }
  $('active-filters').replaceChildren(...(chips.length ? [h('span', { class: 'hint' }, 'Filters: '), ...chips] : []));
}

function hitItem(hit) {
  const levels = (hit.dataLevels || []).map((l) => h('span', { class: 'badge level' }, l));
  const facts = [
    ['Levels', levels.length ? levels : '—'],
    ['Time', formatInterval(hit.timeStart, hit.timeStop) || '—'],
    ['Instrument', hit.instrument || '—'],
    ['Pointing', Number.isFinite(hit.ra) ? `RA ${hit.ra.toFixed(3)}°, Dec ${hit.dec.toFixed(3)}°` : '—'],
    ['Size', `${formatBytes(hit.sizeBytes)}${hit.fileCount > 1 ? `, ${hit.fileCount} files` : ''}`],
  ];
  const title = hit.target || hit.description || hit.productId;
  return h(
    'li',
    { class: 'hit', 'data-product-id': hit.productId },
    h(
      'div',
      { class: 'hit-head' },
      h('h3', {}, h('a', { href: productPage(hit.productId), class: 'hit-target' }, title)),
      h('span', { class: 'hit-obs' }, hit.obsId === null || hit.obsId === undefined ? '' : `obs ${hit.obsId}`),
      hit.embargoedUntil && embargoed(hit.embargoedUntil)
        ? h('span', { class: 'badge embargo', title: 'Only its access group can download it until then' }, `Embargoed until ${formatDate(hit.embargoedUntil)}`)
        : '',
      hit.version > 1 ? h('span', { class: 'badge' }, `v${hit.version}`) : '',
    ),
    hit.description && hit.description !== title ? h('p', { class: 'hit-desc' }, hit.description) : '',
    h(
      'dl',
      { class: 'hit-facts' },
      facts.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', { 'data-fact': k.toLowerCase() }, v))),
    ),
    h('p', { class: 'hit-id' }, h('code', {}, hit.productId), hit.depositedAt ? ` · deposited ${formatDate(hit.depositedAt)}` : ''),
  );
}

function renderResults(state, result) {
  const total = Number(result.total || 0);
  const page = Number(result.page || 1);
  const size = Number(result.size || DEFAULT_SIZE);
  const pages = Math.max(1, Math.ceil(total / size));
  const first = total === 0 ? 0 : (page - 1) * size + 1;
  const last = Math.min(total, (page - 1) * size + result.hits.length);
  const noun = total === 1 ? 'product matches' : 'products match';
  $('result-count').dataset.total = String(total);
  $('result-count').textContent =
    total === 0 ? 'No products match' : `${total} ${noun}` + (pages > 1 ? ` · showing ${first}–${last}` : '');

  const list = $('results');
  list.setAttribute('start', String(first || 1));
  list.replaceChildren(...result.hits.map(hitItem));
  $('no-results').hidden = total !== 0;

  $('page-status').textContent = `Page ${page} of ${pages}`;
  $('prev-page').disabled = page <= 1;
  $('next-page').disabled = page >= pages;
  $('pager').hidden = pages <= 1;

  const filters = apiParams(state, false).toString();
  const bundle = $('bundle-link');
  bundle.href = `/api/v1/bundles/dl3${filters ? `?${filters}` : ''}`;
  bundle.classList.toggle('disabled', total === 0);
  if (total === 0) {
    bundle.setAttribute('aria-disabled', 'true');
  } else {
    bundle.removeAttribute('aria-disabled');
  }
  $('json-link').href = `/api/v1/search?${apiParams(state, true)}`;

  const cone =
    state.ra && state.dec && state.radius
      ? { ra: Number(state.ra), dec: Number(state.dec), radius: Number(state.radius) }
      : null;
  const withPointing = result.hits.filter((x) => Number.isFinite(x.ra) && Number.isFinite(x.dec)).length;
  $('sky-plot').replaceChildren(skyPlot(result.hits, cone));
  $('sky-caption').textContent =
    `Pointings of the ${withPointing} observation${withPointing === 1 ? '' : 's'} on this page of results` +
    (withPointing < result.hits.length ? ` (${result.hits.length - withPointing} without a pointing)` : '') +
    '. Hammer–Aitoff projection, equatorial (ICRS) coordinates centred on 0h, RA increasing to the left; dotted: the Galactic plane' +
    (cone ? '; dashed: the cone filter.' : '.');
  const timed = result.hits.filter((x) => x.timeStart).length;
  $('time-plot').replaceChildren(timePlot(result.hits));
  $('time-caption').textContent = `Observation intervals of the ${timed} observation${timed === 1 ? '' : 's'} on this page, one row per result in list order.`;
  $('plots').hidden = result.hits.length === 0;
}

async function run(state) {
  const mine = ++generation;
  clearAlerts();
  renderActive(state);
  $('results-region').setAttribute('aria-busy', 'true');
  try {
    const result = await getJson(`/api/v1/search?${apiParams(state, true)}`);
    if (mine !== generation) {
      return;
    }
    renderFacets(state, result.facets);
    renderResults(state, result);
    renderAdql(await getJson(`/api/v1/search/adql?${apiParams(state, false)}`), mine);
  } catch (e) {
    if (mine !== generation) {
      return;
    }
    showProblem(e, e instanceof ApiError ? 'Search' : 'Search failed');
    $('result-count').textContent = 'The search failed';
    $('result-count').dataset.total = '';
    $('results').replaceChildren();
    $('facets').replaceChildren();
    $('plots').hidden = true;
    $('pager').hidden = true;
    $('no-results').hidden = true;
    $('bundle-link').classList.add('disabled');
    $('bundle-link').setAttribute('aria-disabled', 'true');
  } finally {
    if (mine === generation) {
      $('results-region').setAttribute('aria-busy', 'false');
    }
  }
}

/** The ADQL that reproduces the search, for TOPCAT or pyvo; filters it cannot express are named. */
function renderAdql(adql, mine) {
  if (mine !== generation) {
    return;
  }
  $('adql-tap').textContent = adql.tapUrl;
  $('adql-query').textContent = adql.adql;
  $('adql-run').href = adql.syncUrl;
  const note = $('adql-note');
  note.hidden = adql.exact;
  note.textContent = adql.exact
    ? ''
    : `Not in this query: ${adql.notExpressed.join('; ')}. ObsCore lists products with a CTAO data level.`;
}

// ----------------------------------------------------------------------------------- linking

function linkHighlights() {
  const mark = (id, on) => {
    document.querySelectorAll('[data-product-id]').forEach((el) => {
      if (el.dataset.productId === id) {
        el.classList.toggle('linked', on);
      }
    });
  };
  for (const type of ['mouseover', 'focusin']) {
    document.addEventListener(type, (e) => {
      const el = e.target.closest && e.target.closest('[data-product-id]');
      document.querySelectorAll('.linked').forEach((x) => x.classList.remove('linked'));
      if (el) {
        mark(el.dataset.productId, true);
      }
    });
  }
}

// ------------------------------------------------------------------------------------- start

function start() {
  const form = $('search-form');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    navigate(formState(readState()));
  });
  form.addEventListener('reset', (e) => {
    e.preventDefault();
    navigate({});
  });
  for (const name of ['sort', 'size']) {
    form.elements[name].addEventListener('change', () => navigate(formState(readState())));
  }
  $('prev-page').addEventListener('click', () => {
    const st = readState();
    navigate({ ...st, page: String(Math.max(1, Number(st.page || 1) - 1)) });
  });
  $('next-page').addEventListener('click', () => {
    const st = readState();
    navigate({ ...st, page: String(Number(st.page || 1) + 1) });
  });
  $('bundle-link').addEventListener('click', (e) => {
    if ($('bundle-link').getAttribute('aria-disabled') === 'true') {
      e.preventDefault();
    }
  });
  window.addEventListener('popstate', () => navigate(readState(), false));
  window.addEventListener('archive:session', () => run(readState()));
  attachTooltip($('sky-plot-box'));
  attachTooltip($('time-plot-box'));
  linkHighlights();
  initSession();
  navigate(readState(), false);
}

start();
