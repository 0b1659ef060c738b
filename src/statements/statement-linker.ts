/**
 * One statement, many renderings: links the quotes that several articles
 * carry of the same thing said — verbatim, truncated or paraphrased — into
 * canonical statements with their first appearance and every outlet.
 *
 * Pure. Similarity is measured on word 3-shingles (containment of the shorter
 * rendering in the longer one, and Jaccard) and, for paraphrases, on content
 * words with light suffix stripping. Thresholds: see `DEFAULT_THRESHOLDS` and
 * `bench/quotes/statement-thresholds.ts`, which measures them.
 */
import type { CueStance } from '../model/types.js';

export type RenderingMatch = 'first' | 'verbatim' | 'truncated' | 'paraphrase';

export interface StatementInput {
  articleId: string;
  outlet: string | null;
  /** ISO date or date-time; null when unknown (such renderings never count as first over a dated one). */
  publishedAt: string | null;
  /** Canonical speaker name, or null when unknown. */
  speaker: string | null;
  text: string;
  kind?: 'direct' | 'indirect' | 'mixed';
  stance?: CueStance;
}

export interface Rendering {
  articleId: string;
  outlet: string | null;
  publishedAt: string | null;
  speaker: string | null;
  text: string;
  match: RenderingMatch;
  /** Similarity to the first rendering (1 for the first). */
  score: number;
  /** Index of the input item. */
  index: number;
}

export interface LinkedStatement {
  id: string;
  speaker: string | null;
  /** The words of the first appearance. */
  text: string;
  kind: 'direct' | 'indirect' | 'mixed' | null;
  stance: CueStance | null;
  firstArticleId: string;
  firstDate: string | null;
  outlets: string[];
  renderings: Rendering[];
}

export interface LinkThresholds {
  /** Jaccard of 3-shingles at or above which two renderings are the same words. */
  verbatim: number;
  /** Containment of the shorter rendering's shingles in the longer one's for a truncation. */
  truncated: number;
  /** Below `truncated`, an excerpt still counts when this share of its words appear in order in the longer rendering… */
  inOrder: number;
  /** …and at least this share of its shingles are shared. */
  truncatedFloor: number;
  /** Overlap of content words (shorter in longer) for a paraphrase by the same speaker. */
  paraphrase: number;
  /** A paraphrase needs at least this many shared content words. */
  paraphraseMinShared: number;
}

export const DEFAULT_THRESHOLDS: LinkThresholds = { verbatim: 0.85, truncated: 0.7, inOrder: 0.75, truncatedFloor: 0.3, paraphrase: 0.6, paraphraseMinShared: 5 };

const STOP = new Set(
  ('a an the and or but of to in on at for with by from as is are was were be been being it its this that these those ' +
    'there their they them he she his her we our us i you your not no will would can could should may might must has have ' +
    'had do does did which who whom whose what when where why how all any both each more most other some such than too very ' +
    'also just into over under about after before between through during so if then only own same s said says').split(' '),
);

function words(text: string): string[] {
  return (text.toLowerCase().normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []);
}

function shingles(ws: readonly string[], k = 3): Set<string> {
  const out = new Set<string>();
  if (ws.length < k) {
    if (ws.length > 0) out.add(ws.join(' '));
    return out;
  }
  for (let i = 0; i + k <= ws.length; i++) out.add(ws.slice(i, i + k).join(' '));
  return out;
}

/** Crude stem so "urged"/"urging"/"urges" and "border"/"borders" meet. */
function stem(w: string): string {
  if (w.length <= 4) return w;
  return w.replace(/(?:ations?|ings?|edly|ied|ies|ed|es|s|ly|ment)$/u, '') || w;
}

export interface Prepared {
  /** Content words (stop words dropped, stemmed) in text order, for the in-order share. */
  words: string[];
  shingles: Set<string>;
  content: Set<string>;
  length: number;
}

export function prepare(text: string): Prepared {
  const ws = words(text);
  const content = ws.filter((w) => !STOP.has(w) && w.length > 2).map(stem);
  return { words: content, shingles: shingles(ws), content: new Set(content), length: ws.length };
}

const MAX_LCS_WORDS = 600;

/**
 * Share of the shorter rendering's content words that appear in order in the
 * longer one (longest common subsequence; stop words are left out so that
 * chance matches of "the … of … to" do not add up in long quotes). Catches excerpts with a word inserted or
 * dropped ("peaceful diplomatic means" / "peaceful, political and diplomatic
 * means") that break several shingles at once. Quadratic, so bounded.
 */
function inOrderShare(a: readonly string[], b: readonly string[]): number {
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  if (s.length === 0 || l.length > MAX_LCS_WORDS || s.length > 80) return 0;
  // The excerpt must sit in one stretch of the longer text, not be scattered across it.
  const width = Math.min(l.length, 2 * s.length + 4);
  const step = Math.max(1, Math.floor(s.length / 4));
  let best = 0;
  for (let from = 0; ; from += step) {
    const to = Math.min(l.length, from + width);
    best = Math.max(best, lcs(s, l, from, to));
    if (to >= l.length) break;
  }
  return best / s.length;
}

function lcs(s: readonly string[], l: readonly string[], from: number, to: number): number {
  let prev = new Uint16Array(s.length + 1);
  let cur = new Uint16Array(s.length + 1);
  for (let i = from + 1; i <= to; i++) {
    for (let j = 1; j <= s.length; j++) cur[j] = l[i - 1] === s[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    [prev, cur] = [cur, prev];
  }
  return prev[s.length]!;
}

function shared<T>(a: Set<T>, b: Set<T>): number {
  const [s, l] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of s) if (l.has(x)) n++;
  return n;
}

