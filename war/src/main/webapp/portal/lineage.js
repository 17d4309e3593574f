// The lineage of a product from GET /api/v1/products/{id}/provenance (JSON nodes and edges):
// an SVG graph with data flowing left to right (inputs, activities, this product, what was
// derived from it), and the same facts as lists (activities with their software, inputs,
// downstream products) that link to the product pages of catalogued products.

import { formatInterval, h, productPage, s } from './api.js';

/** Edge relations as flow: [upstream end, downstream end, style]. */
const FLOW = {
  used: (e) => [e.to, e.from, 'usage'],
  wasGeneratedBy: (e) => [e.to, e.from, 'generation'],
  wasDerivedFrom: (e) => [e.to, e.from, 'derivation'],
  wasRevisionOf: (e) => [e.to, e.from, 'derivation'],
  specializationOf: (e) => [e.from, e.to, 'identity'],
  alternateOf: (e) => [e.from, e.to, 'identity'],
};
const KIND_ORDER = ['product', 'version', 'entity', 'file', 'deposit', 'activity', 'agent'];
const BOX = { w: 214, h: 48, gapX: 56, gapY: 14, pad: 16 };

function truncate(text, n) {
  const t = String(text || '');
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

/** A readable name: the label, unless it is only the IRI again. */
function nameOf(node) {
  if (node.caption) {
    return node.caption;
  }
  if (node.label && node.label !== node.id && node.label !== node.productId) {
    return node.label;
  }
  const id = node.id || '';
  let m = /^urn:ctao:deposit:([^/]+)\/ingest$/.exec(id);
  if (m) {
    return `ingest of deposit ${m[1].slice(0, 8)}`;
  }
  m = /:v(\d+)$/.exec(id);
  if (m) {
    return `version ${m[1]}`;
  }
  if (node.productId) {
    return node.productId;
  }
  const tail = id.split(/[/#]/).pop();
  return tail && tail.length <= 48 ? tail : id;
}

/** Catalogued products (those with an href) link to their product page. */
function pageOf(node) {
  return node.productId && node.href ? productPage(node.productId) : null;
}

/**
 * Builds the model: nodes, flow edges, agents per node, the focus group and each node's rank
 * (negative upstream, positive downstream).
 */
export function lineageModel(graph, productId) {
  const nodes = new Map();
  for (const n of graph.nodes || []) {
    nodes.set(n.id, { ...n, kind: n.kind || 'entity' });
  }
  const ensure = (id) => {
    if (!nodes.has(id)) {
      nodes.set(id, { id, kind: 'entity', label: id });
    }
    return nodes.get(id);
  };
  for (const e of graph.edges || []) {
    ensure(e.from);
    ensure(e.to);
  }
  // an AIP version is its product as archived: drawn as the product itself
  const alias = new Map();
  for (const e of graph.edges || []) {
    if (e.relation === 'specializationOf' && nodes.get(e.from).kind === 'version') {
      alias.set(e.from, e.to);
    }
  }
  const resolve = (id) => {
    let x = id;
    for (let i = 0; i < 5 && alias.has(x); i++) {
      x = alias.get(x);
    }
    return x;
  };
  alias.forEach((_, id) => nodes.delete(id));
  const agentsOf = new Map();
  const flows = [];
  const seen = new Set();
  for (const raw of graph.edges || []) {
    const e = { from: resolve(raw.from), to: resolve(raw.to), relation: raw.relation };
    const key = `${e.from} ${e.relation} ${e.to}`;
    if (e.from === e.to || seen.has(key)) {
      continue;
    }
    seen.add(key);
    if (e.relation === 'wasAssociatedWith' || e.relation === 'wasAttributedTo') {
      if (!agentsOf.has(e.from)) {
        agentsOf.set(e.from, []);
      }
      agentsOf.get(e.from).push(nodes.get(e.to));
      continue;
    }
    const f = FLOW[e.relation];
    if (f) {
      const [u, v, style] = f(e);
      flows.push({ u, v, style, relation: e.relation, edge: e });
    }
  }
  const focus = new Set(
    [...nodes.values()]
      .filter((n) => n.id === `urn:ctao:product:${productId}` || (n.kind === 'product' && n.productId === productId))
      .map((n) => n.id),
  );
  if (focus.size === 0) {
    const own = [...nodes.values()].find((n) => n.productId === productId);
    if (own) {
      focus.add(own.id);
    }
  }

  // deposits and ingests belong to the lineage of this product only: those of other products
  // are archive housekeeping, not science lineage
  const archival = (id) => {
    const n = nodes.get(id);
    return n && (n.kind === 'deposit' || (n.kind === 'activity' && /^urn:ctao:deposit:.*\/ingest$/.test(n.id)));
  };
  const nearFocus = new Set();
  for (const f of flows) {
    if (focus.has(f.u)) nearFocus.add(f.v);
    if (focus.has(f.v)) nearFocus.add(f.u);
  }
  for (let i = flows.length - 1; i >= 0; i--) {
    const f = flows[i];
    if ((archival(f.u) && !nearFocus.has(f.u)) || (archival(f.v) && !nearFocus.has(f.v))) {
      flows.splice(i, 1);
    }
  }
  for (const id of [...nodes.keys()]) {
    if (archival(id) && !nearFocus.has(id)) {
      nodes.delete(id);
    }
  }

  const outs = new Map();
  const ins = new Map();
  for (const f of flows) {
    (outs.get(f.u) || outs.set(f.u, []).get(f.u)).push(f);
    (ins.get(f.v) || ins.set(f.v, []).get(f.v)).push(f);
  }
  const reach = (start, next) => {
    const seen = new Set();
    const queue = [...start];
    while (queue.length) {
      const x = queue.shift();
      for (const y of next(x)) {
        if (!seen.has(y) && !start.has(y)) {
          seen.add(y);
          queue.push(y);
        }
      }
    }
    return seen;
  };
  const upstream = reach(focus, (x) => (ins.get(x) || []).map((f) => f.u));
  const downstream = reach(focus, (x) => (outs.get(x) || []).map((f) => f.v));
  for (const id of downstream) {
    upstream.delete(id); // a cycle: keep it on the downstream side
  }

  const rank = new Map();
  focus.forEach((id) => rank.set(id, 0));
  upstream.forEach((id) => rank.set(id, -1));
  downstream.forEach((id) => rank.set(id, 1));
  const limit = nodes.size + 1;
  for (let i = 0; i < limit; i++) {
    let changed = false;
    for (const f of flows) {
      if (upstream.has(f.u) && rank.has(f.v) && !downstream.has(f.v) && rank.get(f.u) > rank.get(f.v) - 1) {
        rank.set(f.u, Math.max(-limit, rank.get(f.v) - 1));
        changed = true;
      }
      if (downstream.has(f.v) && rank.has(f.u) && !upstream.has(f.u) && rank.get(f.v) < rank.get(f.u) + 1) {
        rank.set(f.v, Math.min(limit, rank.get(f.u) + 1));
        changed = true;
      }
    }
    if (!changed) {
      break;
    }
  }
  // nodes on neither side (siblings, other outputs of an input's activity): next to a ranked one
  for (let i = 0; i < limit; i++) {
    let changed = false;
    for (const f of flows) {
      if (rank.has(f.u) && !rank.has(f.v)) {
        rank.set(f.v, rank.get(f.u) + 1);
        changed = true;
      } else if (rank.has(f.v) && !rank.has(f.u)) {
        rank.set(f.u, rank.get(f.v) - 1);
        changed = true;
      }
    }
    if (!changed) {
      break;
    }
  }
  return { nodes, flows, agentsOf, focus, upstream, downstream, rank };
}

function software(model, node) {
  const parts = [];
  for (const a of model.agentsOf.get(node.id) || []) {
    if (a.kind === 'agent' || a.softwareVersion) {
      parts.push([a.label || a.id, a.softwareVersion].filter(Boolean).join(' '));
    }
  }
  if (!parts.length && node.softwareVersion) {
    parts.push(`version ${node.softwareVersion}`);
  }
  return parts.join(', ');
}

function subtitle(model, node) {
  switch (node.kind) {
    case 'activity':
      return software(model, node) || 'activity';
    case 'product':
      return node.productId
        ? `${node.levels ? `${node.levels} · ` : ''}${node.productId.slice(0, 8)}…${pageOf(node) ? '' : ' · not archived'}`
        : 'product';
    case 'version':
      return 'AIP version';
    case 'deposit':
      return 'deposit (SIP)';
    case 'file':
      return 'file';
    default:
      return node.kind;
  }
}

function describe(model, node) {
  const lines = [`${nameOf(node)} (${node.kind})`, node.id];
  const sw = software(model, node);
  if (sw) {
    lines.push(`software: ${sw}`);
  }
  if (node.startedAt) {
    lines.push(formatInterval(node.startedAt, node.endedAt));
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------- the graph

function graphSvg(model) {
  const columns = new Map();
  for (const [id, r] of model.rank) {
    const node = model.nodes.get(id);
    if (!node || node.kind === 'agent') {
      continue;
    }
    (columns.get(r) || columns.set(r, []).get(r)).push(node);
  }
  const ranks = [...columns.keys()].sort((a, b) => a - b);
  const order = new Map();
  for (const r of ranks) {
    const col = columns.get(r);
    const weight = (n) => {
      const near = model.flows
        .filter((f) => f.v === n.id && order.has(f.u))
        .map((f) => order.get(f.u));
      return near.length ? near.reduce((a, b) => a + b, 0) / near.length : Number.POSITIVE_INFINITY;
    };
    col.sort(
      (a, b) =>
        (model.focus.has(b.id) ? 1 : 0) - (model.focus.has(a.id) ? 1 : 0) ||
        weight(a) - weight(b) ||
        KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
        nameOf(a).localeCompare(nameOf(b)),
    );
    col.forEach((n, i) => order.set(n.id, i));
  }
  const tallest = Math.max(...ranks.map((r) => columns.get(r).length));
  const height = BOX.pad * 2 + tallest * BOX.h + (tallest - 1) * BOX.gapY;
  const width = BOX.pad * 2 + ranks.length * BOX.w + (ranks.length - 1) * BOX.gapX;
  const pos = new Map();
  ranks.forEach((r, c) => {
    const col = columns.get(r);
    const colHeight = col.length * BOX.h + (col.length - 1) * BOX.gapY;
    const y0 = (height - colHeight) / 2;
    col.forEach((n, i) => pos.set(n.id, { x: BOX.pad + c * (BOX.w + BOX.gapX), y: y0 + i * (BOX.h + BOX.gapY) }));
  });

  const svg = s('svg', {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'group',
    'aria-label': 'Lineage graph: data flows from left to right',
  });
  svg.append(
    s(
      'defs',
      {},
      s(
        'marker',
        { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
        s('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#8793a3' }),
      ),
    ),
  );
  const edges = s('g', { class: 'edges', 'aria-hidden': 'true' });
  for (const f of model.flows) {
    const a = pos.get(f.u);
    const b = pos.get(f.v);
    if (!a || !b) {
      continue;
    }
    const x1 = a.x + BOX.w;
    const y1 = a.y + BOX.h / 2;
    let d;
    if (b.x > a.x) {
      const x2 = b.x;
      const y2 = b.y + BOX.h / 2;
      const mid = (x1 + x2) / 2;
      d = `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`;
    } else {
      const x2 = b.x + BOX.w;
      const y2 = b.y + BOX.h / 2;
      const bulge = Math.max(x1, x2) + 36;
      d = `M${x1},${y1} C${bulge},${y1} ${bulge},${y2} ${x2},${y2}`;
    }
    const from = model.nodes.get(f.edge.from);
    const to = model.nodes.get(f.edge.to);
    edges.append(
      s(
        'path',
        { d, class: `edge ${f.style}`, 'marker-end': 'url(#arrow)', 'data-relation': f.relation },
        s('title', {}, `${nameOf(from)} ${f.relation} ${nameOf(to)}`),
      ),
    );
  }
  svg.append(edges);

  const boxes = s('g', { class: 'nodes' });
  for (const [id, p] of pos) {
    const node = model.nodes.get(id);
    const href = model.focus.has(id) ? null : pageOf(node);
    const cls = `node ${node.kind}${model.focus.has(id) ? ' focus' : ''}`;
    const content = [
      s('title', {}, describe(model, node)),
      s('rect', { x: p.x, y: p.y, width: BOX.w, height: BOX.h, rx: node.kind === 'activity' ? 14 : 5 }),
      s('text', { x: p.x + 10, y: p.y + 20 }, truncate(nameOf(node), 29)),
      s(
        'text',
        { x: p.x + 10, y: p.y + 37, class: 'sub' },
        truncate(model.focus.has(id) ? `this product${node.levels ? ` · ${node.levels}` : ''}` : subtitle(model, node), 33),
      ),
    ];
    boxes.append(
      href
        ? s('a', { href, class: cls, 'data-node': id, 'aria-label': `${nameOf(node)}: ${subtitle(model, node)}` }, ...content)
        : s('g', { class: cls, 'data-node': id }, ...content),
    );
  }
  svg.append(boxes);
  return svg;
}

// ---------------------------------------------------------------------------------- the lists

function entityItem(model, node) {
  const href = pageOf(node);
  const name = nameOf(node);
  return h(
    'li',
    { 'data-node': node.id, 'data-kind': node.kind, 'data-product-id': node.productId || null },
    href ? h('a', { href }, name) : h('span', {}, name),
    h(
      'span',
      { class: 'meta' },
      node.kind === 'product' && !href ? 'not in the archive · ' : '',
      node.productId ? h('code', {}, node.productId) : h('code', {}, node.id),
    ),
  );
}

function activityItem(model, node, role) {
  const sw = software(model, node);
  const inputs = model.flows
    .filter((f) => f.v === node.id && f.relation === 'used')
    .map((f) => nameOf(model.nodes.get(f.u)));
  return h(
    'li',
    { 'data-node': node.id, 'data-kind': 'activity', class: 'activity' },
    h('strong', {}, nameOf(node)),
    sw ? h('span', { class: 'software' }, ` — ${sw}`) : '',
    h(
      'span',
      { class: 'meta' },
      role,
      node.startedAt ? ` · ${formatInterval(node.startedAt, node.endedAt)}` : '',
      inputs.length ? ` · used ${inputs.join(', ')}` : '',
    ),
  );
}

function list(id, title, items, empty) {
  return h(
    'section',
    { 'aria-labelledby': `${id}-h` },
    h('h3', { id: `${id}-h` }, title),
    items.length ? h('ul', { id }, items) : h('p', { id, class: 'hint' }, empty),
  );
}

/**
 * Gives the catalogued products of the graph a readable caption (target and observation id) from
 * their descriptions; fetch(id) returns the product view, or rejects.
 */
export async function captionProducts(graph, fetchProduct, limit = 30) {
  const wanted = (graph.nodes || []).filter((n) => n.productId && n.href && n.kind !== 'version').slice(0, limit);
  await Promise.all(
    wanted.map(async (n) => {
      try {
        const view = await fetchProduct(n.productId);
        const m = (view && view.metadata) || {};
        const name = m.object || m.description;
        if (name) {
          n.caption = m.obsId !== undefined && m.obsId !== null ? `${name} · obs ${m.obsId}` : name;
        }
        if (Array.isArray(m.dataLevels) && m.dataLevels.length) {
          n.levels = m.dataLevels.join(', ');
        }
      } catch {
        // not readable by this caller: keep the label
      }
    }),
  );
  return graph;
}

/** Renders the lineage of productId from the provenance JSON into container. */
export function renderLineage(container, graph, productId) {
  const model = lineageModel(graph, productId);
  const ofFocus = (n) => model.focus.has(n.id);
  const generators = new Set(
    model.flows.filter((f) => f.relation === 'wasGeneratedBy' && model.focus.has(f.v)).map((f) => f.u),
  );
  const activities = [...model.nodes.values()]
    .filter((n) => n.kind === 'activity' && model.rank.has(n.id))
    .sort((a, b) => model.rank.get(a.id) - model.rank.get(b.id) || nameOf(a).localeCompare(nameOf(b)))
    .map((n) =>
      activityItem(
        model,
        n,
        generators.has(n.id)
          ? 'generated this product'
          : model.downstream.has(n.id)
            ? 'downstream: used this product or what derives from it'
            : 'upstream',
      ),
    );
  const byKind = (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || nameOf(a).localeCompare(nameOf(b));
  const inputs = [...model.upstream]
    .map((id) => model.nodes.get(id))
    .filter((n) => n.kind !== 'activity' && n.kind !== 'agent' && !ofFocus(n))
    .sort(byKind)
    .map((n) => entityItem(model, n));
  const derived = [...model.downstream]
    .map((id) => model.nodes.get(id))
    .filter((n) => n.kind !== 'activity' && n.kind !== 'agent' && !ofFocus(n))
    .sort(byKind)
    .map((n) => entityItem(model, n));

  const parts = [];
  if (model.rank.size > 1) {
    parts.push(
      h(
        'ul',
        { class: 'lineage-legend', 'aria-hidden': 'true' },
        h('li', {}, h('span', { class: 'swatch', style: 'background:#e7eff9;border-color:#1b5ea6' }), 'product'),
        h('li', {}, h('span', { class: 'swatch', style: 'background:#fff3df;border-color:#c27a00;border-radius:7px' }), 'activity (software)'),
        h('li', {}, h('span', { class: 'swatch', style: 'background:#f3f4f6;border-color:#8a94a3' }), 'deposit / other entity'),
        h('li', {}, '— used / generated   - - derived from   ··· same thing (version, alternate)'),
      ),
      h('div', { class: 'lineage-graph' }, graphSvg(model)),
    );
  }
  parts.push(
    h(
      'div',
      { class: 'lineage-lists' },
      list('lineage-activities', 'Activities', activities, 'No activity recorded.'),
      list('lineage-inputs', 'Inputs (upstream)', inputs, 'No input recorded.'),
      list('lineage-downstream', 'Derived from this product (downstream)', derived, 'Nothing in the archive derives from this product.'),
    ),
  );
  container.replaceChildren(...parts);
}
