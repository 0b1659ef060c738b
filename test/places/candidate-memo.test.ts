import { describe, expect, it } from 'vitest';
import { recognizeEntities } from '../../src/enrich/entities/entity-recognizer.js';
import { collectCandidates, GenerationMemo, placeMemoStats } from '../../src/enrich/places/place-candidates.js';
import { defaultGazetteer, type Gazetteer } from '../../src/enrich/places/gazetteer.js';
import { resolvePlaces } from '../../src/enrich/places/place-resolver.js';
import { splitSentences } from '../../src/enrich/sentences/sentence-splitter.js';
import type { EntityMention, EntityType } from '../../src/model/types.js';

/** The shipped gazetteer under a new identity: its own (empty) memos, so its answers are worked out afresh. */
const cold = (): Gazetteer => ({ ...defaultGazetteer() });

const mention = (text: string, whole: string, type: EntityType, name = whole, from = 0): EntityMention => {
  const start = text.indexOf(whole, from);
  if (start < 0) throw new Error(`not in the text: ${whole}`);
  return { start, end: start + whole.length, text: whole, type, entityId: whole, name };
};

/** The candidates as plain data (what the resolver reads of them). */
const plain = (text: string, mentions: EntityMention[], gaz: Gazetteer) =>
  collectCandidates(text, mentions, gaz, null).map((c) => ({
    start: c.mention.start,
    end: c.mention.end,
    text: c.mention.text,
    key: c.key,
    places: c.places.map((p) => p.index),
    weak: c.weak ?? false,
    echo: c.echo ?? false,
  }));

const ARTICLES = [
  'The pastor was buried in Lumpkin, Ga. on Saturday. Police arrested a man in Mahnomen on Friday.',
  'Dublin City Council met on Monday. Ohioans and Texans voted in the US election, in Connecticut and in Hanover.',
  'Delegates Ann Moye, D-Raleigh, and Tim Webb, R-Kanawha, met in Charleston, W.Va. on Monday. Downtown Greer was closed.',
  'The Glen Carbon Elementary school and the Ohio Supreme Court ruled. South Ossetian officials met in Yellow Springs.',
];

describe('remembered place candidates (mentions and scans)', () => {
  it('gives the answers worked out afresh, article after article, at any offset', () => {
    const gaz = cold();
    const seen: unknown[] = [];
    for (let round = 0; round < 3; round++) {
      for (const a of ARTICLES) {
        // Each round shifts the article (a new first sentence), as a near-copy does.
        const text = `${'Edition one carries the column. '.repeat(round)}${a}`;
        const { mentions } = recognizeEntities(text, splitSentences(text));
        const fresh = plain(text, mentions, cold());
        expect(plain(text, mentions, gaz)).toEqual(fresh);
        seen.push(fresh);
      }
    }
    // The memo was used: later rounds found the mentions again.
    const stats = placeMemoStats(gaz);
    expect(stats.hits).toBeGreaterThan(0);
    expect(stats.towns).toBeGreaterThan(0);
    expect(seen.some((s) => (s as unknown[]).length > 0)).toBe(true);
  });

  it("follows the article's lower-case words: the same mention reads differently where the article writes its word in lower case", () => {
    const gaz = cold();
    const a = 'Hanover Fire Department crews came out on Monday.';
    const b = 'Hanover Fire Department crews came out; the hanover was closed.';
    const ma = [mention(a, 'Hanover Fire Department', 'ORG')];
    const mb = [mention(b, 'Hanover Fire Department', 'ORG')];
    const freshA = plain(a, ma, cold());
    const freshB = plain(b, mb, cold());
    // The rule reads "hanover" as an ordinary word in b, so the two articles differ (else this test proves nothing).
    expect(freshA.some((c) => c.text === 'Hanover')).toBe(true);
    expect(freshB.some((c) => c.text === 'Hanover' && c.start === 0)).toBe(false);
    for (let i = 0; i < 2; i++) {
      expect(plain(a, ma, gaz)).toEqual(freshA);
      expect(plain(b, mb, gaz)).toEqual(freshB);
    }
  });

  it('keys a person mention by its name, the dot put back and the word before it', () => {
    const gaz = cold();
    const texts = [
      ['Police arrested him in Denver on Friday.', 'Denver', 'Denver'],
      ['Police arrested him in Denver on Friday.', 'Denver', 'John Denver'],
      ['He spoke with Denver on Friday.', 'Denver', 'Denver'],
      ['He spoke with Denver on Friday.', 'Denver', 'John Denver'],
      ['The mayor of Lumpkin, Ga. spoke.', 'Ga', 'Ga'],
      ['The mayor of Lumpkin, Ga, spoke.', 'Ga', 'Ga'],
    ] as const;
    const answers = texts.map(([t, m, name]) => plain(t, [mention(t, m, 'PERSON', name)], cold()));
    // The cases differ among themselves (so a key without those parts would give a wrong answer somewhere).
    expect(new Set(answers.map((x) => JSON.stringify(x))).size).toBeGreaterThan(2);
    for (let round = 0; round < 2; round++)
      texts.forEach(([t, m, name], i) => expect(plain(t, [mention(t, m, 'PERSON', name)], gaz)).toEqual(answers[i]));
  });

  it('resolves the same places with a warm memo as with a cold one', () => {
    const warm = cold();
    for (const a of ARTICLES) {
      const { mentions } = recognizeEntities(a, splitSentences(a));
      resolvePlaces(a, mentions, { dateline: null, gazetteer: warm });
    }
    for (const a of ARTICLES) {
      const { mentions } = recognizeEntities(a, splitSentences(a));
      expect(resolvePlaces(a, mentions, { dateline: null, gazetteer: warm })).toEqual(resolvePlaces(a, mentions, { dateline: null, gazetteer: cold() }));
    }
  });

  it('keeps two generations: entries asked for again survive a turnover, the rest are dropped', () => {
    const m = new GenerationMemo<number>(3);
    for (const k of ['a', 'b', 'c']) m.set(k, k.charCodeAt(0));
    m.set('d', 100); // 'a', 'b', 'c' become the old generation
    expect(m.get('a')).toBe(97); // moves to the current one
    m.set('e', 101);
    m.set('f', 102); // current (d, a, e) full: it becomes the old one, 'b' and 'c' are dropped
    expect(m.get('b')).toBeUndefined();
    expect(m.get('c')).toBeUndefined();
    expect(m.get('a')).toBe(97);
    expect(m.get('d')).toBe(100);
    expect(m.size).toBeLessThanOrEqual(6);
  });
});
