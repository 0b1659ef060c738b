/**
 * Gathers what the composite views need from the narrow store port (several
 * calls per page). Shared by the HTML views and the JSON API so both agree.
 */
import type { ArticleSummary, EventDetail, EventSummary, StatementRow, StoreReader, StorylineDetail } from '../store/store-port.js';
import type { MapPlace } from './svg/world-map-svg.js';

/** Caps keep one request bounded however large a story line grows. */
const MAX_EVENTS_EXPANDED = 200;
const MAX_STATEMENTS = 2000;
const MAX_PLACE_EVENTS = 60;

type StatementQuery = NonNullable<Parameters<StoreReader['listStatements']>[0]> & { eventId?: string; storylineId?: string };

/**
 * Statements carried by any of the given articles. The scope hint (`eventId`,
 * `storylineId`) lets a store narrow the query; the filter here keeps the
 * answer right for a store that ignores the hint.
 */
export async function statementsForArticles(store: StoreReader, articleIds: ReadonlySet<string>, scope: { eventId?: string; storylineId?: string }): Promise<StatementRow[]> {
  const query: StatementQuery = { ...scope, limit: MAX_STATEMENTS };
  const rows = await store.listStatements(query);
  return rows
    .filter((s) => articleIds.has(s.firstArticleId) || s.renderings.some((r) => articleIds.has(r.articleId)))
    .sort((a, b) => (a.firstDate ?? '9999').localeCompare(b.firstDate ?? '9999') || a.id.localeCompare(b.id));
}

export async function eventWithStatements(store: StoreReader, id: string): Promise<{ event: EventDetail; statements: StatementRow[] } | null> {
  const event = await store.getEvent(id);
  if (!event) return null;
  const ids = new Set<string>(event.articles.map((a) => a.id));
  return { event, statements: await statementsForArticles(store, ids, { eventId: event.id }) };
}

export interface StorylineData {
  storyline: StorylineDetail;
  articles: ArticleSummary[];
  statements: StatementRow[];
}

export async function storylineData(store: StoreReader, id: string): Promise<StorylineData | null> {
  const storyline = await store.getStoryline(id);
  if (!storyline) return null;
  const details = await Promise.all(storyline.events.slice(0, MAX_EVENTS_EXPANDED).map((e) => store.getEvent(e.id)));
  const seen = new Map<string, ArticleSummary>();
  for (const d of details) for (const a of d?.articles ?? []) seen.set(a.id, a);
  const articles = [...seen.values()];
  const statements = await statementsForArticles(store, new Set(seen.keys()), { storylineId: storyline.id });
  return { storyline, articles, statements };
}

export interface PlaceData {
  name: string;
  place: MapPlace | null;
  nearby: MapPlace[];
  events: EventSummary[];
}

type EventQuery = NonNullable<Parameters<StoreReader['listEvents']>[0]> & { place?: string };

/**
 * Events that name a place. The store may narrow by `place`; each event's own
 * place list is checked so that the answer is right either way.
 */
export async function eventsAtPlace(store: StoreReader, name: string, extra: EventQuery = {}): Promise<PlaceData> {
  const query: EventQuery = { limit: MAX_PLACE_EVENTS, ...extra, place: name };
  const candidates = await store.listEvents(query);
  const details = await Promise.all(candidates.slice(0, MAX_PLACE_EVENTS).map((e) => store.getEvent(e.id)));
  const wanted = name.toLowerCase();
  const events: EventSummary[] = [];
  const found: { place: MapPlace | null } = { place: null };
  const nearby = new Map<string, MapPlace>();
  for (const d of details) {
    if (!d) continue;
    const hit = d.places.find((p) => p.name.toLowerCase() === wanted);
    if (!hit) continue;
    const { articles: _a, membership: _m, history: _h, places: _p, provenance: _v, ...summary } = d;
    events.push(summary);
    const prev = found.place;
    found.place = prev ? { ...prev, count: prev.count + hit.count } : { name: hit.name, lat: hit.lat, lon: hit.lon, count: hit.count };
    for (const p of d.places) {
      if (p.name.toLowerCase() === wanted) continue;
      const cur = nearby.get(p.name);
      nearby.set(p.name, cur ? { ...cur, count: cur.count + p.count } : { ...p });
    }
  }
  return { name: found.place?.name ?? name, place: found.place, nearby: [...nearby.values()].sort((a, b) => b.count - a.count).slice(0, 20), events };
}
