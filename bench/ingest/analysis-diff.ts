/**
 * Same outputs? Analyses the first N dragnet pages exactly as the pipeline does
 * (`analyzeDocument`, src/pipeline/analyze.ts) and prints one digest per field
 * group of the analysed Article (extraction, sentences, entities, places, quotes,
 * times, hashes) over all pages, plus one over everything. Run it before and
 * after a speed change: every group must print the same digest. `--out file`
 * also writes one line per page and group, so `diff` names the pages that moved.
 *
 *   nice npx tsx bench/ingest/analysis-diff.ts [--pages 1380] [--repeat N] [--dragnet <input dir>] [--out /tmp/digests.txt]
 *
 * `--repeat N`: after the pages themselves, N more passes over them as the ingest benchmark's near-copies
 * (`vary(html, rep)` of bench/ingest/ingest-corpus.ts, rep 1..N: a new address and one new sentence at the start
 * of each paragraph), all in the same process, so whatever the analysis remembers across articles is exercised on
 * repeated text. Their digests are part of every group's (and of `--out`, as `<page>#<rep>`).
 *
 * Groups are printed separately because stages belong to different engineers
 * (a change to quotes must not hide or fake one in places).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { decodeBytes } from '../../src/ingest/decode.js';
import { analyzeDocument } from '../../src/pipeline/analyze.js';
import type { Article, RawDocument } from '../../src/model/types.js';
import { benchOptions } from '../bench-options.js';
import { vary } from './ingest-corpus.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const opt = benchOptions();

/** Which Article fields each group covers; everything else counts as extraction. */
const GROUPS: Record<string, readonly (keyof Article)[]> = {
  sentences: ['sentences'],
  entities: ['entities', 'entityTable'],
  places: ['places'],
  quotes: ['quotes'],
  times: ['times'],
  hashes: ['contentHash', 'simhash', 'id'],
};
const ENRICHED = new Set<string>(Object.values(GROUPS).flat());

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value) ?? 'undefined').digest('hex').slice(0, 16);
}

async function main(): Promise<void> {
  const dir = opt('dragnet', path.resolve(repoRoot, '../shared/bench/extraction/dragnet_data/input'));
  const files = readdirSync(dir).filter((f) => f.endsWith('.html.gz')).sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
  const n = Math.min(Number(opt('pages', String(files.length))), files.length);
  const names = ['extraction', ...Object.keys(GROUPS)];
  const totals = new Map(names.map((g) => [g, createHash('sha256')]));
  const lines: string[] = [];
  let articles = 0;
  const repeat = Number(opt('repeat', '0'));
  for (let rep = 0; rep <= repeat; rep++) {
    for (const f of files.slice(0, n)) {
      const d = decodeBytes(gunzipSync(readFileSync(path.join(dir, f))), { html: true });
      const per = new Map<string, unknown>();
      const name = rep === 0 ? f : `${f}#${rep}`;
      if (!d.ok) per.set('extraction', { decode: d.reason });
      else {
        const doc: RawDocument = { source: `dragnet/${name}`, kind: 'html', contentType: 'text/html', content: vary(d.value.text, rep) };
        const r = analyzeDocument(doc);
        if (!r.ok) per.set('extraction', { reason: r.reason, detail: r.detail ?? null });
        else {
          articles++;
          const a = r.value;
          per.set('extraction', Object.fromEntries(Object.entries(a).filter(([k]) => !ENRICHED.has(k))));
          for (const [g, keys] of Object.entries(GROUPS)) per.set(g, keys.map((k) => a[k]));
        }
      }
      for (const g of names) {
        const h = digest(per.get(g) ?? null);
        totals.get(g)!.update(h);
        lines.push(`${name} ${g} ${h}`);
      }
    }
  }
  const all = createHash('sha256');
  console.log(`${n} pages${repeat > 0 ? ` and ${repeat} near-copies of each` : ''}, ${articles} analysed as articles`);
  for (const g of names) {
    const h = totals.get(g)!.digest('hex').slice(0, 16);
    all.update(h);
    console.log(`${g.padEnd(11)} ${h}`);
  }
  console.log(`${'all'.padEnd(11)} ${all.digest('hex').slice(0, 16)}`);
  const out = opt('out', '');
  if (out !== '') writeFileSync(out, lines.join('\n') + '\n');
  // The memos' counts, when this tree has them (an older tree, measured with the same script, has none).
  const memos: [string, string, string][] = [
    ['ner chunk memo', '../../src/enrich/ner/ner-tagger.js', 'defaultNerChunkMemo'],
    ['time segment memo', '../../src/enrich/times/time-expressions.js', 'defaultTimeMemo'],
  ];
  for (const [label, file, name] of memos) {
    const memo = ((await import(file)) as Record<string, unknown>)[name] as { stats(): Record<string, number> } | undefined;
    if (memo !== undefined) console.log(`${label}: ${JSON.stringify(memo.stats())}`);
  }
}

await main();
