import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import type { ExtractHints, ExtractedArticle, Result } from '../../src/model/types.js';
import { extractHtml } from '../../src/extract/html/html-extractor.js';

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

export interface FixtureHints {
  url?: string;
  /** The bytes of input.html are in this charset (decoded here as the ingest layer would). */
  charset?: string;
}

export function listFixtures(): string[] {
  return fs.readdirSync(fixturesDir).filter((d) => fs.existsSync(path.join(fixturesDir, d, 'input.html'))).sort();
}

export function readFixture(name: string): { html: string; hints: ExtractHints } {
  const dir = path.join(fixturesDir, name);
  const hintsPath = path.join(dir, 'hints.json');
  const fh: FixtureHints = fs.existsSync(hintsPath) ? (JSON.parse(fs.readFileSync(hintsPath, 'utf8')) as FixtureHints) : {};
  const bytes = fs.readFileSync(path.join(dir, 'input.html'));
  const html = iconv.decode(bytes, fh.charset ?? 'utf-8');
  return { html, hints: { source: `fixture:${name}`, ...(fh.url ? { url: fh.url } : {}) } };
}

/** The fields a golden file pins: everything but the bulky `removed` and `dates` lists. */
export function projection(r: Result<ExtractedArticle>): unknown {
  if (!r.ok) return { ok: false, reason: r.reason };
  const { removed: _removed, dates, ...rest } = r.value;
  return { ok: true, ...rest, dateSources: dates.map((d) => `${d.source}=${d.value}`) };
}

export function runFixture(name: string): unknown {
  const { html, hints } = readFixture(name);
  return projection(extractHtml(html, hints));
}
