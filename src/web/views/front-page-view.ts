/** The front page: story lines, "Latest" and "Most covered" events, filters. */
import type { EventSummary, OutletSummary, StoreStats, StorylineSummary } from '../../store/store-port.js';
import { plural } from '../format-helpers.js';
import { html, queryString, type SafeHtml } from '../html-template.js';
import { eventCard, storylineCard } from './card-views.js';

export interface FrontFilters {
  outlet?: string;
  entity?: string;
  place?: string;
  from?: string;
  to?: string;
}

export interface FrontPageData {
  stats: StoreStats;
  storylines: StorylineSummary[];
  latest: EventSummary[];
  mostCovered: EventSummary[];
  outlets: OutletSummary[];
  filters: FrontFilters;
  now: Date;
}

/** A select with thousands of options is unusable and heavy; the busiest outlets are listed. */
const MAX_OUTLET_OPTIONS = 300;

function activeFilters(f: FrontFilters): SafeHtml {
  const entries = (Object.entries(f) as [keyof FrontFilters, string | undefined][]).filter(([, v]) => v);
  if (entries.length === 0) return html``;
  return html`<p class="active-filters">Filtered by ${entries.map(([k, v]) => {
    const rest = { ...f, [k]: undefined };
    return html`<span class="chip">${k}: ${v} <a href="/${queryString(rest)}" aria-label="Remove filter ${k}">×</a></span> `;
  })}<a href="/">clear all</a></p>`;
}

function filterForm(d: FrontPageData): SafeHtml {
  const f = d.filters;
  return html`<details class="filters"${Object.values(f).some((v) => v) ? html` open` : ''}>
<summary>Filter events</summary>
<form class="filter-form" action="/" method="get">
  <label>Outlet <select name="outlet"><option value="">any</option>${d.outlets.slice(0, MAX_OUTLET_OPTIONS).map(
    (o) => html`<option value="${o.name}"${o.name === f.outlet ? html` selected` : ''}>${o.name} (${o.articleCount})</option>`,
  )}</select></label>
  <label>Entity <input name="entity" value="${f.entity ?? ''}" maxlength="200" placeholder="e.g. Maria Zakharova"></label>
  <label>Place <input name="place" value="${f.place ?? ''}" maxlength="200" placeholder="e.g. Yerevan"></label>
  <label>From <input type="date" name="from" value="${f.from ?? ''}"></label>
  <label>To <input type="date" name="to" value="${f.to ?? ''}"></label>
  <button type="submit">Apply</button>
</form>
</details>`;
}

export function frontPageBody(d: FrontPageData): SafeHtml {
  const s = d.stats;
  const filtered = Object.values(d.filters).some((v) => v);
  return html`<section class="masthead">
  <h1>Today’s story lines</h1>
  <p class="meta stats">${plural(s.articles, 'article')} · ${plural(s.events, 'event')} · ${plural(s.storylines, 'story line')} · ${plural(s.outlets, 'outlet')} · ${plural(s.statements, 'statement')}${s.rejections > 0 ? html` · <a href="/rejections">${plural(s.rejections, 'rejected input')}</a>` : ''}</p>
  ${filterForm(d)}
  ${activeFilters(d.filters)}
</section>
${filtered ? '' : html`<section class="storylines" aria-labelledby="h-storylines">
  <h2 id="h-storylines">Story lines</h2>
  ${d.storylines.length === 0 ? html`<p class="empty">No story lines yet. Ingest some articles: <code>storyline ingest &lt;paths…&gt;</code></p>` : html`<div class="grid cards">${d.storylines.map((sl) => storylineCard(sl))}</div>`}
</section>`}
<div class="columns">
  <section class="latest" aria-labelledby="h-latest">
    <h2 id="h-latest">Latest</h2>
    ${d.latest.length === 0 ? html`<p class="empty">No events${filtered ? ' match these filters' : ''}.</p>` : d.latest.map((e) => eventCard(e, { showStoryline: true, now: d.now }))}
    ${d.filters.place ? '' : html`<p><a class="more" href="/events${queryString({ ...d.filters, sort: 'latest' })}">More events →</a></p>`}
  </section>
  <section class="most-covered" aria-labelledby="h-most">
    <h2 id="h-most">Most covered</h2>
    ${d.mostCovered.length === 0 ? html`<p class="empty">No events.</p>` : d.mostCovered.map((e) => eventCard(e))}
    ${d.filters.place ? '' : html`<p><a class="more" href="/events${queryString({ ...d.filters, sort: 'most-covered' })}">More events →</a></p>`}
  </section>
</div>`;
}
