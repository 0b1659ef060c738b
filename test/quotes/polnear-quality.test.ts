/**
 * Quality gate: the quote extractor on a fixed sample of PolNeAR dev (the
 * first 20 documents by name), scored exactly as bench/quotes/polnear-bench.ts
 * scores the full set. Minimums sit a little under the measured values so that
 * a real regression fails. Skipped, with a note, when ../shared is absent.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPolnear, loadPolnear, polnearDir, prf, scoreSystem } from '../../bench/quotes/polnear-scoring.js';
import { storylineFallback } from '../../bench/quotes/quote-systems.js';

const dir = polnearDir(path.resolve(__dirname, '../..'));
const present = hasPolnear(dir);
if (!present) console.warn(`[quotes] PolNeAR not found at ${dir}; quality gate skipped`);

describe.skipIf(!present)('quote extraction quality on 20 PolNeAR dev documents', () => {
  it('keeps direct-quote F1, all-attribution F1, speaker and cue accuracy above the pinned minimums', () => {
    const docs = loadPolnear(dir, 'dev', 20);
    expect(docs).toHaveLength(20);
    const s = scoreSystem(docs, storylineFallback);
    const direct = prf(s.direct30);
    const all = prf(s.all30);
    const all80 = prf(s.all80);
    // Measured 2026-11-24 (issue 4 third round: contents cut at the next attribution of their sentence, title-case
    // headline cues, rule filter and candidate model rebuilt) on this sample: direct F1 0.847, all F1 0.773, all F1@80
    // 0.698, speaker 0.848 (279/329), cue 0.858. Speaker fell from 0.861 (276/322 without the headline cues): more matched
    // attributions, a few with wrong speakers; on all of dev it is 0.907 with this fallback (0.908 before), and headline
    // attributions had right speakers in 78 of 83 on train, so the minimum moves under the new measurement.
    expect(direct.f1).toBeGreaterThanOrEqual(0.835);
    expect(all.f1).toBeGreaterThanOrEqual(0.76);
    expect(all80.f1).toBeGreaterThanOrEqual(0.685);
    expect(all.speaker).toBeGreaterThanOrEqual(0.84);
    expect(all.cue).toBeGreaterThanOrEqual(0.845);
  });
});
