import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../src/enrich/quotes/quote-extractor.js';
import { splitAtNestedClauses } from '../../src/enrich/quotes/clause-split.js';
import { splitSentences } from '../../src/enrich/sentences/sentence-splitter.js';
import type { Quote } from '../../src/model/types.js';

const run = (text: string, scope: 'all' | 'speech'): Quote[] => extractQuotes(text, splitSentences(text), [], [], { outlet: null, scope });

describe('reported content stops where the next attribution of its sentence begins', () => {
  for (const scope of ['all', 'speech'] as const) {
    it(`cuts at ", which he believes" and keeps the nested belief (${scope} scope)`, () => {
      const text = 'Senator Lindsey Graham said Donald Trump was alienating Hispanics, which he believes will make it impossible for a Republican to win the presidency.';
      const qs = run(text, scope);
      expect(qs.find((q) => q.cue.text === 'said')?.text).toBe('Donald Trump was alienating Hispanics');
      const nested = qs.find((q) => q.cue.text === 'believes');
      expect(nested?.text).toBe('will make it impossible for a Republican to win the presidency');
      expect(nested?.speaker?.text).toBe('he');
    });

    it(`cuts at ", but the engineers warned" (${scope} scope)`, () => {
      const text = 'The mayor said the bridge would reopen in May, but the engineers warned that the repairs could take longer.';
      const qs = run(text, scope);
      expect(qs.find((q) => q.cue.text === 'said')?.text).toBe('the bridge would reopen in May');
      expect(qs.find((q) => q.cue.text === 'warned')?.speaker?.text).toBe('the engineers');
    });
  }

  it('cuts before "and" joining a second reporting verb, not inside a coordinated subject', () => {
    const text = 'Ginsburg said she did not want to think about the possibility that Trump would be president and predicted that Hillary Clinton will win.';
    const qs = run(text, 'all');
    expect(qs.find((q) => q.cue.text === 'said')?.text).toBe('she did not want to think about the possibility that Trump would be president');
    expect(qs.find((q) => q.cue.text === 'predicted')?.text).toBe('Hillary Clinton will win');
    expect(run('Trump said Clinton and Sanders agreed on trade.', 'all').find((q) => q.cue.text === 'said')?.text).toBe('Clinton and Sanders agreed on trade');
  });

  it('does not cut at a nested candidate whose content is only a place or time adverbial', () => {
    const text = 'Tomasz Nowak of the European Drivers\' Alliance called it “the day the car park was heard,” a line his members chanted outside the Berlaymont building in the afternoon.';
    const qs = run(text, 'speech');
    expect(qs.some((q) => q.text.startsWith('outside'))).toBe(false);
    expect(qs.find((q) => q.cue.text === 'called')?.text).toContain('the day the car park was heard');
  });

  it('leaves direct quotes, unkept nested candidates of other rules and contents with no clause boundary alone', () => {
    const text = 'Officials said the spending plan, which critics called reckless, would pass.';
    const quote = (start: number, end: number, cueAt: number, cueLen: number, speaker: [number, number] | null): Quote => ({
      start,
      end,
      text: text.slice(start, end),
      kind: 'indirect',
      cue: { start: cueAt, end: cueAt + cueLen, text: text.slice(cueAt, cueAt + cueLen), stance: 'neutral' },
      speaker: speaker ? { start: speaker[0], end: speaker[1], text: text.slice(speaker[0], speaker[1]), entityId: null, name: null } : null,
    });
    const outer = { quote: quote(15, text.length - 1, 10, 4, [0, 9]), rule: 'source-first' };
    const critics = text.indexOf('critics');
    const nested = { quote: quote(critics + 15, critics + 23, critics + 8, 6, [critics, critics + 7]), rule: 'generic-nested' };
    // A dropped generic-rule candidate does not cut.
    expect(splitAtNestedClauses(text, [outer, nested], [true, false]).map((c) => c.quote.text)).toEqual([outer.quote.text]);
    // A kept one cuts at the comma before its source.
    expect(splitAtNestedClauses(text, [outer, nested], [true, true]).map((c) => c.quote.text)).toEqual(['the spending plan', 'reckless']);
    const direct = { quote: { ...outer.quote, kind: 'direct' as const }, rule: 'direct-after' };
    expect(splitAtNestedClauses(text, [direct, nested], [true, true])[0]!.quote.text).toBe(outer.quote.text);
  });
});
