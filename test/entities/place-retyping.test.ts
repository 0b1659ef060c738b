import { describe, expect, it } from 'vitest';
import { retypePlacesAfterPrepositions } from '../../src/enrich/entities/place-retyping.js';
import type { LinkableMention } from '../../src/enrich/entities/entity-linker.js';
import { recognizeEntities } from '../../src/enrich/entities/entity-recognizer.js';
import { splitSentences } from '../../src/enrich/sentences/sentence-splitter.js';

/** Mentions of each given word, in text order, with the given types. */
function mentionsOf(text: string, spec: [string, LinkableMention['type']][]): LinkableMention[] {
  let from = 0;
  return spec.map(([word, type]) => {
    const start = text.indexOf(word, from);
    from = start + word.length;
    return { start, end: start + word.length, text: word, type };
  });
}

const places = new Set(['Sodankylä', 'Oulu', 'Holm']);
const isPlace = (name: string) => places.has(name);

describe('retypePlacesAfterPrepositions', () => {
  it('a one-word person after "near" that the gazetteer knows is the place, with every mention written the same', () => {
    const text = 'A mine near Sodankylä was halted. Sodankylä said the town would appeal.';
    const ms = mentionsOf(text, [['Sodankylä', 'PERSON'], ['Sodankylä', 'PERSON']]);
    retypePlacesAfterPrepositions(text, ms, isPlace);
    expect(ms.map((m) => m.type)).toEqual(['LOC', 'LOC']);
  });

  it('a place the tagger got right after the preposition carries the other readings of the name with it', () => {
    const text = "Protests outside Oulu grew. Oulu's mayor said nothing.";
    const ms = mentionsOf(text, [['Oulu', 'LOC'], ['Oulu', 'PERSON']]);
    retypePlacesAfterPrepositions(text, ms, isPlace);
    expect(ms.map((m) => m.type)).toEqual(['LOC', 'LOC']);
  });

  it('leaves possessives, people with a role, unknown places, longer names and other prepositions alone', () => {
    const cases: [string, LinkableMention[]][] = [];
    const possessive = "In Holm's view the plan failed.";
    cases.push([possessive, mentionsOf(possessive, [['Holm', 'PERSON']])]);
    const role = 'The talks in Holm ended.';
    const withRole = mentionsOf(role, [['Holm', 'PERSON']]);
    withRole[0]!.role = { role: 'mayor', affiliation: null, evidence: 'mayor Holm' };
    cases.push([role, withRole]);
    const unknown = 'A plant near Lindqvist closed.';
    cases.push([unknown, mentionsOf(unknown, [['Lindqvist', 'PERSON']])]);
    const longer = 'A mine near Petra Holm closed.';
    cases.push([longer, mentionsOf(longer, [['Petra Holm', 'PERSON']])]);
    const from = 'A letter from Holm arrived.';
    cases.push([from, mentionsOf(from, [['Holm', 'PERSON']])]);
    for (const [text, ms] of cases) {
      retypePlacesAfterPrepositions(text, ms, isPlace);
      expect(ms.map((m) => m.type), text).toEqual(['PERSON']);
    }
  });

  it('through the recognizer: "near Sodankylä" and "Sodankylä\'s mayor" are one place', () => {
    const text =
      'A regional court has frozen the permit for a planned copper mine near Sodankylä, in a victory for the herders. ' +
      "In Sodankylä itself the mood is more anxious. Sodankylä's mayor said investors may not wait forever.";
    const { entities } = recognizeEntities(text, splitSentences(text));
    const sodankyla = entities.filter((e) => e.name === 'Sodankylä');
    expect(sodankyla.map((e) => e.type)).toEqual(['LOC']);
  });
});
