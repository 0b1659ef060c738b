/** Coverage volume over time as stacked SVG bars, one colour per outlet. */
import { colourFor, isoToTime } from '../format-helpers.js';
import { html, joinHtml, pathTo, type SafeHtml } from '../html-template.js';
import { binOf, chooseBin, nextBin } from './time-scale.js';

export interface CoverageItem {
  outlet: string | null;
  publishedAt: string | null;
}

export interface CoverageBin {
  key: number;
  label: string;
  counts: Map<string, number>;
  total: number;
}

const MAX_BINS = 240;

/** Bins dated items by day, month or year (chosen from the span); undated items are counted apart. */
export function binCoverage(items: readonly CoverageItem[]): { bins: CoverageBin[]; outlets: string[]; undated: number } {
  const dated = items.map((i) => ({ outlet: i.outlet ?? 'unknown outlet', t: isoToTime(i.publishedAt) }));
  const times = dated.map((d) => d.t).filter((t): t is number => t !== null);
  const undated = dated.length - times.length;
  const totals = new Map<string, number>();
  for (const d of dated) if (d.t !== null) totals.set(d.outlet, (totals.get(d.outlet) ?? 0) + 1);
  const outlets = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([o]) => o);
  if (times.length === 0) return { bins: [], outlets, undated };
  const t0 = Math.min(...times), t1 = Math.max(...times);
  const size = chooseBin(t0, t1);
  const bins: CoverageBin[] = [];
  const index = new Map<number, CoverageBin>();
  // Every bin between the first and the last, so gaps in coverage show as gaps.
  for (let k = binOf(t0, size).key; k <= t1 && bins.length < MAX_BINS; k = nextBin(k, size)) {
    const bin = { key: k, label: binOf(k, size).label, counts: new Map<string, number>(), total: 0 };
    bins.push(bin);
    index.set(k, bin);
  }
  for (const d of dated) {
    if (d.t === null) continue;
    const bin = index.get(binOf(d.t, size).key);
    if (!bin) continue;
    bin.counts.set(d.outlet, (bin.counts.get(d.outlet) ?? 0) + 1);
    bin.total++;
  }
  return { bins, outlets, undated };
}

export function renderCoverageChart(items: readonly CoverageItem[], title: string): SafeHtml {
  const { bins, outlets, undated } = binCoverage(items);
  if (bins.length === 0) return html`<p class="empty">No dated coverage to chart.</p>`;
  const width = 960, height = 220, left = 36, bottom = 36, top = 10;
  const plotW = width - left - 10, plotH = height - top - bottom;
  const max = Math.max(1, ...bins.map((b) => b.total));
  const bw = plotW / bins.length;
  const colour = new Map(outlets.map((o, i) => [o, colourFor(i)]));
  const labelEvery = Math.max(1, Math.ceil(bins.length / 12));
  const bars = bins.map((b, i) => {
    let y = top + plotH;
    const segs = outlets.flatMap((o) => {
      const n = b.counts.get(o) ?? 0;
      if (n === 0) return [];
      const h = (n / max) * plotH;
      y -= h;
      return [html`<rect x="${(left + i * bw + bw * 0.1).toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(bw * 0.8, 1).toFixed(1)}" height="${h.toFixed(1)}" fill="${colour.get(o) ?? '#555'}"><title>${b.label}: ${o} — ${n}</title></rect>`];
    });
    const label = i % labelEvery === 0 ? html`<text class="axis-label" x="${(left + i * bw + bw / 2).toFixed(1)}" y="${height - bottom + 16}">${b.label}</text>` : '';
    return html`<g class="bar" data-total="${b.total}">${segs}${label}</g>`;
  });
  const legend = outlets.slice(0, 12).map(
    (o) => html`<li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="${colour.get(o) ?? '#555'}"></rect></svg> <a href="${pathTo('outlet', o)}">${o}</a></li>`,
  );
  return html`<figure class="coverage-chart">
<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}" xmlns="http://www.w3.org/2000/svg">
<line class="axis" x1="${left}" x2="${width - 10}" y1="${top + plotH}" y2="${top + plotH}"></line>
<text class="axis-label" x="${left - 6}" y="${top + 10}">${max}</text>
${bars}
</svg>
<figcaption>${title}${undated > 0 ? ` (${undated} undated not shown)` : ''}<ul class="legend">${joinHtml(legend)}</ul></figcaption>
</figure>`;
}
