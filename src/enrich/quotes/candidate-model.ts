/**
 * The learned candidate classifier: a logistic regression over features of
 * each candidate attribution (the rule that found it, its cue, the shape of
 * its speaker and content, what surrounds the cue, whether other candidates
 * cover the same words). It estimates the chance that the candidate is a real
 * attribution with the right cue and speaker; candidates under the threshold
 * are dropped. Trained on PolNeAR train only by
 * `npx tsx bench/quotes/train-candidate-model.ts` into
 * models/quote-candidate-model.json. By default the extractor uses it only in
 * the full PolNeAR scope, to rescue generic-rule candidates the per-rule
 * filter (`rule-filter.ts`) drops (`genericRescue`); the product's speech
 * scope has no generic rule, so it runs the rule filter alone. As the whole
 * filter (`QuoteContext.candidateModel`) it is an experiment the benchmark
 * prints a row for.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Quote } from '../../model/types.js';
import { DIRECT_RULES } from './rule-filter.js';

export interface CandidateModel {
  /** Keep a candidate of a direct-quote rule whose score is at least this. */
  directThreshold: number;
  /** The same for every other rule. */
  threshold: number;
  /** Generic-rule candidates the rule filter drops are kept at this score (full scope only; above 1: never). */
  genericRescue?: number;
  bias: number;
  weights: Record<string, number>;
}

/** What the features read: the candidate's quote, rule and cue lemma. */
export interface ScoredCandidate {
  quote: Quote;
  rule: string;
  lemma: string;
}

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'i', 'we', 'you', 'who', 'which', 'that', 'this', 'these', 'those', 'one', 'some', 'many', 'others', 'both', 'all', 'each', 'most', 'several', 'there', 'his', 'her', 'their', 'its', 'the', 'a', 'an', 'what', 'someone', 'everyone', 'nobody', 'no', 'none', 'us', 'me', 'him', 'them']);
const FUNCTION_WORDS = new Set([...PRONOUNS, 'that', 'whether', 'if', 'why', 'how', 'when', 'where', 'to', 'and', 'but', 'in', 'on', 'for', 'as', 'of', 'with', 'not', 'is', 'was', 'are', 'were', 'be', 'has', 'have', 'had', 'would', 'will', 'could', 'should', 'can', 'may', 'might', 'must', 'do', 'does', 'did', 'about', 'by', 'at', 'from', 'after', 'before', 'because', 'so', 'than', 'then', 'there', 'here', 'now', 'also', 'even', 'only', 'just', 'more', 'no', 'yes']);

