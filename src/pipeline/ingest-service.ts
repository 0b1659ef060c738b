/**
 * Ingesting analysed articles into a store: duplicates, corpus entities,
 * statements, event clustering, summaries and provenance — decided here, once,
 * for every backend; the store writes each decision in one transaction.
 */
import { createHash } from 'node:crypto';
import type { ClusterDoc } from '../cluster/cluster-types.js';
import { EventClusterer, type EventClustererConfig } from '../cluster/event-clusterer.js';
import { summarizeEvent } from '../cluster/event-summary.js';
import { buildProvenance, ProvenanceMemo } from '../provenance/provenance-graph.js';
import type { Article, ArticleId, IngestOutcome, RawDocument } from '../model/types.js';
import type { ClusteringChange, ClusterLogEntry, CorpusEntity, EventRecord, IngestBundle, ProvenanceEdge, ProvenanceKind, StatementRecord, Store, StorylineRecord } from '../store/store-port.js';
import { CandidateIndex, PreparedCache } from './statement-link.js';
import { arrivedOutOfOrder, diffPartitions, replayInPublicationOrder } from './resequence.js';
import { analyzeDocument } from './analyze.js';
import { OutletPlaceHistory, settleOutletPlaces } from './outlet-places.js';
import { resolveCorpusEntities } from './entity-resolution.js';

export interface IngestServiceOptions {
  /** The clock, injected (events' history and input log timestamps). */
  now: () => Date;
  /** Articles compared per event when building provenance (most recent first). */
  provenanceWindow?: number;
  /** When given, milliseconds spent in each phase of the ingest decision are added here (profiling). */
  phaseTimes?: Map<string, number>;
  /** The clock phases are timed with, in milliseconds (default: wall time; a profiler on a shared machine may pass CPU time). */
  phaseClock?: () => number;
}

/**
 * The stored clusterer's configuration. Splits move stored articles between
 * events outside any single article's commit; the store applies re-clusterings
 * only at settle time, so the online clusterer runs without them.
 */
export const STORED_CLUSTERER: EventClustererConfig = { memberVectors: 0 };
/** Assignments between two clusterer checkpoints (a crash replays at most this many log entries). */
const CHECKPOINT_EVERY = 500;
const LOG_PAGE = 2_000;

/** What `settle()` did. */
export interface SettleReport {
  /** Whether the log was replayed in publication order. */
  replayed: boolean;
  articles: number;
  moved: number;
  eventsChanged: number;
  eventsRetired: number;
  /** Why nothing was replayed, when nothing was. */
  note?: string;
  /** Articles whose places were re-read with their outlet's whole profile (see settlePlaces). */
  placesChanged?: number;
}

/** Articles of one outlet that settle re-reads places over (the most recent). */
const PLACE_SETTLE_ARTICLES = 200;

const hash = (s: string, n = 12) => createHash('sha256').update(s).digest('hex').slice(0, n);

const uniq = <T>(xs: Iterable<T>): T[] => [...new Set(xs)];

export class IngestService {
  private readonly prepared = new PreparedCache();
  /** Prepared texts and pair decisions of recent articles: an event's provenance is rebuilt per article from mostly the same pairs. */
  private readonly provenanceMemo = new ProvenanceMemo();
  /** Per-outlet place history (in memory: it starts empty in each process and builds up as articles are stored). */
  private readonly outletPlaces = new OutletPlaceHistory();
  private sinceCheckpoint = 0;

  private constructor(
    private readonly store: Store,
    private clusterer: EventClusterer,
    /** The cluster-log position the in-memory clusterer has seen. */
    private seq: number,
    private readonly opts: Required<Omit<IngestServiceOptions, 'phaseTimes' | 'phaseClock'>> & Pick<IngestServiceOptions, 'phaseTimes' | 'phaseClock'>,
  ) {}

  private t0 = 0;
  /** Adds the time since the previous mark to `phase` (only when profiling). */
  private mark(phase: string | null): void {
    const times = this.opts.phaseTimes;
    if (times === undefined) return;
    const t = this.opts.phaseClock?.() ?? performance.now();
    if (phase !== null) times.set(phase, (times.get(phase) ?? 0) + (t - this.t0));
    this.t0 = t;
  }

