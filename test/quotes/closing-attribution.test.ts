import { describe, expect, it } from 'vitest';
import type { Quote } from '../../src/model/types.js';
import { extractQuotes } from '../../src/enrich/quotes/quote-extractor.js';
import { splitSentences } from '../../src/enrich/sentences/sentence-splitter.js';

function run(text: string, scope: 'all' | 'speech'): Quote[] {
  return extractQuotes(text, splitSentences(text), [], [], { outlet: null, scope });
}

// Issue 4: short news sentences where a word inside the content can be a cue ("ordered", "found").
describe('a closing "…, SOURCE said." attribution wins over cue words in its content', () => {
  for (const scope of ['all', 'speech'] as const) {
    it(`takes the trailing source when the content has an inner verb (${scope})`, () => {
      const text = 'Engineers ordered an inspection of the Orlen Dam on Wednesday after cracks were found in its spillway, regional water director Petra Holm said.';
      const qs = run(text, scope);
      expect(qs).toHaveLength(1);
      expect(qs[0]!.kind).toBe('indirect');
      expect(qs[0]!.cue.text).toBe('said');
      expect(qs[0]!.speaker?.text).toBe('regional water director Petra Holm');
      expect(qs[0]!.speaker?.name).toBe('Petra Holm');
      expect(qs[0]!.text).toBe('Engineers ordered an inspection of the Orlen Dam on Wednesday after cracks were found in its spillway');
    });

    it(`reads a participle and a preposition as a reduced relative, not a cue (${scope})`, () => {
      const text = 'Cracks found in the spillway of the Orlen Dam have prompted an inspection, regional water director Petra Holm said on Wednesday.';
      const qs = run(text, scope);
      expect(qs).toHaveLength(1);
      expect(qs[0]!.cue.text).toBe('said');
      expect(qs[0]!.speaker?.name).toBe('Petra Holm');
      expect(qs[0]!.text).toBe('Cracks found in the spillway of the Orlen Dam have prompted an inspection');
      // Without the closing attribution the sentence reports nothing.
      expect(run('Cracks found in the spillway of the Orlen Dam have prompted an inspection.', scope)).toEqual([]);
    });
  }

  it('keeps a chain of content-first attributions in order (the nearer source speaks)', () => {
    const text = 'The border is calm, Ambassador Ivan Petrov said at a meeting with the governor, the embassy said in a statement.';
    const first = run(text, 'speech').find((q) => q.text.startsWith('The border is calm'));
    expect(first?.speaker?.name).toMatch(/Petrov/);
  });
});

describe('"asked for + noun phrase" is a request, not a statement', () => {
  const text = 'Students had asked for longer hours in a petition signed by more than two thousand people.';
  it('is kept in the full PolNeAR scope, which counts it (14 of 35 on train)', () => {
    const qs = run(text, 'all');
    expect(qs.map((q) => q.cue.text)).toEqual(['asked']);
  });
  it('is left out of the speech scope the product runs', () => {
    expect(run(text, 'speech')).toEqual([]);
  });
  it('still keeps a request with a clause in the speech scope', () => {
    expect(run('The minister asked that the talks resume next week in Vienna.', 'speech').map((q) => q.cue.text)).toEqual(['asked']);
  });
});
