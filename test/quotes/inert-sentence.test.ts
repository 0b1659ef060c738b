import { describe, expect, it } from 'vitest';
import { cueEntry } from '../../src/enrich/quotes/cue-lexicon.js';
import { extractQuotes } from '../../src/enrich/quotes/quote-extractor.js';
import { inertSentence } from '../../src/enrich/quotes/reported-speech.js';
import { tokenize } from '../../src/enrich/quotes/tokens.js';
import { splitSentences } from '../../src/enrich/sentences/sentence-splitter.js';

/** What the first reported-speech pass can start from in a sentence's tokens (a colon, a cue, "according", "that"). */
function startsSomething(text: string, start: number, end: number): boolean {
  return tokenize(text, start, end).some((t) => t.text === ':' || cueEntry(t.text) !== undefined || t.lower === 'according' || t.lower === 'that');
}

const WORDS = ['said', 'Said', 'SAID', 'says', 'told', 'the', 'The', 'council', 'that', 'That', 'THAT', 'according', 'According', 'to', 'warned', 'x2', '2said',
  'said-so', "it's", 'U.S', 'e.g.', 'claimed', 'noted', 'asked', 'found', 'a', 'I', '42', 'city', 'water', 'budget', 'plan', ',', '.', ':', ';', '"', '“', '’',
  'é', 'naïve', 'İt', 'said\u00a0', '\t', 'stated', 'believes', 'hopes', 'adding', 'ﬁnance'];

function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

describe('inert sentences (nothing for the first reported-speech pass)', () => {
  it('are only sentences whose tokens hold no colon, cue, "according" or "that"', () => {
    const rand = rng(3);
    let inert = 0;
    let live = 0;
    for (let k = 0; k < 3000; k++) {
      const n = 1 + Math.floor(rand() * 12);
      const parts: string[] = [];
      for (let i = 0; i < n; i++) parts.push(WORDS[Math.floor(rand() * WORDS.length)]!);
      const text = `>> ${parts.join(rand() < 0.5 ? ' ' : '')} <<`;
      const [a, b] = [3, text.length - 3];
      if (inertSentence(text, a, b)) {
        inert++;
        expect(startsSomething(text, a, b)).toBe(false);
      } else live++;
    }
    expect(inert).toBeGreaterThan(200);
    expect(live).toBeGreaterThan(200);
  });

  it('reads news sentences as expected', () => {
    const text = 'The council approved the budget on Monday. The mayor said the plan would pass. Officials noted that costs rose. ' +
      'According to the report, costs rose. Costs rose 4% in 2021. Headline: Water rates rise. The café opened.';
    const verdicts = splitSentences(text).map((s) => inertSentence(text, s.start, s.end));
    expect(verdicts).toEqual([true, false, false, false, true, false, false]);
  });

  it('leaves the quotes of an article as they were', () => {
    const text = 'The council approved the budget on Monday. “We are ready,” Mayor Ann Holt said. Costs rose 4% in 2021.\n' +
      'Officials noted that costs rose, according to the city. The fire station reopened.';
    const quotes = extractQuotes(text, splitSentences(text), [], [], { outlet: null, scope: 'speech' });
    // (As before the pre-test: the same answer on the tree it started from.)
    expect(quotes.map((q) => [q.cue.text, q.text, q.speaker?.name ?? null])).toEqual([
      ['said', 'We are ready,', 'Mayor Ann Holt'],
      ['noted', 'costs rose, according to the city', null],
    ]);
  });
});