  static async open(store: Store, options: IngestServiceOptions): Promise<IngestService> {
    const opts = { provenanceWindow: 40, ...options };
    const service = new IngestService(store, new EventClusterer(STORED_CLUSTERER), 0, opts);
    await service.reload();
    return service;
  }

  /** Rebuilds the in-memory clusterer: the latest checkpoint, then the log entries after it. */
  private async reload(): Promise<void> {
    const cp = await this.store.loadClusterState();
    this.clusterer = cp === null ? new EventClusterer(STORED_CLUSTERER) : EventClusterer.restore(cp.snapshot);
    this.seq = cp?.seq ?? 0;
    this.sinceCheckpoint = 0;
    await this.catchUp();
  }

  /** Replays log entries other writers (or a crashed run) appended since this clusterer's position. */
  private async catchUp(): Promise<void> {
    const head = await this.store.clusterHead();
    if (head === this.seq) return;
    if (head < this.seq) return this.reload();
    for (let page = await this.store.clusterLog(this.seq, LOG_PAGE); page.length > 0; page = await this.store.clusterLog(this.seq, LOG_PAGE)) {
      for (const e of page) {
        this.clusterer.assign(e.doc);
        this.seq = e.seq;
        this.sinceCheckpoint += 1;
      }
    }
    this.seq = head;
  }

  /** Analyses and stores one raw input; any failure becomes a recorded rejection. */
  async ingestRaw(raw: RawDocument): Promise<IngestOutcome> {
    let analysed;
    try {
      analysed = analyzeDocument(raw);
    } catch (err) {
      return this.store.reject(raw.source, 'internal-error', `analysis failed: ${(err as Error).message}`);
    }
    if (!analysed.ok) return this.store.reject(raw.source, analysed.reason, analysed.detail);
    return this.ingestArticle(raw, analysed.value);
  }

  async ingestArticle(raw: RawDocument, analysed: Article): Promise<IngestOutcome> {
    return this.store.withIngestLock(async () => {
      this.mark(null);
      const dup = await this.store.findDuplicate(analysed.contentHash, analysed.canonicalUrl ?? analysed.url);
      this.mark('dedup');
      if (dup) return this.store.duplicate(raw.source, dup.articleId, dup.reason);
      // Ambiguous place names read in the outlet's home region, learnt from its earlier articles.
      const placed = this.outletPlaces.apply(analysed);
      const article = placed.article;
      this.mark('outlet-places');
      await this.catchUp();
      this.mark('catch-up');
      let outcome: IngestOutcome;
      try {
        const bundle = await this.decide(raw, article);
        outcome = await this.store.commit(bundle);
        this.outletPlaces.observe(article.outlet, placed.observed);
        this.mark('commit');
      } catch (err) {
        // The clusterer saw an article the store did not keep: rebuild it from the store.
        await this.reload();
        throw err;
      }
      this.seq = await this.store.clusterHead();
      this.mark('cluster-head');
      return outcome;
    });
  }

