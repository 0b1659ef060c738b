/**
 * Demo corpus quality: ingests `demo/corpus` through the real IngestService
 * into a temporary SQLite store, scores it against `demo/ground-truth.json`
 * (the same scoring as test/golden/demo-ground-truth-score.test.ts), repeats
 * the ingest in reversed and in one fixed shuffled order (issue 5), and writes
 * docs/benchmarks/demo.md.
 *
 *   nice npx tsx bench/demo/demo-quality.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { analyzeDocument } from '../../src/pipeline/analyze.js';
import { DEMO_CORPUS, SEEDS, digestArticle, readCorpus, repoRoot, type GoldenDigest } from '../../test/golden/demo-digest.js';
import { bcubed, ingestCorpus, pairwiseAgreement, readGroundTruth, scoreDemo, shuffled, type DemoScores, type IngestedDoc } from '../../test/golden/demo-scoring.js';
import { benchCommand } from '../bench-options.js';

/** Same seed as test/golden/order-independence.test.ts. */
const SHUFFLE_SEED = 20261123;

const f3 = (x: number) => x.toFixed(3);

/**
 * Outputs that are wrong on their face, found by simple checks on each
 * input's golden digest (the corpus is dated 2019–2026, all in English).
 */
function suspicious(d: GoldenDigest): string[] {
  const out: string[] = [];
  const title = d.title ?? '';
  if (/\d{1,2}:\d{2}|^Posted |^By |^\[Image|^Photo:/i.test(title)) out.push(`title is a date, byline or caption line: ${JSON.stringify(title)}`);
  if (d.outlet === null) out.push('no outlet');
  else if (/\d/.test(d.outlet ?? '')) out.push(`outlet carries a number: ${JSON.stringify(d.outlet)}`);
  const firstLine = (d.textStart ?? '').split('\n')[0] ?? '';
  if (/^By |^Posted |\b\d{1,2}:\d{2}\b|^[^.]{0,60}\|/.test(firstLine)) out.push(`text opens with a byline/date/section line: ${JSON.stringify(firstLine.slice(0, 80))}`);
  for (const q of d.quotes ?? []) {
    const who = q[1] ?? '';
    if (who !== '' && !/^\p{Lu}/u.test(who) && !/^(a|an|the) /i.test(who)) continue; // lower-case role nouns ("ministry") are weak but not wrong
    if (/^(It|Its|Who|One|He|She|They|Herald|Courier|Ledger)$/.test(who)) out.push(`quote speaker ${JSON.stringify(who)}: ${JSON.stringify(q[3])}`);
  }
  for (const t of d.times ?? []) {
    const year = Number(t.split(' => ')[1]?.slice(0, 4));
    if (Number.isFinite(year) && year > 0 && (year < 2015 || year > 2027)) out.push(`time resolved against no real date: ${t}`);
  }
  return out;
}

function gitHead(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** Source files that differed from the commit when the run was made (the numbers include those edits). */
function dirtySrc(): string {
  try {
    const out = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: repoRoot, encoding: 'utf8' });
    const files = out.split('\n').map((l) => l.slice(3).trim()).filter((f) => f.length > 0);
    return files.length === 0 ? ' (clean src/)' : ` plus uncommitted edits in ${files.map((f) => `\`${f}\``).join(', ')}`;
  } catch {
    return '';
  }
}

async function main(): Promise<void> {
  const truth = readGroundTruth();
  const docs = await readCorpus([DEMO_CORPUS]);
  const orders: [string, typeof docs][] = [
    ['file order', docs],
    ['reversed', [...docs].reverse()],
    ['shuffled', shuffled(docs, SHUFFLE_SEED)],
  ];
  const runs: { name: string; ingested: Map<string, IngestedDoc>; scores: DemoScores; seconds: number }[] = [];
  for (const [name, list] of orders) {
    const t0 = performance.now();
    const ingested = await ingestCorpus(list);
    const seconds = (performance.now() - t0) / 1000;
    runs.push({ name, ingested, scores: scoreDemo(ingested, truth), seconds });
    console.error(`${name}: ${seconds.toFixed(1)} s`);
  }

  // Reference points for the clustering rows: every article alone, and everything in one event.
  const keys = Object.keys(truth.files);
  const goldEvent = new Map(keys.map((k) => [k, truth.files[k]!.event]));
  const singletons = bcubed(new Map(keys.map((k) => [k, k])), goldEvent);
  const oneBlob = bcubed(new Map(keys.map((k) => [k, 'all'])), goldEvent);

  const rows: [string, (s: DemoScores) => string][] = [
    ['inputs stored', (s) => `${s.stored}/${s.documents}`],
    ['outlet accuracy', (s) => f3(s.outletAccuracy)],
    ['publication day accuracy (all; null truth wants no year)', (s) => f3(s.publishedDayAccuracy)],
    ['publication day accuracy (pages with a dated truth)', (s) => f3(s.publishedDayAccuracyDated)],
    ['events B-cubed P / R / F1', (s) => `${f3(s.events.precision)} / ${f3(s.events.recall)} / **${f3(s.events.f1)}**`],
    ['events predicted (truth: 9)', (s) => String(s.predictedEvents)],
    ['story lines B-cubed P / R / F1', (s) => `${f3(s.storylines.precision)} / ${f3(s.storylines.recall)} / **${f3(s.storylines.f1)}**`],
    ['story lines predicted (truth: 3)', (s) => String(s.predictedStorylines)],
    ['provenance accuracy (original / wire / near-copy / rewrite)', (s) => f3(s.provenanceAccuracy)],
    ['copy-source accuracy (near-copies and rewrites)', (s) => f3(s.copySourceAccuracy)],
    ['direct-quote speaker recall (full name)', (s) => f3(s.directSpeakerRecall)],
    ['direct-quote speaker recall (family name)', (s) => f3(s.directSpeakerRecallSurname)],
    ['paraphrased pieces with no direct quote found', (s) => f3(s.noQuoteAgreement)],
    ['dateline place and agency accuracy', (s) => f3(s.datelineAccuracy)],
    ['denial / refusal stance recall', (s) => f3(s.stanceRecall)],
    ['chrome strings left in article text (target 0)', (s) => String(s.chromeLeaks.length)],
  ];
  const table = [
    `| metric | ${runs.map((r) => r.name).join(' | ')} |`,
    `|---|${runs.map(() => '---:').join('|')}|`,
    ...rows.map(([label, get]) => `| ${label} | ${runs.map((r) => get(r.scores)).join(' | ')} |`),
    `| ingest seconds (${docs.length} inputs) | ${runs.map((r) => r.seconds.toFixed(1)).join(' | ')} |`,
  ].join('\n');

  type Run = { name: string; ingested: Map<string, IngestedDoc> };
  const eventsOf = (r: Run) => new Map([...r.ingested].map(([k, d]) => [k, d.eventId]));
  const storylinesOf = (r: Run) => new Map([...r.ingested].map(([k, d]) => [k, d.storylineId]));
  /** Inputs whose provenance class and named source are the same in both runs. */
  const sameProvenance = (a: Run, b: Run) =>
    [...a.ingested].filter(([k, d]) => {
      const o = b.ingested.get(k);
      return o !== undefined && o.provenance === d.provenance && o.provenanceOfKey === d.provenanceOfKey;
    }).length;
  const agreementRows = (corpus: string, set: Run[]) =>
    set.slice(1).map((r) => {
      const ev = pairwiseAgreement(eventsOf(set[0]!), eventsOf(r));
      const sl = pairwiseAgreement(storylinesOf(set[0]!), storylinesOf(r));
      return `| ${corpus} | file order vs ${r.name} | ${ev.disagreements}/${ev.pairs} | ${f3(ev.agreement)} | ${sl.disagreements}/${sl.pairs} | ${f3(sl.agreement)} | ${sameProvenance(set[0]!, r)}/${set[0]!.ingested.size} |`;
    });
  const agreement = agreementRows('demo', runs);
  // The order-independence test also mixes in the seed pages; measure that set too.
  const seedsPresent = existsSync(SEEDS);
  if (seedsPresent) {
    const withSeeds = await readCorpus([DEMO_CORPUS, SEEDS]);
    const seeded: Run[] = [];
    for (const [name, list] of [
      ['file order', withSeeds],
      ['reversed', [...withSeeds].reverse()],
      ['shuffled', shuffled(withSeeds, SHUFFLE_SEED)],
    ] as const) {
      seeded.push({ name, ingested: await ingestCorpus(list) });
      console.error(`demo + seeds, ${name}: done`);
    }
    agreement.push(...agreementRows('demo + seeds', seeded));
  }
  const base = runs[0]!;

  const flagged: string[] = [];
  for (const item of docs) {
    if (!item.doc) continue;
    const r = analyzeDocument(item.doc);
    if (!r.ok) {
      flagged.push(`- ${item.key}: rejected (${r.reason})`);
      continue;
    }
    for (const f of suspicious(digestArticle(item.key, r.value))) flagged.push(`- ${item.key}: ${f}`);
  }

  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.+)/)?.[1] ?? 'unknown';
  const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  const md = `# Demo corpus quality (issue 2) and ingest-order independence (issue 5)

