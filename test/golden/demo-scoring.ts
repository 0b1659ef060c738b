/**
 * Ingesting a corpus through the real IngestService into a fresh SQLite store
 * and reading back what the store decided (event, story line, provenance), so
 * it can be scored against `demo/ground-truth.json` or compared across input
 * orders. The scoring functions are pure; only `ingestCorpus` does I/O.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IngestService } from '../../src/pipeline/ingest-service.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Article, RawDocument } from '../../src/model/types.js';
import { DEMO_TRUTH, readCorpus } from './demo-digest.js';
import { seededShuffle } from '../../src/util/seeded-random.js';

export type Provenance = 'original' | 'wire' | 'near-copy' | 'rewrite';

export interface TruthEntry {
  storyline: string;
  event: string;
  outlet: string;
  provenance: Provenance;
  copyOf: string | null;
  eventDate: string;
  publishedAt: string | null;
  dateline: { place: string; agency: string } | null;
  directQuoteSpeakers: string[];
  hasDirectQuotes: boolean;
  stances: string[];
  chrome: string[];
}

export interface GroundTruth {
  files: Record<string, TruthEntry>;
}

export function readGroundTruth(file = DEMO_TRUTH): GroundTruth {
  return JSON.parse(readFileSync(file, 'utf8')) as GroundTruth;
}

/** What the store holds for one input after ingestion. */
export interface IngestedDoc {
  key: string;
  status: 'stored' | 'duplicate' | 'rejected';
  reason?: string;
  /** The stored article that stands for this input (itself, or the one it duplicates). */
  article: Article | null;
  eventId: string | null;
  storylineId: string | null;
  provenance: Provenance | null;
  /** Key of the input the store names as the source of this one. */
  provenanceOfKey: string | null;
}

/** A fixed clock: ingestion results must not depend on when the test runs. */
const FIXED_NOW = () => new Date('2026-06-01T00:00:00Z');

/**
 * Ingests the documents in the given order into a fresh temporary SQLite
 * store and returns, per input key, what the store decided at the end (after
 * every merge). A duplicate input stands for the article it duplicates.
 */