  private async decide(raw: RawDocument, a: Article): Promise<IngestBundle> {
    const at = this.opts.now().toISOString();
    const entities = await resolveCorpusEntities(this.store, a.entityTable);
    this.mark('entities');
    const corpusOf = new Map(entities.map((e) => [e.localId, e.entity]));
    const { statements, quoteStatements } = await this.linkStatements(a, corpusOf);

    // Document-level names (not the corpus's current display names, which depend on what came before),
    // so that replaying the log in another order sees the same inputs.
    const clusterDoc = clusterDocOf(a);
    const assignment = this.clusterer.assign(clusterDoc);
    this.mark('cluster-assign');
    const merges = assignment.merged ?? [];
    const eventMerges = merges.filter((m) => m.from.startsWith('ev-'));
    const storylineMerges = merges.filter((m) => m.from.startsWith('sl-'));

    const members = [...(await this.store.eventArticles([assignment.eventId, ...eventMerges.map((m) => m.from)])), a];
    this.mark('event-members');
    const event = eventRecord(assignment.eventId, assignment.storylineId, members);
    this.mark('event-summary');
    const storylines = [await this.storylineRecord(assignment.storylineId, [event])];
    this.mark('storyline');

    const history: IngestBundle['history'] = [];
    history.push({ eventId: assignment.eventId, action: assignment.isNewEvent ? 'create' : 'add', detail: `${a.id}: ${assignment.reason}` });
    for (const m of eventMerges) history.push({ eventId: m.into, action: 'merge', detail: `merged ${m.from}: ${m.reason}` });
    for (const m of storylineMerges) history.push({ eventId: assignment.eventId, action: 'merge', detail: `story line ${m.from} merged into ${m.into}: ${m.reason}` });

    const provenance = this.provenanceOf(a, members);
    this.mark('provenance');
    const bundle: IngestBundle = {
      raw,
      article: a,
      entities,
      quoteStatements,
      statements,
      eventId: assignment.eventId,
      membership: assignment.reason,
      events: [event],
      storylines,
      eventMerges,
      history,
      provenance,
      clusterDoc,
      at,
    };
    if (++this.sinceCheckpoint >= CHECKPOINT_EVERY) {
      bundle.clusterSnapshot = this.clusterer.snapshot();
      this.sinceCheckpoint = 0;
      this.mark('snapshot');
    }
    if (storylineMerges.length > 0) bundle.storylineMerges = storylineMerges;
    return bundle;
  }

  /** A story line's row from its events: the given (fresh) records, and the stored ones for the rest. */
  private async storylineRecord(storylineId: string, fresh: EventRecord[]): Promise<StorylineRecord> {
    const others = await this.store.listEvents({ storylineId: storylineId as never, limit: 200, sort: 'most-covered' });
    const freshIds = new Set(fresh.map((e) => e.id));
    return storylineOf(storylineId, [...fresh, ...others.filter((e) => !freshIds.has(e.id))]);
  }

  private async linkStatements(a: Article, corpusOf: Map<string, CorpusEntity>): Promise<Pick<IngestBundle, 'statements' | 'quoteStatements'>> {
    const speakerOf = (q: Article['quotes'][number]) =>
      (q.speaker?.entityId ? corpusOf.get(q.speaker.entityId)?.name : undefined) ?? q.speaker?.name ?? q.speaker?.text ?? null;
    // Only named speakers pick up earlier statements by speaker: "he", "officials" or "a spokesman" are not one
    // speaker across the corpus, and their pool would grow with it (every article compared with all of them).
    const named = a.quotes.filter((q) => q.speaker?.entityId != null || (q.speaker?.name ?? null) !== null);
    const speakers = uniq(named.map(speakerOf).filter((s): s is string => s !== null));
    const candidates = await this.store.statementsBySpeakers(speakers);
    this.mark('statements-by-speaker');
    // The same words may be quoted under another name elsewhere: look for articles carrying them.
    if (this.store.statementsOfArticles) {
      const known = new Set(candidates.map((c) => c.id));
      const carriers = new Set<string>();
      for (const q of a.quotes) {
        const words = q.text.match(/[\p{L}\p{N}]+/gu) ?? [];
        if (q.kind === 'indirect' || words.length < 8) continue;
        const mid = Math.max(0, Math.floor(words.length / 2) - 3);
        const phrase = words.slice(mid, mid + 6).join(' ');
        // Only the ids are needed: a store that can rank without the hits' documents, totals and facets does so.
        const ids = this.store.searchArticleIds ? await this.store.searchArticleIds(phrase, 10) : (await this.store.search(phrase, { limit: 10 })).hits.map((h) => h.article.id);
        for (const id of ids) carriers.add(id);
      }
      this.mark('statements-search');
      if (carriers.size > 0) for (const c of await this.store.statementsOfArticles([...carriers])) if (!known.has(c.id)) candidates.push(c);
      this.mark('statements-of-carriers');
    }
    const statements = new Map<string, StatementRecord>();
    const quoteStatements: IngestBundle['quoteStatements'] = [];
    // Each statement's distinct texts, in first-seen order: a rendering carried by many articles is compared once
    // (the same text scores the same, so the best match and its kind do not change).
    // Indexed, so that each quote is compared only with the texts that can match it (same result as comparing all).
    const index = new CandidateIndex(this.prepared);
    for (const c of candidates) index.add(c.id, uniq([c.text, ...c.renderings]));
    for (const q of a.quotes) {
      const speaker = speakerOf(q);
      const pool = candidates;
      const linked = index.best(q.text, (i) => pool[i]!.speaker === speaker);
      const speakerEntityId = q.speaker?.entityId ? (corpusOf.get(q.speaker.entityId)?.id ?? null) : null;
      if (linked) {
        const existing = pool.find((c) => c.id === linked.id)!;
        const earlier = a.publishedAt !== null && (existing.firstDate === null || a.publishedAt < existing.firstDate);
        if (earlier) {
          const rec: StatementRecord = { ...existing, text: q.text, firstArticleId: a.id, firstDate: a.publishedAt };
          statements.set(rec.id, rec);
        }
        quoteStatements.push({ statementId: linked.id, match: earlier ? 'first' : linked.match });
        continue;
      }
      const rec: StatementRecord = {
        id: `st-${hash(`${speaker ?? ''}\n${q.text}`)}`,
        speaker,
        speakerEntityId,
        text: q.text,
        kind: q.kind,
        stance: q.cue.stance,
        firstArticleId: a.id,
        firstDate: a.publishedAt,
      };
      statements.set(rec.id, rec);
      candidates.push({ ...rec, renderings: [] });
      index.add(rec.id, [rec.text]);
      quoteStatements.push({ statementId: rec.id, match: 'first' });
    }
    this.mark('statements-link');
    return { statements: [...statements.values()], quoteStatements };
  }

