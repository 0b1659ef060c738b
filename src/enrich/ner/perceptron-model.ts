/**
 * The linear-chain model the NER tagger runs: per-token feature weights for
 * each BILOU tag, a tag-transition matrix, and Viterbi decoding with the
 * BILOU constraints built in (an I- can only follow a B-/I- of the same type).
 */

export const ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type ConllType = (typeof ENTITY_TYPES)[number];

/** Tag 0 is O; then B, I, L, U for each type in ENTITY_TYPES order. */
export const TAGS: readonly string[] = ['O', ...ENTITY_TYPES.flatMap((t) => ['B', 'I', 'L', 'U'].map((p) => `${p}-${t}`))];
export const NUM_TAGS = TAGS.length;

export function tagIndex(tag: string): number {
  const i = TAGS.indexOf(tag);
  if (i < 0) throw new Error(`unknown tag ${tag}`);
  return i;
}

function prefixOf(tag: number): string {
  return TAGS[tag]![0]!;
}
function typeOf(tag: number): string {
  return TAGS[tag]!.slice(2);
}

/** Whether `next` may follow `prev` (prev = -1 at the sentence start). */
export function allowedTransition(prev: number, next: number): boolean {
  const np = prefixOf(next);
  if (prev < 0) return np === 'O' || np === 'B' || np === 'U';
  const pp = prefixOf(prev);
  if (pp === 'B' || pp === 'I') return (np === 'I' || np === 'L') && typeOf(prev) === typeOf(next);
  return np === 'O' || np === 'B' || np === 'U';
}

export function allowedEnd(tag: number): boolean {
  const p = prefixOf(tag);
  return p === 'O' || p === 'L' || p === 'U';
}

/** Emission scores: one Float32Array row of NUM_TAGS per token. */
export type Emissions = Float32Array;

/**
 * Viterbi over NUM_TAGS states. `emissions` holds n × NUM_TAGS scores;
 * `transitions` NUM_TAGS × NUM_TAGS (prev → next).
 */
export function viterbi(emissions: Emissions, n: number, transitions: Float32Array): number[] {
  if (n === 0) return [];
  const T = NUM_TAGS;
  // Scratch buffers reused across calls, reset to what fresh arrays would hold.
  if (scratchScore.length < n * T) {
    scratchScore = new Float64Array(Math.max(n * T, scratchScore.length * 2));
    scratchBack = new Int16Array(scratchScore.length);
  }
  const score = scratchScore;
  const back = scratchBack;
  score.fill(-Infinity, 0, n * T);
  back.fill(0, 0, n * T);
  for (let t = 0; t < T; t++) if (ALLOWED_START[t] === 1) score[t] = emissions[t]!;
  for (let i = 1; i < n; i++) {
    const prevBase = (i - 1) * T;
    const base = i * T;
    for (let t = 0; t < T; t++) {
      let best = -Infinity;
      let arg = 0;
      const from = ALLOWED_FROM[t]!;
      for (let k = 0; k < from.length; k++) {
        const p = from[k]!;
        const prev = score[prevBase + p]!;
        if (prev === -Infinity) continue;
        const s = prev + transitions[p * T + t]!;
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      if (best !== -Infinity) {
        score[base + t] = best + emissions[base + t]!;
        back[base + t] = arg;
      }
    }
  }
  let bestT = 0;
  let best = -Infinity;
  for (let t = 0; t < T; t++) {
    const s = score[(n - 1) * T + t]!;
    if (ALLOWED_END[t] === 1 && s > best) {
      best = s;
      bestT = t;
    }
  }
  const path = new Array<number>(n);
  path[n - 1] = bestT;
  for (let i = n - 1; i > 0; i--) path[i - 1] = back[i * T + path[i]!]!;
  return path;
}

let scratchScore = new Float64Array(256 * NUM_TAGS);
let scratchBack = new Int16Array(256 * NUM_TAGS);
const ALLOWED_START = Uint8Array.from({ length: NUM_TAGS }, (_, t) => (allowedTransition(-1, t) ? 1 : 0));
const ALLOWED_END = Uint8Array.from({ length: NUM_TAGS }, (_, t) => (allowedEnd(t) ? 1 : 0));
/** Each tag's BILOU prefix letter and entity type, looked up instead of sliced per token. */
const PREFIX_OF: readonly string[] = TAGS.map((t) => t[0]!);
const TYPE_OF: readonly string[] = TAGS.map((t) => t.slice(2));

const ALLOWED: Uint8Array = (() => {
  const a = new Uint8Array(NUM_TAGS * NUM_TAGS);
  for (let p = 0; p < NUM_TAGS; p++) for (let t = 0; t < NUM_TAGS; t++) a[p * NUM_TAGS + t] = allowedTransition(p, t) ? 1 : 0;
  return a;
})();

/** For each tag, the tags that may precede it, in ascending order. */
const ALLOWED_FROM: Int8Array[] = Array.from({ length: NUM_TAGS }, (_, t) =>
  Int8Array.from(Array.from({ length: NUM_TAGS }, (_, p) => p).filter((p) => ALLOWED[p * NUM_TAGS + t] === 1)),
);

export interface TagSpan {
  /** token indices, end exclusive */
  start: number;
  end: number;
  type: ConllType;
}

/** Decoded BILOU tag ids → entity spans over tokens. */
export function spansFromTags(tags: readonly number[]): TagSpan[] {
  const spans: TagSpan[] = [];
  let open = -1;
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i]!;
    const p = PREFIX_OF[tag]!;
    if (p === 'U') spans.push({ start: i, end: i + 1, type: TYPE_OF[tag] as ConllType });
    else if (p === 'B') open = i;
    else if (p === 'L' && open >= 0) {
      spans.push({ start: open, end: i + 1, type: TYPE_OF[tag] as ConllType });
      open = -1;
    } else if (p === 'O') open = -1;
  }
  return spans;
}

/** Entity spans → BILOU tag ids (used to turn training data into targets). */
export function tagsFromSpans(n: number, spans: readonly TagSpan[]): number[] {
  const tags = new Array<number>(n).fill(0);
  for (const s of spans) {
    if (s.end - s.start === 1) tags[s.start] = tagIndex('U-' + s.type);
    else {
      tags[s.start] = tagIndex('B-' + s.type);
      for (let k = s.start + 1; k < s.end - 1; k++) tags[k] = tagIndex('I-' + s.type);
      tags[s.end - 1] = tagIndex('L-' + s.type);
    }
  }
  return tags;
}
