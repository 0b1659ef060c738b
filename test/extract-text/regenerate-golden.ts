/**
 * Rewrites every `fixtures/<case>/expected.json` from the current cleaner.
 * Run `npx tsx test/extract-text/regenerate-golden.ts`, then review each diff
 * by hand (`git diff test/extract-text/fixtures`) before committing.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { listCases, runCase } from './golden-cases.js';

for (const c of listCases()) {
  const result = runCase(c);
  writeFileSync(path.join(c.dir, 'expected.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`${c.name}: ${result.ok ? `ok, ${result.value.paragraphs.length} paragraphs, ${result.value.removed.length} removed blocks` : `rejected (${result.reason})`}`);
}
