/** The entity page: roles, aliases, statements over time, co-occurring entities, coverage. */
import type { EntityDetail } from '../../store/store-port.js';
import { plural } from '../format-helpers.js';
import { html, joinHtml, pathTo, type SafeHtml } from '../html-template.js';
import { renderCoverageChart } from '../svg/coverage-chart-svg.js';
import { renderTimeline } from '../svg/timeline-svg.js';
import { articleList, entityLink, statementTable } from './card-views.js';

const TYPE_LABEL: Record<string, string> = { PERSON: 'Person', ORG: 'Organisation', LOC: 'Place', MISC: 'Other' };

export function entityPageBody(e: EntityDetail): SafeHtml {
  const statements = [...e.statements].sort((a, b) => (a.firstDate ?? '9999').localeCompare(b.firstDate ?? '9999'));
  const otherAliases = e.aliases.filter((a) => a !== e.name);
  return html`<nav class="crumbs" aria-label="Breadcrumb"><a href="/">Front page</a> › <a href="/entities">Entities</a> › ${e.name}</nav>
<header class="page-head">
  <h1>${e.name} <span class="type-badge type-${e.type}">${TYPE_LABEL[e.type] ?? e.type}</span></h1>
  <p class="meta">${plural(e.articleCount, 'article')} · ${plural(e.mentionCount, 'mention')} · ${plural(e.statements.length, 'statement')}${e.type === 'LOC' ? html` · <a href="${pathTo('place', e.name)}">on the map</a>` : ''}</p>
</header>
<div class="columns">
<section aria-labelledby="h-roles"><h2 id="h-roles">Roles</h2>
${e.roles.length === 0 ? html`<p class="empty">No roles recorded.</p>` : html`<ul class="roles">${e.roles.map((r) => html`<li>${r}</li>`)}</ul>`}
</section>
<section aria-labelledby="h-aliases"><h2 id="h-aliases">Also written as</h2>
${otherAliases.length === 0 ? html`<p class="empty">No other names.</p>` : html`<ul class="aliases">${otherAliases.map((a) => html`<li>${a}</li>`)}</ul>`}
${e.mergedFrom.length > 0 ? html`<details><summary>Merged from ${plural(e.mergedFrom.length, 'entity', 'entities')}</summary><ul>${e.mergedFrom.map((m) => html`<li>${m.name}: ${m.reason}</li>`)}</ul></details>` : ''}
</section>
</div>
<section aria-labelledby="h-st"><h2 id="h-st">Statements over time</h2>
${statements.length > 0 ? renderTimeline([{ label: e.name, items: statements.map((s) => ({ iso: s.firstDate, label: s.text.length > 120 ? `${s.text.slice(0, 119)}…` : s.text, href: pathTo('article', s.firstArticleId), className: `tl-statement stance-${s.stance}` })) }], `Statements by ${e.name} over time`) : ''}
${statementTable(statements, `Statements by ${e.name}`)}
</section>
<section aria-labelledby="h-co"><h2 id="h-co">Often mentioned with</h2>
${e.coOccurring.length === 0 ? html`<p class="empty">None.</p>` : html`<ul class="co-occurring">${e.coOccurring.map((c) => html`<li>${entityLink(c.id, c.name)} <span class="muted">${c.count}</span></li>`)}</ul>`}
</section>
<section aria-labelledby="h-cov"><h2 id="h-cov">Coverage over time</h2>${renderCoverageChart(e.articles, `Articles mentioning ${e.name}`)}</section>
<section aria-labelledby="h-art"><h2 id="h-art">Articles</h2>${articleList(e.articles)}</section>`;
}

export function entityIndexBody(entities: readonly import('../../store/store-port.js').EntitySummary[], query: string | undefined): SafeHtml {
  return html`<h1>Entities</h1>
<form class="inline-form" action="/entities" method="get"><label>Find <input name="q" value="${query ?? ''}" maxlength="200"></label> <button type="submit">Find</button></form>
${entities.length === 0 ? html`<p class="empty">No entities.</p>` : html`<div class="table-scroll"><table class="entities"><thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Roles</th><th scope="col">Articles</th><th scope="col">Mentions</th></tr></thead><tbody>
${entities.map((e) => html`<tr><td>${entityLink(e.id, e.name)}</td><td>${TYPE_LABEL[e.type] ?? e.type}</td><td>${joinHtml(e.roles.slice(0, 3), '; ')}</td><td>${e.articleCount}</td><td>${e.mentionCount}</td></tr>`)}
</tbody></table></div>`}`;
}
