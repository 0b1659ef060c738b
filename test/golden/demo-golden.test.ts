/**
 * Golden files for the demo corpus (issue 2): the live pipeline's digest of
 * every demo input must equal `test/golden/demo/<input>.json`. When a change
 * is intended, regenerate with `npx tsx scripts/regen-golden.ts` and review
 * `git diff test/golden/demo` before committing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../src/pipeline/analyze.js';
import { DEMO_CORPUS, GOLDEN_DIR, digestArticle, digestRejection, goldenPath, readCorpus, type GoldenDigest } from './demo-digest.js';
import { diffDigests } from './golden-diff.js';

describe('demo corpus golden files', () => {
  const live = new Map<string, GoldenDigest>();
  beforeAll(async () => {
    for (const item of await readCorpus([DEMO_CORPUS])) {
      if (!item.doc) {
        live.set(item.key, digestRejection(item.key, item.reason ?? 'unreadable'));
        continue;
      }
      const r = analyzeDocument(item.doc);
      live.set(item.key, r.ok ? digestArticle(item.key, r.value) : digestRejection(item.key, r.reason));
    }
  });

  it('has one golden file per demo input, and no stale ones', () => {
    const files = readdirSync(GOLDEN_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort();
    expect(files).toEqual([...live.keys()].sort());
    expect(live.size).toBeGreaterThanOrEqual(25);
  });

  it('matches the golden digest of every input (regenerate: npx tsx scripts/regen-golden.ts)', () => {
    const report: string[] = [];
    for (const [key, actual] of live) {
      const file = goldenPath(key);
      if (!existsSync(file)) {
        report.push(`${key}: no golden file`);
        continue;
      }
      const expected = JSON.parse(readFileSync(file, 'utf8')) as GoldenDigest;
      // Round-trip the live digest through JSON so undefined fields compare like the stored file.
      const lines = diffDigests(expected, JSON.parse(JSON.stringify(actual)) as GoldenDigest);
      if (lines.length > 0) report.push(`${key}:`, ...lines);
    }
    if (report.length > 0) console.error(`golden mismatches (- golden, + live):\n${report.join('\n')}`);
    expect(report, `golden mismatches (- golden, + live):\n${report.join('\n')}`).toEqual([]);
  });
});
