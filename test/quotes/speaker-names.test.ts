/**
 * Speakers that are not names: a possessive or relative pronoun, a capitalised adjective, an outlet that only
 * held the material, an outlet that only asked. Each case is a general rule, checked on sentences written for it.
 */
import { describe, expect, it } from 'vitest';
import type { EntityMention, Quote } from '../../src/model/types.js';
import { extractQuotes } from '../../src/enrich/quotes/quote-extractor.js';
import { splitSentences } from '../../src/enrich/sentences/sentence-splitter.js';

function run(text: string, mentions: EntityMention[] = [], scope: 'all' | 'speech' = 'speech'): Quote[] {
  return extractQuotes(text, splitSentences(text), mentions, [], { outlet: null, scope, ruleFilter: null });
}

function mention(text: string, name: string, type: EntityMention['type'], entityId: string, from = 0): EntityMention {
  const start = text.indexOf(name, from);
  if (start < 0) throw new Error(`no ${name}`);
  return { start, end: start + name.length, text: name, name, type, entityId } as EntityMention;
}

const FUNCTION_WORD = /^(?:It|Its|Who|One|He|She|They|Their|His|Her|This|That|The)$/;

describe('speaker names are never pronouns or determiners', () => {
  it('a possessive role ("Its chief executive") is a description, not a person called "Its"', () => {
    const qs = run('The company dropped the plan. Its chief executive maintained that Europe ought to produce the metals it consumes.');
    const q = qs.find((x) => x.cue.text === 'maintained');
    expect(q?.speaker?.text).toBe('Its chief executive');
    expect(q?.speaker?.name).toBe('its chief executive');
  });

  it("a place's office holder speaks, not the place (\"Harrowgate's mayor\"); the place's government speaks for it", () => {
    const text = "The plant will close in May. Harrowgate's mayor warned that the town would lose its largest employer. Estonia's government said it would help the workers.";
    const ms = [mention(text, 'Harrowgate', 'LOC', 'e1'), mention(text, 'Estonia', 'LOC', 'e2')];
    const mayor = run(text, ms).find((x) => x.cue.text === 'warned');
    expect(mayor?.speaker?.text).toBe("Harrowgate's mayor");
    expect(mayor?.speaker?.entityId).toBeNull();
    expect(mayor?.speaker?.name).toBe("Harrowgate's mayor");
    const government = run(text, ms).find((x) => x.cue.text === 'said');
    expect(government?.speaker?.entityId).toBe('e2');
  });

  it('a possessive role resolves to the person who holds it when the text named one', () => {
    const text = 'Chief executive Henrik Lindqvist spoke first. Its chief executive later said that the mine could not be financed.';
    const qs = run(text, [mention(text, 'Henrik Lindqvist', 'PERSON', 'e1')]);
    expect(qs.find((x) => x.cue.text === 'said')?.speaker?.name).toBe('Henrik Lindqvist');
  });

  it('a relative pronoun with a group before it speaks for that group, anonymous and unnamed', () => {
    const qs = run('The court sided with reindeer herders who say the access road would destroy their winter grazing.');
    const q = qs.find((x) => x.cue.text === 'say');
    expect(q?.speaker?.text).toBe('reindeer herders who');
    expect(q?.speaker?.name).toBeNull(); // not a name: "herders" is not one speaker across the corpus
    expect(q?.speaker?.anonymous).toBe(true);
  });

  it('a relative pronoun after a comma and no name stays an unresolved pronoun', () => {
    const qs = run('The herders, who say the access road would destroy their winter grazing, appealed again.');
    const q = qs.find((x) => x.cue.text === 'say');
    expect(q?.speaker?.text).toBe('who');
    expect(q?.speaker?.name).toBeNull();
  });

  it('"it" still points back to the organisation that spoke last', () => {
    const text = 'Boreal Metals said it could no longer raise money. It said that it would write off 85 million euros.';
    const qs = run(text, [mention(text, 'Boreal Metals', 'ORG', 'e1')]);
    expect(qs.find((x) => x.speaker?.text === 'It')?.speaker?.name).toBe('Boreal Metals');
  });

  it('a capitalised adjective before a noun ("Finnish press", "Spanish officials") is not a name', () => {
    const a = run('The firm brushed aside what Finnish press claims about a sale, calling the reports untrue.');
    for (const q of a) expect(q.speaker?.name ?? '').not.toBe('Finnish');
    const b = run('Spanish officials said the transfer and the border flows are governed by separate rules.');
    expect(b[0]?.speaker?.name).toBe('Spanish officials');
    // A capitalised name that heads the phrase is still a name.
    const c = run('The talks ended. Petrov said the border was calm.');
    expect(c[0]?.speaker?.name).toBe('Petrov');
  });

  it('no speaker name is a bare function word', () => {
    const text = 'Its director said the library would stay open. They said it was a trial. One said the change was welcome.';
    for (const q of run(text)) expect(q.speaker?.name ?? '').not.toMatch(FUNCTION_WORD);
  });
});

