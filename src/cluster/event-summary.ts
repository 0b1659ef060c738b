import { splitSentences } from '../enrich/sentences/sentence-splitter.js';
import { contentTokens } from './term-features.js';
import { normalizeText } from '../dedup/text-normalizer.js';
import { parseTime } from './event-clusterer.js';
import { boundedMemo } from '../util/bounded-memo.js';

/**
 * Event summaries and coverage comparison, extractive only: the label is the
 * headline closest to what all headlines and leads say; the summary is the
 * most central lead sentences; coverage lists, per outlet, the sentences no
 * other outlet carries and the statements it chose.
 */

export interface SummaryArticle {
  id: string;
  title: string | null;
  text: string;
  publishedAt: string | null;
  outlet: string | null;
  entities?: string[];
  places?: string[];
  /** The text's first sentences when already known (`leadSentences(text)`); read from the text otherwise. */
  leads?: readonly string[];
}

export interface EventSummary {
  label: string;
  summary: string;
  firstDate: string | null;
  lastDate: string | null;
  outlets: string[];
  keyEntities: string[];
  keyPlaces: string[];
}

function bagOf(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of contentTokens(text)) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/** Titles' and sentences' bags are asked for again each time their event grows (read only, never changed). */
const shortBag = boundedMemo(bagOf, 20_000);
const bag = (text: string): Map<string, number> => (text.length <= 1_000 ? shortBag(text) : bagOf(text));

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, v] of a) {
    na += v * v;
    const w = b.get(k);
    if (w !== undefined) dot += v * w;
  }
  for (const v of b.values()) nb += v * v;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** `cosine(a, b)` when `b`'s squared norm `nb` is known. */
