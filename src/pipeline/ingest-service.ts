/**
 * Ingesting analysed articles into a store: duplicates, corpus entities,
 * statements, event clustering, summaries and provenance — decided here, once,
 * for every backend; the store writes each decision in one transaction.
 */
import { EventClusterer } from '../cluster/event-clusterer.js';
import { ProvenanceMemo } from '../provenance/provenance-graph.js';
import type { CompactText } from '../provenance/compact-text.js';
import type { PlaceEvidence } from '../enrich/places/place-resolver.js';
import type { Article, IngestOutcome, RawDocument } from '../model/types.js';
import type { ClusteringChange, ClusterLogEntry, EventRecord, IngestBundle, Store, StorylineRecord } from '../store/store-port.js';
import { PreparedCache } from './statement-link.js';
import { arrivedOutOfOrder } from './resequence.js';
import { analyzeDocument } from './analyze.js';
import { OutletPlaceHistory, settleOutletPlaces } from './outlet-places.js';
import { resolveCorpusEntities } from './entity-resolution.js';
import { clusterDocOf, type EventMember, eventMemberOf, eventRecord, forgetEventSummaries, provenanceEdges, provenanceWithin, STORED_CLUSTERER, storylineOf } from './event-records.js';
import { EventMembers } from './event-members.js';
import { StorylineRows } from './storyline-rows.js';
import { linkQuoteStatements } from './quote-statements.js';
import { publicationOrderChange, settleRules } from './settle-replay.js';

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
  /** Events left as the previous replay wrote them (nothing touched them since). */
  eventsUnchanged?: number;
  /**
   * The log position of the earlier replay whose events were trusted (the store's SettledState, written by this or
   * another process with the same settle rules); absent when every event was rebuilt.
   */
  trustedReplay?: number;
}

export interface SettleOptions {
  /** Rebuild every event's row and provenance, trusting nothing the store recorded of an earlier settle. */
  full?: boolean;
}

/** Articles of one outlet that settle re-reads places over (the most recent). */
const PLACE_SETTLE_ARTICLES = 200;

export class IngestService {
  private readonly prepared = new PreparedCache();
  /** Prepared texts and pair decisions of recent articles: an event's provenance is rebuilt per article from mostly the same pairs. */
  private readonly provenanceMemo = new ProvenanceMemo();
  /**
   * Per-outlet place history (in memory: it starts empty in each process and builds up as articles are stored); it
   * also remembers, for the articles settlePlaces re-reads, their place evidence, so that re-reading only scores.
   */
  private readonly outletPlaces = new OutletPlaceHistory({ evidencePerOutlet: PLACE_SETTLE_ARTICLES });
  /** Each event's members as the store lists them, kept while ingesting (exact: see event-members.ts). */
  private readonly members: EventMembers;
  /** Each story line's event rows, kept while ingesting (exact: see storyline-rows.ts). */
  private readonly storylineRows: StorylineRows;
  private sinceCheckpoint = 0;
  /** The store's settled position as this service last knew it: another value means someone else settled. */
  private settledSeen = 0;

