import { describe, expect, it } from 'vitest';
import { readBylineLine } from '../../src/extract/html/byline-line.js';

describe('readBylineLine (the text cleaner\'s parsers, applied to one block)', () => {
  it('reads the byline/date shapes of news pages', () => {
    expect(readBylineLine('By Sophie Lambert | Nov 16, 2021 | Competition')).toMatchObject({ byline: 'Sophie Lambert', date: { value: '2021-11-16' } });
    expect(readBylineLine('Thursday 27.5.2021 | 11:05 · Text: Eero Salonen')).toMatchObject({ byline: 'Eero Salonen', date: { value: '2021-05-27T11:05' } });
    expect(readBylineLine('Posted March 3 by Staff Writer')).toMatchObject({ byline: 'Staff Writer', date: { value: '--03-03' } });
    expect(readBylineLine('Published: 12 March 2024')).toMatchObject({ byline: null, date: { value: '2024-03-12' } });
    expect(readBylineLine('By Jane Doe')).toEqual({ byline: 'Jane Doe', date: null });
  });

  it('leaves prose and long lines alone', () => {
    expect(readBylineLine('The court ruled by a majority on March 3, 2021 that the permit was void.')).toBeNull();
    expect(readBylineLine('Water & Climate')).toBeNull();
    expect(readBylineLine(`By ${'Name '.repeat(40)}`)).toBeNull();
    expect(readBylineLine('')).toBeNull();
  });
});
