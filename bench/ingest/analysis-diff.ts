/**
 * Same outputs? Analyses the first N dragnet pages exactly as the pipeline does
 * (`analyzeDocument`, src/pipeline/analyze.ts) and prints one digest per field
 * group of the analysed Article (extraction, sentences, entities, places, quotes,
 * times, hashes) over all pages, plus one over everything. Run it before and
 * after a speed change: every group must print the same digest. `--out file`
 * also writes one line per page and group, so `diff` names the pages that moved.
 *
 *   nice npx tsx bench/ingest/analysis-diff.ts [--pages 1380] [--dragnet <input dir>] [--out /tmp/digests.txt]
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

function main(): void {
  const dir = opt('dragnet', path.resolve(repoRoot, '../shared/bench/extraction/dragnet_data/input'));
  const files = readdirSync(dir).filter((f) => f.endsWith('.html.gz')).sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
  const n = Math.min(Number(opt('pages', String(files.length))), files.length);
  const names = ['extraction', ...Object.keys(GROUPS)];
  const totals = new Map(names.map((g) => [g, createHash('sha256')]));
  const lines: string[] = [];
  let articles = 0;
  for (const f of files.slice(0, n)) {
    const d = decodeBytes(gunzipSync(readFileSync(path.join(dir, f))), { html: true });
    const per = new Map<string, unknown>();
    if (!d.ok) per.set('extraction', { decode: d.reason });
    else {
      const doc: RawDocument = { source: `dragnet/${f}`, kind: 'html', contentType: 'text/html', content: d.value.text };
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
      lines.push(`${f} ${g} ${h}`);
    }
  }
  const all = createHash('sha256');
  console.log(`${n} pages, ${articles} analysed as articles`);
  for (const g of names) {
    const h = totals.get(g)!.digest('hex').slice(0, 16);
    all.update(h);
    console.log(`${g.padEnd(11)} ${h}`);
  }
  console.log(`${'all'.padEnd(11)} ${all.digest('hex').slice(0, 16)}`);
  const out = opt('out', '');
  if (out !== '') writeFileSync(out, lines.join('\n') + '\n');
}

main();
