/**
 * Ingesting analysed articles into a store: duplicates, corpus entities,
 * statements, event clustering, summaries and provenance — decided here, once,
 * for every backend; the store writes each decision in one transaction.
 */
import { createHash } from 'node:crypto';
import { EventClusterer } from '../cluster/event-clusterer.js';
import { summarizeEvent } from '../cluster/event-summary.js';
import { entityMatchKey, matchEntity, type MatchableEntity } from '../enrich/entities/entity-merge.js';
import { buildProvenance } from '../provenance/provenance-graph.js';
import type { Article, ArticleId, Entity, EntityRole, IngestOutcome, RawDocument } from '../model/types.js';
import type { CorpusEntity, EventRecord, IngestBundle, ProvenanceEdge, ProvenanceKind, StatementRecord, Store, StorylineRecord } from '../store/store-port.js';
import { linkStatement } from './statement-link.js';
import { analyzeDocument } from './analyze.js';

export interface IngestServiceOptions {
  /** The clock, injected (events' history and input log timestamps). */
  now: () => Date;
  /** Articles compared per event when building provenance (most recent first). */
  provenanceWindow?: number;
}

const hash = (s: string, n = 12) => createHash('sha256').update(s).digest('hex').slice(0, n);

export function roleText(r: EntityRole): string {
  return [r.role, r.affiliation ? `, ${r.affiliation}` : '', r.postedTo ? ` (to ${r.postedTo})` : ''].join('');
}

function asMatchable(e: CorpusEntity): MatchableEntity {
  return { id: e.id, name: e.name, type: e.type, aliases: e.aliases, roles: e.roles.map((r) => ({ role: r, evidence: '' })) };
}

const uniq = <T>(xs: Iterable<T>): T[] => [...new Set(xs)];

export class IngestService {
  private constructor(
    private readonly store: Store,
    private clusterer: EventClusterer,
    private readonly opts: Required<IngestServiceOptions>,
  ) {}

  static async open(store: Store, options: IngestServiceOptions): Promise<IngestService> {
    const opts: Required<IngestServiceOptions> = { provenanceWindow: 40, ...options };
    const snapshot = await store.loadClusterState();
    // Splits move stored articles between events; the store does not apply them
    // yet, so the stored clusterer runs without them (see the note on issue 5).
    const clusterer = snapshot ? EventClusterer.restore(snapshot) : new EventClusterer({ memberVectors: 0 });
    return new IngestService(store, clusterer, opts);
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

  async ingestArticle(raw: RawDocument, article: Article): Promise<IngestOutcome> {
    return this.store.withIngestLock(async () => {
      const dup = await this.store.findDuplicate(article.contentHash, article.canonicalUrl ?? article.url);
      if (dup) return this.store.duplicate(raw.source, dup.articleId, dup.reason);
      const bundle = await this.decide(raw, article);
      const outcome = await this.store.commit(bundle);
      return outcome;
    });
  }

  private async decide(raw: RawDocument, a: Article): Promise<IngestBundle> {
    const at = this.opts.now().toISOString();
    const entities = await this.resolveEntities(a.entityTable);
    const corpusOf = new Map(entities.map((e) => [e.localId, e.entity]));
    const { statements, quoteStatements } = await this.linkStatements(a, corpusOf);

    const names = (types: string[]) => uniq(a.entityTable.filter((e) => types.includes(e.type)).map((e) => corpusOf.get(e.id)?.name ?? e.name));
    const assignment = this.clusterer.assign({
      id: a.id,
      title: a.title,
      text: a.text,
      publishedAt: a.publishedAt,
      entities: names(['PERSON', 'ORG', 'MISC']),
      places: uniq(a.places.map((p) => p.name)),
      outlet: a.outlet,
    });
    const merges = assignment.merged ?? [];
    const eventMerges = merges.filter((m) => m.from.startsWith('ev-'));
    const storylineMerges = merges.filter((m) => m.from.startsWith('sl-'));

    const members = [...(await this.store.eventArticles([assignment.eventId, ...eventMerges.map((m) => m.from)])), a];
    const summary = summarizeEvent(
      members.map((m) => ({
        id: m.id,
        title: m.title,
        text: m.text,
        publishedAt: m.publishedAt,
        outlet: m.outlet,
        entities: uniq(m.entityTable.filter((e) => e.type !== 'LOC').map((e) => e.name)),
        places: uniq(m.places.map((p) => p.name)),
      })),
    );
    const event: EventRecord = {
      id: assignment.eventId,
      storylineId: assignment.storylineId,
      label: summary.label || (a.title ?? a.text.slice(0, 80)),
      summary: summary.summary,
      firstDate: summary.firstDate,
      lastDate: summary.lastDate,
      articleCount: members.length,
      outlets: summary.outlets,
      keyEntities: summary.keyEntities,
    };
    const storylines = await this.storylineRecords(assignment.storylineId, event);

    const history: IngestBundle['history'] = [];
    history.push({ eventId: assignment.eventId, action: assignment.isNewEvent ? 'create' : 'add', detail: `${a.id}: ${assignment.reason}` });
    for (const m of eventMerges) history.push({ eventId: m.into, action: 'merge', detail: `merged ${m.from}: ${m.reason}` });
    for (const m of storylineMerges) history.push({ eventId: assignment.eventId, action: 'merge', detail: `story line ${m.from} merged into ${m.into}: ${m.reason}` });

    const provenance = this.provenanceOf(a, members);
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
      clusterSnapshot: this.clusterer.snapshot(),
      at,
    };
    if (storylineMerges.length > 0) bundle.storylineMerges = storylineMerges;
    return bundle;
  }