  private provenanceOf(a: Article, members: Article[]): IngestBundle['provenance'] {
    const pool = members.slice(-this.opts.provenanceWindow);
    if (!pool.includes(a)) pool.push(a);
    const mine = provenanceWithin(pool, this.provenanceMemo).get(a.id)!;
    // The new article's edges in both directions (an earlier-dated article may copy it).
    const edges = provenanceEdges(pool, this.provenanceMemo).filter((e) => e.to === a.id || e.from === a.id);
    return { kind: mine.kind, of: mine.of, edges };
  }

  /**
   * Ends a run: when articles arrived out of publication order since the last
   * settle, replays the whole cluster log in publication order and applies the
   * resulting events (moves, merged-away events, summaries, story lines and
   * provenance of the changed events), so the stored events do not depend on
   * the order the corpus was ingested in. Cheap when arrivals were in order.
   */
  /**
   * Places, settled per outlet: while streaming, an article's ambiguous place names are read with the
   * profile of the outlet's EARLIER articles only (none for its first three); once the new articles are
   * in, every recent article of each outlet that got new ones is re-read with the profile of all the
   * outlet's other articles (settleOutletPlaces). Returns how many articles' places changed.
   */
  private async settlePlaces(outlets: readonly (string | null)[]): Promise<number> {
    let changed = 0;
    for (const outlet of new Set(outlets)) {
      if (outlet === null || outlet.trim() === '') continue;
      const updates = settleOutletPlaces(await this.store.outletArticles(outlet, PLACE_SETTLE_ARTICLES));
      if (updates.length === 0) continue;
      await this.store.replacePlaces(updates.map((a) => ({ articleId: a.id, places: a.places, entityTable: a.entityTable })));
      changed += updates.length;
    }
    return changed;
  }

