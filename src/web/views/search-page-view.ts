/** Full-text search results with facets. */
import type { FacetCount, SearchResult } from '../../store/store-port.js';
import { formatDate, plural, provenanceBadge } from '../format-helpers.js';
import { externalLink, html, pathTo, queryString, type SafeHtml } from '../html-template.js';
import { outletLink } from './card-views.js';

export interface SearchParams {
  q: string;
  outlet?: string;
  entity?: string;
  from?: string;
  to?: string;
  offset: number;
  limit: number;
}

/** Query terms to highlight: word-ish tokens, at most 8, each at most 40 characters. */
export function highlightTerms(q: string): string[] {
  const terms = q.toLowerCase().match(/[\p{L}\p{N}]{2,40}/gu) ?? [];
  return [...new Set(terms.filter((t) => !['and', 'or', 'not', 'near'].includes(t)))].slice(0, 8);
}

/**
 * PostgreSQL's ts_headline is configured with « » around matches; those are
 * also real quotation marks, so only a single word that matches a query term
 * (or extends it, as "borders" extends "border") is read as a marker.
 */
function guillemetMarkers(snippet: string, terms: readonly string[]): string {
  if (!snippet.includes('«') || terms.length === 0) return snippet;
  return snippet.replace(/«([\p{L}\p{N}'’-]{1,60})»/gu, (whole, word: string) => {
    const w = word.toLowerCase();
    return terms.some((t) => w.startsWith(t)) ? `\u0002${word}\u0003` : whole;
  });
}

/**
 * Marks the query terms in a snippet. The snippet is plain text; when the store
 * marks matches itself it uses \u0002 … \u0003, which are honoured instead.
 */
export function highlightSnippet(snippet: string, terms: readonly string[]): SafeHtml {
  snippet = guillemetMarkers(snippet, terms);
  if (snippet.includes('\u0002')) {
    const parts = snippet.split(/\u0002|\u0003/);
    return html`${parts.map((p, i) => (i % 2 === 1 ? html`<mark>${p}</mark>` : p))}`;
  }
  if (terms.length === 0) return html`${snippet}`;
  // An alternation of escaped literals: linear, no backtracking blow-up.
  const re = new RegExp(`(${terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'giu');
  const parts = snippet.split(re);
  return html`${parts.map((p, i) => (i % 2 === 1 ? html`<mark>${p}</mark>` : p))}`;
}

function facetList(title: string, key: 'outlet' | 'entity' | 'year', facets: readonly FacetCount[], p: SearchParams): SafeHtml {
  if (facets.length === 0) return html``;
  const link = (f: FacetCount): string => {
    const next = { q: p.q, outlet: p.outlet, entity: p.entity, from: p.from, to: p.to };
    if (key === 'year') {
      next.from = `${f.value}-01-01`;
      next.to = `${f.value}-12-31`;
    } else next[key] = f.value;
    return `/search${queryString(next)}`;
  };
  return html`<section class="facet"><h3>${title}</h3><ul>${facets.slice(0, 15).map((f) => html`<li><a href="${link(f)}">${f.value}</a> <span class="muted">${f.count}</span></li>`)}</ul></section>`;
}

export function searchPageBody(p: SearchParams, r: SearchResult | null): SafeHtml {
  if (r === null) {
    return html`<h1>Search</h1><p>Type words to search all article texts and titles. Use quotes for a phrase.</p>`;
  }
  const terms = highlightTerms(p.q);
  const base = { q: p.q, outlet: p.outlet, entity: p.entity, from: p.from, to: p.to };
  const filters = (['outlet', 'entity', 'from', 'to'] as const).filter((k) => p[k]);
  const next = p.offset + p.limit < r.total ? `/search${queryString({ ...base, offset: p.offset + p.limit })}` : null;
  const prev = p.offset > 0 ? `/search${queryString({ ...base, offset: Math.max(0, p.offset - p.limit) })}` : null;
  return html`<h1>Search: ${p.q}</h1>
<p class="meta">${plural(r.total, 'result')}${filters.length > 0 ? html` · filtered by ${filters.map((k) => html`<span class="chip">${k}: ${p[k]} <a href="/search${queryString({ ...base, [k]: undefined })}" aria-label="Remove filter ${k}">×</a></span> `)}` : ''}</p>
<div class="search-layout">
<aside class="facets" aria-label="Refine">
${facetList('Outlets', 'outlet', r.facets.outlets, p)}
${facetList('Entities', 'entity', r.facets.entities, p)}
${facetList('Years', 'year', r.facets.years, p)}
</aside>
<section class="results" aria-label="Results">
${r.hits.length === 0 ? html`<p class="empty">Nothing found.</p>` : html`<ol class="search-results" start="${p.offset + 1}">${r.hits.map(
    (h) => html`<li class="search-hit">
  <div>${provenanceBadge(h.article.provenance)} <a class="headline" href="${pathTo('article', h.article.id)}">${h.article.title ?? '(untitled)'}</a></div>
  <p class="meta">${outletLink(h.article.outlet)} · <time>${formatDate(h.article.publishedAt)}</time>${h.article.eventId ? html` · <a href="${pathTo('event', h.article.eventId)}">event</a>` : ''}${h.article.url ? html` · ${externalLink(h.article.url, 'original')}` : ''}</p>
  <p class="snippet">${highlightSnippet(h.snippet, terms)}</p>
</li>`,
  )}</ol>`}
<nav class="pager" aria-label="Pages">${prev ? html`<a href="${prev}" rel="prev">← Previous</a>` : ''} ${next ? html`<a href="${next}" rel="next">Next →</a>` : ''}</nav>
</section>
</div>`;
}
