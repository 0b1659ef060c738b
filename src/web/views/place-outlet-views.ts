/** Place page (a map and what happened there), outlet page and the outlet index. */
import type { ArticleSummary, EventSummary, OutletSummary } from '../../store/store-port.js';
import { plural } from '../format-helpers.js';
import { html, type SafeHtml } from '../html-template.js';
import { renderCoverageChart } from '../svg/coverage-chart-svg.js';
import { renderPlacesMap, type MapPlace, type WorldShapes } from '../svg/world-map-svg.js';
import { articleList, eventCard, outletLink } from './card-views.js';

export interface PlacePageData {
  name: string;
  place: MapPlace | null;
  nearby: MapPlace[];
  events: EventSummary[];
  shapes: () => WorldShapes;
}

export function placePageBody(d: PlacePageData): SafeHtml {
  const marks = d.place ? [d.place, ...d.nearby.filter((p) => p.name.toLowerCase() !== d.name.toLowerCase())] : d.nearby;
  return html`<nav class="crumbs" aria-label="Breadcrumb"><a href="/">Front page</a> › Place</nav>
<header class="page-head">
  <h1>${d.name}</h1>
  <p class="meta">${d.place ? `${d.place.lat.toFixed(3)}, ${d.place.lon.toFixed(3)} · ` : ''}${plural(d.events.length, 'event')}</p>
</header>
${marks.length > 0 ? renderPlacesMap(d.shapes(), marks, { title: `Map of ${d.name} and places named with it`, focus: d.name }) : html`<p class="empty">This place has no coordinates in the store.</p>`}
<section aria-labelledby="h-ev"><h2 id="h-ev">Events naming ${d.name}</h2>
${d.events.length === 0 ? html`<p class="empty">No events.</p>` : html`<div class="grid cards">${d.events.map((e) => eventCard(e, { showStoryline: true }))}</div>`}
</section>`;
}

export function outletPageBody(o: OutletSummary & { articles: ArticleSummary[]; events: EventSummary[] }): SafeHtml {
  const total = Math.max(o.articleCount, 1);
  const origShare = o.originalCount / total;
  const kinds = new Map<string, number>();
  for (const a of o.articles) kinds.set(a.provenance, (kinds.get(a.provenance) ?? 0) + 1);
  return html`<nav class="crumbs" aria-label="Breadcrumb"><a href="/">Front page</a> › <a href="/outlets">Outlets</a> › ${o.name}</nav>
<header class="page-head">
  <h1>${o.name}</h1>
  <p class="meta">${plural(o.articleCount, 'article')} · ${plural(o.originalCount, 'original')} · ${plural(o.copyCount, 'copy', 'copies')} (wire, near copies and rewrites)</p>
</header>
<section aria-labelledby="h-orig"><h2 id="h-orig">Original versus copied</h2>
<svg class="share-bar" viewBox="0 0 400 28" role="img" aria-label="${Math.round(origShare * 100)}% original" xmlns="http://www.w3.org/2000/svg">
<rect class="share-original" x="0" y="0" width="${(400 * origShare).toFixed(1)}" height="28"></rect>
<rect class="share-copy" x="${(400 * origShare).toFixed(1)}" y="0" width="${(400 * (1 - origShare)).toFixed(1)}" height="28"></rect>
</svg>
<p>${Math.round(origShare * 100)}% original. In the latest ${o.articles.length} articles: ${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}.</p>
</section>
<section aria-labelledby="h-cov"><h2 id="h-cov">Coverage over time</h2>${renderCoverageChart(o.articles, `Articles by ${o.name}`)}</section>
<section aria-labelledby="h-ev"><h2 id="h-ev">What it covers</h2>
${o.events.length === 0 ? html`<p class="empty">No events.</p>` : html`<div class="grid cards">${o.events.map((e) => eventCard(e))}</div>`}
</section>
<section aria-labelledby="h-art"><h2 id="h-art">Articles</h2>${articleList(o.articles, { showOutlet: false })}</section>`;
}

export function outletIndexBody(outlets: readonly OutletSummary[]): SafeHtml {
  return html`<h1>Outlets</h1>
${outlets.length === 0 ? html`<p class="empty">No outlets.</p>` : html`<div class="table-scroll"><table class="outlets"><thead><tr><th scope="col">Outlet</th><th scope="col">Articles</th><th scope="col">Originals</th><th scope="col">Copies</th></tr></thead><tbody>
${outlets.map((o) => html`<tr><td>${outletLink(o.name)}</td><td>${o.articleCount}</td><td>${o.originalCount}</td><td>${o.copyCount}</td></tr>`)}
</tbody></table></div>`}`;
}