  async settle(): Promise<SettleReport> {
    return this.store.withIngestLock(async () => {
      await this.catchUp();
      const cp = await this.store.loadClusterState();
      const settledSeq = cp?.settledSeq ?? 0;
      if (this.seq === settledSeq) return { replayed: false, articles: 0, moved: 0, eventsChanged: 0, eventsRetired: 0, note: 'nothing new since the last settle' };
      const entries: ClusterLogEntry[] = [];
      for (let page = await this.store.clusterLog(0, LOG_PAGE); page.length > 0; page = await this.store.clusterLog(entries.at(-1)!.seq, LOG_PAGE)) entries.push(...page);
      const stored = (await this.store.stats()).articles;
      const placesChanged = await this.settlePlaces(entries.filter((e) => e.seq > settledSeq).map((e) => e.doc.outlet));
      const base = { articles: entries.length, moved: 0, eventsChanged: 0, eventsRetired: 0, placesChanged };
      if (entries.length < stored) {
        return { replayed: false, ...base, note: `the cluster log covers ${entries.length} of ${stored} stored articles (a store from before the log): not replayed` };
      }
      const at = this.opts.now().toISOString();
      if (!arrivedOutOfOrder(entries, settledSeq)) {
        await this.store.applyClustering({ ...emptyChange(at), checkpoint: { snapshot: this.clusterer.snapshot(), seq: this.seq } });
        this.sinceCheckpoint = 0;
        return { replayed: false, ...base, note: 'arrivals were in publication order' };
      }
      const replay = replayInPublicationOrder(
        entries.map((e) => e.doc),
        STORED_CLUSTERER,
      );
      const storedEvent = new Map(entries.map((e) => [e.doc.id, e.eventId]));
      const diff = diffPartitions(storedEvent, replay.eventOf);
      // Every event's row is rebuilt (story lines may have been regrouped too); provenance only where membership changed.
      const oldEvents = [...new Set(entries.map((e) => e.eventId).filter((e): e is string => e !== null))];
      const articles = new Map((await this.store.eventArticles(oldEvents)).map((x) => [x.id as string, x]));
      const membersOf = new Map<string, Article[]>();
      for (const [id, ev] of replay.eventOf) {
        const art = articles.get(id);
        if (art !== undefined) membersOf.set(ev, [...(membersOf.get(ev) ?? []), art]);
      }
      const events = [...membersOf].map(([ev, members]) => eventRecord(ev, replay.storylineOf.get(ev) ?? ev, members));
      const byStoryline = new Map<string, EventRecord[]>();
      for (const e of events) byStoryline.set(e.storylineId ?? e.id, [...(byStoryline.get(e.storylineId ?? e.id) ?? []), e]);
      const oldStorylines = new Set(entries.map((e) => e.storylineId).filter((s): s is string => s !== null));
      // Provenance of every event with several articles: an article dated earlier than one stored before it
      // may be the other's source, even where membership did not change.
      const provenance: ClusteringChange['provenance'] = [];
      for (const [ev, all] of membersOf) {
        if (all.length < 2 && !diff.changedEvents.has(ev)) continue;
        const pool = all.slice(-this.opts.provenanceWindow * 4);
        const kinds = provenanceWithin(pool, this.provenanceMemo);
        const edges = provenanceEdges(pool, this.provenanceMemo);
        for (const m of pool) {
          const k = kinds.get(m.id)!;
          provenance.push({ articleId: m.id, kind: k.kind, of: k.of, edges: edges.filter((e) => e.to === m.id) });
        }
      }
      const why = (id: string) => `re-sequenced in publication order: ${replay.reasonOf.get(id) ?? 'replayed'}`;
      const change: ClusteringChange = {
        moves: diff.moved.map((id) => ({ articleId: id as ArticleId, eventId: replay.eventOf.get(id)!, membership: why(id) })),
        events,
        retired: diff.retired,
        storylines: [...byStoryline].map(([id, evs]) => storylineOf(id, evs)),
        retiredStorylines: [...oldStorylines].filter((id) => !byStoryline.has(id)),
        history: [
          ...diff.split.map((x) => ({
            eventId: x.id,
            action: 'split' as const,
            detail: `re-sequenced in publication order: its articles now belong to ${x.parts.map(([ev, n]) => `${ev} (${n})`).join(', ')}`,
          })),
          ...diff.retired
            .filter((r) => !diff.split.some((x) => x.id === r.id))
            .map((r) => ({ eventId: r.id, action: 'merge' as const, detail: `re-sequenced in publication order: its articles now belong to ${r.into ?? 'no event'}` })),
          ...[...diff.changedEvents].map((ev) => ({ eventId: ev, action: 'add' as const, detail: `re-sequenced in publication order: ${membersOf.get(ev)?.length ?? 0} articles` })),
        ],
        provenance,
        checkpoint: { snapshot: replay.clusterer.snapshot(), seq: this.seq },
        at,
      };
      await this.store.applyClustering(change);
      this.clusterer = replay.clusterer;
      this.sinceCheckpoint = 0;
      return { replayed: true, ...base, moved: diff.moved.length, eventsChanged: diff.changedEvents.size, eventsRetired: diff.retired.length };
    });
  }
}

