/**
 * Regenerates the demo golden files (`test/golden/demo/<input>.json`) from the
 * live pipeline. Run `npx tsx scripts/regen-golden.ts`, then READ the diff
 * before committing: a golden file records what the pipeline does, not what
 * is right, and `git diff test/golden/demo` is where a regression shows.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeDocument } from '../src/pipeline/analyze.js';
import { DEMO_CORPUS, GOLDEN_DIR, digestArticle, digestRejection, goldenJson, goldenPath, readCorpus } from '../test/golden/demo-digest.js';

async function main(): Promise<void> {
  mkdirSync(GOLDEN_DIR, { recursive: true });
  // Stale files (an input renamed or removed) must not linger as silent passes.
  for (const f of readdirSync(GOLDEN_DIR)) if (f.endsWith('.json')) rmSync(path.join(GOLDEN_DIR, f));
  const items = await readCorpus([DEMO_CORPUS]);
  for (const item of items) {
    let digest;
    if (!item.doc) digest = digestRejection(item.key, item.reason ?? 'unreadable');
    else {
      const r = analyzeDocument(item.doc);
      digest = r.ok ? digestArticle(item.key, r.value) : digestRejection(item.key, r.reason);
    }
    writeFileSync(goldenPath(item.key), goldenJson(digest));
  }
  console.log(`wrote ${items.length} golden files to ${path.relative(process.cwd(), GOLDEN_DIR)}`);
}

await main();
