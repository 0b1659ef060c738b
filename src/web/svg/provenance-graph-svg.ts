/**
 * The provenance graph of an event as SVG: originals on the left, each copy or
 * rewrite one column to the right of its source, arrows labelled by kind.
 */
import type { ArticleSummary, ProvenanceEdge } from '../../store/store-port.js';
import { formatDay, truncate } from '../format-helpers.js';
import { html, pathTo, type SafeHtml } from '../html-template.js';

const NODE_W = 170;
const NODE_H = 48;
const COL_GAP = 70;
const ROW_GAP = 14;
const MAX_NODES = 40;

export interface GraphLayout {
  nodes: { article: ArticleSummary; col: number; row: number; x: number; y: number }[];
  width: number;
  height: number;
}

/** Column = length of the longest chain of sources above the article (cycles are cut). */
export function layoutProvenance(articles: readonly ArticleSummary[], edges: readonly ProvenanceEdge[]): GraphLayout {
  const byTime = [...articles]
    .sort((a, b) => (a.publishedAt ?? '9999').localeCompare(b.publishedAt ?? '9999') || a.id.localeCompare(b.id))
    .slice(0, MAX_NODES);
  const ids = new Set(byTime.map((a) => a.id as string));
  const incoming = new Map<string, string[]>();
  for (const e of edges) {
    if (!ids.has(e.from) || !ids.has(e.to) || e.from === e.to) continue;
    const list = incoming.get(e.to) ?? [];
    list.push(e.from);
    incoming.set(e.to, list);
  }
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // a cycle: stop here rather than loop
    visiting.add(id);
    let d = 0;
    for (const src of incoming.get(id) ?? []) d = Math.max(d, depthOf(src) + 1);
    visiting.delete(id);
    depth.set(id, d);
    return d;
  };
  const rowsPerCol = new Map<number, number>();
  const nodes = byTime.map((article) => {
    const col = depthOf(article.id);
    const row = rowsPerCol.get(col) ?? 0;
    rowsPerCol.set(col, row + 1);
    return { article, col, row, x: 10 + col * (NODE_W + COL_GAP), y: 10 + row * (NODE_H + ROW_GAP) };
  });
  const cols = Math.max(1, ...[...rowsPerCol.keys()].map((c) => c + 1));
  const rows = Math.max(1, ...rowsPerCol.values());
  return { nodes, width: 20 + cols * NODE_W + (cols - 1) * COL_GAP, height: 20 + rows * NODE_H + (rows - 1) * ROW_GAP };
}

export function renderProvenanceGraph(articles: readonly ArticleSummary[], edges: readonly ProvenanceEdge[]): SafeHtml {
  const layout = layoutProvenance(articles, edges);
  const pos = new Map(layout.nodes.map((n) => [n.article.id as string, n]));
  const kinds = ['wire', 'near-copy', 'rewrite', 'original'] as const;
  const markers = kinds.map(
    (k) => html`<marker id="arrow-${k}" class="arrow arrow-${k}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"></path></marker>`,
  );
  const lines = edges.flatMap((e) => {
    const a = pos.get(e.from), b = pos.get(e.to);
    if (!a || !b || a === b) return [];
    const x1 = a.x + NODE_W, y1 = a.y + NODE_H / 2, x2 = b.x, y2 = b.y + NODE_H / 2;
    const mid = (x1 + x2) / 2;
    const d = b.col > a.col ? `M${x1} ${y1}C${mid} ${y1} ${mid} ${y2} ${x2} ${y2}` : `M${a.x + NODE_W / 2} ${a.y + NODE_H}L${b.x + NODE_W / 2} ${b.y}`;
    return [html`<path class="edge edge-${e.kind}" d="${d}" marker-end="url(#arrow-${e.kind})"><title>${e.kind} (score ${e.score.toFixed(2)}): ${truncate(e.evidence, 300)}</title></path>`];
  });
  const nodes = layout.nodes.map(
    (n) => html`<a class="node node-${n.article.provenance}" href="${pathTo('article', n.article.id)}">
<title>${n.article.title ?? '(untitled)'} — ${n.article.outlet ?? 'unknown outlet'}, ${formatDay(n.article.publishedAt)} (${n.article.provenance})</title>
<rect x="${n.x}" y="${n.y}" width="${NODE_W}" height="${NODE_H}" rx="6"></rect>
<text x="${n.x + 8}" y="${n.y + 19}" class="node-outlet">${truncate(n.article.outlet ?? 'unknown outlet', 22)}</text>
<text x="${n.x + 8}" y="${n.y + 37}" class="node-date">${formatDay(n.article.publishedAt)} · ${n.article.provenance}</text>
</a>`,
  );
  return html`<div class="graph-scroll"><svg class="provenance-graph" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="group" aria-label="Provenance graph: originals and their copies" xmlns="http://www.w3.org/2000/svg">
<defs>${markers}</defs>
<g class="edges">${lines}</g>
<g class="nodes">${nodes}</g>
</svg></div>`;
}
