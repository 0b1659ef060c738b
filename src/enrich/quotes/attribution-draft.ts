/**
 * The working form of one attribution before its speaker is resolved, and the
 * per-document context the direct and reported-speech passes share.
 */
import type { Sentence } from '../../model/types.js';
import type { CueEntry } from './cue-lexicon.js';
import type { QuotedSpan } from './quote-marks.js';
import { isKnownSubject } from './source-phrase.js';
import { tokenize, type Token } from './tokens.js';

export interface Range {
  start: number;
  end: number;
}

export interface Draft {
  parts: Range[];
  kind: 'direct' | 'indirect' | 'mixed';
  cue: Range;
  entry: CueEntry;
  source: Range | null;
  via: string | null;
  /** Take the speaker of this earlier draft (a participle "…, adding that", or an unattributed follow-on quote). */
  inherit: Draft | null;
  /** The cue phrase said "in a statement": later "the statement" points to this source. */
  statement: boolean;
  /** Which rule produced the draft (the learned rule filter keys on it with the cue lemma). */
  rule?: string;
}

export interface DocContext {
  text: string;
  sentences: Sentence[];
  spans: QuotedSpan[];
  exclude: Range[];
  tokenCache: Map<number, Token[]>;
  /** Line-break positions (see `lineBreaks`). */
  breaks: number[];
  /** Verb forms the generic rule may take as cues (learned from train, see `rule-filter.ts`); empty: no generic rule. */
  genericForms: ReadonlySet<string>;
  /** The product's speech scope (not PolNeAR's wider attribution definition). */
  speech?: boolean;
}

export function sentenceIndexAt(ctx: DocContext, pos: number): number {
  let lo = 0;
  let hi = ctx.sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = ctx.sentences[mid]!;
    if (pos < s.start) hi = mid - 1;
    else if (pos >= s.end) lo = mid + 1;
    else return mid;
  }
  return Math.max(0, Math.min(ctx.sentences.length - 1, lo));
}

export function sentenceTokens(ctx: DocContext, idx: number): Token[] {
  let t = ctx.tokenCache.get(idx);
  if (!t) {
    const s = ctx.sentences[idx]!;
    t = tokenize(ctx.text, s.start, s.end);
    ctx.tokenCache.set(idx, t);
  }
  return t;
}

export function overlaps(a: Range, b: Range): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Positions of every line break, so paragraph bounds are a binary search rather than a scan of the text. */
export function lineBreaks(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i);
  return out;
}

/** Index of the first break at or after `pos`, or breaks.length. */
function firstBreakFrom(breaks: readonly number[], pos: number): number {
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (breaks[mid]! < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function paragraphEnd(ctx: DocContext, pos: number): number {
  return ctx.breaks[firstBreakFrom(ctx.breaks, pos)] ?? ctx.text.length;
}

export function paragraphStart(ctx: DocContext, pos: number): number {
  const i = firstBreakFrom(ctx.breaks, pos) - 1;
  return i >= 0 ? ctx.breaks[i]! + 1 : 0;
}

/** Trims whitespace and the sentence's final punctuation off a content range. */
export function trimContent(text: string, r: Range): Range {
  let { start, end } = r;
  while (start < end && /[\s,:;—–-]/.test(text[start]!)) start++;
  while (end > start && /[\s.,;:—–-]/.test(text[end - 1]!)) end--;
  return { start, end };
}

export function wordCount(text: string, r: Range): number {
  return (text.slice(r.start, r.end).match(/[\p{L}\p{N}]+/gu) ?? []).length;
}

/** Prepositions and time words that may follow "X said" without starting the content. */
export const TAIL_WORDS = new Set([
  'at', 'in', 'on', 'during', 'to', 'after', 'while', 'when', 'before', 'with', 'about', 'of', 'from', 'through', 'via',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'yesterday', 'today', 'tonight',
  'earlier', 'later', 'last', 'this', 'recently', 'afterwards', 'also', 'again', 'then', 'according', 'as',
]);

/** "a website called “Cape Breton…”", "Arizona was called": "called" naming something, not someone speaking. */
export function isNamingUse(tokens: readonly Token[], k: number, quoteFollows = false): boolean {
  const t = tokens[k]!;
  if (t.lower !== 'called' && t.lower !== 'calling') return false;
  const prev = tokens[k - 1];
  const next = tokens[k + 1];
  if (!prev) return false;
  // "She also called for more flexibility", "was called on to resign": a demand, not a name.
  if (next?.lower === 'for' || (next?.lower === 'on' && tokens[k + 2]?.word === true && tokens[k + 2]!.lower !== 'the')) return false;
  if (/^(?:was|were|is|are|been|be|being|so|also)$/.test(prev.lower)) return true;
  const named = next === undefined ? quoteFollows : next.cap || /^["“‘']$/.test(next.text);
  if (!prev.word || prev.cap || !named) return false;
  // "a group called …": an indefinite noun phrase right before is being named.
  const indefinite = [tokens[k - 2], tokens[k - 3]].some((x) => x !== undefined && /^(?:a|an)$/.test(x.lower));
  return indefinite || !isKnownSubject(prev.lower);
}

/**
 * Ranges already claimed by attributions, bucketed by position so that "does anything claimed overlap this?" looks
 * only at nearby ranges: a document with thousands of attributions stays linear (a plain list made it quadratic).
 */
export class RangeIndex {
  private readonly buckets = new Map<number, Range[]>();

  constructor(private readonly size = 512) {}

  add(...ranges: Range[]): void {
    for (const r of ranges) {
      const last = Math.floor(Math.max(r.start, r.end - 1) / this.size);
      for (let b = Math.floor(r.start / this.size); b <= last; b++) {
        const list = this.buckets.get(b);
        if (list) list.push(r);
        else this.buckets.set(b, [r]);
      }
    }
  }

  /** The ranges that share a bucket with r, each once. */
  private near(r: Range): Set<Range> {
    const out = new Set<Range>();
    const last = Math.floor(Math.max(r.start, r.end - 1) / this.size);
    for (let b = Math.floor(r.start / this.size); b <= last; b++) for (const x of this.buckets.get(b) ?? []) out.add(x);
    return out;
  }

  overlapsAny(r: Range): boolean {
    // The buckets directly, without the de-duplicating set of `near`: a range seen twice answers the same.
    const last = Math.floor(Math.max(r.start, r.end - 1) / this.size);
    for (let b = Math.floor(r.start / this.size); b <= last; b++) {
      const list = this.buckets.get(b);
      if (list === undefined) continue;
      for (let i = 0; i < list.length; i++) if (overlaps(list[i]!, r)) return true;
    }
    return false;
  }

  /** Share of r's characters that the ranges cover (overlapping ranges count twice, as a sum). */
  coveredShare(r: Range): number {
    let covered = 0;
    for (const x of this.near(r)) covered += Math.max(0, Math.min(x.end, r.end) - Math.max(x.start, r.start));
    return covered / Math.max(1, r.end - r.start);
  }
}