  private async storylineRecords(storylineId: string, event: EventRecord): Promise<StorylineRecord[]> {
    const view = this.clusterer.listStorylines().find((s) => s.id === storylineId);
    const others = await this.store.listEvents({ storylineId: storylineId as never, limit: 200, sort: 'most-covered' });
    const events = [event, ...others.filter((e) => e.id !== event.id)];
    const biggest = events.reduce((best, e) => (e.articleCount > best.articleCount ? e : best), event);
    const entityCounts = new Map<string, number>();
    for (const e of events) for (const k of e.keyEntities) entityCounts.set(k, (entityCounts.get(k) ?? 0) + e.articleCount);
    const keyEntities = [...entityCounts].sort((x, y) => y[1] - x[1]).slice(0, 8).map(([k]) => k);
    const dates = events.flatMap((e) => [e.firstDate, e.lastDate]).filter((d): d is string => d !== null && /^\d{4}/.test(d)).sort();
    return [
      {
        id: storylineId,
        label: biggest.label,
        firstDate: dates[0] ?? view?.firstDate ?? null,
        lastDate: dates.at(-1) ?? view?.lastDate ?? null,
        keyEntities,
      },
    ];
  }

  /** Links each document entity to a corpus entity (or a new one), honouring manual merges and splits. */
  private async resolveEntities(table: Entity[]): Promise<IngestBundle['entities']> {
    const keyed = table.map((e) => ({ e, keys: uniq([e.name, ...e.aliases].map((n) => entityMatchKey(n, e.type))) }));
    const corpus = await this.store.entitiesByKeys(keyed.flatMap((k) => k.keys));
    const overrides = await this.store.entityOverrides();
    const mergedInto = new Map(overrides.filter((o) => o.action === 'merge').map((o) => [o.other, o.entityId]));
    const splits = overrides.filter((o) => o.action === 'split');
    const out: IngestBundle['entities'] = [];
    const byId = new Map(corpus.map((c) => [c.id, c]));
    for (const { e, keys } of keyed) {
      const decision = matchEntity({ id: e.id, name: e.name, type: e.type, aliases: e.aliases, roles: e.roles }, corpus.map(asMatchable));
      let target = decision.match ? byId.get(decision.match.entityId) : undefined;
      let reason = decision.match ? decision.match.explanation : 'new entity';
      let id = target?.id ?? `${e.type.toLowerCase()}-${hash(keys[0] ?? e.name)}`;
      for (let hops = 0; mergedInto.has(id) && hops < 10; hops++) {
        id = mergedInto.get(id)!;
        reason = `manual merge into ${id}`;
        target = byId.get(id) ?? target;
      }
      const split = splits.find((s) => s.entityId === id && (s.other === e.name || e.aliases.includes(s.other)));
      if (split) {
        id = `${split.entityId}~${split.other.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-')}`;
        reason = `manual split of "${split.other}" from ${split.entityId}`;
        target = undefined;
      }
      const base: CorpusEntity = target ?? { id, name: e.name, type: e.type, matchKey: keys[0] ?? e.name, aliases: [], roles: [] };
      const longer = e.name.length > base.name.length && e.type === 'PERSON' ? e.name : base.name;
      const entity: CorpusEntity = {
        ...base,
        id,
        name: longer,
        aliases: uniq([...base.aliases, base.name, e.name, ...e.aliases]).filter((n) => n !== longer),
        roles: uniq([...base.roles, ...e.roles.map(roleText)]),
      };
      byId.set(id, entity);
      out.push({ localId: e.id, entity, reason });
    }
    return out;
  }

