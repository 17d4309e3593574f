// Inline SVG plots of a result set: the pointings on an all-sky Hammer-Aitoff projection
// (equatorial ICRS, RA increasing to the left, centred on RA 0h) and the observation intervals on
// a time axis. Every hit becomes one focusable link, with a <title> tooltip.

import { formatInterval, h, productPage, s } from './api.js';

const DEG = Math.PI / 180;

// ------------------------------------------------------------------------------------ sky plot

const SKY = { width: 680, height: 372, cx: 352, cy: 172, scale: 104 };

/** Hammer projection of (ra, dec) in degrees onto SVG coordinates; RA grows to the left. */
export function project(ra, dec) {
  let lon = ((((ra + 180) % 360) + 360) % 360) - 180; // (-180, 180], 0h in the middle
  if (lon === -180) {
    lon = 180;
  }
  const l = lon * DEG;
  const b = dec * DEG;
  const z = Math.sqrt(1 + Math.cos(b) * Math.cos(l / 2));
  const x = (2 * Math.SQRT2 * Math.cos(b) * Math.sin(l / 2)) / z;
  const y = (Math.SQRT2 * Math.sin(b)) / z;
  return [SKY.cx - x * SKY.scale, SKY.cy - y * SKY.scale];
}

function polyline(points, maxJump = SKY.scale * 1.5) {
  // a path through projected points, broken where it wraps across the edge of the map
  let d = '';
  let last = null;
  for (const p of points) {
    const jump = last && Math.hypot(p[0] - last[0], p[1] - last[1]) > maxJump;
    d += `${!last || jump ? 'M' : 'L'}${p[0].toFixed(1)},${p[1].toFixed(1)}`;
    last = p;
  }
  return d;
}

function range(from, to, step) {
  const out = [];
  for (let v = from; v <= to + 1e-9; v += step) {
    out.push(v);
  }
  return out;
}

/** The galactic plane (b = 0) in equatorial coordinates (J2000 north galactic pole). */
function galacticPlane() {
  const raNgp = 192.85948 * DEG;
  const decNgp = 27.12825 * DEG;
  const lNcp = 122.93192 * DEG;
  return range(0, 360, 2).map((lDeg) => {
    const dl = lNcp - lDeg * DEG;
    const dec = Math.asin(Math.cos(decNgp) * Math.cos(dl));
    const ra = Math.atan2(Math.sin(dl), -Math.sin(decNgp) * Math.cos(dl)) + raNgp;
    return [((ra / DEG) % 360 + 360) % 360, dec / DEG];
  });
}

/** Points of a small circle of the given radius (deg) around (ra, dec). */
function smallCircle(ra, dec, radius) {
  const d = dec * DEG;
  const r = radius * DEG;
  return range(0, 360, 3).map((t) => {
    const th = t * DEG;
    const dec2 = Math.asin(Math.sin(d) * Math.cos(r) + Math.cos(d) * Math.sin(r) * Math.cos(th));
    const ra2 =
      ra * DEG +
      Math.atan2(Math.sin(th) * Math.sin(r) * Math.cos(d), Math.cos(r) - Math.sin(d) * Math.sin(dec2));
    return [ra2 / DEG, dec2 / DEG];
  });
}

function label(hit) {
  const obs = hit.obsId === null || hit.obsId === undefined ? 'no obs id' : `obs ${hit.obsId}`;
  return `${hit.target || 'no target'} — ${obs}`;
}

/**
 * The sky plot of the hits.
 *
 * @param {Array} hits search hits (ra/dec in degrees; hits without a pointing are skipped)
 * @param {{ra: number, dec: number, radius: number}|null} cone the cone filter, drawn if set
 * @returns {SVGElement}
 */
