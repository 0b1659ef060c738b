/**
 * Regenerates the golden files: encodes `source.utf8.html` into the fixture's
 * declared charset where one is given (the windows-1251 page), then writes
 * each fixture's `expected.json` from the current extractor. Review the diff
 * before committing: a golden file is a claim about correct output.
 * Usage: npx tsx test/extract-html/regenerate-fixtures.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { fixturesDir, listFixtures, runFixture, type FixtureHints } from './fixture-io.js';

for (const name of fs.readdirSync(fixturesDir)) {
  const dir = path.join(fixturesDir, name);
  const src = path.join(dir, 'source.utf8.html');
  const hintsPath = path.join(dir, 'hints.json');
  if (!fs.existsSync(src)) continue;
  const fh: FixtureHints = fs.existsSync(hintsPath) ? (JSON.parse(fs.readFileSync(hintsPath, 'utf8')) as FixtureHints) : {};
  fs.writeFileSync(path.join(dir, 'input.html'), iconv.encode(fs.readFileSync(src, 'utf8'), fh.charset ?? 'utf-8'));
}
for (const name of listFixtures()) {
  fs.writeFileSync(path.join(fixturesDir, name, 'expected.json'), JSON.stringify(runFixture(name), null, 2) + '\n');
  console.log(`wrote ${name}/expected.json`);
}
