/**
 * Per-stage analysis cost on the first N dragnet pages (real HTML), one core:
 * extraction, then each enrichment stage as `enrich` runs it. Reports CPU ms
 * per article for each stage and in total (process CPU time, so that other
 * work on a shared machine does not count; it includes V8's helper threads).
 *
 *   nice npx tsx bench/ner/enrich-stages.ts 300
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpus, dragnetDir, loadPages } from '../ingest/ingest-corpus.js';
import { extract, MIN_TEXT, referenceDay } from '../../src/pipeline/analyze.js';
import { splitSentences } from '../../src/enrich/sentences/sentence-splitter.js';
import { recognizeEntities } from '../../src/enrich/entities/entity-recognizer.js';
import { defaultNerModel } from '../../src/enrich/ner/ner-tagger.js';
import { resolvePlaces } from '../../src/enrich/places/place-resolver.js';
import { extractQuotes } from '../../src/enrich/quotes/quote-extractor.js';
import { extractTimes } from '../../src/enrich/times/time-expressions.js';
import { contentHash, simhash64 } from '../../src/dedup/index.js';

const N = Number(process.argv[2] ?? 300);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pages = loadPages(dragnetDir(repoRoot));
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const t0 = cpuMs();
defaultNerModel();
const loadMs = cpuMs() - t0;
const stages = ['extract', 'sentences', 'entities', 'places', 'quotes', 'times', 'hashes'] as const;
const ms: Record<string, number> = Object.fromEntries(stages.map((s) => [s, 0]));
let n = 0;
let chars = 0;
const all0 = cpuMs();
for (const item of corpus(pages, N)) {
  if (!item.ok) continue;
  let t = cpuMs();
  const lap = (s: (typeof stages)[number]): void => {
    const now = cpuMs();
    ms[s]! += now - t;
    t = now;
  };
  const x = extract(item.doc);
  lap('extract');
  if (!x.ok || x.value.text.trim().length < MIN_TEXT) continue;
  const a = x.value;
  const text = a.text;
  chars += text.length;
  n++;
  const sentences = splitSentences(text);
  lap('sentences');
  const exclude = a.dateline ? [{ start: a.dateline.start, end: a.dateline.end }] : [];
  const { mentions, entities } = recognizeEntities(text, sentences, { exclude });
  lap('entities');
  resolvePlaces(text, mentions, { dateline: a.dateline });
  lap('places');
  extractQuotes(text, sentences, mentions, entities, { outlet: a.outlet, exclude });
  lap('quotes');
  extractTimes(text, { date: referenceDay(a.publishedAt) });
  lap('times');
  contentHash(text);
  simhash64(text);
  lap('hashes');
}
const total = cpuMs() - all0;
console.log(`${n} articles analysed of ${N} pages, ${Math.round(chars / Math.max(n, 1))} chars/article; NER model load ${loadMs.toFixed(0)} CPU ms`);
for (const s of stages) console.log(`${s.padEnd(10)} ${(ms[s]! / Math.max(n, 1)).toFixed(2)} CPU ms/article`);
console.log(`total      ${(total / Math.max(n, 1)).toFixed(2)} CPU ms/article (${N} pages)`);
