import { summarizeEvent, type CoverageStatement, type EventSummary, type SummaryArticle } from './event-summary.js';

/**
 * A story line for reading: a label, the timeline of its events (each with
 * its own summary and outlets) and the statements made along it in date order.
 */

export interface StorylineEventInput {
  eventId: string;
  articles: SummaryArticle[];
}

export interface StorylineTimelineEntry extends EventSummary {
  eventId: string;
  articleCount: number;
}

export interface StorylineSummary {
  label: string;
  firstDate: string | null;
  lastDate: string | null;
  keyEntities: string[];
  keyPlaces: string[];
  /** Events oldest first; undated events last. */
  timeline: StorylineTimelineEntry[];
  /** Statements with the date of the article that carried them, oldest first. */
  statements: (CoverageStatement & { eventId: string; date: string | null })[];
}

function years(a: string | null, b: string | null): string {
  if (a === null) return '';
  const y1 = a.slice(0, 4);
  const y2 = (b ?? a).slice(0, 4);
  return y1 === y2 ? ` (${y1})` : ` (${y1}–${y2})`;
}

export function summarizeStoryline(events: StorylineEventInput[], statements: CoverageStatement[] = []): StorylineSummary {
  const timeline: StorylineTimelineEntry[] = events
    .map((e) => ({ eventId: e.eventId, articleCount: e.articles.length, ...summarizeEvent(e.articles) }))
    .sort((a, b) => {
      if (a.firstDate === null || b.firstDate === null) return a.firstDate === null ? (b.firstDate === null ? 0 : 1) : -1;
      return a.firstDate.localeCompare(b.firstDate);
    });
  const all = events.flatMap((e) => e.articles);
  // The label: the headline most representative of the whole story line, with its span of years.
  const overall = summarizeEvent(all);
  const dated = timeline.filter((t) => t.firstDate !== null);
  const firstDate = dated[0]?.firstDate ?? null;
  const lastDate = dated.reduce<string | null>((m, t) => (t.lastDate !== null && (m === null || t.lastDate > m) ? t.lastDate : m), null);
  const eventOf = new Map<string, { eventId: string; date: string | null }>();
  for (const e of events) for (const a of e.articles) eventOf.set(a.id, { eventId: e.eventId, date: a.publishedAt });
  const stmts = statements
    .filter((s) => eventOf.has(s.articleId))
    .map((s) => ({ ...s, ...eventOf.get(s.articleId)! }))
    .sort((a, b) => (a.date ?? '\uffff').localeCompare(b.date ?? '\uffff'));
  return {
    label: overall.label + years(firstDate, lastDate),
    firstDate,
    lastDate,
    keyEntities: overall.keyEntities,
    keyPlaces: overall.keyPlaces,
    timeline,
    statements: stmts,
  };
}
