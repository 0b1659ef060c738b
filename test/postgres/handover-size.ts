/**
 * Bytes of JSON the store step's handover adds to a cluster job (place evidence; the compact text, base64 per array,
 * for comparison), and CPU the storer spends to redo each, on the bench corpus (first N pages). Helper, not a test.
 *   npx tsx test/postgres/handover-size.ts [N=150]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpus, dragnetDir, loadPages } from '../../bench/ingest/ingest-corpus.js';
import { extractStep, enrichStep } from '../../src/queue/analysis-steps.js';
import { placeEvidence, resolvePlaces } from '../../src/enrich/places/place-resolver.js';
import { prepareCompact } from '../../src/provenance/compact-text.js';
import { DEFAULT_PROVENANCE_OPTIONS } from '../../src/provenance/provenance-graph.js';
import { placeEvidenceOf } from '../../src/queue/store-step.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const N = Number(process.argv[2] ?? '150');
const pages = loadPages(dragnetDir(repoRoot));
let valid = 0, evidenceMs = 0, againMs = 0, n = 0, article = 0, places = 0, compact = 0, compactMs = 0, collectMs = 0;
const cpu = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (const item of corpus(pages, N)) {
  if (!item.ok) continue;
  const x = extractStep(item.doc);
  if (!x.ok) continue;
  const a = enrichStep(item.doc, x.value);
  n++;
  article += Buffer.byteLength(JSON.stringify(a));
  let t = cpu();
  const ev = placeEvidence(a.text, a.entities, a.dateline);
  evidenceMs += cpu() - t;
  t = cpu();
  placeEvidence(a.text, a.entities, a.dateline); // the same article again: the collection just made is remembered
  againMs += cpu() - t;
  const json = JSON.stringify(ev);
  places += Buffer.byteLength(json);
  if (placeEvidenceOf(JSON.parse(json), a.text) !== undefined) valid++;
  t = cpu();
  const c = prepareCompact(a.text, DEFAULT_PROVENANCE_OPTIONS.passages);
  compactMs += cpu() - t;
  const enc: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) enc[k] = ArrayBuffer.isView(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') : v;
  compact += Buffer.byteLength(JSON.stringify(enc));
  // the storer's collection without the evidence: a fresh resolvePlaces (cache defeated by another article in between is not needed: time both)
  t = cpu();
  resolvePlaces(a.text + ' ', a.entities, { dateline: a.dateline });
  collectMs += cpu() - t;
}
console.log(JSON.stringify({ articles: n, evidenceValid: valid, placeEvidenceAfterEnrichMs: +(evidenceMs / n).toFixed(3), placeEvidenceAgainMs: +(againMs / n).toFixed(3), articleJsonBytes: Math.round(article / n), placesJsonBytes: Math.round(places / n), compactBase64JsonBytes: Math.round(compact / n), prepareCompactMs: +(compactMs / n).toFixed(2), resolvePlacesFreshMs: +(collectMs / n).toFixed(2) }));
