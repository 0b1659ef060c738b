import type { ConllType, TagSpan } from './perceptron-model.js';

/** One CoNLL-2003 sentence: tokens and gold entity spans. */
export interface ConllSentence {
  tokens: string[];
  spans: TagSpan[];
  /** The raw IOB tags as in the file (for conlleval-style output). */
  tags: string[];
}

export type ConllDocument = ConllSentence[];

/**
 * IOB1 (the CoNLL-2003 files) to spans: `I-X` continues an X chunk or starts
 * one after anything else; `B-X` only appears where an X chunk directly
 * follows another X chunk and always starts a new one.
 */
export function spansFromIob(tags: readonly string[]): TagSpan[] {
  const spans: TagSpan[] = [];
  let cur: TagSpan | null = null;
  tags.forEach((tag, i) => {
    if (tag === 'O') {
      cur = null;
      return;
    }
    const prefix = tag[0];
    const type = tag.slice(2) as ConllType;
    if (cur !== null && prefix === 'I' && cur.type === type) {
      cur.end = i + 1;
      return;
    }
    cur = { start: i, end: i + 1, type };
    spans.push(cur);
  });
  return spans;
}

/** Parses a CoNLL-2003 file into documents (split at -DOCSTART-). */
export function parseConll(content: string): ConllDocument[] {
  const docs: ConllDocument[] = [];
  let doc: ConllDocument = [];
  let tokens: string[] = [];
  let tags: string[] = [];
  const flushSentence = (): void => {
    if (tokens.length > 0) doc.push({ tokens, tags, spans: spansFromIob(tags) });
    tokens = [];
    tags = [];
  };
  for (const line of content.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') {
      flushSentence();
      continue;
    }
    const cols = trimmed.split(' ');
    if (cols[0] === '-DOCSTART-') {
      flushSentence();
      if (doc.length > 0) docs.push(doc);
      doc = [];
      continue;
    }
    tokens.push(cols[0]!);
    tags.push(cols[cols.length - 1]!);
  }
  flushSentence();
  if (doc.length > 0) docs.push(doc);
  return docs;
}

export interface SpanScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

function score(tp: number, fp: number, fn: number): SpanScore {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

/**
 * conlleval's entity measure: a predicted chunk counts only when its span and
 * type equal a gold chunk's. Returns per type and overall.
 */
export function scoreSpans(
  pairs: readonly { gold: readonly TagSpan[]; pred: readonly TagSpan[] }[],
): Record<ConllType | 'ALL', SpanScore> {
  const types: (ConllType | 'ALL')[] = ['PER', 'ORG', 'LOC', 'MISC', 'ALL'];
  const c = new Map(types.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  for (const { gold, pred } of pairs) {
    const key = (s: TagSpan): string => `${s.start}:${s.end}:${s.type}`;
    const goldKeys = new Set(gold.map(key));
    const predKeys = new Set(pred.map(key));
    for (const s of pred) {
      const hit = goldKeys.has(key(s));
      for (const t of [s.type, 'ALL'] as const) {
        const e = c.get(t)!;
        if (hit) e.tp++;
        else e.fp++;
      }
    }
    for (const s of gold) {
      if (predKeys.has(key(s))) continue;
      c.get(s.type)!.fn++;
      c.get('ALL')!.fn++;
    }
  }
  const out = {} as Record<ConllType | 'ALL', SpanScore>;
  for (const t of types) {
    const e = c.get(t)!;
    out[t] = score(e.tp, e.fp, e.fn);
  }
  return out;
}
