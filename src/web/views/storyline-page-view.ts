/** The story line page: zoomable timeline with actor lanes, statements by actor, coverage per outlet. */
import type { ArticleSummary, StatementRow, StorylineDetail } from '../../store/store-port.js';
import { formatRange, plural, truncate } from '../format-helpers.js';
import { html, joinHtml, pathTo, type SafeHtml } from '../html-template.js';
import { renderCoverageChart } from '../svg/coverage-chart-svg.js';
import { renderTimeline, type TimelineLane } from '../svg/timeline-svg.js';
import { entityLink, eventCard, outletLink, statementTable } from './card-views.js';

export interface StorylinePageData {
  storyline: StorylineDetail;
  articles: ArticleSummary[];
  statements: StatementRow[];
}

const MAX_ACTORS = 5;
const MAX_EVENT_CARDS = 60;

/** The speakers with the most statements, for the actor lanes. */
export function mainActors(statements: readonly StatementRow[]): { key: string; name: string; rows: StatementRow[] }[] {
  const groups = new Map<string, { key: string; name: string; rows: StatementRow[] }>();
  for (const s of statements) {
    if (!s.speaker) continue;
    const key = s.speakerEntityId ?? s.speaker;
    const g = groups.get(key) ?? { key, name: s.speaker, rows: [] };
    g.rows.push(s);
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.rows.length - a.rows.length || a.name.localeCompare(b.name)).slice(0, MAX_ACTORS);
}

export function storylinePageBody(d: StorylinePageData): SafeHtml {
  const s = d.storyline;
  const actors = mainActors(d.statements);
  const lanes: TimelineLane[] = [
    {
      label: 'Events',
      items: s.events.map((e) => ({ iso: e.firstDate, label: `${e.label} (${e.articleCount})`, href: pathTo('event', e.id), weight: e.articleCount, className: 'tl-event' })),
    },
    ...actors.map((a) => ({
      label: a.name,
      items: a.rows.map((r) => ({ iso: r.firstDate, label: `${a.name}: ${truncate(r.text, 120)}`, href: pathTo('article', r.firstArticleId), className: `tl-statement stance-${r.stance}` })),
    })),
  ];
  const events = [...s.events].sort((a, b) => (a.firstDate ?? '9999').localeCompare(b.firstDate ?? '9999'));
  return html`<nav class="crumbs" aria-label="Breadcrumb"><a href="/">Front page</a> › Story line</nav>
<header class="page-head">
  <h1>${s.label}</h1>
  <p class="meta"><time>${formatRange(s.firstDate, s.lastDate)}</time> · ${plural(s.eventCount, 'event')} · ${plural(s.articleCount, 'article')} · ${plural(s.outlets.length, 'outlet')}</p>
  ${s.keyEntities.length > 0 ? html`<p class="chips">${joinHtml(s.keyEntities.map((n) => entityLink(n)), ' ')}</p>` : ''}
</header>
<section aria-labelledby="h-tl"><h2 id="h-tl">Timeline</h2>
${renderTimeline(lanes, `Timeline of ${s.label}`)}
<ol class="timeline-list storyline-events">${events.map((e) => html`<li><time>${formatRange(e.firstDate, e.lastDate)}</time> <a href="${pathTo('event', e.id)}">${e.label}</a> <span class="muted">${plural(e.articleCount, 'article')}</span></li>`)}</ol>
</section>
<section aria-labelledby="h-cov"><h2 id="h-cov">Coverage per outlet over time</h2>
${renderCoverageChart(d.articles, 'Articles per outlet')}
</section>
<section aria-labelledby="h-actors"><h2 id="h-actors">Statements by main actors</h2>
${actors.length === 0 ? html`<p class="empty">No attributed statements.</p>` : actors.map((a) => html`<h3>${entityLink(a.key, a.name)}</h3>${statementTable([...a.rows].sort((x, y) => (x.firstDate ?? '').localeCompare(y.firstDate ?? '')), `Statements by ${a.name}`)}`)}
</section>
<section aria-labelledby="h-events"><h2 id="h-events">Events</h2><div class="grid cards">${events.slice(-MAX_EVENT_CARDS).reverse().map((e) => eventCard(e))}</div>
${events.length > MAX_EVENT_CARDS ? html`<p class="muted">The latest ${MAX_EVENT_CARDS} of ${events.length} events; the timeline above lists them all.</p>` : ''}</section>
<section aria-labelledby="h-outl"><h2 id="h-outl">Outlets</h2><p>${joinHtml(s.outlets.map((o) => outletLink(o)), ', ')}</p></section>`;
}
