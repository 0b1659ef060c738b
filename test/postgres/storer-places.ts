/**
 * The storer's outlet reading of places per article, with and without the place evidence handed over in the store
 * step's job: for each bench corpus article (N inputs), JSON.parse of its evidence as the job carries it,
 * `placeEvidenceOf` and `OutletPlaceHistory.apply`, against `apply` alone (which collects again); CPU ms per
 * article, three rounds each after an untimed pass, and how many articles get the same places as without. Helper, not a test.
 *   nice npx tsx test/postgres/storer-places.ts [N=300]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpus, dragnetDir, loadPages } from '../../bench/ingest/ingest-corpus.js';
import { enrichStep, extractStep } from '../../src/queue/analysis-steps.js';
import { placeEvidence } from '../../src/enrich/places/place-resolver.js';
import { placeEvidenceOf } from '../../src/queue/store-step.js';
import { OutletPlaceHistory } from '../../src/pipeline/outlet-places.js';
import type { Article } from '../../src/model/types.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const N = Number(process.argv[2] ?? '300');
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const items: { a: Article; json: string }[] = [];
for (const item of corpus(loadPages(dragnetDir(repoRoot)), N)) {
  if (!item.ok) continue;
  const x = extractStep(item.doc);
  if (!x.ok) continue;
  const a = enrichStep(item.doc, x.value);
  items.push({ a, json: JSON.stringify(placeEvidence(a.text, a.entities, a.dateline)) });
}
// The places each article gets without the evidence (an untimed pass first, which also warms the gazetteer's caches).
const ref = new OutletPlaceHistory();
const expected = items.map(({ a }) => {
  const r = ref.apply(a);
  ref.observe(a.outlet, r.observed, a.id);
  return JSON.stringify(r.article.places);
});
for (const mode of ['without', 'with', 'without', 'with', 'without', 'with'] as const) {
  const h = new OutletPlaceHistory();
  let ms = 0;
  let same = 0;
  for (const [i, { a, json }] of items.entries()) {
    const t = cpu();
    const ev = mode === 'with' ? placeEvidenceOf(JSON.parse(json), a.text) : undefined;
    const r = h.apply(a, ev);
    ms += cpu() - t;
    h.observe(a.outlet, r.observed, a.id);
    if (JSON.stringify(r.article.places) === expected[i]) same++;
  }
  console.log(JSON.stringify({ mode, msPerArticle: +(ms / items.length).toFixed(3), samePlaces: `${same}/${items.length}` }));
}
