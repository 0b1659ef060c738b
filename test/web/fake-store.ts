/**
 * An in-memory StoreReader over a CorpusSpec, for the web tests (until and
 * alongside the real SQLite store). Behaves like the port documents: filters,
 * sorting, limits, search with facets.
 */
import type { Article, ArticleId, Entity, EntityMention, EventId, PlaceMention, Quote, StorylineId } from '../../src/model/types.js';
import type {
  ArticleSummary, EntityDetail, EntitySummary, EventDetail, EventFilter, EventSummary, FacetCount, OutletSummary,
  ProvenanceEdge, Rejection, SearchResult, StatementRow, StoreReader, StoreStats, StoredArticle, StorylineDetail, StorylineSummary,
} from '../../src/store/store-port.js';
import { SAMPLE_CORPUS, type ArticleSpec, type CorpusSpec } from './fake-corpus.js';

function allIndexes(text: string, needle: string): number[] {
  const out: number[] = [];
  if (needle === '') return out;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) out.push(i);
  return out;
}

/** Distinct per article (so stores do not see every sample article as a near-copy of every other). */
function pseudoSimhash(id: string): string {
  let h = 0xcbf29ce484222325n;
  for (const ch of id) h = BigInt.asUintN(64, (h ^ BigInt(ch.codePointAt(0) ?? 0)) * 0x100000001b3n);
  return h.toString(16).padStart(16, '0');
}

export function slug(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
}

export function buildArticle(s: ArticleSpec): Article {
  const text = s.text;
  const entities: EntityMention[] = [];
  const taken = new Set<number>();
  // Longer names first, so "Irina Voronova" wins over "Voronova" at the same place.
  for (const e of [...s.entities].sort((a, b) => b.text.length - a.text.length)) {
    for (const i of allIndexes(text, e.text)) {
      let overlap = false;
      for (let k = i; k < i + e.text.length; k++) if (taken.has(k)) overlap = true;
      if (overlap) continue;
      for (let k = i; k < i + e.text.length; k++) taken.add(k);
      entities.push({ start: i, end: i + e.text.length, text: e.text, type: e.type, entityId: slug(e.name), name: e.name });
    }
  }
  entities.sort((a, b) => a.start - b.start);
  const places: PlaceMention[] = s.places.flatMap((p) =>
    allIndexes(text, p.text).map((i) => ({ start: i, end: i + p.text.length, text: p.text, name: p.name, lat: p.lat, lon: p.lon, country: p.country, geonameId: null })),
  );
  const quotes: Quote[] = s.quotes.flatMap((q) => {
    const i = text.indexOf(q.text);
    if (i === -1) return [];
    const cueAt = text.indexOf(q.cue);
    const spAt = q.speakerText ? text.indexOf(q.speakerText) : -1;
    return [{
      start: i, end: i + q.text.length, text: q.text, kind: q.kind,
      cue: { start: Math.max(cueAt, 0), end: Math.max(cueAt, 0) + q.cue.length, text: q.cue, stance: q.stance },
      speaker: q.speakerText ? { start: Math.max(spAt, 0), end: Math.max(spAt, 0) + q.speakerText.length, text: q.speakerText, entityId: q.speaker ? slug(q.speaker) : null, name: q.speaker, anonymous: q.anonymous ?? false, via: q.via ?? null } : null,
    }];
  });
  const table = new Map<string, Entity>();
  for (const m of entities) {
    const cur = table.get(m.entityId) ?? { id: m.entityId, name: m.name, type: m.type, aliases: [], roles: [] };
    if (!cur.aliases.includes(m.text)) cur.aliases.push(m.text);
    table.set(m.entityId, cur);
  }
  const dl = s.dateline ? { ...s.dateline, start: text.indexOf(s.dateline.text), end: text.indexOf(s.dateline.text) + s.dateline.text.length } : null;
  const paragraphs: Article['paragraphs'] = [];
  let pos = 0;
  for (const block of text.split('\n\n')) {
    paragraphs.push({ start: pos, end: pos + block.length, kind: 'p' });
    pos += block.length + 2;
  }
  return {
    id: s.id as ArticleId, source: `fake/${s.id}.txt`, contentHash: slug(s.id), title: s.title, outlet: s.outlet, url: s.url, byline: s.byline ?? null,
    publishedAt: s.publishedAt, dateConfidence: s.dateConfidence ?? (s.publishedAt ? 'high' : 'none'), dateSource: s.publishedAt ? 'meta: test corpus' : null,
    dates: s.publishedAt ? [{ value: s.publishedAt, text: s.publishedAt, role: 'article', source: 'test corpus' }] : [],
    dateline: dl && dl.start >= 0 ? dl : null, wire: s.provenance === 'wire', language: 'en', text, paragraphs, removed: s.removed ?? [], method: 'text-cleaner',
    sentences: [], entities, entityTable: [...table.values()], quotes, places, times: [], simhash: pseudoSimhash(s.id),
  };
}

