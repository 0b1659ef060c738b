/**
 * Storyline's two scopes on one PolNeAR compartment (train by default), for
 * tuning on train without writing the benchmark doc:
 *   npx tsx bench/quotes/polnear-scopes.ts [train|dev]
 * "full" is PolNeAR's definition of an attribution (the generic rule on),
 * "speech" what the product runs; both with the NER stage's entities.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPolnear, polnearDir, prf, scoreSystem, trainDocsOrExit, type GoldDoc } from './polnear-scoring.js';
import { storylineSpeech, storylineWithNer } from './quote-systems.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const compartment = (process.argv[2] ?? 'train') as 'train' | 'dev';
const docs = compartment === 'train' ? trainDocsOrExit(repoRoot) : loadPolnear(polnearDir(repoRoot), 'dev');
const scopes: [string, (d: GoldDoc) => ReturnType<typeof storylineSpeech>][] = [
  ['full', (d) => storylineWithNer(d)],
  ['speech', storylineSpeech],
];
for (const [name, run] of scopes) {
  const s = scoreSystem(docs, run);
  const a = prf(s.all30);
  const d = prf(s.direct30);
  console.log(`${compartment} ${name}: direct F1@30 ${d.f1.toFixed(3)}, all P ${a.p.toFixed(3)} R ${a.r.toFixed(3)} F1@30 ${a.f1.toFixed(3)}, speaker ${a.speaker.toFixed(3)} (${s.all30.speakerRight}/${s.all30.speakerAsked})`);
}