  private constructor(
    private readonly store: Store,
    private clusterer: EventClusterer,
    /** The cluster-log position the in-memory clusterer has seen. */
    private seq: number,
    private readonly opts: Required<Omit<IngestServiceOptions, 'phaseTimes' | 'phaseClock'>> & Pick<IngestServiceOptions, 'phaseTimes' | 'phaseClock'>,
  ) {
    this.members = new EventMembers(store);
    this.storylineRows = new StorylineRows(store);
  }

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
    this.members.clear();
    this.storylineRows.clear();
    forgetEventSummaries();
    const cp = await this.store.loadClusterState();
    this.clusterer = cp === null ? new EventClusterer(STORED_CLUSTERER) : EventClusterer.restore(cp.snapshot);
    this.seq = cp?.seq ?? 0;
    this.settledSeen = cp?.settledSeq ?? 0;
    this.sinceCheckpoint = 0;
    await this.catchUp();
  }

  /**
   * Replays log entries other writers (or a crashed run) appended since this clusterer's position. Ingesting does
   * it under the store's ingest lock; a worker sharing the store with others may call it before asking for the
   * lock too, so that the locked part replays only what landed in between.
   */
  async catchUp(): Promise<void> {
    // Another process settled: its replay moved articles and rewrote events this clusterer still has the old way.
    if ((await this.store.settledSeq()) !== this.settledSeen) return this.reload();
    const head = await this.store.clusterHead();
    if (head === this.seq) return;
    if (head < this.seq) return this.reload();
    for (let page = await this.store.clusterLog(this.seq, LOG_PAGE); page.length > 0; page = await this.store.clusterLog(this.seq, LOG_PAGE)) {
      for (const e of page) {
        // Another writer's article: the events it joined or merged are read from the store again.
        const assigned = this.clusterer.assign(e.doc);
        const merged = (assigned.merged ?? []).flatMap((m) => [m.from, m.into]);
        this.members.forget([assigned.eventId, ...(e.eventId === null ? [] : [e.eventId]), ...merged]);
        this.storylineRows.forget([assigned.storylineId, ...(e.storylineId === null ? [] : [e.storylineId]), ...merged]);
        this.storylineRows.forgetEvents([assigned.eventId, ...merged]);
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

  /**
   * Stores one analysed article. `compact`, when the analysis thread prepared it, is the compact form of its text
   * for provenance (`prepareCompact(text)` with the default options: see analyze-for-ingest.ts); `places`, what its
   * place resolution collected (placeEvidence), which the outlet reading scores from instead of collecting again.
   */
  async ingestArticle(raw: RawDocument, analysed: Article, compact?: CompactText, places?: PlaceEvidence): Promise<IngestOutcome> {
    return this.store.withIngestLock(async () => {
      this.mark(null);
      const dup = await this.store.findDuplicate(analysed.contentHash, analysed.canonicalUrl ?? analysed.url);
      this.mark('dedup');
      if (dup) return this.store.duplicate(raw.source, dup.articleId, dup.reason);
      if (compact !== undefined) this.provenanceMemo.offer(analysed.text, compact);
      // Ambiguous place names read in the outlet's home region, learnt from its earlier articles.
      const placed = this.outletPlaces.apply(analysed, places);
      const article = placed.article;
      this.mark('outlet-places');
      await this.catchUp();
      this.mark('catch-up');
      let outcome: IngestOutcome;
      try {
        const bundle = await this.decide(raw, article);
        outcome = await this.store.commit(bundle);
        if (outcome.status === 'stored' && bundle.eventMerges.length === 0) this.members.added(bundle.eventId, article);
        else this.members.forget([bundle.eventId, ...bundle.eventMerges.flatMap((m) => [m.from, m.into])]);
        const storylineId = bundle.storylines[0]!.id;
        if (outcome.status === 'stored' && (bundle.storylineMerges ?? []).length === 0) this.storylineRows.committed(storylineId, bundle.events, bundle.eventMerges.map((m) => m.from));
        else {
          this.storylineRows.forget([storylineId, ...(bundle.storylineMerges ?? []).flatMap((m) => [m.from, m.into])]);
          this.storylineRows.forgetEvents([bundle.eventId, ...bundle.eventMerges.map((m) => m.from)]);
        }
        this.outletPlaces.observe(article.outlet, placed.observed, article.id, article, places);
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
    const { statements, quoteStatements } = await linkQuoteStatements(this.store, this.prepared, a, corpusOf, (p) => this.mark(p));

    // Document-level names (not the corpus's current display names, which depend on what came before),
    // so that replaying the log in another order sees the same inputs.
    const clusterDoc = clusterDocOf(a);
    const assignment = this.clusterer.assign(clusterDoc);
    this.mark('cluster-assign');
    const merges = assignment.merged ?? [];
    const eventMerges = merges.filter((m) => m.from.startsWith('ev-'));
    const storylineMerges = merges.filter((m) => m.from.startsWith('sl-'));

    const members = await this.members.of([assignment.eventId, ...eventMerges.map((m) => m.from)]);
    members.push(eventMemberOf(a));
    this.mark('event-members');
    const event = eventRecord(assignment.eventId, assignment.storylineId, members);
    this.mark('event-summary');
    const storylines = [await this.storylineRows.record(assignment.storylineId, [event])];
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

  private provenanceOf(a: Article, members: EventMember[]): IngestBundle['provenance'] {
    const pool = members.slice(-this.opts.provenanceWindow);
    const me = eventMemberOf(a);
    if (!pool.includes(me)) pool.push(me);
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
  private async settlePlaces(outlets: readonly (string | null)[]): Promise<Set<string>> {
    const changed = new Set<string>();
    for (const outlet of new Set(outlets)) {
      if (outlet === null || outlet.trim() === '') continue;
      const updates = settleOutletPlaces(await this.store.outletArticles(outlet, PLACE_SETTLE_ARTICLES), undefined, (a) => this.outletPlaces.remembered(a));
      if (updates.length === 0) continue;
      await this.store.replacePlaces(updates.map((a) => ({ articleId: a.id, places: a.places, entityTable: a.entityTable })));
      for (const a of updates) changed.add(a.id);
    }
    return changed;
  }

  async settle(options: SettleOptions = {}): Promise<SettleReport> {
    // Settling moves articles and re-reads places: the members kept in memory are read from the store again.
    return this.store.withIngestLock(() =>
      this.settleLocked(options).finally(() => {
        this.members.clear();
        this.storylineRows.clear();
        forgetEventSummaries();
      }),
    );
  }

  /**
   * What this settle may leave as the last replay wrote it (publicationOrderChange's `settled`): the store's record of
   * that replay, when it was made by these settle rules and provenance window (in this process or another; the store vouches that nothing
   * but ingests of later log entries and the places it lists changed the events since). Null: rebuild every event.
   */
  private async trustedSettle(): Promise<{ seq: number; placesChanged: ReadonlySet<string> } | null> {
    const state = await this.store.settledState();
    if (state === null || state.rules !== settleRules(this.opts.provenanceWindow) || state.replaySeq > this.seq) return null;
    return { seq: state.replaySeq, placesChanged: new Set(state.placesChanged) };
  }

  private async settleLocked(options: SettleOptions): Promise<SettleReport> {
    await this.catchUp();
    const cp = await this.store.loadClusterState();
    const settledSeq = cp?.settledSeq ?? 0;
    if (this.seq === settledSeq) return { replayed: false, articles: 0, moved: 0, eventsChanged: 0, eventsRetired: 0, note: 'nothing new since the last settle' };
    const entries: ClusterLogEntry[] = [];
    for (let page = await this.store.clusterLog(0, LOG_PAGE); page.length > 0; page = await this.store.clusterLog(entries.at(-1)!.seq, LOG_PAGE)) entries.push(...page);
    const stored = (await this.store.stats()).articles;
    // The store records the articles whose places this re-reads (replacePlaces) with its settled state.
    const placesChangedIds = await this.settlePlaces(entries.filter((e) => e.seq > settledSeq).map((e) => e.doc.outlet));
    const base = { articles: entries.length, moved: 0, eventsChanged: 0, eventsRetired: 0, placesChanged: placesChangedIds.size };
    if (entries.length < stored) {
      return { replayed: false, ...base, note: `the cluster log covers ${entries.length} of ${stored} stored articles (a store from before the log): not replayed` };
    }
    const at = this.opts.now().toISOString();
    if (!arrivedOutOfOrder(entries, settledSeq)) {
      await this.store.applyClustering({ ...emptyChange(at), checkpoint: { snapshot: this.clusterer.snapshot(), seq: this.seq } });
      this.settledSeen = this.seq;
      this.sinceCheckpoint = 0;
      return { replayed: false, ...base, note: 'arrivals were in publication order' };
    }
    // Events the last replay wrote (this process's or another's, by the same rules) and nothing has touched since are left as they are.
    const trusted = options.full === true ? null : await this.trustedSettle();
    const replayed = await publicationOrderChange(this.store, entries, this.seq, this.provenanceMemo, this.opts.provenanceWindow, at, trusted === null ? {} : { settled: trusted });
    await this.store.applyClustering(replayed.change);
    this.settledSeen = this.seq;
    this.clusterer = replayed.clusterer;
    this.sinceCheckpoint = 0;
    const report: SettleReport = { replayed: true, ...base, moved: replayed.moved, eventsChanged: replayed.eventsChanged, eventsRetired: replayed.eventsRetired, eventsUnchanged: replayed.eventsUnchanged };
    if (trusted !== null) report.trustedReplay = trusted.seq;
    return report;
  }
}

function emptyChange(at: string): Omit<ClusteringChange, 'checkpoint'> {
  return { moves: [], events: [], retired: [], storylines: [], retiredStorylines: [], history: [], provenance: [], at };
}
