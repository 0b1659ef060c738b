/**
 * `npm run bench`: runs every area's benchmark (each writes its own section
 * to docs/benchmarks/<area>.md), then assembles docs/benchmarks.md.
 *   npm run bench                   all areas, then assemble
 *   npm run bench -- ner quotes     only these areas, then assemble
 *   npm run bench -- --assemble     only assemble the existing sections
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Area → script, in the order the sections appear. */
export const BENCHMARKS: Record<string, string> = {
  extraction: 'bench/extraction/run-extraction-bench.ts',
  'extract-text': 'bench/extract-text/run-text-pages-bench.ts',
  dates: 'bench/dates/run-dates-bench.ts',
  ner: 'bench/ner/conll-bench.ts',
  geo: 'bench/geo/lgl-bench.ts',
  quotes: 'bench/quotes/polnear-bench.ts',
  clustering: 'bench/clustering/clustering-bench.ts',
  scale: 'bench/scale/scale-bench.ts',
  ingest: 'bench/ingest/ingest-throughput.ts',
  feeds: 'bench/feeds/feed-polling.ts',
  web: 'bench/web/front-page.ts',
  demo: 'bench/demo/demo-quality.ts',
};

function run(area: string): boolean {
  const script = BENCHMARKS[area];
  if (!script || !existsSync(path.join(root, script))) {
    console.error(`bench: no script for "${area}" (${script ?? 'unknown area'})`);
    return false;
  }
  console.error(`\n=== ${area}: npx tsx ${script}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, stdio: 'inherit' });
  return r.status === 0;
}

export function assemble(): string {
  const dir = path.join(root, 'docs/benchmarks');
  const known = Object.keys(BENCHMARKS);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort((a, b) => {
      const ia = known.indexOf(a.slice(0, -3));
      const ib = known.indexOf(b.slice(0, -3));
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
    });
  const cpu = /model name\s*:\s*(.*)/.exec(existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const parts = [
    '# Storyline benchmarks',
    '',
    'Each section below is written by its own benchmark script and states the exact command, the machine and the date it was measured on.',
    '`npm run bench` reruns all of them (`npm run bench -- <area…>` for some) and reassembles this file;',
    'the sections live in `docs/benchmarks/<area>.md`.',
    '',
    `Assembled on ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (${cpu}), Node ${process.version}.`,
    '',
    ...files.map((f) => readFileSync(path.join(dir, f), 'utf8').trim().replace(/^# /m, '## ') + '\n'),
  ];
  const out = parts.join('\n');
  writeFileSync(path.join(root, 'docs/benchmarks.md'), out);
  return out;
}

const args = process.argv.slice(2);
if (!args.includes('--assemble')) {
  const areas = args.length > 0 ? args : Object.keys(BENCHMARKS);
  const failed = areas.filter((a) => !run(a));
  if (failed.length > 0) console.error(`bench: failed or missing: ${failed.join(', ')}`);
}
assemble();
console.error('bench: wrote docs/benchmarks.md');
