import { describe, expect, it } from 'vitest';
import { retypeCompanyNames } from '../../src/enrich/entities/company-retyping.js';
import type { LinkableMention } from '../../src/enrich/entities/entity-linker.js';
import { recognizeEntities } from '../../src/enrich/entities/entity-recognizer.js';
import { splitSentences } from '../../src/enrich/sentences/sentence-splitter.js';

const m = (text: string, type: LinkableMention['type'], role?: LinkableMention['role']): LinkableMention => ({ start: 0, end: text.length, text, type, ...(role ? { role } : {}) });

describe('retypeCompanyNames', () => {
  it('a person name ending in a word only companies end in is an organisation, with every mention written the same', () => {
    const ms = [m('Boreal Metals', 'PERSON'), m('Henrik Lindqvist', 'PERSON'), m('Boreal Metals', 'PERSON', { title: 'spokesperson' } as never), m('Acme Corp.', 'PERSON')];
    retypeCompanyNames(ms);
    expect(ms.map((x) => x.type)).toEqual(['ORG', 'PERSON', 'ORG', 'ORG']);
    expect(ms[2]!.role).toBeUndefined();
  });

  it('leaves one-word names, surnames that are ordinary words, and other types alone', () => {
    const ms = [m('Mining', 'PERSON'), m('Samantha Power', 'PERSON'), m('Danielle Steel', 'PERSON'), m('Nordic Holdings', 'LOC')];
    retypeCompanyNames(ms);
    expect(ms.map((x) => x.type)).toEqual(['PERSON', 'PERSON', 'PERSON', 'LOC']);
  });
});

describe('the recognizer on a company name the tagger reads as a person', () => {
  it('types every mention of it as an organisation', () => {
    // Our own sentences, in the shape of the demo article where the tagger read the developer as a person.
    const text =
      'The regional court ruled for the herders on Thursday. The developer, Boreal Metals, says it will order new studies and still hopes to start in 2027. Boreal Metals said in a statement that it would appeal. Chief executive Henrik Lindqvist declined to comment.';
    const { mentions } = recognizeEntities(text, splitSentences(text));
    const boreal = mentions.filter((x) => x.text === 'Boreal Metals');
    expect(boreal.length).toBe(2);
    expect(boreal.every((x) => x.type === 'ORG')).toBe(true);
    expect(mentions.find((x) => x.text === 'Henrik Lindqvist')?.type).toBe('PERSON');
  });
});