The ${docs.length} inputs of \`demo/corpus\` go through the real \`IngestService\` into a fresh temporary SQLite
store and are scored against \`demo/ground-truth.json\`: outlet, publication day (a \`null\` truth — the page gives
no year-bearing article date — is only matched by no year-bearing date), events and story lines (B-cubed over the
inputs, predicted event / story line of the store vs the ground truth's), provenance class and named source,
direct-quote speakers (a direct or mixed quote whose speaker is the named person), datelines (place and agency),
the denial / refusal stances the ground truth says a piece contains (among its quotes' cue stances), and the page
chrome strings in article text. Each order is a separate fresh store; "shuffled" is a fixed permutation (seed
${SHUFFLE_SEED}). The test \`test/golden/demo-ground-truth-score.test.ts\` pins minimums a little below the
file-order column.

${table}

Reference points for event B-cubed F1 (no peer is named for this corpus): every input its own event
${f3(singletons.f1)}, all inputs in one event ${f3(oneBlob.f1)}.

## Order independence

Pairs of inputs put together in one order and apart in the other (Rand index = share of pairs on which the two
runs agree; 1.000 means the partitions are identical up to ids). The last column counts inputs whose provenance
class and named source are the same in both runs. ${seedsPresent ? `"demo + seeds" adds the five pages of \`../shared/corpus/seeds\`, as \`test/golden/order-independence.test.ts\` does.` : 'The seed pages (`../shared/corpus/seeds`) were absent, so only the demo corpus was measured.'}

