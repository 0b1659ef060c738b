/**
 * The quote-mark scan skips characters that are neither a line break nor a quotation mark
 * without classifying them; the spans stay those the full scan gave (expected values below
 * recorded from the scan before the shortcut). Marks near the skipped ranges (‚ ‛ ‟ ‖ ‾) are included.
 */
import { describe, expect, it } from 'vitest';
import { findQuotedSpans } from '../../src/enrich/quotes/quote-marks.js';

const row = (text: string) => findQuotedSpans(text).map((q) => [q.open, q.start, q.end, q.after, q.family, q.closed, q.continues]);

describe('findQuotedSpans', () => {
  it('finds the same passages of every family, across paragraphs and unclosed', () => {
    expect(row('He said “we will ‘freeze’ it” and ‹left›. «Non», dit-elle. ‚Low‘ „Tief“ ‟odd‟ ‖bar‖ ‾over‾ ›back‹.')).toEqual([
      [8, 9, 28, 29, 'double', true, false],
      [34, 35, 39, 40, 'single', true, false],
      [42, 43, 46, 47, 'double', true, false],
      [65, 66, 98, 98, 'double', false, false],
    ]);
    expect(row("Armenia’s ''doubled'' quote, 'single' one, and \"plain\" marks.\n\n\"An open paragraph\n\n\"goes on,\" she said.")).toEqual([
      [10, 12, 19, 21, 'double', true, false],
      [29, 30, 36, 37, 'single', true, false],
      [47, 48, 53, 54, 'double', true, false],
      [63, 64, 81, 81, 'double', false, false],
      [83, 84, 92, 93, 'double', true, true],
    ]);
    expect(row('"One\nTwo\nThree\nFour\nFive\nSix" — unclosed over lines, and an apostrophe in rock ’n’ roll.')).toEqual([[0, 1, 4, 4, 'double', false, false]]);
  });
});