export function skyPlot(hits, cone) {
  const svg = s('svg', {
    viewBox: `0 0 ${SKY.width} ${SKY.height}`,
    class: 'sky-plot',
    role: 'group',
    'aria-labelledby': 'sky-title',
  });
  svg.append(s('title', { id: 'sky-title' }, 'Pointings of the observations on the sky'));
  const grid = s('g', { class: 'graticule', 'aria-hidden': 'true' });
  for (const ra of range(0, 330, 30)) {
    grid.append(s('path', { d: polyline(range(-90, 90, 3).map((dec) => project(ra, dec))) }));
  }
  for (const dec of range(-60, 60, 30)) {
    const pts = range(-180, 180, 2).map((lon) => project(Math.max(-179.999, Math.min(179.999, lon)), dec));
    grid.append(s('path', { d: polyline(pts), class: dec === 0 ? 'equator' : null }));
  }
  // the outline: the meridian RA = 12h seen from both sides
  const left = range(-90, 90, 2).map((dec) => project(179.999, dec));
  const right = range(-90, 90, 2).map((dec) => project(180.001, dec)).reverse();
  grid.prepend(s('path', { class: 'outline', d: polyline(left.concat(right), 1e9) + 'Z' }));
  svg.append(grid);

  const gp = s('path', { class: 'galactic-plane', d: polyline(galacticPlane().map(([r, d]) => project(r, d))) });
  gp.append(s('title', {}, 'Galactic plane'));
  svg.append(gp);

  const labels = s('g', { class: 'axis-labels', 'aria-hidden': 'true' });
  for (const ra of range(0, 330, 30)) {
    if (ra === 180) {
      continue;
    }
    const [x, y] = project(ra, 0);
    labels.append(s('text', { x, y: y + 15, 'text-anchor': 'middle' }, `${ra / 15}h`));
  }
  for (const dec of [-60, -30, 0, 30, 60]) {
    const [x, y] = project(179.999, dec);
    labels.append(
      s('text', { x: x - 6, y: y + 4, 'text-anchor': 'end' }, `${dec > 0 ? '+' : ''}${dec}°`),
    );
  }
  labels.append(
    s(
      'text',
      { x: SKY.cx, y: SKY.height - 8, 'text-anchor': 'middle', class: 'axis-title' },
      'Right ascension (ICRS), increasing to the left',
    ),
  );
  labels.append(
    s(
      'text',
      { x: 14, y: SKY.cy, 'text-anchor': 'middle', class: 'axis-title', transform: `rotate(-90 14 ${SKY.cy})` },
      'Declination',
    ),
  );
  svg.append(labels);

  if (cone && [cone.ra, cone.dec, cone.radius].every((v) => Number.isFinite(v))) {
    const c = s('path', {
      class: 'cone',
      d: polyline(smallCircle(cone.ra, cone.dec, cone.radius).map(([r, d]) => project(r, d))),
    });
    c.append(s('title', {}, `Cone: RA ${cone.ra}°, Dec ${cone.dec}°, radius ${cone.radius}°`));
    svg.append(c);
  }

  const markers = s('g', { class: 'markers' });
  for (const hit of hits) {
    if (!Number.isFinite(hit.ra) || !Number.isFinite(hit.dec)) {
      continue;
    }
    const [x, y] = project(hit.ra, hit.dec);
    const text = `${label(hit)} (RA ${hit.ra.toFixed(3)}°, Dec ${hit.dec.toFixed(3)}°)`;
    markers.append(
      s(
        'a',
        {
          href: productPage(hit.productId),
          class: 'sky-marker',
          'data-product-id': hit.productId,
          'aria-label': text,
        },
        s('title', {}, text),
        s('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: 5 }),
      ),
    );
  }
  svg.append(markers);
  return svg;
}

// ----------------------------------------------------------------------------------- time plot

const HOUR = 3600e3;
const DAY = 24 * HOUR;
const STEPS = [
  [60e3, 'minute'],
  [5 * 60e3, 'minute'],
  [15 * 60e3, 'minute'],
  [30 * 60e3, 'minute'],
  [HOUR, 'minute'],
  [3 * HOUR, 'minute'],
  [6 * HOUR, 'minute'],
  [12 * HOUR, 'minute'],
  [DAY, 'day'],
  [2 * DAY, 'day'],
  [7 * DAY, 'day'],
  [14 * DAY, 'day'],
  [1, 'month'],
  [3, 'month'],
  [6, 'month'],
  [1, 'year'],
  [2, 'year'],
  [5, 'year'],
  [10, 'year'],
];
const MONTH = 30.44 * DAY;
const YEAR = 365.25 * DAY;

/** Tick times (ms) between t0 and t1, about five to eight of them, on round calendar values. */
export function timeTicks(t0, t1) {
  const span = t1 - t0;
  let chosen = STEPS[STEPS.length - 1];
  for (const st of STEPS) {
    const ms = st[1] === 'month' ? st[0] * MONTH : st[1] === 'year' ? st[0] * YEAR : st[0];
    if (span / ms <= 7) {
      chosen = st;
      break;
    }
  }
  const [step, unit] = chosen;
  const ticks = [];
  if (unit === 'month' || unit === 'year') {
    const d = new Date(t0);
    let y = d.getUTCFullYear();
    let m = unit === 'year' ? 0 : d.getUTCMonth() - (d.getUTCMonth() % step);
    if (unit === 'year') {
      y -= y % step;
    }
    for (let guard = 0; guard < 200; guard++) {
      const t = Date.UTC(y, m, 1);
      if (t > t1) {
        break;
      }
      if (t >= t0) {
        ticks.push(t);
      }
      if (unit === 'year') {
        y += step;
      } else {
        m += step;
      }
    }
  } else {
    for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
      ticks.push(t);
    }
  }
  return { ticks, unit };
}