function cosineWithNorm(a: Map<string, number>, b: Map<string, number>, nb: number): number {
  let dot = 0;
  let na = 0;
  for (const [k, v] of a) {
    na += v * v;
    const w = b.get(k);
    if (w !== undefined) dot += v * w;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

function topCounts(lists: string[][], k: number): string[] {
  const c = new Map<string, number>();
  for (const list of lists) for (const x of new Set(list)) c.set(x, (c.get(x) ?? 0) + 1);
  return [...c].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, k).map(([x]) => x);
}

function sentencesOf(text: string): string[] {
  return splitSentences(text).map((s) => text.slice(s.start, s.end));
}

/** The first five sentences of a member's text (all a summary reads), remembered per text: an event's members are summarised again with each new one. */
export const leadSentences = boundedMemo((text: string): readonly string[] => sentencesOf(text).slice(0, 5), 4_000);

export function summarizeEvent(articles: readonly SummaryArticle[], options: { sentences?: number } = {}): EventSummary {
  const k = options.sentences ?? 2;
  // The event's centre: all titles and the first two sentences of each article.
  const leadsOf = (a: SummaryArticle): readonly string[] => a.leads ?? leadSentences(a.text);
  const leads = articles.map((a) => leadsOf(a).slice(0, 2).join(' '));
  // The bag of all of them: words never span two lines, so the sum of each line's bag (same counts, same order).
  const centre = new Map<string, number>();
  for (const line of [...articles.map((a) => a.title ?? ''), ...leads]) for (const [t, n] of bag(line)) centre.set(t, (centre.get(t) ?? 0) + n);
  // The centre's norm, once (the same integer `cosine` sums for each call).
  let nb = 0;
  for (const v of centre.values()) nb += v * v;
  const toCentre = (a: Map<string, number>): number => cosineWithNorm(a, centre, nb);
  let label = '';
  let bestLabel = -1;
  for (const a of articles) {
    if (a.title === null || a.title.trim() === '') continue;
    const s = toCentre(bag(a.title));
    if (s > bestLabel || (s === bestLabel && a.title.length < label.length)) {
      bestLabel = s;
      label = a.title.trim();
    }
  }
  const candidates: { text: string; score: number; order: number }[] = [];
  const seen = new Set<string>();
  articles.forEach((a, ai) => {
    leadsOf(a).forEach((s, si) => {
      const norm = normalizeText(s);
      if (seen.has(norm) || s.length < 40 || s.length > 400) return;
      seen.add(norm);
      // Earlier sentences carry the news; a gentle position prior keeps leads first.
      candidates.push({ text: s.trim(), score: toCentre(bag(s)) * (1 - 0.08 * si), order: ai * 10 + si });
    });
  });
  const chosen: typeof candidates = [];
  for (const c of candidates.sort((a, b) => b.score - a.score || a.order - b.order)) {
    if (chosen.length >= k) break;
    // Skip a sentence that repeats one already chosen (the same fact told twice).
    if (chosen.some((x) => cosine(bag(x.text), bag(c.text)) > 0.6)) continue;
    chosen.push(c);
  }
  if (label === '') label = chosen[0]?.text.slice(0, 120) ?? '';
  const times = articles
    .map((a) => ({ t: parseTime(a.publishedAt), v: a.publishedAt }))
    .filter((x): x is { t: number; v: string } => x.t !== null)
    .sort((a, b) => a.t - b.t);
  return {
    label,
    summary: chosen.sort((a, b) => a.order - b.order).map((c) => c.text).join(' '),
    firstDate: times[0]?.v.slice(0, 10) ?? null,
    lastDate: times[times.length - 1]?.v.slice(0, 10) ?? null,
    outlets: [...new Set(articles.map((a) => a.outlet).filter((o): o is string => o !== null))].sort(),
    keyEntities: topCounts(articles.map((a) => a.entities ?? []), 8),
    keyPlaces: topCounts(articles.map((a) => a.places ?? []), 5),
  };
}

/** A statement (from the quotes engine) as this module needs it. */
export interface CoverageStatement {
  articleId: string;
  speaker: string | null;
  text: string;
  statementId?: string;
}

export interface OutletCoverage {
  outlet: string;
  articleIds: string[];
  /** Sentences that no other outlet's article carries (not even as a close paraphrase). */
  uniqueSentences: string[];
  /** Speakers this outlet quoted, most quoted first. */
  speakers: string[];
  statements: { speaker: string | null; text: string; statementId?: string }[];
}

export interface CoverageComparison {
  outlets: OutletCoverage[];
  /** Outlets that covered most of the given comparable events but not this one. */
  missingOutlets: { outlet: string; coveredShare: number }[];
}

/**
 * Coverage per outlet for one event. `usualOutlets` maps outlets to the share
 * of comparable events (same story line or same kind) they covered; those
 * above `usualShare` that are absent here are reported as missing.
 */
export function compareCoverage(
  articles: SummaryArticle[],
  statements: CoverageStatement[] = [],
  usualOutlets: Map<string, number> = new Map(),
  usualShare = 0.5,
): CoverageComparison {
  const byOutlet = new Map<string, SummaryArticle[]>();
  for (const a of articles) {
    const o = a.outlet ?? 'unknown';
    byOutlet.set(o, [...(byOutlet.get(o) ?? []), a]);
  }
  const sentBags = new Map<string, { text: string; bag: Map<string, number> }[]>();
  for (const [o, list] of byOutlet) {
    sentBags.set(
      o,
      list.flatMap((a) => sentencesOf(a.text)).filter((s) => contentTokens(s).length >= 3).map((s) => ({ text: s.trim(), bag: bag(s) })),
    );
  }
  const outlets: OutletCoverage[] = [];
  for (const [o, list] of [...byOutlet].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const others = [...sentBags].filter(([x]) => x !== o).flatMap(([, s]) => s);
    const unique = (sentBags.get(o) ?? []).filter((s) => !others.some((x) => cosine(s.bag, x.bag) >= 0.5)).map((s) => s.text);
    const ids = new Set(list.map((a) => a.id));
    const mine = statements.filter((s) => ids.has(s.articleId));
    const speakers = topCounts(mine.map((s) => (s.speaker === null ? [] : [s.speaker])), 20);
    outlets.push({
      outlet: o,
      articleIds: [...ids],
      uniqueSentences: unique,
      speakers,
      statements: mine.map((s) => {
        const out: { speaker: string | null; text: string; statementId?: string } = { speaker: s.speaker, text: s.text };
        if (s.statementId !== undefined) out.statementId = s.statementId;
        return out;
      }),
    });
  }
  const present = new Set(byOutlet.keys());
  const missingOutlets = [...usualOutlets]
    .filter(([o, share]) => share >= usualShare && !present.has(o))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([outlet, coveredShare]) => ({ outlet, coveredShare }));
  return { outlets, missingOutlets };
}

