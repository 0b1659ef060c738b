import { describe, expect, it } from 'vitest';
import { createTimeMemo, extractTimes } from './time-expressions.js';
import { NER_SAMPLE } from '../../../test/ner/sample-text.js';

const TEXTS = [
  'Since May 12, when the ministry spoke, and on Thursday again.',
  'for ending the bloodshed in the fall of 2020 and on 27 May 2021',
  'On June 4 the embassy said',
  'Flows fell over the last three weeks and will be reviewed at the end of the month, as agreed in May 2021.',
  'Posted July 22, 2012\n01:52 PM EDT\nThe storm hit.',
  // A season phrase over a date chrono also reads: the season filter looks at the whole text, not the segment.
  'The dam opened in the summer of 2019. It closed on Monday, June 3, 2019.',
  'It closed on Monday, June 3, 2019. The dam opened in the summer of 2019.',
  NER_SAMPLE,
  'Talks resumed on Tuesday. Officials met yesterday and will meet again tomorrow, 3 days from now.',
];
const DATES = [null, '2021-06-04', '2019-06-05', '2022-08-18T10:00:00Z'];

describe('extractTimes with a segment memo', () => {
  it('gives the same expressions as without one, for every text and reference, on hits and after evictions', () => {
    const small = createTimeMemo({ maxEntries: 3, maxBytes: 2000 });
    const big = createTimeMemo();
    let nonEmpty = 0;
    for (let pass = 0; pass < 3; pass++) {
      for (const date of DATES) {
        for (const text of TEXTS) {
          const want = extractTimes(text, { date }, undefined, null);
          if (want.length > 0) nonEmpty++;
          expect(extractTimes(text, { date }, undefined, small)).toEqual(want);
          expect(extractTimes(text, { date }, undefined, big)).toEqual(want);
          const st = small.stats();
          expect(st.entries).toBeLessThanOrEqual(3);
          expect(st.bytes).toBeLessThanOrEqual(2000);
        }
      }
    }
    expect(nonEmpty).toBeGreaterThan(20);
    expect(small.stats().evictions).toBeGreaterThan(0);
    expect(big.stats().hits).toBeGreaterThan(0);
  });

  it('never answers for another reference date: the same segment resolves differently', () => {
    const memo = createTimeMemo();
    const text = 'Officials met on Thursday and again yesterday.';
    const a = extractTimes(text, { date: '2021-06-04' }, undefined, memo);
    const b = extractTimes(text, { date: '2022-01-10' }, undefined, memo);
    const none = extractTimes(text, { date: null }, undefined, memo);
    expect(a).toEqual(extractTimes(text, { date: '2021-06-04' }, undefined, null));
    expect(b).toEqual(extractTimes(text, { date: '2022-01-10' }, undefined, null));
    expect(none).toEqual(extractTimes(text, { date: null }, undefined, null));
    expect(a.map((t) => t.value)).not.toEqual(b.map((t) => t.value));
  });

  it('reports offsets in the text at hand when the same segment sits elsewhere', () => {
    const memo = createTimeMemo();
    const s = 'The vote is due on 2021-06-30.';
    const first = extractTimes(s, { date: '2021-06-01' }, undefined, memo);
    const later = extractTimes(`Nobody spoke. ${s}`, { date: '2021-06-01' }, undefined, memo);
    expect(memo.stats().hits).toBe(1);
    expect(later).toEqual(extractTimes(`Nobody spoke. ${s}`, { date: '2021-06-01' }, undefined, null));
    expect(later[0]!.start).toBe(first[0]!.start + 'Nobody spoke. '.length);
  });
});
