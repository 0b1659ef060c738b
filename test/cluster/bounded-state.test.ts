import { describe, expect, it } from 'vitest';
import { TermTable } from '../../src/cluster/term-vector.js';
import { EventClusterer } from '../../src/cluster/event-clusterer.js';

describe('bounded clustering state', () => {
  it('halves document frequencies when the vocabulary exceeds its cap, keeping IDF order', () => {
    const terms = new TermTable(100);
    for (let i = 0; i < 500; i++) terms.addDoc(['common', i % 2 === 0 ? 'half' : 'other', `rare${i}`].map((w) => terms.intern(w)));
    expect(terms.live.size).toBeLessThanOrEqual(100);
    expect(terms.decays).toBeGreaterThan(0);
    expect(terms.total).toBe(500);
    expect(terms.idf(terms.intern('common'))).toBeLessThan(terms.idf(terms.intern('half')));
    expect(terms.idf(terms.intern('half'))).toBeLessThan(terms.idf(terms.intern('never-seen')));
  });

  it('keeps events, story lines and vocabulary within their caps on a long stream', () => {
    const c = new EventClusterer({ maxActiveEvents: 50, maxEventAgeDays: 2, maxDocIdsPerEvent: 10, maxVocabulary: 2000, centroidTerms: 50 });
    const words = Array.from({ length: 400 }, (_, i) => `w${i.toString(36)}x`);
    let seed = 1;
    const rnd = (): number => ((seed = (Math.imul(seed, 48271) >>> 0) % 2147483647) / 2147483647);
    for (let i = 0; i < 3000; i++) {
      const topic = Math.floor(rnd() * 40);
      const text = Array.from({ length: 30 }, () => (rnd() < 0.5 ? words[(topic * 7 + Math.floor(rnd() * 10)) % 400] : `u${i}v${Math.floor(rnd() * 1e6)}`)).join(' ');
      c.assign({ id: `d${i}`, title: null, text, publishedAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(), entities: [], places: [], outlet: null });
    }
    const s = c.stats();
    expect(s.events).toBeLessThanOrEqual(51);
    expect(s.storylines).toBeLessThanOrEqual(51);
    expect(s.vocabulary).toBeLessThanOrEqual(2000);
    expect(s.docIds).toBeLessThanOrEqual(51 * 10);
  });
});