/**
 * `summarizeEvent` kept as members arrive, for the ingest path (an event's row is summarised again with each new
 * member): the same result as `summarizeEvent(members)` for the members added so far, in the order added
 * (pinned by test/cluster/event-summary-state.test.ts). A new member adds its bag to the centre; each title's and
 * candidate sentence's dot product with the centre grows by its dot with that bag only (kept by token, so a member
 * reads only the items sharing a word with it); all counts are integers, so every cosine is the same number
 * `summarizeEvent` computes. Members are never removed: a changed member list needs a new state.
 */
export class EventSummaryState {
  private readonly centre = new Map<string, number>();
  /** The centre's squared norm. */
  private nb = 0;
  /**
   * The items (titles and candidates) holding each token: token → its latest posting; postings are triples in
   * `pool` (item, count, previous posting of the same token or -1), one array for all (small arrays per token would
   * cost several times more).
   */
  private readonly heads = new Map<string, number>();
  private pool = new Int32Array(256);
  private used = 0;
  /** Items' dot products with the centre and squared norms, by item number. */
  private readonly dots: number[] = [];
  private readonly norms: number[] = [];
  /** Titles for the label (non-blank only): item number, text as given. */
  private readonly titles: { item: number; title: string }[] = [];
  private readonly candidates: { item: number; text: string; si: number; order: number }[] = [];
  private readonly seen = new Set<string>();
  private count = 0;
  private first: { t: number; v: string } | null = null;
  private last: { t: number; v: string } | null = null;
  private readonly outletSet = new Set<string>();
  private readonly entityCounts = new Map<string, number>();
  private readonly placeCounts = new Map<string, number>();

  /** Members added. */
  get size(): number {
    return this.count;
  }

  add(a: SummaryArticle): void {
    const ai = this.count++;
    const leads = a.leads ?? leadSentences(a.text);
    // The centre grows by the member's title and lead line; every item's dot grows by its dot with that.
    const delta = new Map<string, number>();
    for (const line of [a.title ?? '', leads.slice(0, 2).join(' ')]) for (const [t, n] of bag(line)) delta.set(t, (delta.get(t) ?? 0) + n);
    for (const [t, d] of delta) {
      const old = this.centre.get(t) ?? 0;
      this.centre.set(t, old + d);
      this.nb += (old + d) * (old + d) - old * old;
      const pool = this.pool;
      for (let p = this.heads.get(t) ?? -1; p >= 0; p = pool[p + 2]!) this.dots[pool[p]!]! += pool[p + 1]! * d;
    }
    if (a.title !== null && a.title.trim() !== '') this.titles.push({ item: this.item(bag(a.title)), title: a.title });
    leads.forEach((s, si) => {
      const norm = normalizeText(s);
      if (this.seen.has(norm) || s.length < 40 || s.length > 400) return;
      this.seen.add(norm);
      this.candidates.push({ item: this.item(bag(s)), text: s.trim(), si, order: ai * 10 + si });
    });
    const t = parseTime(a.publishedAt);
    if (t !== null) {
      const v = a.publishedAt!;
      if (this.first === null || t < this.first.t) this.first = { t, v };
      if (this.last === null || t >= this.last.t) this.last = { t, v };
    }
    if (a.outlet !== null) this.outletSet.add(a.outlet);
    for (const x of new Set(a.entities ?? [])) this.entityCounts.set(x, (this.entityCounts.get(x) ?? 0) + 1);
    for (const x of new Set(a.places ?? [])) this.placeCounts.set(x, (this.placeCounts.get(x) ?? 0) + 1);
  }

