/**
 * findDate keeps its last answer for a repeated line: the same answer, as a fresh object each time.
 */
import { describe, expect, it } from 'vitest';
import { findDate } from '../../src/extract/text/date-line-parser.js';

describe('findDate on a repeated line', () => {
  it('answers the same, and a caller changing its answer changes nothing later', () => {
    const line = 'by Paulo Coelho on July 13, 2012';
    const a = findDate(line);
    expect(a).toEqual({ value: '2012-07-13', hasYear: true, hasTime: false, text: 'July 13, 2012', start: 19, end: 32 });
    a!.value = 'changed';
    const b = findDate(line);
    expect(b).not.toBe(a);
    expect(b!.value).toBe('2012-07-13');
    expect(findDate('Updated 27.Feb.2026 09:24')?.value).toBe('2026-02-27T09:24');
    expect(findDate(line)?.value).toBe('2012-07-13');
    expect(findDate('no date here 12')).toBeNull();
  });
});
