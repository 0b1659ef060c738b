/**
 * Golden cases for the text-page cleaner: `fixtures/<case>/input.txt` (pages
 * written for this project) and `expected.json` (the full result). Shared by
 * the golden test and the script that regenerates the expectations.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExtractedArticle, ExtractHints, Result } from '../../src/model/types.js';
import { cleanTextPage } from '../../src/extract/text/text-page-cleaner.js';

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

export interface GoldenCase {
  name: string;
  dir: string;
  input: string;
  hints: ExtractHints;
}

export function listCases(): GoldenCase[] {
  return readdirSync(fixturesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const dir = path.join(fixturesDir, d.name);
      const hintsFile = path.join(dir, 'hints.json');
      const extra = existsSync(hintsFile) ? (JSON.parse(readFileSync(hintsFile, 'utf8')) as Partial<ExtractHints>) : {};
      return {
        name: d.name,
        dir,
        input: readFileSync(path.join(dir, 'input.txt'), 'utf8'),
        hints: { source: `fixtures/${d.name}/input.txt`, ...extra },
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The result as stored in expected.json (plain JSON, so it compares after a round trip). */
export function runCase(c: GoldenCase): Result<ExtractedArticle> {
  return JSON.parse(JSON.stringify(cleanTextPage(c.input, c.hints))) as Result<ExtractedArticle>;
}
