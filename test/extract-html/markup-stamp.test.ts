import { describe, expect, it } from 'vitest';
import { MARKUP_STAMP } from '../../src/extract/dates/date-finder.js';
import { parseLiteHtml } from '../../src/extract/html/lite-dom.js';
import { findPublicationDate } from '../../src/extract/dates/date-finder.js';

/** The pattern as it was written before: the look-behind first. Same matches expected, position by position. */
const REFERENCE = /(?<=(?:>|\(["']?)\s{0,3})((?:19|20)\d{2})([-/])(\d{1,2})\2(\d{1,2})(?:T|\s{1,2})(\d{1,2}):(\d{2})(?![\d])/g;

function matches(re: RegExp, text: string): string[] {
  const out: string[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) out.push(`${m.index}:${Array.from(m).join('|')}`);
  return out;
}

const CASES = [
  '<span>2020-04-17 01:43</span>', 'showDate("2020/04/17 01:43:09")', "f('2019-1-2T3:04')", '>   2020-04-17 01:43', '>    2020-04-17 01:43',
  'x2020-04-17 01:43', '"mod_date":"2020-04-17 01:43"', '>2020-04-17  01:43', '>2020-04-17   01:43', '>2020/04-17 01:43', '>1999-12-31T23:59',
  '>2020-04-17 01:433', '>>2020-04-17 01:43>2021-01-01 00:00', '(2020-04-17 01:43', '("  2020-04-17 01:43', '(""2020-04-17 01:43',
  '>2120-04-17 01:43', '>192020-04-17 01:43', '>20 2020-04-17 01:43', '>2019-2020-04-17 01:43', '>\t\n2020-04-17 01:43', '>\u00a02020-04-17 01:43',
];

/** Random strings over the characters the pattern reads. */
function randomTexts(): string[] {
  const alphabet = ['>', '(', '"', "'", ' ', ' ', '1', '9', '2', '0', '0', '-', '/', ':', 'T', '3', 'x', '\n'];
  const out: string[] = [];
  let x = 11;
  for (let i = 0; i < 3000; i++) {
    let s = '';
    for (let k = 0; k < 40; k++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      s += alphabet[x % alphabet.length];
    }
    out.push(s);
  }
  return out;
}

describe('markup stamp pattern', () => {
  it('matches exactly where the look-behind-first pattern matched', () => {
    let found = 0;
    for (const text of [...CASES, CASES.join(' '), ...randomTexts()]) {
      const expected = matches(REFERENCE, text);
      expect(matches(MARKUP_STAMP, text), JSON.stringify(text)).toEqual(expected);
      found += expected.length;
    }
    expect(found).toBeGreaterThan(15);
  });

  it('dates a page whose only date is a script-written stamp', () => {
    const raw = '<html><body><p>Text without a date.</p><script>showDate("2020/04/17 01:43:09")</script></body></html>';
    const doc = parseLiteHtml('<html><body><p>Text without a date.</p></body></html>') as unknown as Document;
    const r = findPublicationDate(doc, { rawMarkup: raw });
    expect(r.source).toBe('markup:stamp');
    expect(r.publishedAt?.slice(0, 10)).toBe('2020-04-17');
  });
});