const WORD_RE = /[\p{L}\p{N}]+(?:[’'][\p{L}]+)?/gu;

function bucket(n: number, edges: readonly number[]): string {
  for (const e of edges) if (n <= e) return `<=${e}`;
  return `>${edges.at(-1)}`;
}

/** A word's class for features: function words as themselves, else its capitalisation. */
function wordClass(w: string | undefined): string {
  if (w === undefined) return '∅';
  const lower = w.toLowerCase();
  if (FUNCTION_WORDS.has(lower)) return lower;
  if (/^\p{N}/u.test(w)) return 'NUM';
  return w[0] !== lower[0] ? 'CAP' : 'low';
}

function lastWord(s: string): string | undefined {
  const m = s.match(WORD_RE);
  return m?.at(-1);
}

function firstWord(s: string): string | undefined {
  return s.match(WORD_RE)?.[0];
}

/** The features of candidate `i` among all the candidates of one document. */
export function candidateFeatures(text: string, cands: readonly ScoredCandidate[], i: number): string[] {
  const c = cands[i]!;
  const q = c.quote;
  const f: string[] = [];
  const rule = c.rule;
  const lemma = c.lemma.toLowerCase();
  f.push(`r=${rule}`, `l=${lemma}`, `rl=${rule}|${lemma}`, `k=${q.kind}`, `rk=${rule}|${q.kind}`, `st=${q.cue.stance}`);
  const parts = q.parts ?? [{ start: q.start, end: q.end }];
  const content = parts.map((p) => text.slice(p.start, p.end)).join(' ');
  const words = content.match(WORD_RE) ?? [];
  const wb = bucket(words.length, [1, 2, 3, 5, 8, 12, 20, 35, 60]);
  f.push(`cw=${wb}`, `rcw=${rule}|${wb}`, `parts=${Math.min(parts.length, 3)}`);
  const c0 = wordClass(words[0]);
  f.push(`c0=${c0}`, `rc0=${rule}|${c0}`);
  const trimmed = content.trim();
  f.push(`cend=${/[?]["”’']?$/.test(trimmed) ? '?' : /[.!]["”’']?$/.test(trimmed) ? '.' : /["”’']$/.test(trimmed) ? 'q' : 'x'}`);
  if (/^["“‘'«]/.test(trimmed)) f.push('copen=q');
  if (/["“”«»]/.test(trimmed.slice(1, -1))) f.push('cinnerq');
  // The cue: its words, and the words on either side.
  const cueText = text.slice(q.cue.start, q.cue.end).toLowerCase().replace(/\s+/g, ' ');
  f.push(`ct=${cueText.slice(0, 40)}`);
  const before = text.slice(Math.max(0, q.cue.start - 60), q.cue.start);
  const after = text.slice(q.cue.end, Math.min(text.length, q.cue.end + 40));
  const wb1 = wordClass(lastWord(before));
  const wa1 = wordClass(firstWord(after));
  f.push(`cb=${wb1}`, `ca=${wa1}`, `lcb=${lemma}|${wb1}`, `lca=${lemma}|${wa1}`);
  const punctAfter = after.match(/^\s*([^\s\p{L}\p{N}])/u)?.[1];
  if (punctAfter) f.push(`cap=${punctAfter}`, `rcap=${rule}|${punctAfter}`);
  const punctBefore = before.match(/([^\s\p{L}\p{N}])\s*$/u)?.[1];
  if (punctBefore) f.push(`cbp=${punctBefore}`);
  const cueFirst = q.cue.end <= q.start;
  const cueInside = q.cue.start >= q.start && q.cue.end <= q.end;
  f.push(`cpos=${cueFirst ? 'before' : cueInside ? 'inside' : 'after'}`);
  const gap = cueFirst ? q.start - q.cue.end : cueInside ? 0 : Math.max(0, q.cue.start - q.end);
  f.push(`gap=${bucket(gap, [0, 2, 6, 15, 40, 100])}`);
  // The speaker.
  const sp = q.speaker;
  if (!sp) {
    f.push('sp=none', `rsp=${rule}|none`);
  } else {
    const spText = sp.text.trim();
    const spWords = spText.match(WORD_RE) ?? [];
    const s0 = wordClass(spWords[0]);
    const kind = sp.anonymous ? 'anon' : sp.entityId ? 'entity' : sp.name ? 'name' : 'text';
    f.push(`sp=${kind}`, `rsp=${rule}|${kind}`, `s0=${s0}`, `rs0=${rule}|${s0}`, `sw=${bucket(spWords.length, [1, 2, 3, 5, 8])}`);
    const sl = wordClass(spWords.at(-1));
    f.push(`sl=${sl}`);
    if (sp.end > sp.start && sp.start < q.end && q.start < sp.end) f.push('sp_in_content');
    if (sp.end > sp.start) {
      const d = sp.end <= q.cue.start ? q.cue.start - sp.end : sp.start >= q.cue.end ? sp.start - q.cue.end : 0;
      f.push(`spd=${bucket(d, [1, 3, 10, 30, 80])}`);
    } else f.push('sp_far');
    if (sp.via) f.push('sp_via');
  }
  // Other candidates over the same words.
  let overlapping = 0;
  let longer = 0;
  let overDirect = false;
  const len = q.end - q.start;
  cands.forEach((o, j) => {
    if (j === i) return;
    const oq = o.quote;
    if (oq.start < q.end && q.start < oq.end) {
      overlapping++;
      if (oq.end - oq.start > len) longer++;
      if (oq.kind === 'direct' && q.kind !== 'direct') overDirect = true;
    }
  });
  f.push(`ov=${Math.min(overlapping, 3)}`, `ovl=${Math.min(longer, 2)}`, `rov=${rule}|${Math.min(overlapping, 2)}`);
  if (overDirect) f.push('ov_direct');
  // Where the attribution sits: the first lines of a document are its headline.
  const lineStart = text.lastIndexOf('\n', Math.min(q.start, q.cue.start)) + 1;
  if (lineStart === 0) f.push('first_line');
  const lineEnd = text.indexOf('\n', q.end);
  const lineLen = (lineEnd < 0 ? text.length : lineEnd) - lineStart;
  if (lineLen < 120) f.push('short_line');
  return f;
}

export function scoreFeatures(m: CandidateModel, feats: readonly string[]): number {
  let z = m.bias;
  for (const x of feats) z += m.weights[x] ?? 0;
  return 1 / (1 + Math.exp(-z));
}

export function keepScored(m: CandidateModel, rule: string, score: number): boolean {
  return score >= (DIRECT_RULES.has(rule) ? m.directThreshold : m.threshold);
}

export const DEFAULT_CANDIDATE_MODEL_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../models/quote-candidate-model.json');

let cached: CandidateModel | null | undefined;

export function loadCandidateModel(file: string): CandidateModel | null {
  if (!existsSync(file)) return null;
  const raw = JSON.parse(readFileSync(file, 'utf8')) as CandidateModel;
  if (typeof raw.threshold !== 'number' || typeof raw.directThreshold !== 'number' || typeof raw.bias !== 'number' || typeof raw.weights !== 'object') return null;
  return raw;
}

export function defaultCandidateModel(): CandidateModel | null {
  if (cached === undefined) cached = loadCandidateModel(DEFAULT_CANDIDATE_MODEL_PATH);
  return cached;
}
