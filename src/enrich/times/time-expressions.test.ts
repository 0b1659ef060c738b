import { describe, expect, it } from 'vitest';
import { extractTimes } from './time-expressions.js';

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
});