export interface RenderingComparison {
  match: Exclude<RenderingMatch, 'first'>;
  score: number;
}

export function comparePrepared(a: Prepared, b: Prepared, sameSpeaker: boolean, th: LinkThresholds): RenderingComparison | null {
  const sh = shared(a.shingles, b.shingles);
  const union = a.shingles.size + b.shingles.size - sh;
  const jaccard = union === 0 ? 0 : sh / union;
  const containment = Math.min(a.shingles.size, b.shingles.size) === 0 ? 0 : sh / Math.min(a.shingles.size, b.shingles.size);
  if (jaccard >= th.verbatim) return { match: 'verbatim', score: jaccard };
  if (Math.min(a.length, b.length) >= 4) {
    if (containment >= th.truncated) return { match: 'truncated', score: containment };
    if (containment >= th.truncatedFloor) {
      const share = inOrderShare(a.words, b.words);
      if (share >= th.inOrder) return { match: 'truncated', score: share };
    }
  }
  // Paraphrases share content words, not word order; only trusted for the same speaker.
  if (!sameSpeaker) return null;
  const cw = shared(a.content, b.content);
  const overlap = Math.min(a.content.size, b.content.size) === 0 ? 0 : cw / Math.min(a.content.size, b.content.size);
  if (cw >= th.paraphraseMinShared && overlap >= th.paraphrase) return { match: 'paraphrase', score: overlap };
  return null;
}

/** How rendering `b` relates to rendering `a`, or null when they are different statements. */
export function compareRenderings(a: string, b: string, sameSpeaker = true, th: LinkThresholds = DEFAULT_THRESHOLDS): RenderingComparison | null {
  return comparePrepared(prepare(a), prepare(b), sameSpeaker, th);
}

/** A stable id from the first appearance (FNV-1a, 32-bit, hex), so re-linking the same input gives the same ids. */
function statementId(articleId: string, text: string): string {
  let h = 0x811c9dc5;
  const s = `${articleId}\n${text}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `st-${h.toString(16).padStart(8, '0')}`;
}

function speakerKey(s: string | null): string | null {
  if (s === null) return null;
  // "Maria Zakharova" and "Zakharova" are the same speaker for linking purposes.
  const ws = words(s);
  return ws.at(-1) ?? null;
}

function chronological(a: StatementInput & { index: number }, b: StatementInput & { index: number }): number {
  if (a.publishedAt !== b.publishedAt) {
    if (a.publishedAt === null) return 1;
    if (b.publishedAt === null) return -1;
    return a.publishedAt < b.publishedAt ? -1 : 1;
  }
  return a.index - b.index;
}

/**
 * Groups renderings into statements. Items are taken in publication order;
 * each joins the statement whose renderings it matches best (verbatim beats
 * truncated beats paraphrase), else starts a new one. Two quotes of the same
 * article never merge into one statement.
 */
export function linkStatements(items: readonly StatementInput[], th: LinkThresholds = DEFAULT_THRESHOLDS): LinkedStatement[] {
  const order = items.map((it, index) => ({ ...it, index })).sort(chronological);
  const groups: { statement: LinkedStatement; prepared: Prepared[]; articles: Set<string>; speakers: Set<string | null> }[] = [];
  const rank: Record<Exclude<RenderingMatch, 'first'>, number> = { verbatim: 3, truncated: 2, paraphrase: 1 };
  for (const it of order) {
    const p = prepare(it.text);
    const key = speakerKey(it.speaker);
    let best: { g: (typeof groups)[number]; cmp: RenderingComparison } | null = null;
    for (const g of groups) {
      if (g.articles.has(it.articleId)) continue;
      const sameSpeaker = key === null || g.speakers.has(null) || g.speakers.has(key);
      // Compare with the first rendering: a chain of paraphrases must not drift away from what was said.
      const cmp = comparePrepared(g.prepared[0]!, p, sameSpeaker, th);
      if (!cmp) continue;
      if (!best || rank[cmp.match] > rank[best.cmp.match] || (rank[cmp.match] === rank[best.cmp.match] && cmp.score > best.cmp.score)) best = { g, cmp };
    }
    const rendering: Rendering = {
      articleId: it.articleId,
      outlet: it.outlet,
      publishedAt: it.publishedAt,
      speaker: it.speaker,
      text: it.text,
      match: best ? best.cmp.match : 'first',
      score: best ? best.cmp.score : 1,
      index: it.index,
    };
    if (best) {
      const s = best.g.statement;
      s.renderings.push(rendering);
      if (it.outlet !== null && !s.outlets.includes(it.outlet)) s.outlets.push(it.outlet);
      best.g.prepared.push(p);
      best.g.articles.add(it.articleId);
      best.g.speakers.add(key);
      if (s.speaker === null && it.speaker !== null) s.speaker = it.speaker;
      continue;
    }
    groups.push({
      statement: {
        id: statementId(it.articleId, it.text),
        speaker: it.speaker,
        text: it.text,
        kind: it.kind ?? null,
        stance: it.stance ?? null,
        firstArticleId: it.articleId,
        firstDate: it.publishedAt,
        outlets: it.outlet === null ? [] : [it.outlet],
        renderings: [rendering],
      },
      prepared: [p],
      articles: new Set([it.articleId]),
      speakers: new Set([key]),
    });
  }
  return groups.map((g) => g.statement);
}
