/** Small pages: rejected inputs and errors. */
import type { EventSummary, Rejection } from '../../store/store-port.js';
import { formatDate } from '../format-helpers.js';
import { html, queryString, type SafeHtml } from '../html-template.js';
import { eventCard } from './card-views.js';

export function rejectionsBody(rows: readonly Rejection[]): SafeHtml {
  return html`<h1>Rejected inputs</h1>
${rows.length === 0 ? html`<p class="empty">Nothing was rejected.</p>` : html`<div class="table-scroll"><table class="rejections"><thead><tr><th scope="col">Source</th><th scope="col">Reason</th><th scope="col">Detail</th><th scope="col">When</th></tr></thead><tbody>
${rows.map((r) => html`<tr><td class="source">${r.source}</td><td><code>${r.reason}</code></td><td>${r.detail ?? ''}</td><td><time>${formatDate(r.at)}</time></td></tr>`)}
</tbody></table></div>`}`;
}

export function errorBody(status: number, message: string): SafeHtml {
  return html`<div class="error-page"><h1>${status === 404 ? 'Not found' : status >= 500 ? 'Something went wrong' : 'Bad request'}</h1>
<p>${message}</p>
<p><a href="/">Back to the front page</a></p></div>`;
}

export interface EventsQuery {
  outlet?: string;
  entity?: string;
  from?: string;
  to?: string;
  sort: 'latest' | 'most-covered';
  offset: number;
}

/** Every event, a page at a time ("More" from the front page). */
export function eventsPageBody(q: EventsQuery, events: readonly EventSummary[], hasMore: boolean, pageSize: number, now: Date): SafeHtml {
  const base = { outlet: q.outlet, entity: q.entity, from: q.from, to: q.to, sort: q.sort };
  const other = q.sort === 'latest' ? 'most-covered' : 'latest';
  return html`<h1>${q.sort === 'latest' ? 'Latest events' : 'Most covered events'}</h1>
<p class="meta"><a href="/events${queryString({ ...base, sort: other })}">Sort by ${other === 'latest' ? 'date' : 'coverage'}</a></p>
${events.length === 0 ? html`<p class="empty">No events.</p>` : html`<div class="grid cards">${events.map((e) => eventCard(e, { showStoryline: true, now }))}</div>`}
<nav class="pager" aria-label="Pages">${q.offset > 0 ? html`<a rel="prev" href="/events${queryString({ ...base, offset: Math.max(0, q.offset - pageSize) })}">← Newer</a>` : ''} ${hasMore ? html`<a rel="next" href="/events${queryString({ ...base, offset: q.offset + pageSize })}">Older →</a>` : ''}</nav>`;
}