function tickLabel(t, unit) {
  const iso = new Date(t).toISOString();
  switch (unit) {
    case 'year':
      return iso.slice(0, 4);
    case 'month':
      return iso.slice(0, 7);
    case 'day':
      return iso.slice(0, 10);
    default:
      return iso.slice(5, 16).replace('T', ' ');
  }
}

/**
 * The time-coverage plot: one bar per hit from timeStart to timeStop, one lane per hit in list
 * order.
 */
export function timePlot(hits) {
  const timed = hits
    .map((hit) => ({ hit, a: Date.parse(hit.timeStart), b: Date.parse(hit.timeStop || hit.timeStart) }))
    .filter((x) => Number.isFinite(x.a));
  const width = 460;
  const left = 16;
  const right = 16;
  const top = 10;
  const lane = timed.length ? Math.max(5, Math.min(24, 240 / timed.length)) : 24;
  const height = top + Math.max(1, timed.length) * lane + 50;
  const svg = s('svg', {
    viewBox: `0 0 ${width} ${height}`,
    class: 'time-plot',
    role: 'group',
    'aria-labelledby': 'time-title',
  });
  svg.append(s('title', { id: 'time-title' }, 'Time coverage of the observations'));
  if (!timed.length) {
    svg.append(s('text', { x: width / 2, y: top + 20, 'text-anchor': 'middle', class: 'empty' }, 'No observation times'));
    return svg;
  }
  let t0 = Math.min(...timed.map((x) => x.a));
  let t1 = Math.max(...timed.map((x) => Math.max(x.a, x.b)));
  if (t1 - t0 < HOUR) {
    t0 -= HOUR / 2;
    t1 += HOUR / 2;
  }
  const pad = (t1 - t0) * 0.03;
  t0 -= pad;
  t1 += pad;
  const xs = (t) => left + ((t - t0) / (t1 - t0)) * (width - left - right);
  const axisY = top + timed.length * lane + 4;

  const axis = s('g', { class: 'time-axis', 'aria-hidden': 'true' });
  axis.append(s('line', { x1: left, x2: width - right, y1: axisY, y2: axisY, class: 'axis-line' }));
  const { ticks, unit } = timeTicks(t0, t1);
  for (const t of ticks) {
    const x = xs(t);
    axis.append(s('line', { x1: x, x2: x, y1: top, y2: axisY + 4, class: 'tick' }));
    axis.append(s('text', { x, y: axisY + 17, 'text-anchor': 'middle' }, tickLabel(t, unit)));
  }
  axis.append(
    s('text', { x: width / 2, y: height - 6, 'text-anchor': 'middle', class: 'axis-title' }, 'Observation time (UTC)'),
  );
  svg.append(axis);

  const bars = s('g', { class: 'bars' });
  timed.forEach(({ hit, a, b }, i) => {
    const x = xs(a);
    const w = Math.max(3, xs(Math.max(a, b)) - x);
    const text = `${label(hit)}: ${formatInterval(hit.timeStart, hit.timeStop)}`;
    bars.append(
      s(
        'a',
        { href: productPage(hit.productId), class: 'time-bar', 'data-product-id': hit.productId, 'aria-label': text },
        s('title', {}, text),
        s('rect', { x: x.toFixed(1), y: (top + i * lane + lane * 0.15).toFixed(1), width: w.toFixed(1), height: (lane * 0.7).toFixed(1), rx: 1.5 }),
      ),
    );
  });
  svg.append(bars);
  return svg;
}

/** A tooltip that follows focus and the pointer over the [data-product-id] links of a plot. */
export function attachTooltip(container) {
  const tip = h('div', { class: 'plot-tooltip', role: 'tooltip', hidden: true });
  container.append(tip);
  const show = (target, clientX, clientY) => {
    const link = target.closest && target.closest('[data-product-id]');
    if (!link || !container.contains(link)) {
      tip.hidden = true;
      return;
    }
    tip.textContent = link.getAttribute('aria-label');
    tip.hidden = false;
    const box = container.getBoundingClientRect();
    let x = clientX;
    let y = clientY;
    if (x === undefined) {
      const r = link.getBoundingClientRect();
      x = r.left + r.width / 2;
      y = r.top;
    }
    tip.style.left = `${Math.min(Math.max(0, x - box.left + 12), box.width - 220)}px`;
    tip.style.top = `${y - box.top + 14}px`;
  };
  container.addEventListener('mousemove', (e) => show(e.target, e.clientX, e.clientY));
  container.addEventListener('mouseleave', () => (tip.hidden = true));
  container.addEventListener('focusin', (e) => show(e.target));
  container.addEventListener('focusout', () => (tip.hidden = true));
}
