/**
 * Builds IngestBundles for the synthetic corpus directly (events, story lines,
 * statements and entities taken from the corpus spec), so the benchmark can
 * fill a real store with 10,000 articles through `Store.commit` in seconds.
 * The web reads only what is stored, so the front page sees what it would
 * after a real ingest of the same data.
 */
import type { ArticleId } from '../../src/model/types.js';
import type { EventRecord, IngestBundle, StatementRecord, StorylineRecord } from '../../src/store/store-port.js';
import type { CorpusSpec } from '../../test/web/fake-corpus.js';
import { buildArticle } from '../../test/web/fake-store.js';

export function* syntheticBundles(corpus: CorpusSpec, at: Date): Generator<IngestBundle> {
  const eventSpec = new Map(corpus.events.map((e) => [e.id, e]));
  const storylineLabel = new Map(corpus.storylines.map((s) => [s.id, s.label]));
  const events = new Map<string, EventRecord & { names: Map<string, number> }>();
  const storylines = new Map<string, StorylineRecord & { names: Map<string, number> }>();
  const seenStatements = new Set<string>();
  const top = (m: Map<string, number>, n: number): string[] => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n).map(([k]) => k);
  const min = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a < b ? a : b);
  const max = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a > b ? a : b);

  for (const spec of corpus.articles) {
    const article = buildArticle(spec);
    const day = article.publishedAt?.slice(0, 10) ?? null;
    const es = eventSpec.get(spec.eventId);
    const ev = events.get(spec.eventId) ?? {
      id: spec.eventId, storylineId: es?.storylineId ?? null, label: es?.label ?? spec.eventId, summary: es?.summary ?? '',
      firstDate: null, lastDate: null, articleCount: 0, outlets: [], keyEntities: [], names: new Map<string, number>(),
    };
    const created = ev.articleCount === 0;
    ev.articleCount++;
    ev.firstDate = min(ev.firstDate, day);
    ev.lastDate = max(ev.lastDate, day);
    if (!ev.outlets.includes(spec.outlet)) ev.outlets.push(spec.outlet);
    for (const m of article.entities) ev.names.set(m.name, (ev.names.get(m.name) ?? 0) + 1);
    ev.keyEntities = top(ev.names, 5);
    events.set(ev.id, ev);
    const storylineRecords: StorylineRecord[] = [];
    if (ev.storylineId) {
      const sl = storylines.get(ev.storylineId) ?? { id: ev.storylineId, label: storylineLabel.get(ev.storylineId) ?? ev.storylineId, firstDate: null, lastDate: null, keyEntities: [], names: new Map<string, number>() };
      sl.firstDate = min(sl.firstDate, day);
      sl.lastDate = max(sl.lastDate, day);
      for (const m of article.entities) sl.names.set(m.name, (sl.names.get(m.name) ?? 0) + 1);
      sl.keyEntities = top(sl.names, 6);
      storylines.set(sl.id, sl);
      const { names: _n, ...record } = sl;
      storylineRecords.push(record);
    }
    const statements: StatementRecord[] = [];
    const quoteStatements = article.quotes.map((q, i) => {
      const id = spec.quotes[i]?.statementId ?? `st-${spec.id}-${i}`;
      const first = !seenStatements.has(id);
      if (first) {
        seenStatements.add(id);
        statements.push({ id, speaker: q.speaker?.name ?? null, speakerEntityId: q.speaker?.entityId ? `ent-${q.speaker.entityId}` : null, text: q.text, kind: q.kind, stance: q.cue.stance, firstArticleId: article.id, firstDate: article.publishedAt });
      }
      return { statementId: id, match: first ? ('first' as const) : ('verbatim' as const) };
    });
    const { names: _names, ...eventRecord } = ev;
    yield {
      raw: { source: article.source, kind: 'text', contentType: 'text/plain', content: article.text, url: spec.url, title: spec.title, outlet: spec.outlet },
      article,
      entities: article.entityTable.map((e) => ({ localId: e.id, entity: { id: `ent-${e.id}`, name: e.name, type: e.type, matchKey: e.name.toLowerCase(), aliases: e.aliases, roles: [] }, reason: 'synthetic' })),
      quoteStatements,
      statements,
      eventId: ev.id,
      membership: created ? 'first article of the event' : 'synthetic corpus assignment',
      events: [eventRecord],
      storylines: storylineRecords,
      eventMerges: [],
      history: [{ eventId: ev.id, action: created ? 'create' : 'add', detail: `article ${article.id}` }],
      provenance: {
        kind: spec.provenance,
        of: (spec.provenanceOf ?? null) as ArticleId | null,
        edges: spec.provenanceOf ? [{ from: spec.provenanceOf as ArticleId, to: article.id, kind: spec.provenance, evidence: 'synthetic', score: 0.9 }] : [],
      },
      clusterDoc: { id: article.id, title: article.title, text: '', publishedAt: article.publishedAt, entities: [], places: [], outlet: article.outlet },
      at: at.toISOString(),
    };
  }
}