export async function ingestCorpus(docs: { key: string; doc: RawDocument | null; reason?: string }[]): Promise<Map<string, IngestedDoc>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'storyline-golden-'));
  const store = new SqliteStore(path.join(dir, 'golden.db'));
  try {
    const service = await IngestService.open(store, { now: FIXED_NOW });
    const outcomes: { key: string; status: IngestedDoc['status']; articleId: string | null; reason?: string }[] = [];
    for (const d of docs) {
      if (!d.doc) {
        outcomes.push({ key: d.key, status: 'rejected', articleId: null, reason: d.reason ?? 'unreadable' });
        continue;
      }
      const o = await service.ingestRaw(d.doc);
      if (o.status === 'stored') outcomes.push({ key: d.key, status: 'stored', articleId: o.articleId });
      else if (o.status === 'duplicate') outcomes.push({ key: d.key, status: 'duplicate', articleId: o.duplicateOf, reason: o.reason });
      else outcomes.push({ key: d.key, status: 'rejected', articleId: null, reason: o.reason });
    }
    // As an ingest run does at its end: events re-formed in publication order if arrivals were not.
    await service.settle();
    const storylineOf = new Map((await store.listEvents({ limit: 10_000 })).map((e) => [e.id as string, (e.storylineId as string | null) ?? null]));
    const keyOfArticle = new Map(outcomes.filter((o) => o.status === 'stored').map((o) => [o.articleId!, o.key]));
    const out = new Map<string, IngestedDoc>();
    for (const o of outcomes) {
      const stored = o.articleId ? await store.getArticle(o.articleId) : null;
      const eventId = (stored?.eventId as string | null | undefined) ?? null;
      const doc: IngestedDoc = {
        key: o.key,
        status: o.status,
        article: stored?.article ?? null,
        eventId,
        storylineId: eventId ? (storylineOf.get(eventId) ?? null) : null,
        provenance: stored ? (o.status === 'duplicate' ? 'near-copy' : stored.provenance) : null,
        provenanceOfKey:
          o.status === 'duplicate' ? (keyOfArticle.get(o.articleId!) ?? null) : stored?.provenanceOf ? (keyOfArticle.get(stored.provenanceOf) ?? null) : null,
      };
      if (o.reason !== undefined) doc.reason = o.reason;
      out.set(o.key, doc);
    }
    return out;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads a corpus folder and ingests it; convenience for tests and the benchmark. */
export async function ingestPaths(paths: string[]): Promise<Map<string, IngestedDoc>> {
  return ingestCorpus(await readCorpus(paths));
}

export interface BCubed {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * B-cubed precision/recall over the items of `gold`: for each item, the share
 * of its predicted cluster that shares its gold class, and vice versa. An item
 * with no predicted cluster counts as a singleton.
 */
export function bcubed(predicted: Map<string, string | null>, gold: Map<string, string>): BCubed {
  const items = [...gold.keys()];
  const predOf = (k: string) => predicted.get(k) ?? `singleton:${k}`;
  let p = 0;
  let r = 0;
  for (const i of items) {
    const samePred = items.filter((j) => predOf(j) === predOf(i));
    const sameGold = items.filter((j) => gold.get(j) === gold.get(i));
    const both = samePred.filter((j) => gold.get(j) === gold.get(i)).length;
    p += both / samePred.length;
    r += both / sameGold.length;
  }
  const precision = items.length ? p / items.length : 0;
  const recall = items.length ? r / items.length : 0;
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** Groups of keys that share a cluster label, as sorted lists (ids dropped): equal partitions give equal output. */
export function partitionOf(labels: Map<string, string | null>): string[][] {
  const groups = new Map<string, string[]>();
  for (const [k, v] of labels) {
    const g = v ?? `singleton:${k}`;
    groups.set(g, [...(groups.get(g) ?? []), k]);
  }
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

export interface PairAgreement {
  pairs: number;
  /** Pairs together in one partition and apart in the other. */
  disagreements: number;
  /** Rand index: share of pairs on which both partitions agree. */
  agreement: number;
}

/** Pairwise agreement (Rand index) between two labelings of the same keys. */
export function pairwiseAgreement(a: Map<string, string | null>, b: Map<string, string | null>): PairAgreement {
  const keys = [...a.keys()].filter((k) => b.has(k)).sort();
  const la = (k: string) => a.get(k) ?? `singleton:${k}`;
  const lb = (k: string) => b.get(k) ?? `singleton:${k}`;
  let pairs = 0;
  let disagreements = 0;
  for (let i = 0; i < keys.length; i++) {
    for (let j = i + 1; j < keys.length; j++) {
      pairs++;
      const ki = keys[i]!;
      const kj = keys[j]!;
      if ((la(ki) === la(kj)) !== (lb(ki) === lb(kj))) disagreements++;
    }
  }
  return { pairs, disagreements, agreement: pairs ? 1 - disagreements / pairs : 1 };
}

/** A fixed pseudo-random permutation, so the "shuffled" order is the same on every run. */
export function shuffled<T>(xs: readonly T[], seed: number): T[] {
  return seededShuffle(xs, seed);
}

export interface DemoScores {
  documents: number;
  stored: number;
  outletAccuracy: number;
  /** Publication day (YYYY-MM-DD) equals the ground truth; a null truth wants no year-bearing date. */
  publishedDayAccuracy: number;
  /** The same, over the documents whose ground truth has a day. */
  publishedDayAccuracyDated: number;
  events: BCubed;
  storylines: BCubed;
  predictedEvents: number;
  predictedStorylines: number;
  provenanceAccuracy: number;
  /** Over copies and rewrites: the store names the right source document. */
  copySourceAccuracy: number;
  /** Share of ground-truth direct-quote speakers found as the named speaker of a direct or mixed quote. */
  directSpeakerRecall: number;
  /** The same, matching on the family name only (the last word of the name). */
  directSpeakerRecallSurname: number;
  /** Dateline place and agency equal the ground truth's (no dateline where it has none). */
  datelineAccuracy: number;
  /** Share of the ground truth's (piece, stance) pairs — denial, refusal — found among the piece's quote stances. */
  stanceRecall: number;
  /** Ground-truth pieces with no direct quotes that the pipeline also gives none. */
  noQuoteAgreement: number;
  /** `key: chrome string` for every chrome string found in an article's text. */
  chromeLeaks: string[];
  /** Per-document mistakes, for the report. */
  misses: string[];
}

const dayOf = (iso: string | null | undefined): string | null => (iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : null);
const norm = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
const surname = (s: string) => norm(s).split(' ').at(-1) ?? '';

export function scoreDemo(ingested: Map<string, IngestedDoc>, truth: GroundTruth): DemoScores {
  const entries = Object.entries(truth.files);
  const misses: string[] = [];
  const share = (n: number, d: number) => (d === 0 ? 1 : n / d);
  let outletOk = 0;
  let dayOk = 0;
  let datedOk = 0;
  let dated = 0;
  let provOk = 0;
  let copyOk = 0;
  let copies = 0;
  let speakers = 0;
  let speakersFound = 0;
  let speakersFoundSurname = 0;
  let noQuoteDocs = 0;
  let noQuoteOk = 0;
  let datelineOk = 0;
  let stances = 0;
  let stancesFound = 0;
  const chromeLeaks: string[] = [];
  const predEvent = new Map<string, string | null>();
  const predStoryline = new Map<string, string | null>();
  const goldEvent = new Map<string, string>();
  const goldStoryline = new Map<string, string>();

  for (const [key, t] of entries) {
    const got = ingested.get(key);
    const a = got?.article ?? null;
    goldEvent.set(key, t.event);
    goldStoryline.set(key, t.storyline);
    predEvent.set(key, got?.eventId ?? null);
    predStoryline.set(key, got?.storylineId ?? null);
    if (!a) {
      misses.push(`${key}: not stored (${got?.status ?? 'missing'} ${got?.reason ?? ''})`);
      if (t.publishedAt !== null) dated++;
      speakers += t.directQuoteSpeakers.length;
      if (t.copyOf) copies++;
      if (!t.hasDirectQuotes) noQuoteDocs++;
      stances += t.stances.length;
      continue;
    }
    if (a.outlet === t.outlet) outletOk++;
    else misses.push(`${key}: outlet ${JSON.stringify(a.outlet)} ≠ ${JSON.stringify(t.outlet)}`);
    const day = dayOf(a.publishedAt);
    if (day === t.publishedAt) dayOk++;
    else misses.push(`${key}: publication day ${JSON.stringify(a.publishedAt)} ≠ ${JSON.stringify(t.publishedAt)}`);
    if (t.publishedAt !== null) {
      dated++;
      if (day === t.publishedAt) datedOk++;
    }
    if (got?.provenance === t.provenance) provOk++;
    else misses.push(`${key}: provenance ${got?.provenance ?? 'none'} ≠ ${t.provenance}`);
    if (t.copyOf) {
      copies++;
      if (got?.provenanceOfKey === t.copyOf) copyOk++;
      else misses.push(`${key}: copy of ${got?.provenanceOfKey ?? 'nothing'} ≠ ${t.copyOf}`);
    }
    const direct = a.quotes.filter((q) => q.kind !== 'indirect');
    const names = direct.map((q) => q.speaker?.name ?? q.speaker?.text ?? '').filter((n) => n.length > 0);
    for (const s of t.directQuoteSpeakers) {
      speakers++;
      if (names.some((n) => norm(n) === norm(s))) speakersFound++;
      else misses.push(`${key}: no direct quote by ${s}`);
      if (names.some((n) => surname(n) === surname(s))) speakersFoundSurname++;
    }
    if (!t.hasDirectQuotes) {
      noQuoteDocs++;
      if (a.quotes.every((q) => q.kind === 'indirect')) noQuoteOk++;
      else misses.push(`${key}: direct quotes found in a piece that has none`);
    }
    for (const c of t.chrome) if (a.text.includes(c)) chromeLeaks.push(`${key}: ${c}`);
    const dl = a.dateline;
    const dlOk = t.dateline === null ? dl === null : dl !== null && norm(dl.place ?? '') === norm(t.dateline.place) && norm(dl.agency ?? '') === norm(t.dateline.agency);
    if (dlOk) datelineOk++;
    else misses.push(`${key}: dateline ${dl ? `${dl.place ?? '?'} /${dl.agency ?? '?'}/` : 'none'} ≠ ${t.dateline ? `${t.dateline.place} /${t.dateline.agency}/` : 'none'}`);
    const found = new Set(a.quotes.map((q) => q.cue.stance as string));
    for (const st of t.stances) {
      stances++;
      if (found.has(st)) stancesFound++;
      else misses.push(`${key}: no quote with stance ${st}`);
    }
  }

  const events = bcubed(predEvent, goldEvent);
  const storylines = bcubed(predStoryline, goldStoryline);
  const n = entries.length;
  return {
    documents: n,
    stored: [...ingested.values()].filter((d) => d.status === 'stored').length,
    outletAccuracy: share(outletOk, n),
    publishedDayAccuracy: share(dayOk, n),
    publishedDayAccuracyDated: share(datedOk, dated),
    events,
    storylines,
    predictedEvents: new Set([...predEvent.values()].filter((v) => v !== null)).size,
    predictedStorylines: new Set([...predStoryline.values()].filter((v) => v !== null)).size,
    provenanceAccuracy: share(provOk, n),
    copySourceAccuracy: share(copyOk, copies),
    directSpeakerRecall: share(speakersFound, speakers),
    directSpeakerRecallSurname: share(speakersFoundSurname, speakers),
    noQuoteAgreement: share(noQuoteOk, noQuoteDocs),
    datelineAccuracy: share(datelineOk, n),
    stanceRecall: share(stancesFound, stances),
    chromeLeaks,
    misses,
  };
}
