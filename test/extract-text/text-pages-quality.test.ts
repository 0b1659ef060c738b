/**
 * Quality gate: extraction F1 of the text-page cleaner on a fixed sample of
 * real pages (the first 40 scrapinghub pages by id, rendered to plain text),
 * read in place from ../shared. A regression below the pinned minimum fails.
 * The full measurement is `npx tsx bench/extract-text/run-text-pages-bench.ts`.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScrapinghub, scrapinghubDir } from '../../bench/extraction/bench-data.js';
import { aggregate, pageCounts } from '../../bench/extraction/shingle-metric.js';
import { htmlToPlainText } from '../../bench/extract-text/html-to-plain-text.js';
import { cleanTextPage } from '../../src/extract/text/text-page-cleaner.js';

const have = existsSync(scrapinghubDir);
if (!have) console.warn(`[extract-text] ${scrapinghubDir} is absent: the quality gate is skipped`);

/** Measured on this sample when the gate was set (F1 0.908, uncleaned 0.688), minus a small margin for harmless rule changes. */
const MIN_F1 = 0.89;
const MIN_GAIN_OVER_UNCLEANED = 0.18;

describe.skipIf(!have)('text-page cleaner quality gate (scrapinghub sample)', () => {
  it(`keeps F1 ≥ ${MIN_F1} on the first 40 pages`, () => {
    const pages = loadScrapinghub(40);
    const cleaned = [];
    const raw = [];
    for (const p of pages) {
      const text = htmlToPlainText(p.html);
      const r = cleanTextPage(text, { source: p.id });
      cleaned.push(pageCounts(p.gold, r.ok ? r.value.text : ''));
      raw.push(pageCounts(p.gold, text));
    }
    const score = aggregate(cleaned);
    const base = aggregate(raw);
    console.log(`[extract-text] sample F1 ${score.f1.toFixed(3)} (P ${score.precision.toFixed(3)}, R ${score.recall.toFixed(3)}); uncleaned ${base.f1.toFixed(3)}`);
    expect(score.f1).toBeGreaterThanOrEqual(MIN_F1);
    expect(score.f1 - base.f1).toBeGreaterThanOrEqual(MIN_GAIN_OVER_UNCLEANED);
  });
});
