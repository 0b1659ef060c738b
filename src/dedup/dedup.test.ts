import { describe, expect, it } from 'vitest';
import { contentHash } from './content-hash.js';
import { hamming, hammingParts, simhash64 } from './simhash.js';
import { NearDuplicateIndex } from './near-duplicate-index.js';

const BASE =
  'Russia is ready to help the process of delimitation and demarcation of borders between Azerbaijan and Armenia, ' +
  'spokesperson for the Russian Foreign Ministry Maria Zakharova said at a briefing on Thursday. The main reason for ' +
  'the border incident is the lack of international legal registration of borders, which was inherited from the Soviet ' +
  'period, she said, adding that the problem must be solved peacefully through negotiations between the two sides.';

describe('contentHash', () => {
  it('ignores case, whitespace and typographic quotes', () => {
    expect(contentHash('He said “yes”.\n\nThen  left')).toBe(contentHash('he said "yes". then left'));
    expect(contentHash('a')).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash('a b')).not.toBe(contentHash('a c'));
  });
});

describe('simhash64', () => {
  it('gives 16 hex digits, close for near-copies and far for different texts', () => {
    const a = simhash64(BASE);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    const nearCopy = simhash64(BASE.replace('Thursday', 'Friday'));
    const other = simhash64('The central bank raised interest rates by a quarter point, citing persistent inflation in services.');
    expect(hamming(a, nearCopy)).toBeLessThanOrEqual(6);
    expect(hamming(a, other)).toBeGreaterThan(15);
    expect(hamming(a, a)).toBe(0);
    expect(hamming('zz', a)).toBe(64);
  });
});

describe('NearDuplicateIndex', () => {
  it('finds every stored fingerprint within the distance (pigeonhole recall)', () => {
    const idx = new NearDuplicateIndex({ maxDistance: 3 });
    idx.add('x', '0000000000000000');
    idx.add('y', '000000000000000f'); // distance 4
    idx.add('z', '8000000100010001'); // distance 4 spread
    idx.add('w', '8000000100000001'); // distance 3 spread over bands
    expect(idx.query('0000000000000000')).toEqual([
      { id: 'x', distance: 0 },
      { id: 'w', distance: 3 },
    ]);
  });
  it('evicts the oldest entries beyond maxSize and maxAgeMs', () => {
    const bySize = new NearDuplicateIndex({ maxSize: 2 });
    bySize.add('a', '0000000000000000');
    bySize.add('b', '0000000000000001');
    bySize.add('c', '0000000000000003');
    expect(bySize.size).toBe(2);
    expect(bySize.query('0000000000000000').map((m) => m.id)).toEqual(['b', 'c']);
    const byAge = new NearDuplicateIndex({ maxAgeMs: 1000 });
    byAge.add('a', '0000000000000000', 0);
    byAge.add('b', '0000000000000000', 500);
    byAge.add('c', 'ffffffffffffffff', 1400);
    expect(byAge.query('0000000000000000').map((m) => m.id)).toEqual(['b']);
  });
  it('agrees with brute force under growth and count eviction (random fingerprints with planted near-copies)', () => {
    let x = 12345;
    const rnd = (): number => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x;
    };
    for (const [maxDistance, maxSize] of [[6, 300], [3, Infinity], [5, 1000]] as const) {
      const idx = new NearDuplicateIndex({ maxDistance, maxSize });
      const all: { id: string; hi: number; lo: number }[] = [];
      for (let i = 0; i < 2000; i++) {
        let hi = rnd();
        let lo = rnd();
        if (all.length > 0 && i % 3 === 0) {
          // A near-copy of a recent fingerprint: flip 0..maxDistance+1 random bits.
          const base = all[all.length - 1 - (rnd() % Math.min(all.length, 50))]!;
          hi = base.hi;
          lo = base.lo;
          const flips = rnd() % (maxDistance + 2);
          for (let f = 0; f < flips; f++) {
            const bit = rnd() % 64;
            if (bit < 32) lo = (lo ^ (1 << bit)) >>> 0;
            else hi = (hi ^ (1 << (bit - 32))) >>> 0;
          }
        }
        const live = Number.isFinite(maxSize) ? all.slice(-maxSize) : all;
        const expected = live
          .map((e, k) => ({ id: e.id, k, distance: hammingParts({ hi, lo }, e) }))
          .filter((e) => e.distance <= maxDistance)
          .sort((a, b) => a.distance - b.distance || a.k - b.k)
          .map(({ id, distance }) => ({ id, distance }));
        expect(idx.query({ hi, lo })).toEqual(expected);
        idx.add(`f${i}`, { hi, lo });
        all.push({ id: `f${i}`, hi, lo });
      }
      expect(idx.size).toBe(Math.min(2000, maxSize));
    }
  });
});
