/**
 * Publication-date benchmark on mediacloud-2020: the predicted day must equal
 * the gold day; no answer is a false negative, a wrong day a false positive.
 * Pages are decoded with the ingest layer's decoder, as the pipeline would.
 * Usage: npx tsx bench/dates/run-dates-bench.ts [--errors] [--no-write]
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractPageDates } from '../../src/extract/html/html-extractor.js';
import { loadDatePages, mediacloudDir, repoRoot } from './date-bench-data.js';
import { scoreDates, type DateOutcome } from './date-metric.js';

function machine(): string {
  let nproc = String(os.cpus().length);
  try { nproc = execSync('nproc').toString().trim(); } catch { /* keep os count */ }
  return `nproc ${nproc}, CPU ${os.cpus()[0]?.model ?? 'unknown'}, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

function main(): void {
  if (!fs.existsSync(mediacloudDir)) {
    console.log(`mediacloud-2020 set missing at ${mediacloudDir}; skipped`);
    return;
  }
  const pages = loadDatePages();
  const outcomes: DateOutcome[] = [];
  const sources = new Map<string, { n: number; right: number }>();
  const misses: string[] = [];
  const t0 = performance.now();
  for (const p of pages) {
    const r = extractPageDates(p.html, { source: p.file, url: p.url });
    const predicted = r.ok ? r.value.publishedAt : null;
    const source = r.ok ? (r.value.source ?? 'none') : `failed:${r.reason}`;
    const o: DateOutcome = { gold: p.date, predicted: predicted === null ? null : predicted.slice(0, 10) };
    outcomes.push(o);
    const key = source.replace(/^text:\..*/, 'text:.class');
    const s = sources.get(key) ?? { n: 0, right: 0 };
    s.n++;
    if (o.predicted === o.gold) s.right++;
    sources.set(key, s);
    if (o.predicted !== o.gold) {
      misses.push(`| ${o.predicted === null ? 'no date' : 'wrong'} | ${p.date ?? 'undateable'} | ${o.predicted ?? '—'} | ${source} | ${p.url.slice(0, 90)} |`);
    }
    if (process.argv.includes('--errors') && o.predicted !== o.gold) {
      console.log(`${o.predicted === null ? 'NONE ' : 'WRONG'} gold ${p.date} got ${o.predicted} via ${source} conf ${r.ok ? r.value.confidence : '-'} ${p.url}`);
    }
  }
  const ms = performance.now() - t0;
  const s = scoreDates(outcomes);
  const lines = [
    `### mediacloud-2020 (${pages.length} pages, all)`,
    '',
    '| system | pages | F1 | precision | recall | right day | wrong day | no date (dateable page) | no date (undateable page, correct) | pages/s |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| storyline extractPageDates (findPublicationDate) | ${pages.length} | ${s.f1.toFixed(3)} | ${s.precision.toFixed(3)} | ${s.recall.toFixed(3)} | ${s.right} | ${s.wrong} | ${s.none} | ${s.rightNone} | ${(pages.length / (ms / 1000)).toFixed(1)} |`,
    '',
    'Reference (htmldate\'s own table, on the larger set this one belongs to): htmldate extensive F1 0.949, htmldate fast 0.925, newspaper4k 0.810.',
    '',
    '| date source used | pages | right day |',
    '|---|---:|---:|',
    ...[...sources].sort((a, b) => b[1].n - a[1].n).map(([k, v]) => `| ${k} | ${v.n} | ${v.right} |`),
    '',
    'Pages scored wrong or without a date (gold from eval.json, prediction from this run):',
    '',
    '| outcome | gold | predicted | source | url |',
    '|---|---|---|---|---|',
    ...misses,
  ];
  const table = lines.join('\n');
  console.log(table);
  if (process.argv.includes('--no-write')) return;
  const cmd = `npx tsx bench/dates/run-dates-bench.ts ${process.argv.slice(2).join(' ')}`.trim();
  const doc = ['# Publication-date benchmark', '', 'Metric: shared/README.md (predicted day must equal the gold day; no answer = false negative, wrong day = false positive). The gold data is used only for scoring; the extractor sees the page and its URL.', '', table, '', `Command: \`${cmd}\``, '', `Machine: ${machine()}`, ''].join('\n');
  fs.mkdirSync(path.join(repoRoot, 'docs/benchmarks'), { recursive: true });
  fs.writeFileSync(path.join(repoRoot, 'docs/benchmarks/dates.md'), doc);
}

main();