function emptyChange(at: string): Omit<ClusteringChange, 'checkpoint'> {
  return { moves: [], events: [], retired: [], storylines: [], retiredStorylines: [], history: [], provenance: [], at };
}

/** What the clusterer and the event summary see of an article: its text, its own (document-level) names and places. */
function clusterDocOf(a: Article): ClusterDoc {
  return {
    id: a.id,
    title: a.title,
    text: a.text,
    publishedAt: a.publishedAt,
    entities: uniq(a.entityTable.filter((e) => e.type !== 'LOC').map((e) => e.name)),
    places: uniq(a.places.map((p) => p.name)),
    outlet: a.outlet,
  };
}

/** An event's row from its member articles. */
function eventRecord(id: string, storylineId: string, members: Article[]): EventRecord {
  const summary = summarizeEvent(members.map(clusterDocOf));
  const first = members[0];
  return {
    id,
    storylineId,
    label: summary.label || (first?.title ?? first?.text.slice(0, 80) ?? id),
    summary: summary.summary,
    firstDate: summary.firstDate,
    lastDate: summary.lastDate,
    articleCount: members.length,
    outlets: summary.outlets,
    keyEntities: summary.keyEntities,
  };
}

/** A story line's row from its events: the label of its most covered event, its key entities and date range. */
function storylineOf(id: string, events: Pick<EventRecord, 'label' | 'articleCount' | 'keyEntities' | 'firstDate' | 'lastDate'>[]): StorylineRecord {
  const biggest = events.reduce((best, e) => (e.articleCount > best.articleCount ? e : best));
  const entityCounts = new Map<string, number>();
  for (const e of events) for (const k of e.keyEntities) entityCounts.set(k, (entityCounts.get(k) ?? 0) + e.articleCount);
  const keyEntities = [...entityCounts].sort((x, y) => y[1] - x[1]).slice(0, 8).map(([k]) => k);
  const dates = events.flatMap((e) => [e.firstDate, e.lastDate]).filter((d): d is string => d !== null && /^\d{4}/.test(d)).sort();
  return { id, label: biggest.label, firstDate: dates[0] ?? null, lastDate: dates.at(-1) ?? null, keyEntities };
}

function provenanceInputs(pool: Article[]) {
  return pool.map((m) => ({
    id: m.id,
    publishedAt: m.publishedAt,
    outlet: m.outlet,
    text: m.text,
    wire: m.wire,
    agency: m.dateline?.agency ?? null,
    directQuotes: m.quotes.filter((q) => q.kind === 'direct').length,
  }));
}

const provenanceCache = new WeakMap<Article[], ReturnType<typeof buildProvenance>>();
/** The pool's provenance graph; the edges' passages are not stored, so the memo leaves them out. */
function provenanceResult(pool: Article[], memo: ProvenanceMemo): ReturnType<typeof buildProvenance> {
  let r = provenanceCache.get(pool);
  if (r === undefined) {
    r = memo.build(provenanceInputs(pool), { passages: false });
    provenanceCache.set(pool, r);
  }
  return r;
}

/** Each article's classification within a pool of same-event articles. */
function provenanceWithin(pool: Article[], memo: ProvenanceMemo): Map<string, { kind: ProvenanceKind; of: ArticleId | null }> {
  const result = provenanceResult(pool, memo);
  const byId = new Map(result.articles.map((x) => [x.id, x]));
  return new Map(
    pool.map((m) => {
      const x = byId.get(m.id);
      return [m.id, { kind: (x?.classification ?? (m.wire ? 'wire' : 'original')) as ProvenanceKind, of: (x?.source as ArticleId | null | undefined) ?? null }];
    }),
  );
}

function provenanceEdges(pool: Article[], memo: ProvenanceMemo): ProvenanceEdge[] {
  return provenanceResult(pool, memo).edges.map((e) => ({ from: e.from as ArticleId, to: e.to as ArticleId, kind: e.kind, evidence: e.evidence, score: e.score }));
}