  private async linkStatements(a: Article, corpusOf: Map<string, CorpusEntity>): Promise<Pick<IngestBundle, 'statements' | 'quoteStatements'>> {
    const speakerOf = (q: Article['quotes'][number]) =>
      (q.speaker?.entityId ? corpusOf.get(q.speaker.entityId)?.name : undefined) ?? q.speaker?.name ?? q.speaker?.text ?? null;
    const speakers = uniq(a.quotes.map(speakerOf).filter((s): s is string => s !== null));
    const candidates = await this.store.statementsBySpeakers(speakers);
    // The same words may be quoted under another name elsewhere: look for articles carrying them.
    if (this.store.statementsOfArticles) {
      const known = new Set(candidates.map((c) => c.id));
      const carriers = new Set<string>();
      for (const q of a.quotes) {
        const words = q.text.match(/[\p{L}\p{N}]+/gu) ?? [];
        if (q.kind === 'indirect' || words.length < 8) continue;
        const mid = Math.max(0, Math.floor(words.length / 2) - 3);
        const hits = await this.store.search(words.slice(mid, mid + 6).join(' '), { limit: 10 });
        for (const h of hits.hits) carriers.add(h.article.id);
      }
      if (carriers.size > 0) for (const c of await this.store.statementsOfArticles([...carriers])) if (!known.has(c.id)) candidates.push(c);
    }
    const statements = new Map<string, StatementRecord>();
    const quoteStatements: IngestBundle['quoteStatements'] = [];
    for (const q of a.quotes) {
      const speaker = speakerOf(q);
      const pool = candidates;
      const linked = linkStatement(
        q.text,
        pool.map((c) => ({ id: c.id, texts: [c.text, ...c.renderings], sameSpeaker: c.speaker === speaker })),
      );
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
      quoteStatements.push({ statementId: rec.id, match: 'first' });
    }
    return { statements: [...statements.values()], quoteStatements };
  }

  private provenanceOf(a: Article, members: Article[]): IngestBundle['provenance'] {
    const pool = members.slice(-this.opts.provenanceWindow);
    if (!pool.includes(a)) pool.push(a);
    const result = buildProvenance(
      pool.map((m) => ({
        id: m.id,
        publishedAt: m.publishedAt,
        outlet: m.outlet,
        text: m.text,
        wire: m.wire,
        agency: m.dateline?.agency ?? null,
        directQuotes: m.quotes.filter((q) => q.kind === 'direct').length,
      })),
    );
    const mine = result.articles.find((x) => x.id === a.id);
    const edges: ProvenanceEdge[] = result.edges
      .filter((e) => e.to === a.id || e.from === a.id)
      .map((e) => ({ from: e.from as ArticleId, to: e.to as ArticleId, kind: e.kind, evidence: e.evidence, score: e.score }));
    const kind: ProvenanceKind = mine?.classification ?? (a.wire ? 'wire' : 'original');
    return { kind, of: (mine?.source as ArticleId | null) ?? null, edges };
  }
}
