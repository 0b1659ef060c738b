/**
 * A zoomable timeline: one lane of events plus one lane per main actor's
 * statements. The server draws it complete (works without script); the
 * bundled `app.js` re-positions items from their `data-t` on zoom and pan.
 */
import { isoToTime } from '../format-helpers.js';
import { html, type SafeHtml } from '../html-template.js';
import { timeTicks } from './time-scale.js';

export interface TimelineItem {
  iso: string | null;
  label: string;
  href: string;
  /** Scales the marker (articles per event). */
  weight?: number;
  className?: string;
}

export interface TimelineLane {
  label: string;
  items: TimelineItem[];
}

const WIDTH = 960;
const LEFT = 150;
const RIGHT = 20;
const LANE_H = 44;
const AXIS_H = 28;

export function renderTimeline(lanes: readonly TimelineLane[], ariaLabel: string): SafeHtml {
  const times = lanes.flatMap((l) => l.items.map((i) => isoToTime(i.iso))).filter((t): t is number => t !== null);
  if (times.length === 0) return html`<p class="empty">No dated items to place on a timeline.</p>`;
  let t0 = Math.min(...times), t1 = Math.max(...times);
  const pad = Math.max((t1 - t0) * 0.04, 86_400_000 * 2);
  t0 -= pad; t1 += pad;
  const height = AXIS_H + lanes.length * LANE_H + 8;
  const plotW = WIDTH - LEFT - RIGHT;
  const xOf = (t: number): number => LEFT + ((t - t0) / (t1 - t0)) * plotW;
  const maxW = Math.max(1, ...lanes.flatMap((l) => l.items.map((i) => i.weight ?? 1)));
  const ticks = timeTicks(t0, t1).map(
    (k) => html`<g class="tl-tick"><line x1="${xOf(k.t).toFixed(1)}" x2="${xOf(k.t).toFixed(1)}" y1="${AXIS_H - 6}" y2="${height}"></line><text x="${xOf(k.t).toFixed(1)}" y="${AXIS_H - 10}">${k.label}</text></g>`,
  );
  const laneMarkup = lanes.map((lane, li) => {
    const cy = AXIS_H + li * LANE_H + LANE_H / 2;
    const items = lane.items.flatMap((item) => {
      const t = isoToTime(item.iso);
      if (t === null) return [];
      const r = 4 + 6 * Math.sqrt((item.weight ?? 1) / maxW);
      const x = xOf(t);
      return [html`<a class="tl-item ${item.className ?? ''}" href="${item.href}" data-t="${t}">
<title>${item.label}</title>
<circle cx="${x.toFixed(1)}" cy="${cy}" r="${r.toFixed(1)}"></circle>
<text class="tl-label" x="${x.toFixed(1)}" y="${cy - r - 4}">${item.label.length > 60 ? `${item.label.slice(0, 59)}…` : item.label}</text>
</a>`];
    });
    return {
      bg: html`<g class="tl-lane" data-lane="${li}"><rect class="tl-lane-bg" x="0" y="${AXIS_H + li * LANE_H}" width="${WIDTH}" height="${LANE_H}"></rect>
<text class="tl-lane-label" x="6" y="${cy + 4}">${lane.label.length > 22 ? `${lane.label.slice(0, 21)}…` : lane.label}</text></g>`,
      items: html`<g class="tl-lane-items" data-lane="${li}">${items}</g>`,
    };
  });
  return html`<div class="timeline" data-t0="${t0}" data-t1="${t1}" data-left="${LEFT}" data-width="${plotW}">
<div class="tl-controls" hidden>
  <button type="button" data-zoom="in" aria-label="Zoom in">+</button>
  <button type="button" data-zoom="out" aria-label="Zoom out">−</button>
  <button type="button" data-pan="-1" aria-label="Earlier">←</button>
  <button type="button" data-pan="1" aria-label="Later">→</button>
  <button type="button" data-zoom="reset">Reset</button>
  <span class="muted tl-hint">Scroll or use + / − to zoom, drag or ← / → to move.</span>
</div>
<div class="tl-scroll"><svg class="timeline-svg" viewBox="0 0 ${WIDTH} ${height}" role="group" aria-label="${ariaLabel}" xmlns="http://www.w3.org/2000/svg">
<clipPath id="tl-clip"><rect x="${LEFT - 12}" y="0" width="${plotW + 24}" height="${height}"></rect></clipPath>
<g class="tl-lanes">${laneMarkup.map((l) => l.bg)}</g>
<g class="tl-axis" clip-path="url(#tl-clip)">${ticks}</g>
<g class="tl-items" clip-path="url(#tl-clip)">${laneMarkup.map((l) => l.items)}</g>
</svg></div>
</div>`;
}
