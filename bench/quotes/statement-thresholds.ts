/**
 * Measures the statement linker's thresholds on PolNeAR train gold quotes:
 * synthetic renderings of each quote (a truncation to a contiguous half, a
 * copy with one word in eight dropped, a copy with changed punctuation and
 * case) must link; quotes from different articles must (mostly) not — some of
 * those are real repeats of one statement, so the rate is an upper bound on
 * false links. There is no gold for real paraphrases, so paraphrase linking is
 * only checked for false links among same-speaker quotes.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { comparePrepared, DEFAULT_THRESHOLDS, prepare, type LinkThresholds, type Prepared } from '../../src/statements/statement-linker.js';
import { loadPolnear, polnearDir, type GoldDoc } from './polnear-scoring.js';

function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

interface Quote {
  doc: number;
  speaker: string | null;
  text: string;
}

function quotesOf(docs: readonly GoldDoc[]): Quote[] {
  const out: Quote[] = [];
  docs.forEach((d, doc) => {
    for (const a of d.attributions) {
      const text = a.content.map((s) => d.text.slice(s.start, s.end)).join(' ');
      if ((text.match(/[\p{L}\p{N}]+/gu) ?? []).length < 8) continue;
      const caps = a.sourceText?.match(/\p{Lu}[\p{L}’'-]+/gu);
      out.push({ doc, speaker: caps?.at(-1) ?? null, text });
    }
  });
  return out;
}

export interface ThresholdRow {
  th: LinkThresholds;
  truncRecall: number;
  dropRecall: number;
  punctRecall: number;
  crossLinkRate: number;
  sameSpeakerLinkRate: number;
}

export function measureThresholds(docs: readonly GoldDoc[], grid: LinkThresholds[]): { rows: ThresholdRow[]; quotes: number; crossPairs: number; samePairs: number } {
  const quotes = quotesOf(docs);
  const rand = rng(42);
  const prepared = quotes.map((q) => prepare(q.text));
  const trunc: Prepared[] = [];
  const drop: Prepared[] = [];
  const punct: Prepared[] = [];
  for (const q of quotes) {
    const ws = q.text.split(/\s+/);
    const len = Math.max(5, Math.floor(ws.length / 3));
    const start = Math.floor(rand() * (ws.length - len + 1));
    trunc.push(prepare(ws.slice(start, start + len).join(' ')));
    drop.push(prepare(ws.filter((_, i) => i % 5 !== 2).join(' ')));
    punct.push(prepare(q.text.toUpperCase().replace(/[,.;:“”"‘’]/g, ' ')));
  }
  const cross: [number, number][] = [];
  const same: [number, number][] = [];
  while (cross.length < 20000) {
    const i = Math.floor(rand() * quotes.length);
    const j = Math.floor(rand() * quotes.length);
    if (quotes[i]!.doc !== quotes[j]!.doc) cross.push([i, j]);
  }
  const bySpeaker = new Map<string, number[]>();
  quotes.forEach((q, i) => q.speaker && bySpeaker.set(q.speaker, [...(bySpeaker.get(q.speaker) ?? []), i]));
  const groups = [...bySpeaker.values()].filter((g) => g.length >= 2);
  for (let n = 0; n < 200000 && same.length < 20000 && groups.length > 0; n++) {
    const g = groups[Math.floor(rand() * groups.length)]!;
    const a = g[Math.floor(rand() * g.length)]!;
    const b = g[Math.floor(rand() * g.length)]!;
    if (quotes[a]!.doc !== quotes[b]!.doc) same.push([a, b]);
  }
  if (process.env['SHOW_LINKS']) {
    for (const [i, j] of same.filter(([i, j]) => comparePrepared(prepared[i]!, prepared[j]!, true, grid[0]!) !== null).slice(0, 12))
      console.log(`${comparePrepared(prepared[i]!, prepared[j]!, true, grid[0]!)?.match}\n  ${quotes[i]!.text.slice(0, 160)}\n  ${quotes[j]!.text.slice(0, 160)}`);
  }
  const rows = grid.map((th) => {
    const rate = (xs: Prepared[], want: (m: string) => boolean): number => xs.filter((x, i) => want(comparePrepared(prepared[i]!, x, true, th)?.match ?? 'none')).length / xs.length;
    return {
      th,
      truncRecall: rate(trunc, (m) => m === 'truncated' || m === 'verbatim'),
      dropRecall: rate(drop, (m) => m === 'truncated' || m === 'verbatim'),
      punctRecall: rate(punct, (m) => m === 'verbatim'),
      crossLinkRate: cross.filter(([i, j]) => comparePrepared(prepared[i]!, prepared[j]!, false, th) !== null).length / Math.max(1, cross.length),
      sameSpeakerLinkRate: same.filter(([i, j]) => comparePrepared(prepared[i]!, prepared[j]!, true, th) !== null).length / Math.max(1, same.length),
    };
  });
  return { rows, quotes: quotes.length, crossPairs: cross.length, samePairs: same.length };
}

export const GRID: LinkThresholds[] = [
  DEFAULT_THRESHOLDS,
  { ...DEFAULT_THRESHOLDS, truncated: 0.6 },
  { ...DEFAULT_THRESHOLDS, truncated: 0.8 },
  { ...DEFAULT_THRESHOLDS, inOrder: 0.85, truncatedFloor: 0.4 },
  { ...DEFAULT_THRESHOLDS, inOrder: 0.65, truncatedFloor: 0.25 },
  { ...DEFAULT_THRESHOLDS, inOrder: 0.9 },
  { ...DEFAULT_THRESHOLDS, paraphrase: 0.5, paraphraseMinShared: 4 },
  { ...DEFAULT_THRESHOLDS, paraphrase: 0.7 },
  { ...DEFAULT_THRESHOLDS, verbatim: 0.75 },
];

/** The markdown section the quote benchmark appends; measured on train, whatever compartment the caller scores. */
export function statementThresholdSection(_scored: unknown): string {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const docs = loadPolnear(polnearDir(repoRoot), 'train');
  const m = measureThresholds(docs, GRID);
  const f = (x: number): string => x.toFixed(3);
  const lines = [
    '## Statement linking thresholds (PolNeAR train)',
    '',
    `${m.quotes} gold quotes of 8+ words. Synthetic renderings of each must link (truncation to a contiguous third, at least 5 words; one word in five dropped; case and punctuation changed); ${m.crossPairs} random pairs of quotes from different articles and ${m.samePairs} pairs with the same speaker surname from different articles should not (some are real repeats, so these rates bound false links from above). Paraphrase linking has no gold here: its row only shows what it costs in same-speaker links.`,
    '',
    '| verbatim J | truncated C | in-order / floor | paraphrase overlap / min shared | truncation linked | word-drop linked | punctuation → verbatim | cross-article links | same-speaker links |',
    '|---|---|---|---|---|---|---|---|---|',
    ...m.rows.map((r, i) => `| ${r.th.verbatim} | ${r.th.truncated} | ${r.th.inOrder} / ${r.th.truncatedFloor} | ${r.th.paraphrase} / ${r.th.paraphraseMinShared} | ${f(r.truncRecall)} | ${f(r.dropRecall)} | ${f(r.punctRecall)} | ${f(r.crossLinkRate)} | ${f(r.sameSpeakerLinkRate)} |${i === 0 ? ' ← default' : ''}`),
  ];
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) console.log(statementThresholdSection(null));
