import { describe, expect, it } from 'vitest';
import * as chrono from 'chrono-node';
import { findDate, parseDateLine } from '../../src/extract/text/date-line-parser.js';

// The rule findDate applies to chrono's results (a month name or a numeric day in the result's text), as written there.
const MON = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}';
const EXPLICIT_DAY = new RegExp(`${MON}|\\d{1,4}[./-]\\d{1,2}`, 'i');
const RE_DOTTED_MONTH = new RegExp(`(\\d{1,2})[.\\-/](${MON})[.\\-/](\\d{2,4})`, 'gi');
const REFERENCE = new Date(Date.UTC(2000, 0, 1, 12));

const normalise = (s: string): string => s.replace(RE_DOTTED_MONTH, (m, d: string, mon: string, y: string) => `${d} ${mon} ${y}`.padEnd(m.length, ' '));

/** Lines as they open articles: date lines, bylines with dates, headlines with numbers, relative times. */
const LINES = [
  'updated 7/24/2012 5:22:40 AM ET 2012-07-24T09:22:40', 'Published: July 24, 2012 at 7:37 AM ET', 'Updated at 11:31 a.m. ET',
  'by Paulo Coelho on July 13, 2012', 'How does a painting end up selling for $5 million?', '24 July 2012 Last updated at 12:01',
  'Video: 75 years later, Earhart search continues', '{ 2 comments… read them below or add one }', '13 comments:',
  'Hacker Monthly Breezed Past 2,000 Paid Subscribers', 'Samsung Nexus 10 Tablet', '27.Feb.2026', '27.05.2021 09:24',
  '2 days ago at 07:52 am', 'yesterday 10:15', 'today at 10:00', 'Friday 9.10.2020 | 17:12', 'Aug 18, 2022 · 2:05 PM',
  'Posted on the 3rd of the month at 10', 'on Tuesday at 5pm', '2012', '10:30', 'in 3 weeks', 'the 24th', 'noon on the 5th',
  '12 2012 14', 'Week 31, 2012', 'Q3 2012 results', 'at 5 o\'clock', '3 hours ago', 'last Friday at 9', '2011-2012 season',
  'Sept 5', '5 Sept', 'MAY 2 2020', 'décembre 3, 2020', '1 2 3 4 5', '2020 12 05', '20201205', '12h30 2020',
];

/** More lines from words that chrono reads (weekdays, ordinals, times, relative words) and numbers, in many orders. */
function generated(): string[] {
  const words = ['on', 'at', 'the', '5th', '21st', 'Monday', 'tomorrow', 'noon', 'midnight', 'pm', 'a.m.', '2019', '12', '7',
    '10:45', 'ago', 'days', 'last', 'next', 'week', 'of', 'year', 'morning', 'tonight', 'GMT', 'EST', '+0200', 'Posted', 'by', 'Jane'];
  const out: string[] = [];
  let x = 7;
  for (let i = 0; i < 600; i++) {
    const n = 1 + (i % 6);
    const parts: string[] = [];
    for (let k = 0; k < n; k++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      parts.push(words[x % words.length]!);
    }
    out.push(parts.join(' '));
  }
  return out;
}

describe('findDate asks chrono only when the text shows a month name or a numeric day', () => {
  it('text without either has no result chrono would give that findDate keeps', () => {
    let gated = 0;
    for (const s of [...LINES, ...generated()]) {
      if (!/\d/.test(s)) continue;
      const normalised = normalise(s);
      if (EXPLICIT_DAY.test(normalised)) continue;
      gated++;
      // What the loop would have kept: nothing, whatever chrono finds.
      const kept = chrono.en.GB.parse(normalised, REFERENCE, { forwardDate: false }).filter((r) => EXPLICIT_DAY.test(r.text));
      expect(kept, s).toEqual([]);
      expect(findDate(s), s).toBeNull();
    }
    expect(gated).toBeGreaterThan(200);
  });

  it('still reads the dates it read before', () => {
    expect(findDate('Published: July 24, 2012 at 7:37 AM ET')?.value).toBe('2012-07-24T07:37');
    expect(findDate('27.Feb.2026')?.value).toBe('2026-02-27');
    expect(parseDateLine('27.05.2021 09:24')?.value).toBe('2021-05-27T09:24');
    expect(parseDateLine('Friday 9.10.2020 | 17:12')?.value).toBe('2020-10-09T17:12');
    expect(findDate('by Paulo Coelho on July 13, 2012')?.text).toBe('July 13, 2012');
    expect(findDate('Hacker Monthly Breezed Past 2,000 Paid Subscribers')).toBeNull();
  });
});
