/** Reusable fragments: cards and lists for events, story lines, articles, entities. */
import type { ArticleSummary, EventSummary, StorylineSummary, StatementRow } from '../../store/store-port.js';
import { ago, formatDay, formatRange, plural, provenanceBadge, truncate, formatDate } from '../format-helpers.js';
import { externalLink, html, joinHtml, pathTo, type SafeHtml } from '../html-template.js';

export function entityLink(nameOrId: string, label?: string): SafeHtml {
  return html`<a class="entity" href="${pathTo('entity', nameOrId)}">${label ?? nameOrId}</a>`;
}

export function outletLink(name: string | null): SafeHtml {
  if (!name) return html`<span class="muted">unknown outlet</span>`;
  return html`<a class="outlet" href="${pathTo('outlet', name)}">${name}</a>`;
}

export function eventCard(e: EventSummary, opts: { showStoryline?: boolean; now?: Date } = {}): SafeHtml {
  const age = opts.now ? ago(e.lastDate, opts.now) : '';
  return html`<article class="card event-card">
  <h3><a href="${pathTo('event', e.id)}">${e.label}</a></h3>
  <p class="meta"><time>${formatRange(e.firstDate, e.lastDate)}</time>${age ? ` (${age})` : ''} · ${plural(e.articleCount, 'article')} · ${plural(e.outlets.length, 'outlet')}</p>
  ${e.summary ? html`<p class="summary">${truncate(e.summary, 260)}</p>` : ''}
  ${e.keyEntities.length > 0 ? html`<p class="chips">${joinHtml(e.keyEntities.slice(0, 5).map((n) => entityLink(n)), ' ')}</p>` : ''}
  ${opts.showStoryline && e.storylineId ? html`<p class="meta"><a href="${pathTo('storyline', e.storylineId)}">Part of a story line →</a></p>` : ''}
</article>`;
}

export function storylineCard(s: StorylineSummary): SafeHtml {
  return html`<article class="card storyline-card">
  <h3><a href="${pathTo('storyline', s.id)}">${s.label}</a></h3>
  <p class="meta"><time>${formatRange(s.firstDate, s.lastDate)}</time> · ${plural(s.eventCount, 'event')} · ${plural(s.articleCount, 'article')}</p>
  <p class="meta">${joinHtml(s.outlets.slice(0, 6).map((o) => outletLink(o)), ', ')}${s.outlets.length > 6 ? ` and ${s.outlets.length - 6} more` : ''}</p>
  ${s.keyEntities.length > 0 ? html`<p class="chips">${joinHtml(s.keyEntities.slice(0, 6).map((n) => entityLink(n)), ' ')}</p>` : ''}
</article>`;
}

export function articleItem(a: ArticleSummary, opts: { showOutlet?: boolean } = {}): SafeHtml {
  return html`<li class="article-item">
  <div class="article-head">${provenanceBadge(a.provenance)} <a class="headline" href="${pathTo('article', a.id)}">${a.title ?? '(untitled)'}</a></div>
  <p class="meta">${opts.showOutlet === false ? '' : html`${outletLink(a.outlet)} · `}<time>${formatDate(a.publishedAt)}</time>${a.dateConfidence === 'low' || a.dateConfidence === 'none' ? html` <span class="muted">(date ${a.dateConfidence === 'none' ? 'unknown' : 'uncertain'})</span>` : ''}${a.url ? html` · ${externalLink(a.url, 'original')}` : ''}</p>
  ${a.lead ? html`<p class="lead">${truncate(a.lead, 280)}</p>` : ''}
</li>`;
}

export function articleList(items: readonly ArticleSummary[], opts: { showOutlet?: boolean } = {}): SafeHtml {
  if (items.length === 0) return html`<p class="empty">No articles.</p>`;
  return html`<ul class="article-list">${items.map((a) => articleItem(a, opts))}</ul>`;
}

const STANCE_LABEL: Record<string, string> = {
  neutral: 'said',
  emphatic: 'stressed',
  contested: 'claimed',
  denial: 'denied',
  refusal: 'refused',
  promise: 'promised',
  warning: 'warned',
};

export function stanceBadge(stance: string): SafeHtml {
  return html`<span class="stance stance-${stance}" title="${stance}">${STANCE_LABEL[stance] ?? stance}</span>`;
}

/** Quote marks and a trailing comma belong to the sentence around a quote, not to the statement. */
export function statementDisplay(text: string): string {
  const edge = new Set([...'"“”\'‘’«»„,;: \t\n']);
  let a = 0;
  let b = text.length;
  // A character loop, not a regex: no backtracking on hostile whitespace runs.
  while (a < b && edge.has(text[a] as string) && !',;:'.includes(text[a] as string)) a++;
  while (b > a && edge.has(text[b - 1] as string)) b--;
  return text.slice(a, b);
}

/** How each outlet rendered the statement: exact words versus paraphrase, on demand. */
function renderings(s: StatementRow): SafeHtml {
  if (s.renderings.length < 2) return html``;
  return html`<details class="renderings"><summary>${s.renderings.length} renderings</summary><ol>${s.renderings.map(
    (r) => html`<li><span class="match match-${r.match}">${r.match}</span> <a href="${pathTo('article', r.articleId)}">${r.outlet ?? 'unknown outlet'}, ${formatDay(r.publishedAt)}</a>: ${truncate(r.text, 300)}</li>`,
  )}</ol></details>`;
}

/** The who-said-what table: speaker, statement, stance, outlets, first appearance. */
export function statementTable(rows: readonly StatementRow[], caption: string): SafeHtml {
  if (rows.length === 0) return html`<p class="empty">No statements recorded.</p>`;
  const body = rows.map((s) => {
    const outlets = [...new Set(s.renderings.map((r) => r.outlet).filter((o): o is string => o !== null))];
    const matchCounts = new Map<string, number>();
    for (const r of s.renderings) matchCounts.set(r.match, (matchCounts.get(r.match) ?? 0) + 1);
    const matches = [...matchCounts].filter(([m]) => m !== 'first').map(([m, n]) => `${n} ${m}`).join(', ');
    return html`<tr class="statement-row">
  <td class="speaker">${s.speaker ? (s.speakerEntityId ? entityLink(s.speakerEntityId, s.speaker) : entityLink(s.speaker)) : html`<span class="muted">unattributed</span>`}</td>
  <td class="statement"><span class="kind kind-${s.kind}">${s.kind}</span> ${s.kind === 'direct' ? html`“${statementDisplay(s.text)}”` : statementDisplay(s.text)}${matches ? html`<div class="meta">${matches}</div>` : ''}${renderings(s)}</td>
  <td>${stanceBadge(s.stance)}</td>
  <td class="outlets">${joinHtml(outlets.map((o) => outletLink(o)), ', ')}</td>
  <td class="first"><a href="${pathTo('article', s.firstArticleId)}"><time>${formatDay(s.firstDate)}</time></a></td>
</tr>`;
  });
  return html`<div class="table-scroll"><table class="who-said-what">
<caption>${caption}</caption>
<thead><tr><th scope="col">Speaker</th><th scope="col">Statement</th><th scope="col">Stance</th><th scope="col">Outlets</th><th scope="col">First appearance</th></tr></thead>
<tbody>${body}</tbody>
</table></div>`;
}
