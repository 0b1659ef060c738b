/**
 * The demo corpus scored against `demo/ground-truth.json`, through the real
 * IngestService into a temporary SQLite store: outlets, publication days,
 * events and story lines (B-cubed F1), provenance, direct-quote speakers and
 * page chrome. Each minimum is pinned a little below the score measured when
 * it was set (see docs/benchmarks/demo.md), so a regression fails CI.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CORPUS } from './demo-digest.js';
import { ingestPaths, readGroundTruth, scoreDemo, type DemoScores } from './demo-scoring.js';

/**
 * Measured on 2026-11-23 (bench/demo/demo-quality.ts), minus a small margin; raised the same day after the
 * session-2 fixes (first values: outlet 0.700, day 0.567, events 0.720, provenance 0.433, copy source 0.083).
 * Provenance and copy-source rules were written from this corpus's errors: in-sample.
 */
const MIN = {
  outletAccuracy: 0.95, // measured 1.000 (30/30)
  publishedDayAccuracy: 0.83, // measured 0.867 (26/30; the misses are EuroBrief pages whose truth is "no year-bearing date")
  eventsF1: 0.93, // measured 0.977 (10 events predicted for 9)
  storylinesF1: 0.95, // measured 1.000
  provenanceAccuracy: 0.95, // measured 1.000 (30/30)
  copySourceAccuracy: 0.9, // measured 1.000 (12/12)
  directSpeakerRecall: 0.79, // measured 0.828 (48/58)
  noQuoteAgreement: 0.95, // measured 1.000 (6/6)
  datelineAccuracy: 0.95, // measured 1.000 (30/30)
  stanceRecall: 0.72, // measured 0.765 (13/17)
};

/**
 * Chrome strings of the ground truth still found in article text when the
 * minimums were set. The target is none: a leak not in this list fails, and a
 * fixed one should be removed from it.
 */
const KNOWN_CHROME_LEAKS = new Set<string>([]);

describe('demo corpus scored against its ground truth', () => {
  let s: DemoScores;
  beforeAll(async () => {
    s = scoreDemo(await ingestPaths([DEMO_CORPUS]), readGroundTruth());
    console.log(
      [
        `demo ground truth: ${s.stored}/${s.documents} stored`,
        `outlet ${s.outletAccuracy.toFixed(3)}, day ${s.publishedDayAccuracy.toFixed(3)}`,
        `events B3 F1 ${s.events.f1.toFixed(3)} (${s.predictedEvents} predicted / 9)`,
        `story lines B3 F1 ${s.storylines.f1.toFixed(3)} (${s.predictedStorylines} predicted / 3)`,
        `provenance ${s.provenanceAccuracy.toFixed(3)}, copy source ${s.copySourceAccuracy.toFixed(3)}`,
        `direct speakers ${s.directSpeakerRecall.toFixed(3)}, no-quote pieces ${s.noQuoteAgreement.toFixed(3)}`,
        `datelines ${s.datelineAccuracy.toFixed(3)}, denial/refusal stances ${s.stanceRecall.toFixed(3)}`,
        `chrome leaks ${s.chromeLeaks.length}`,
      ].join('; '),
    );
  });

  it('stores every input of the demo corpus', () => {
    expect(s.stored).toBe(s.documents);
  });

  it('names the outlet of each piece', () => {
    expect(s.outletAccuracy).toBeGreaterThanOrEqual(MIN.outletAccuracy);
  });

  it('finds the publication day (and no invented year where the page gives none)', () => {
    expect(s.publishedDayAccuracy).toBeGreaterThanOrEqual(MIN.publishedDayAccuracy);
  });

  it('groups the pieces into the nine events (B-cubed F1)', () => {
    expect(s.events.f1).toBeGreaterThanOrEqual(MIN.eventsF1);
  });

  it('groups the events into the three story lines (B-cubed F1)', () => {
    expect(s.storylines.f1).toBeGreaterThanOrEqual(MIN.storylinesF1);
  });

  it('classifies provenance (original / wire / near-copy / rewrite) and names the copied source', () => {
    expect(s.provenanceAccuracy).toBeGreaterThanOrEqual(MIN.provenanceAccuracy);
    expect(s.copySourceAccuracy).toBeGreaterThanOrEqual(MIN.copySourceAccuracy);
  });

  it('attributes direct quotes to the named speakers, and finds none in the paraphrases', () => {
    expect(s.directSpeakerRecall).toBeGreaterThanOrEqual(MIN.directSpeakerRecall);
    expect(s.noQuoteAgreement).toBeGreaterThanOrEqual(MIN.noQuoteAgreement);
  });

  it('reads the dateline (place and wire agency) of wire copy, and invents none elsewhere', () => {
    expect(s.datelineAccuracy).toBeGreaterThanOrEqual(MIN.datelineAccuracy);
  });

  it('marks the denials and refusals the pieces contain', () => {
    expect(s.stanceRecall).toBeGreaterThanOrEqual(MIN.stanceRecall);
  });

  it(`keeps page chrome out of article text (target none; ${KNOWN_CHROME_LEAKS.size} known leaks tolerated)`, () => {
    const fresh = s.chromeLeaks.filter((l) => !KNOWN_CHROME_LEAKS.has(l));
    expect(fresh, `chrome in article text:\n${fresh.join('\n')}`).toEqual([]);
  });
});
