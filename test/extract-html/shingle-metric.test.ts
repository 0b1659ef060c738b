import { describe, expect, it } from 'vitest';
import { aggregate, pageCounts, shingles, tokens } from '../../bench/extraction/shingle-metric.js';

describe('extraction metric (shared/README.md)', () => {
  it('tokenises \\w+ in any script and drops punctuation', () => {
    expect(tokens('Hello, world! Привет — мир_2')).toEqual(['Hello', 'world', 'Привет', 'мир_2']);
  });

  it('counts 4-token shingles as a multiset', () => {
    const s = shingles('a b c d a b c d');
    expect([...s.values()].reduce((x, y) => x + y, 0)).toBe(5);
    expect(s.get(['a', 'b', 'c', 'd'].join('\u0001'))).toBe(2);
  });

  it('a perfect page scores P=R=1 and an empty prediction R=0', () => {
    const gold = 'one two three four five six';
    expect(aggregate([pageCounts(gold, gold)])).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    const empty = aggregate([pageCounts(gold, '')]);
    expect(empty.recall).toBe(0);
  });

  it('normalises TP/FP/FN per page and averages P and R over pages', () => {
    // gold has 3 shingles; prediction has them plus 3 extra → P = 0.5, R = 1.
    const gold = 'a b c d e f';
    const pred = 'a b c d e f x y z';
    const c = pageCounts(gold, pred);
    expect(c.tp + c.fp + c.fn).toBeCloseTo(1);
    expect(c.tp / (c.tp + c.fp)).toBeCloseTo(0.5);
    const s = aggregate([c, pageCounts(gold, gold)]);
    expect(s.precision).toBeCloseTo(0.75);
    expect(s.recall).toBeCloseTo(1);
    expect(s.f1).toBeCloseTo((2 * 0.75) / 1.75);
  });

  it('pages with no predicted shingles do not enter the precision mean', () => {
    const s = aggregate([pageCounts('a b c d e', ''), pageCounts('a b c d e', 'a b c d e')]);
    expect(s.precision).toBe(1);
    expect(s.recall).toBe(0.5);
  });
});
