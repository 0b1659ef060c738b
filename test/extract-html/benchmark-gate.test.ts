/**
 * Quality gate: minimum scores on fixed samples of the shared benchmarks
 * (accuracy only, never time). Skips with a note when ../shared is absent.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScrapinghub, scrapinghubDir } from '../../bench/extraction/bench-data.js';
import { aggregate, pageCounts } from '../../bench/extraction/shingle-metric.js';
import { loadDatePages, mediacloudDir } from '../../bench/dates/date-bench-data.js';
import { scoreDates } from '../../bench/dates/date-metric.js';
import { extractHtml, extractPageDates } from '../../src/extract/html/html-extractor.js';

const SAMPLE = 40;
// Set a little below the scores measured when the gate was written
// (scrapinghub first 40: F1 0.982; mediacloud, all 200 pages: F1 0.951,
// 183 right, 7 wrong, 5 without a date — one page moves F1 by about 0.003).
const MIN_EXTRACTION_F1 = 0.97;
const MIN_DATE_F1 = 0.945;

const haveScrapinghub = fs.existsSync(scrapinghubDir);
const haveMediacloud = fs.existsSync(mediacloudDir);
if (!haveScrapinghub) console.log(`benchmark gate: ${scrapinghubDir} missing, extraction gate skipped`);
if (!haveMediacloud) console.log(`benchmark gate: ${mediacloudDir} missing, date gate skipped`);

describe('benchmark gate', () => {
  it.skipIf(!haveScrapinghub)(`scrapinghub first ${SAMPLE} pages: F1 >= ${MIN_EXTRACTION_F1}`, () => {
    const counts = loadScrapinghub(SAMPLE).map((p) => {
      const r = extractHtml(p.html, { source: p.id, ...(p.url ? { url: p.url } : {}) });
      return pageCounts(p.gold, r.ok ? r.value.text : '');
    });
    const s = aggregate(counts);
    console.log(`scrapinghub first ${SAMPLE}: F1 ${s.f1.toFixed(4)} P ${s.precision.toFixed(4)} R ${s.recall.toFixed(4)}`);
    expect(s.f1).toBeGreaterThanOrEqual(MIN_EXTRACTION_F1);
  });

  it.skipIf(!haveMediacloud)(`mediacloud-2020 all pages: date F1 >= ${MIN_DATE_F1}`, { timeout: 300_000 }, () => {
    const outcomes = loadDatePages().map((p) => {
      const r = extractPageDates(p.html, { source: p.file, url: p.url });
      const d = r.ok ? r.value.publishedAt : null;
      return { gold: p.date, predicted: d === null ? null : d.slice(0, 10) };
    });
    const s = scoreDates(outcomes);
    console.log(`mediacloud all ${outcomes.length}: F1 ${s.f1.toFixed(4)} right ${s.right} wrong ${s.wrong} none ${s.none}`);
    expect(s.f1).toBeGreaterThanOrEqual(MIN_DATE_F1);
  });
});
