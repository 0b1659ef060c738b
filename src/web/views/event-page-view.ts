/** The event page: timeline, outlets side by side, who said what, entities, map, provenance graph. */
import type { ArticleSummary, EventDetail, StatementRow } from '../../store/store-port.js';
import { formatDate, formatRange, plural, provenanceBadge, truncate } from '../format-helpers.js';
import { externalLink, html, joinHtml, pathTo, type SafeHtml } from '../html-template.js';
import { renderProvenanceGraph } from '../svg/provenance-graph-svg.js';
import { renderPlacesMap, type WorldShapes } from '../svg/world-map-svg.js';
import { entityLink, outletLink, statementTable } from './card-views.js';

export interface EventPageData {
  event: EventDetail;
  statements: StatementRow[];
  shapes: () => WorldShapes;
}

/** Bounds for very large events, so the page stays readable and fast. */
const MAX_OUTLET_COLUMNS = 16;
const MAX_PER_COLUMN = 8;
const MAX_TIMELINE = 300;

function byTime(a: ArticleSummary, b: ArticleSummary): number {
  return (a.publishedAt ?? '9999').localeCompare(b.publishedAt ?? '9999') || a.id.localeCompare(b.id);
}

function articleTimeline(articles: readonly ArticleSummary[]): SafeHtml {
  const sorted = [...articles].sort(byTime).slice(0, MAX_TIMELINE);
  return html`<ol class="timeline-list">${sorted.map(
    (a) => html`<li><time>${formatDate(a.publishedAt)}</time> <span class="tl-outlet">${a.outlet ?? 'unknown outlet'}</span> ${provenanceBadge(a.provenance)} <a href="${pathTo('article', a.id)}">${a.title ?? '(untitled)'}</a></li>`,
  )}</ol>`;
}

/** One column per outlet, earliest coverage first, so readers compare treatments side by side. */
function outletsSideBySide(articles: readonly ArticleSummary[]): SafeHtml {
  const groups = new Map<string, ArticleSummary[]>();
  for (const a of [...articles].sort(byTime)) {
    const key = a.outlet ?? 'unknown outlet';
    const list = groups.get(key) ?? [];
    list.push(a);
    groups.set(key, list);
  }
  const shown = [...groups].slice(0, MAX_OUTLET_COLUMNS);
  const hidden = groups.size - shown.length;
  const cols = shown.map(
    ([outlet, list]) => html`<section class="outlet-col" aria-label="${outlet}">
<h3>${outletLink(outlet === 'unknown outlet' ? null : outlet)}</h3>
${list.length > MAX_PER_COLUMN ? html`<p class="meta">${list.length} articles; the first ${MAX_PER_COLUMN} are shown.</p>` : ''}
${list.slice(0, MAX_PER_COLUMN).map(
  (a) => html`<article class="outlet-article">
  <p>${provenanceBadge(a.provenance)} <time>${formatDate(a.publishedAt)}</time></p>
  <h4><a href="${pathTo('article', a.id)}">${a.title ?? '(untitled)'}</a></h4>
  ${a.lead ? html`<p class="lead">${truncate(a.lead, 320)}</p>` : ''}
  <p class="meta">${a.url ? externalLink(a.url, 'Read the original') : ''}</p>
</article>`,
)}
</section>`,
  );
  return html`<div class="side-by-side">${cols}</div>${hidden > 0 ? html`<p class="muted">And ${hidden} more outlets; the timeline above lists every article.</p>` : ''}`;
}

export function eventPageBody(d: EventPageData): SafeHtml {
  const e = d.event;
  const titles = new Map(e.articles.map((a) => [a.id as string, a]));
  const describe = (id: string): SafeHtml => {
    const a = titles.get(id);
    return html`<a href="${pathTo('article', id)}">${a ? `${a.outlet ?? 'unknown outlet'}, ${formatDate(a.publishedAt)}` : `an article outside this event (${id})`}</a>`;
  };
  return html`<nav class="crumbs" aria-label="Breadcrumb"><a href="/">Front page</a>${e.storylineId ? html` › <a href="${pathTo('storyline', e.storylineId)}">Story line</a>` : ''} › Event</nav>
<header class="page-head">
  <h1>${e.label}</h1>
  <p class="meta"><time>${formatRange(e.firstDate, e.lastDate)}</time> · ${plural(e.articleCount, 'article')} · ${plural(e.outlets.length, 'outlet')}</p>
  ${e.summary ? html`<p class="summary">${e.summary}</p>` : ''}
  ${e.keyEntities.length > 0 ? html`<p class="chips" aria-label="Key entities"><span class="muted">Key entities:</span> ${joinHtml(e.keyEntities.map((n) => entityLink(n)), ' ')}</p>` : ''}
</header>
<section aria-labelledby="h-timeline"><h2 id="h-timeline">Timeline</h2>${articleTimeline(e.articles)}</section>
<section aria-labelledby="h-outlets"><h2 id="h-outlets">Coverage by outlet</h2>${outletsSideBySide(e.articles)}</section>
<section aria-labelledby="h-wsw"><h2 id="h-wsw">Who said what</h2>${statementTable(d.statements, 'Statements in this event, first appearance first')}</section>
<div class="columns">
<section aria-labelledby="h-map"><h2 id="h-map">Places</h2>${e.places.length > 0 ? renderPlacesMap(d.shapes(), e.places, { title: 'Places named in this event' }) : html`<p class="empty">No places resolved.</p>`}</section>
<section aria-labelledby="h-prov"><h2 id="h-prov">Provenance</h2>
${renderProvenanceGraph(e.articles, e.provenance)}
${e.provenance.length > 0 ? html`<ul class="edge-list">${e.provenance.map((p) => html`<li>${describe(p.to)} is a <strong>${p.kind}</strong> of ${describe(p.from)} <span class="muted">(${p.score.toFixed(2)})</span>${p.evidence ? html`<blockquote>${truncate(p.evidence, 400)}</blockquote>` : ''}</li>`)}</ul>` : html`<p class="muted">No copies detected: every article here is an original.</p>`}
</section>
</div>
<section aria-labelledby="h-why"><h2 id="h-why">Why these articles are together</h2>
<details><summary>Membership (${e.membership.length}) and history (${e.history.length})</summary>
<ul>${e.membership.map((m) => html`<li>${describe(m.articleId)}: ${m.reason}</li>`)}</ul>
<ol>${e.history.map((h) => html`<li><time>${formatDate(h.at)}</time> ${h.action}: ${h.detail}</li>`)}</ol>
</details></section>`;
}
