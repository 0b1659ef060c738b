import { describe, expect, it } from 'vitest';
import { extractTimes, timeSegments } from './time-expressions.js';

const values = (text: string, date: string | null) => extractTimes(text, { date }).map((t) => [t.text, t.value]);

describe('extractTimes', () => {
  it('normalises dates against the article date', () => {
    expect(values('Since May 12, when the ministry spoke, and on Thursday again.', '2021-06-04')).toEqual([
      ['May 12', '2021-05-12'],
      ['on Thursday', '2021-06-03'],
    ]);
  });
  it('keeps seasons and explicit years', () => {
    expect(values('for ending the bloodshed in the fall of 2020 and on 27 May 2021', null)).toEqual([
      ['the fall of 2020', '2020-FA'],
      ['on 27 May 2021', '2021-05-27'],
    ]);
  });
  it('never invents a year without a reference date', () => {
    expect(values('On June 4 the embassy said', null)).toEqual([['June 4', '--06-04']]);
    expect(values('on Thursday', null)).toEqual([]);
  });
  it('gives relative expressions no value without a reference date, and a value with one', () => {
    const text = 'Flows fell over the last three weeks and will be reviewed at the end of the month, as agreed in May 2021.';
    expect(values(text, null)).toEqual([['May 2021', '2021-05']]);
    expect(values(text, '2022-08-18').map(([t]) => t)).toContain('end of the month');
  });
});

describe('timeSegments (the chrono prefilter)', () => {
  it('skips sentences that cannot hold a date and keeps the ones that can', () => {
    const text = 'The council met again. Nobody spoke for 20 minutes.\nIt ended on Friday, June 4.\nMembers left quietly.';
    const segs = timeSegments(text).map((s) => text.slice(s.start, s.end));
    expect(segs).toEqual(['Nobody spoke for 20 minutes.\nIt ended on Friday, June 4.']);
  });
  it('keeps a date and the clock time on the next line together', () => {
    expect(values('Posted July 22, 2012\n01:52 PM EDT\nThe storm hit.', null)).toEqual([['July 22, 2012\n01:52 PM EDT', '2012-07-22T13:52']]);
  });
  it('finds the same dates in a long text as in its parts', () => {
    const part = 'Officials said on May 12 that 40 people had left. The mayor spoke. A vote is due on 2021-06-30.\n';
    const one = extractTimes(part, { date: '2021-06-04' }).map((t) => t.value);
    const many = extractTimes(part.repeat(400), { date: '2021-06-04' });
    expect(many.length).toBe(400 * one.length);
    expect(many.every((t, i) => t.value === one[i % one.length])).toBe(true);
  });
  it('cuts a huge single sentence into bounded stretches', () => {
    const text = 'word '.repeat(3000) + 'on June 4 ' + 'word '.repeat(3000);
    const segs = timeSegments(text);
    expect(segs.every((s) => s.end - s.start <= 3000)).toBe(true);
    expect(values(text, null)).toEqual([['June 4', '--06-04']]);
  });
});