  /** A new item (title or candidate) with its bag: its dot with the current centre, its norm, its postings. */
  private item(b: Map<string, number>): number {
    const id = this.dots.length;
    let dot = 0;
    let na = 0;
    for (const [t, v] of b) {
      na += v * v;
      const w = this.centre.get(t);
      if (w !== undefined) dot += v * w;
      if (this.used + 3 > this.pool.length) {
        const grown = new Int32Array(this.pool.length * 2);
        grown.set(this.pool);
        this.pool = grown;
      }
      const p = this.used;
      this.pool[p] = id;
      this.pool[p + 1] = v;
      this.pool[p + 2] = this.heads.get(t) ?? -1;
      this.heads.set(t, p);
      this.used += 3;
    }
    this.dots.push(dot);
    this.norms.push(na);
    return id;
  }

  /** `cosine(item's bag, centre)` as `cosine` computes it. */
  private cos(item: number): number {
    const na = this.norms[item]!;
    return na === 0 || this.nb === 0 ? 0 : this.dots[item]! / Math.sqrt(na * this.nb);
  }

  summary(options: { sentences?: number } = {}): EventSummary {
    const k = options.sentences ?? 2;
    let label = '';
    let bestLabel = -1;
    for (const { item, title } of this.titles) {
      const s = this.cos(item);
      if (s > bestLabel || (s === bestLabel && title.length < label.length)) {
        bestLabel = s;
        label = title.trim();
      }
    }
    type Scored = { text: string; score: number; order: number };
    const scored: Scored[] = this.candidates.map((c) => ({ text: c.text, score: this.cos(c.item) * (1 - 0.08 * c.si), order: c.order }));
    const better = (a: Scored, b: Scored): number => b.score - a.score || a.order - b.order;
    // The candidates in `summarizeEvent`'s order, sorted only as far as read: the best few first, all if needed.
    const TOP = 8;
    let ordered: Scored[] = [];
    for (const c of scored) {
      if (ordered.length === TOP && better(c, ordered[TOP - 1]!) >= 0) continue;
      let at = ordered.length;
      while (at > 0 && better(c, ordered[at - 1]!) < 0) at--;
      ordered.splice(at, 0, c);
      if (ordered.length > TOP) ordered.pop();
    }
    const chosen: Scored[] = [];
    for (let i = 0; ; i++) {
      if (i === ordered.length && ordered.length < scored.length) ordered = scored.sort(better);
      const c = ordered[i];
      if (c === undefined || chosen.length >= k) break;
      if (chosen.some((x) => cosine(bag(x.text), bag(c.text)) > 0.6)) continue;
      chosen.push(c);
    }
    if (label === '') label = chosen[0]?.text.slice(0, 120) ?? '';
    return {
      label,
      summary: chosen.sort((a, b) => a.order - b.order).map((c) => c.text).join(' '),
      firstDate: this.first?.v.slice(0, 10) ?? null,
      lastDate: this.last?.v.slice(0, 10) ?? null,
      outlets: [...this.outletSet].sort(),
      keyEntities: topOf(this.entityCounts, 8),
      keyPlaces: topOf(this.placeCounts, 5),
    };
  }
}

/** `topCounts`'s result from the counts: the first `k` by count (descending), then name. */
function topOf(counts: Map<string, number>, k: number): string[] {
  const before = (a: [string, number], b: [string, number]): boolean => a[1] > b[1] || (a[1] === b[1] && a[0] < b[0]);
  const top: [string, number][] = [];
  for (const e of counts) {
    if (top.length === k && !before(e, top[k - 1]!)) continue;
    let at = top.length;
    while (at > 0 && before(e, top[at - 1]!)) at--;
    top.splice(at, 0, e);
    if (top.length > k) top.pop();
  }
  return top.map(([x]) => x);
}
