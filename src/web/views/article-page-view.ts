/** The reader view: clean text with highlights, metadata, and what was removed and why. */
import type { StoredArticle } from '../../store/store-port.js';
import { formatDate, plural, provenanceBadge } from '../format-helpers.js';
import { externalLink, html, joinHtml, pathTo, type SafeHtml } from '../html-template.js';
import { renderPlacesMap, type WorldShapes } from '../svg/world-map-svg.js';
import { renderAnnotatedText } from './annotated-text.js';
import { entityLink, outletLink, stanceBadge } from './card-views.js';

/** Raw pages can be large; the reader shows at most this much of the original. */
const RAW_LIMIT = 200_000;

const REASON_TEXT: Record<string, string> = {
  nav: 'site navigation',
  'sidebar-list': 'a sidebar list of other headlines',
  appeal: 'a donation or membership appeal',
  related: 'links to related articles',
  caption: 'a photo caption',
  logo: 'a logo or site name',
  footer: 'the page footer',
  header: 'the page header',
  title: 'the title (shown above)',
  subtitle: 'the subtitle',
  byline: 'the byline (shown above)',
  date: 'a date line (shown above)',
  share: 'share buttons',
  other: 'other page chrome',
};

export interface ArticlePageData {
  stored: StoredArticle;
  shapes: () => WorldShapes;
}

export function articlePageBody(d: ArticlePageData): SafeHtml {
  const { article: a, raw } = d.stored;
  const places = new Map<string, { name: string; lat: number; lon: number; count: number }>();
  for (const p of a.places) {
    const cur = places.get(p.name) ?? { name: p.name, lat: p.lat, lon: p.lon, count: 0 };
    cur.count++;
    places.set(p.name, cur);
  }
  const dl = a.dateline;
  return html`<nav class="crumbs" aria-label="Breadcrumb"><a href="/">Front page</a>${d.stored.eventId ? html` › <a href="${pathTo('event', d.stored.eventId)}">Event</a>` : ''} › Article</nav>
<article class="reader">
<header class="page-head">
  <p>${provenanceBadge(d.stored.provenance)}${d.stored.provenanceOf ? html` of <a href="${pathTo('article', d.stored.provenanceOf)}">an earlier article</a>` : ''}${a.wire ? html` <span class="badge badge-wire">wire credit</span>` : ''}</p>
  <h1>${a.title ?? '(untitled)'}</h1>
  ${a.subtitle ? html`<p class="subtitle">${a.subtitle}</p>` : ''}
  <p class="meta">${outletLink(a.outlet)}${a.byline ? html` · <span class="byline">${a.byline}</span>` : ''} · <time>${formatDate(a.publishedAt)}</time> <span class="muted">(date confidence ${a.dateConfidence}${a.dateSource ? `: ${a.dateSource}` : ''})</span></p>
  ${a.url ? html`<p class="meta">Original: ${externalLink(a.url)}</p>` : ''}
  ${dl ? html`<p class="meta">Dateline: ${dl.place ?? 'no place'}${dl.agency ? ` · agency ${dl.agency}` : ''}${dl.day ? ` · day ${formatDate(dl.day)}` : ''}</p>` : ''}
</header>
<p class="legend" aria-hidden="true"><span class="quote">quote</span> <span class="hl-entity ent-PERSON">person</span> <span class="hl-entity ent-ORG">organisation</span> <span class="hl-place">place</span> <span class="dateline">dateline</span></p>
${renderAnnotatedText(a)}
</article>
<section aria-labelledby="h-removed"><h2 id="h-removed">What was removed</h2>
${a.removed.length === 0 ? html`<p class="empty">Nothing was removed (method: ${a.method}).</p>` : html`<details class="removed">
<summary>Show ${plural(a.removed.length, 'removed block')} (method: ${a.method})</summary>
<ol class="removed-blocks">${a.removed.map((r) => html`<li><p class="reason"><span class="badge">${r.reason}</span> ${REASON_TEXT[r.reason] ?? r.reason}</p><pre>${r.text}</pre></li>`)}</ol>
</details>`}
<details class="raw"><summary>Show the original input (${raw.contentType}, ${plural(raw.content.length, 'character')})</summary>
<pre>${raw.content.slice(0, RAW_LIMIT)}</pre>${raw.content.length > RAW_LIMIT ? html`<p class="muted">Truncated.</p>` : ''}
</details>
</section>
<div class="columns">
<section aria-labelledby="h-quotes"><h2 id="h-quotes">Quotes</h2>
${a.quotes.length === 0 ? html`<p class="empty">No quotes found.</p>` : html`<ul class="quote-list">${a.quotes.map((q) => html`<li>${q.speaker ? (q.speaker.name ? entityLink(q.speaker.name) : html`<span>${q.speaker.text}</span>`) : html`<span class="muted">unknown speaker</span>`}${q.speaker?.anonymous ? html` <span class="muted">(anonymous${q.speaker.via ? `, via ${q.speaker.via}` : ''})</span>` : ''} ${stanceBadge(q.cue.stance)} ${q.text}</li>`)}</ul>`}
</section>
<section aria-labelledby="h-ents"><h2 id="h-ents">Entities</h2>
${a.entityTable.length === 0 ? html`<p class="empty">None.</p>` : html`<ul class="entity-list">${a.entityTable.map((e) => html`<li>${entityLink(e.name)} <span class="muted">${e.type}</span>${e.roles.length > 0 ? html` — ${joinHtml(e.roles.map((r) => [r.role, r.affiliation].filter(Boolean).join(', ')), '; ')}` : ''}</li>`)}</ul>`}
</section>
</div>
${places.size > 0 ? html`<section aria-labelledby="h-places"><h2 id="h-places">Places</h2>${renderPlacesMap(d.shapes(), [...places.values()], { title: 'Places named in this article' })}</section>` : ''}
<section aria-labelledby="h-dates"><h2 id="h-dates">Dates found on the page</h2>
${a.dates.length === 0 ? html`<p class="empty">None.</p>` : html`<ul>${a.dates.map((f) => html`<li><time>${f.value}</time> “${f.text}” — <strong>${f.role}</strong> <span class="muted">${f.source}</span></li>`)}</ul>`}
</section>`;
}
