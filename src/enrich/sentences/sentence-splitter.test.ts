import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentence-splitter.js';

const texts = (t: string) => splitSentences(t).map((s) => t.slice(s.start, s.end));

describe('splitSentences', () => {
  it('splits at terminal punctuation followed by a capital', () => {
    expect(texts('Moscow said so. Baku denied it! Was it true? Nobody knew.')).toEqual([
      'Moscow said so.',
      'Baku denied it!',
      'Was it true?',
      'Nobody knew.',
    ]);
  });
  it('keeps abbreviations, initials and dotted acronyms inside the sentence', () => {
    expect(texts('Mr. Smith met Gen. J. Doe in the U.S. on Jan. 5. Then he left.')).toEqual([
      'Mr. Smith met Gen. J. Doe in the U.S. on Jan. 5.',
      'Then he left.',
    ]);
  });
  it('keeps closing quotes with the sentence and never joins paragraphs', () => {
    expect(texts('"We are ready," she said. "It is over."\nNext paragraph without stop')).toEqual([
      '"We are ready," she said.',
      '"It is over."',
      'Next paragraph without stop',
    ]);
  });
  it('does not split decimals or lowercase continuations', () => {
    expect(texts('It rose 3.5 percent. prices fell.')).toEqual(['It rose 3.5 percent. prices fell.']);
  });
  it('applies an offset', () => {
    expect(splitSentences('A b. C d.', 10)).toEqual([
      { start: 10, end: 14 },
      { start: 15, end: 19 },
    ]);
  });
});