function leadOf(text: string): string {
  const first = text.split('\n\n')[0] ?? '';
  return first.length > 300 ? `${first.slice(0, 300)}…` : first;
}

const byDateDesc = (a: string | null, b: string | null): number => (b ?? '').localeCompare(a ?? '');

export function createFakeStore(corpus: CorpusSpec = SAMPLE_CORPUS): StoreReader {
  const specs = new Map(corpus.articles.map((a) => [a.id, a]));
  const articles = new Map(corpus.articles.map((a) => [a.id, buildArticle(a)]));
  const summary = (id: string): ArticleSummary => {
    const s = specs.get(id)!;
    const a = articles.get(id)!;
    return { id: a.id, source: a.source, title: a.title, outlet: a.outlet, url: a.url, publishedAt: a.publishedAt, dateConfidence: a.dateConfidence, lead: leadOf(a.text), eventId: s.eventId as EventId, provenance: s.provenance, provenanceOf: (s.provenanceOf ?? null) as ArticleId | null };
  };
  // The corpus never changes, so per-event and per-story-line views are computed once.
  const byEvent = new Map<string, ArticleSummary[]>();
  for (const a of corpus.articles) byEvent.set(a.eventId, [...(byEvent.get(a.eventId) ?? []), summary(a.id)]);
  const eventArticles = (eventId: string): ArticleSummary[] => byEvent.get(eventId) ?? [];
  const memo = <T>(f: (id: string) => T): ((id: string) => T) => {
    const cache = new Map<string, T>();
    return (id) => {
      if (!cache.has(id)) cache.set(id, f(id));
      return cache.get(id) as T;
    };
  };
  const entityCount = (names: string[]): string[] => {
    const counts = new Map<string, number>();
    for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([n]) => n);
  };
  const eventSpecs = new Map(corpus.events.map((e) => [e.id, e]));
  const eventSummary = memo((id: string): EventSummary => {
    const e = eventSpecs.get(id)!;
    const arts = eventArticles(id);
    const dates = arts.map((a) => a.publishedAt).filter((d): d is string => d !== null).sort();
    const names = arts.flatMap((a) => articles.get(a.id)!.entities.filter((m) => m.type !== 'LOC').map((m) => m.name));
    return {
      id: e.id as EventId, storylineId: e.storylineId as StorylineId | null, label: e.label, summary: e.summary,
      firstDate: dates[0]?.slice(0, 10) ?? null, lastDate: dates[dates.length - 1]?.slice(0, 10) ?? null,
      articleCount: arts.length, outlets: [...new Set(arts.map((a) => a.outlet ?? ''))].filter(Boolean), keyEntities: entityCount(names).slice(0, 5),
    };
  });
  const storylineSummary = memo((id: string): StorylineSummary => {
    const s = corpus.storylines.find((x) => x.id === id)!;
    const evs = corpus.events.filter((e) => e.storylineId === id).map((e) => eventSummary(e.id));
    const dates = evs.flatMap((e) => [e.firstDate, e.lastDate]).filter((d): d is string => d !== null).sort();
    return {
      id: s.id as StorylineId, label: s.label, firstDate: dates[0] ?? null, lastDate: dates[dates.length - 1] ?? null, eventCount: evs.length,
      articleCount: evs.reduce((n, e) => n + e.articleCount, 0), outlets: [...new Set(evs.flatMap((e) => e.outlets))], keyEntities: entityCount(evs.flatMap((e) => e.keyEntities)).slice(0, 6),
    };
  });

  // Statements: quotes grouped by statementId, first appearance first.
  const statements: StatementRow[] = [];
  const groups = new Map<string, { spec: ArticleSpec; q: ArticleSpec['quotes'][number] }[]>();
  for (const a of corpus.articles) for (const q of a.quotes) groups.set(q.statementId, [...(groups.get(q.statementId) ?? []), { spec: a, q }]);
  for (const [id, list] of groups) {
    const sorted = [...list].sort((x, y) => (x.spec.publishedAt ?? '9999').localeCompare(y.spec.publishedAt ?? '9999'));
    const first = sorted[0]!;
    statements.push({
      id, speaker: first.q.speaker ?? first.q.speakerText ?? null, speakerEntityId: first.q.speaker ? slug(first.q.speaker) : null,
      text: first.q.text.replace(/^"|,?"$/g, ''), kind: first.q.kind, stance: first.q.stance, firstArticleId: first.spec.id as ArticleId, firstDate: first.spec.publishedAt,
      renderings: sorted.map((r, i) => ({ articleId: r.spec.id as ArticleId, outlet: r.spec.outlet, publishedAt: r.spec.publishedAt, text: r.q.text, match: i === 0 ? 'first' : r.q.text === first.q.text ? 'verbatim' : 'paraphrase' })),
    });
  }

  // Entities across the corpus.
  const entityIndex = new Map<string, EntityDetail>();
  for (const a of articles.values()) {
    for (const m of a.entities) {
      const spec = corpus.entities.find((e) => e.name === m.name);
      const cur = entityIndex.get(m.entityId) ?? { id: m.entityId, name: m.name, type: m.type, aliases: [], roles: spec?.roles ?? [], articleCount: 0, mentionCount: 0, articles: [], statements: [], coOccurring: [], mergedFrom: [] };
      if (!cur.aliases.includes(m.text)) cur.aliases.push(m.text);
      cur.mentionCount++;
      if (!cur.articles.some((x) => x.id === a.id)) cur.articles.push(summary(a.id));
      cur.articleCount = cur.articles.length;
      entityIndex.set(m.entityId, cur);
    }
  }
  for (const e of entityIndex.values()) {
    e.statements = statements.filter((s) => s.speakerEntityId === e.id);
    const co = new Map<string, number>();
    for (const a of e.articles) for (const other of new Set(articles.get(a.id)!.entities.map((m) => m.entityId))) if (other !== e.id) co.set(other, (co.get(other) ?? 0) + 1);
    e.coOccurring = [...co].sort((a, b) => b[1] - a[1]).map(([id, count]) => ({ id, name: entityIndex.get(id)?.name ?? id, count }));
  }

  const page = <T>(list: T[], opts?: { limit?: number; offset?: number }): T[] => list.slice(opts?.offset ?? 0, (opts?.offset ?? 0) + (opts?.limit ?? 50));
  const outletSummaries = (): OutletSummary[] => {
    const map = new Map<string, OutletSummary>();
    for (const s of corpus.articles) {
      const o = map.get(s.outlet) ?? { name: s.outlet, articleCount: 0, originalCount: 0, copyCount: 0 };
      o.articleCount++;
      if (s.provenance === 'original') o.originalCount++;
      else o.copyCount++;
      map.set(s.outlet, o);
    }
    return [...map.values()].sort((a, b) => b.articleCount - a.articleCount || a.name.localeCompare(b.name));
  };
  const findEntity = (idOrName: string): EntityDetail | null => {
    const lower = idOrName.toLowerCase();
    return entityIndex.get(idOrName) ?? [...entityIndex.values()].find((e) => e.name.toLowerCase() === lower || e.aliases.some((a) => a.toLowerCase() === lower)) ?? null;
  };

  return {
    async stats(): Promise<StoreStats> {
      return { articles: articles.size, events: corpus.events.length, storylines: corpus.storylines.length, entities: entityIndex.size, statements: statements.length, rejections: corpus.rejections.length, outlets: outletSummaries().length };
    },
    async listStorylines(opts) {
      return page(corpus.storylines.map((s) => storylineSummary(s.id)).sort((a, b) => byDateDesc(a.lastDate, b.lastDate)), opts);
    },
    async getStoryline(id): Promise<StorylineDetail | null> {
      if (!corpus.storylines.some((s) => s.id === id)) return null;
      return { ...storylineSummary(id), events: corpus.events.filter((e) => e.storylineId === id).map((e) => eventSummary(e.id)) };
    },
    async listEvents(filter: EventFilter & { place?: string } = {}) {
      let list = corpus.events.map((e) => eventSummary(e.id));
      if (filter.outlet) list = list.filter((e) => e.outlets.includes(filter.outlet!));
      if (filter.entity) {
        const ent = findEntity(filter.entity);
        list = list.filter((e) => ent !== null && eventArticles(e.id).some((a) => articles.get(a.id)!.entities.some((m) => m.entityId === ent.id)));
      }
      if (filter.place) list = list.filter((e) => eventArticles(e.id).some((a) => articles.get(a.id)!.places.some((p) => p.name.toLowerCase() === filter.place!.toLowerCase())));
      if (filter.from) list = list.filter((e) => (e.lastDate ?? '') >= filter.from!);
      if (filter.to) list = list.filter((e) => (e.firstDate ?? '9999') <= `${filter.to!}\uffff`);
      if (filter.storylineId) list = list.filter((e) => e.storylineId === filter.storylineId);
      list.sort(filter.sort === 'most-covered' ? (a, b) => b.articleCount - a.articleCount || byDateDesc(a.lastDate, b.lastDate) : (a, b) => byDateDesc(a.lastDate, b.lastDate));
      return page(list, filter);
    },
    async getEvent(id): Promise<EventDetail | null> {
      if (!corpus.events.some((e) => e.id === id)) return null;
      const arts = eventArticles(id);
      const places = new Map<string, { name: string; lat: number; lon: number; count: number }>();
      for (const a of arts) for (const p of articles.get(a.id)!.places) {
        const cur = places.get(p.name) ?? { name: p.name, lat: p.lat, lon: p.lon, count: 0 };
        cur.count++;
        places.set(p.name, cur);
      }
      const provenance: ProvenanceEdge[] = arts.filter((a) => a.provenanceOf).map((a) => ({ from: a.provenanceOf!, to: a.id, kind: a.provenance, evidence: specs.get(a.id)?.evidence ?? '', score: a.provenance === 'rewrite' ? 0.62 : 0.97 }));
      return {
        ...eventSummary(id), articles: arts,
        membership: arts.map((a, i) => ({ articleId: a.id, reason: i === 0 ? 'first article of the event' : 'shares entities and places with the event within 3 days' })),
        history: [{ at: arts[0]?.publishedAt ?? '2020-01-01', action: 'create', detail: `created from ${arts[0]?.id ?? '?'}` }],
        places: [...places.values()], provenance,
      };
    },
    async getArticle(id): Promise<StoredArticle | null> {
      const a = articles.get(id);
      const s = specs.get(id);
      if (!a || !s) return null;
      return { article: a, raw: { source: a.source, kind: 'text', contentType: 'text/plain', content: s.raw ?? [s.title, ...(s.removed ?? []).map((r) => r.text), s.text].join('\n\n') }, eventId: s.eventId as EventId, provenance: s.provenance, provenanceOf: (s.provenanceOf ?? null) as ArticleId | null };
    },
    async listArticles(opts) {
      const list = corpus.articles.filter((a) => !opts?.outlet || a.outlet === opts.outlet).map((a) => summary(a.id)).sort((a, b) => byDateDesc(a.publishedAt, b.publishedAt));
      return page(list, opts);
    },
    async search(query, opts): Promise<SearchResult> {
      const terms = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      let hits = corpus.articles
        .map((s) => ({ s, hay: `${s.title}\n${s.text}`.toLowerCase() }))
        .filter(({ hay }) => terms.length > 0 && terms.every((t) => hay.includes(t)))
        .map(({ s, hay }) => {
          const at = hay.indexOf(terms[0]!) - (s.title.length + 1);
          const start = Math.max(0, at - 60);
          return { article: summary(s.id), snippet: `${start > 0 ? '…' : ''}${s.text.slice(start, start + 200)}…`, score: terms.reduce((n, t) => n + hay.split(t).length - 1, 0) };
        });
      if (opts?.outlet) hits = hits.filter((h) => h.article.outlet === opts.outlet);
      if (opts?.entity) hits = hits.filter((h) => articles.get(h.article.id)!.entities.some((m) => m.name.toLowerCase() === opts.entity!.toLowerCase()));
      if (opts?.from) hits = hits.filter((h) => (h.article.publishedAt ?? '') >= opts.from!);
      if (opts?.to) hits = hits.filter((h) => (h.article.publishedAt ?? '9999') <= `${opts.to!}\uffff`);
      hits.sort((a, b) => b.score - a.score);
      const facet = (values: string[]): FacetCount[] => {
        const m = new Map<string, number>();
        for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
        return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([value, count]) => ({ value, count }));
      };
      return {
        hits: page(hits, opts), total: hits.length,
        facets: {
          outlets: facet(hits.map((h) => h.article.outlet ?? 'unknown')),
          entities: facet(hits.flatMap((h) => [...new Set(articles.get(h.article.id)!.entities.map((m) => m.name))])),
          years: facet(hits.map((h) => h.article.publishedAt?.slice(0, 4)).filter((y): y is string => !!y)),
        },
      };
    },
    async listStatements(opts: { speaker?: string; limit?: number; offset?: number; eventId?: string; storylineId?: string; ids?: string[] } = {}) {
      let list = statements;
      if (opts.ids) list = list.filter((s) => opts.ids!.includes(s.id));
      if (opts.speaker) {
        const ent = findEntity(opts.speaker);
        list = list.filter((s) => (ent && s.speakerEntityId === ent.id) || s.speaker?.toLowerCase() === opts.speaker!.toLowerCase());
      }
      if (opts.eventId) list = list.filter((s) => s.renderings.some((r) => specs.get(r.articleId)?.eventId === opts.eventId));
      if (opts.storylineId) list = list.filter((s) => s.renderings.some((r) => eventSpecs.get(specs.get(r.articleId)?.eventId ?? '')?.storylineId === opts.storylineId));
      return page(list, opts);
    },
    async exportIds(kind, after, limit) {
      const all: string[] =
        kind === 'articles' ? [...articles.keys()]
        : kind === 'events' ? corpus.events.map((e) => e.id)
        : kind === 'storylines' ? corpus.storylines.map((s) => s.id)
        : kind === 'entities' ? [...entityIndex.keys()]
        : statements.map((s) => s.id);
      return all.filter((id) => id > (after ?? '')).sort().slice(0, limit);
    },
    async listEntities(opts) {
      let list: EntitySummary[] = [...entityIndex.values()].map(({ articles: _a, statements: _s, coOccurring: _c, mergedFrom: _m, ...rest }) => rest);
      if (opts?.type) list = list.filter((e) => e.type === opts.type);
      if (opts?.query) list = list.filter((e) => e.name.toLowerCase().includes(opts.query!.toLowerCase()));
      return page(list.sort((a, b) => b.mentionCount - a.mentionCount || a.name.localeCompare(b.name)), opts);
    },
    async getEntity(idOrName) {
      return findEntity(idOrName);
    },
    async listOutlets() {
      return outletSummaries();
    },
    async getOutlet(name) {
      const o = outletSummaries().find((x) => x.name === name);
      if (!o) return null;
      const arts = corpus.articles.filter((a) => a.outlet === name).map((a) => summary(a.id)).sort((a, b) => byDateDesc(a.publishedAt, b.publishedAt));
      const evIds = [...new Set(arts.map((a) => a.eventId).filter((e): e is EventId => e !== null))];
      return { ...o, articles: arts, events: evIds.map((id) => eventSummary(id)) };
    },
    async listRejections(opts): Promise<Rejection[]> {
      return page(corpus.rejections, opts);
    },
  };
}