describe('outlets as speakers', () => {
  it('an outlet that only saw the figures is not their source ("figures seen by the Courier show")', () => {
    const text = 'Internal figures seen by the Courier show transfers to the Segura basin in May exceeded the monthly cap.';
    const qs = run(text, [mention(text, 'Courier', 'ORG', 'e1')]);
    const q = qs.find((x) => x.cue.text === 'show');
    expect(q?.speaker?.text).toBe('Internal figures seen by the Courier');
    expect(q?.speaker?.name).toBe('Internal figures');
    expect(q?.speaker?.entityId).toBeNull();
  });

  it('"according to figures … seen by The Lisbon Courier" does not make the outlet the source', () => {
    const text = 'Spain moved more water than allowed, according to internal figures from a river authority seen by The Lisbon Courier.';
    const qs = run(text, [mention(text, 'Lisbon Courier', 'ORG', 'e1')]);
    const q = qs.find((x) => x.cue.text === 'according to');
    expect(q?.speaker?.name).toBe('internal figures from a river authority');
  });

  it('an outlet that reports is a legitimate speaker', () => {
    const text = 'The Herald reported that the mine would open in 2024.';
    const qs = run(text, [mention(text, 'Herald', 'ORG', 'e1')]);
    expect(qs[0]?.speaker?.name).toBe('Herald');
  });

  it('a question an outlet put is not its statement, and the answer after the semicolon is its own attribution', () => {
    const text = 'The Ledger asked Boreal Metals whether it planned to sell its licences; a spokesperson said reports of talks did not correspond to reality.';
    const qs = run(text, [mention(text, 'Ledger', 'ORG', 'e1'), mention(text, 'Boreal Metals', 'ORG', 'e2')]);
    expect(qs.some((q) => q.speaker?.name === 'Ledger')).toBe(false);
    const answer = qs.find((q) => q.cue.text === 'said');
    expect(answer?.speaker?.text).toBe('a spokesperson');
    expect(answer?.cue.stance).toBe('denial');
    expect(answer?.text.startsWith('reports of talks')).toBe(true);
    // Outside the product's speech scope the question is still an attribution (PolNeAR counts it), ending at the semicolon.
    const all = run(text, [mention(text, 'Ledger', 'ORG', 'e1'), mention(text, 'Boreal Metals', 'ORG', 'e2')], 'all');
    expect(all.find((q) => q.speaker?.name === 'Ledger')?.text).toBe('whether it planned to sell its licences');
  });

  it('an outlet told is the audience: the speech verb before a belief verb attributes the quote', () => {
    const text = 'Chief executive Henrik Lindqvist told the Herald the company still planned to start production in 2024, “a year later than we hoped, not ten.”';
    const qs = run(text, [mention(text, 'Henrik Lindqvist', 'PERSON', 'e1'), mention(text, 'Herald', 'ORG', 'e2')]);
    const q = qs.find((x) => x.text.includes('a year later'));
    expect(q?.kind).toBe('mixed');
    expect(q?.speaker?.name).toBe('Henrik Lindqvist');
    expect(q?.cue.text).toBe('told');
    expect(q?.text.startsWith('the company still planned')).toBe(true);
  });
});