| inputs | comparison | event pairs differing | event agreement | story-line pairs differing | story-line agreement | same provenance class and source |
|---|---|---:|---:|---:|---:|---:|
${agreement.join('\n')}

## Outputs wrong on their face (${flagged.length})

Simple checks on each input's golden digest (\`test/golden/demo/\`): titles that are date/byline/caption lines,
missing outlets or outlets with a number, article text opening with a byline or date line, pronouns or outlet
names as quote speakers, and time expressions resolved to a year outside 2015–2027 (no reference date).

${flagged.join('\n')}

## Per-document mistakes against the ground truth (file order)

${base.scores.misses.map((m) => `- ${m}`).join('\n')}
${base.scores.chromeLeaks.map((m) => `- chrome left in text — ${m}`).join('\n')}

- Command: \`${benchCommand('bench/demo/demo-quality.ts')}\`
- Code: commit ${gitHead()}${dirtySrc()}
- Machine: ${os.cpus().length} logical CPUs (nproc), ${cpu}; shared with other engineers' jobs (load average ${load})
- Node ${process.version}; ${new Date().toISOString().slice(0, 10)}
`;
  mkdirSync(path.join(repoRoot, 'docs/benchmarks'), { recursive: true });
  writeFileSync(path.join(repoRoot, 'docs/benchmarks/demo.md'), md);
  console.log(md);
}

await main();
