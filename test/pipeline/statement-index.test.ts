/**
 * The indexed statement look-up skips only texts that cannot match: over generated renderings (copies, excerpts,
 * reworded and reordered versions, unrelated quotes, same and other speakers) it returns exactly what comparing
 * the quote with every candidate text returns.
 */
import { describe, expect, it } from 'vitest';
import { CandidateIndex, linkStatement, PreparedCache } from '../../src/pipeline/statement-link.js';

const WORDS = (
  'border ready help demarcation ministry foreign talks peace treaty armenia azerbaijan russia moscow yerebvan baku ' +
  'settlement process negotiations troops withdrawal security guarantees commission experts meeting leaders summit ' +
  'statement position support sides agreement signed implement regional stability economic corridor transport'
).split(' ');
const STOP = 'the of and to in we are is that will with for on a it'.split(' ');

/** A small deterministic generator (no Math.random: the test must be the same every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function sentence(r: () => number, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(r() < 0.35 ? STOP[Math.floor(r() * STOP.length)]! : WORDS[Math.floor(r() * WORDS.length)]!);
  return out;
}

/** A rendering of `base`: copy, excerpt, one word changed, words shuffled (paraphrase-like) or a new sentence. */
function variant(r: () => number, base: string[]): string[] {
  const k = r();
  if (k < 0.2) return base;
  if (k < 0.4) {
    const from = Math.floor(r() * (base.length / 2));
    return base.slice(from, from + Math.max(3, Math.floor(base.length * (0.4 + r() * 0.6))));
  }
  if (k < 0.6) return base.map((w, i) => (i === Math.floor(r() * base.length) ? WORDS[Math.floor(r() * WORDS.length)]! : w));
  if (k < 0.8) return [...base].sort(() => r() - 0.5);
  return sentence(r, 3 + Math.floor(r() * 20));
}

describe('CandidateIndex', () => {
  it('links every quote exactly as the full comparison does', () => {
    const r = rng(7);
    const speakers = ['Zakharova', 'Lavrov', 'Pashinyan', null];
    let checked = 0;
    let linked = 0;
    for (let round = 0; round < 40; round++) {
      const bases = Array.from({ length: 6 }, () => sentence(r, 4 + Math.floor(r() * 24)));
      const candidates = Array.from({ length: 25 }, (_, i) => {
        const base = bases[Math.floor(r() * bases.length)]!;
        const texts = Array.from({ length: 1 + Math.floor(r() * 4) }, () => variant(r, base).join(' '));
        return { id: `st-${round}-${i}`, texts, speaker: speakers[Math.floor(r() * speakers.length)]! };
      });
      const cache = new PreparedCache();
      const index = new CandidateIndex(cache);
      for (const c of candidates) index.add(c.id, c.texts);
      for (let q = 0; q < 30; q++) {
        const text = variant(r, bases[Math.floor(r() * bases.length)]!).join(' ');
        const speaker = speakers[Math.floor(r() * speakers.length)]!;
        const full = linkStatement(
          text,
          candidates.map((c) => ({ id: c.id, texts: c.texts, sameSpeaker: c.speaker === speaker })),
          cache,
        );
        expect(index.best(text, (i) => candidates[i]!.speaker === speaker)).toEqual(full);
        checked++;
        if (full !== null) linked++;
      }
    }
    // The sample holds both outcomes, and every kind of match.
    expect(checked).toBe(1200);
    expect(linked).toBeGreaterThan(200);
    expect(checked - linked).toBeGreaterThan(200);
  });

  it('finds a paraphrase by the same speaker that shares no three words in a row', () => {
    const index = new CandidateIndex();
    index.add('st-a', ['we support the peace treaty and the border demarcation commission of experts']);
    index.add('st-b', ['economic corridor talks continue in moscow']);
    const text = 'experts of the commission on demarcation: border, treaty, peace — we support';
    const full = linkStatement(text, [
      { id: 'st-a', texts: ['we support the peace treaty and the border demarcation commission of experts'], sameSpeaker: true },
      { id: 'st-b', texts: ['economic corridor talks continue in moscow'], sameSpeaker: true },
    ]);
    expect(full?.match).toBe('paraphrase');
    expect(index.best(text, () => true)).toEqual(full);
    expect(index.best(text, () => false)).toBeNull();
  });
});
