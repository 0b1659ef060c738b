/**
 * What one analysis thread keeps: the ingest benchmark's inputs (bench/ingest/ingest-corpus.ts) analysed one after
 * another in this process, as a pool thread does (`analyzeForIngest`), and the heap that survives a full garbage
 * collection measured every `--every` inputs, less what it was right after the pages were loaded. What grows here
 * is what a thread's memos and caches hold (bounded ones level off; anything that keeps whole pages shows as a
 * climb of about a page per distinct page). Needs --expose-gc:
 *
 *   nice node --expose-gc --import tsx bench/ingest/heap-probe.ts --inputs 4000 --every 500 [--snapshot /tmp/h.heapsnapshot]
 *
 * `--owners F` reads a heap snapshot written with --snapshot and prints its bytes grouped by the first named
 * property edges on a shortest path from the root (a cheap stand-in for retainer analysis).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { analyzeForIngest } from '../../src/pipeline/analyze-for-ingest.js';
import { benchOptions } from '../bench-options.js';
import { corpus, dragnetDir, loadPages } from './ingest-corpus.js';

const opt = benchOptions();
const MiB = 2 ** 20;

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc (see the header of bench/ingest/heap-probe.ts)');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Bytes by the first `depth` named edges of a shortest path from the snapshot's root. */
export function ownersOf(snapshotFile: string, depth: number): [string, number, number][] {
  const s = JSON.parse(readFileSync(snapshotFile, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; edge_fields: string[]; edge_types: [string[]] } };
    nodes: number[];
    edges: number[];
    strings: string[];
  };
  const nf = s.snapshot.meta.node_fields.length;
  const enf = s.snapshot.meta.edge_fields.length;
  const edgeTypes = s.snapshot.meta.edge_types[0];
  const n = s.nodes.length / nf;
  const firstEdge = new Uint32Array(n);
  for (let i = 0, e = 0; i < n; i++) {
    firstEdge[i] = e;
    e += (s.nodes[i * nf + 4] ?? 0) * enf;
  }
  const parent = new Int32Array(n).fill(-1);
  const edgeName: string[] = new Array<string>(n).fill('');
  const seen = new Uint8Array(n);
  seen[0] = 1;
  for (let frontier = [0]; frontier.length > 0; ) {
    const next: number[] = [];
    for (const i of frontier) {
      for (let k = 0, start = firstEdge[i] ?? 0, count = s.nodes[i * nf + 4] ?? 0; k < count; k++) {
        const at = start + k * enf;
        const type = edgeTypes[s.edges[at] ?? 0];
        if (type === 'weak' || type === 'shortcut') continue;
        const to = (s.edges[at + 2] ?? 0) / nf;
        if (seen[to] === 1) continue;
        seen[to] = 1;
        parent[to] = i;
        edgeName[to] = type === 'element' || type === 'hidden' ? '' : (s.strings[s.edges[at + 1] ?? 0] ?? '');
        next.push(to);
      }
    }
    frontier = next;
  }
  const groups = new Map<string, [number, number]>();
  for (let i = 0; i < n; i++) {
    if (seen[i] !== 1) continue;
    const names: string[] = [];
    for (let j = i; j > 0; j = parent[j] ?? 0) if (edgeName[j] !== '' && !/^\d+$/.test(edgeName[j] ?? '')) names.push(edgeName[j] ?? '');
    const key = names.reverse().slice(0, depth).join('.');
    const g = groups.get(key) ?? [0, 0];
    g[0] += s.nodes[i * nf + 3] ?? 0;
    g[1] += 1;
    groups.set(key, g);
  }
  return [...groups].map(([k, [bytes, count]]): [string, number, number] => [k, bytes, count]).sort((a, b) => b[1] - a[1]);
}

const ownersFile = opt('owners', '');
if (ownersFile !== '') {
  for (const [key, bytes, count] of ownersOf(ownersFile, Number(opt('depth', '4'))).slice(0, Number(opt('top', '30')))) {
    console.log(`${(bytes / MiB).toFixed(1).padStart(8)} MiB ${String(count).padStart(9)} objects  ${key || '(unnamed)'}`);
  }
} else {
  const inputs = Number(opt('inputs', '4000'));
  const every = Number(opt('every', '500'));
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const pages = loadPages(dragnetDir(repoRoot));
  const base = heapAfterGc();
  console.log(`pages loaded: ${pages.length}; heap after GC ${(base / MiB).toFixed(0)} MiB (the baseline)`);
  console.log('| inputs | retained by analysis, MiB (heap after GC less the baseline) |\n|---:|---:|');
  let done = 0;
  for (const item of corpus(pages, inputs)) {
    if (item.ok) analyzeForIngest(item.doc);
    done += 1;
    if (done % every === 0 || done === inputs) console.log(`| ${done} | ${((heapAfterGc() - base) / MiB).toFixed(1)} |`);
  }
  const snapshot = opt('snapshot', '');
  if (snapshot !== '') console.log(`heap snapshot: ${v8.writeHeapSnapshot(snapshot)}`);
}
