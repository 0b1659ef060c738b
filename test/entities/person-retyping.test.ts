import { describe, expect, it } from 'vitest';
import type { Entity, EntityMention } from '../../src/model/types.js';
import { recognizeEntities } from '../../src/enrich/entities/entity-recognizer.js';
import { matchEntity } from '../../src/enrich/entities/entity-merge.js';
import { looksLikePersonalName, retypeBySurname, type NameLexicon } from '../../src/enrich/entities/person-retyping.js';
import { splitSentences } from '../../src/enrich/sentences/sentence-splitter.js';

function analyse(text: string): { mentions: EntityMention[]; entities: Entity[] } {
  return recognizeEntities(text, splitSentences(text));
}
const withName = (es: Entity[], name: string): Entity[] => es.filter((e) => e.name === name || e.aliases.includes(name));

// Made-up articles: names the tagger has never seen, after a title.
const DAM_A =
  'Cracks found in the spillway of the Orlen Dam have prompted an inspection, regional water director Petra Holm said on Wednesday.\n\n' +
  'Holm said the reservoir would be lowered while engineers examine the structure. "We are not taking any chances," she said.';
const DAM_B =
  'Engineers ordered an inspection of the Orlen Dam after cracks were found in the spillway, regional water director Petra Holm said.\n\n' +
  'Holm said the reservoir would be lowered. "We are not taking any chances," she said.';

describe('person retyping after a title and from a lone surname', () => {
  it('reads a name after a role phrase as one person with its surname', () => {
    const { mentions, entities } = analyse(DAM_A);
    const holm = withName(entities, 'Holm');
    expect(holm).toHaveLength(1);
    expect(holm[0]).toMatchObject({ name: 'Petra Holm', type: 'PERSON' });
    expect(mentions.filter((m) => m.entityId === holm[0]!.id).map((m) => m.text)).toEqual(['Petra Holm', 'Holm']);
    expect(holm[0]!.roles.map((r) => r.role)).toContain('director');
    // The dam stays what it was: not a person.
    expect(withName(entities, 'Orlen Dam')[0]?.type).not.toBe('PERSON');
  });

  it('gives both outlets the same person, so the corpus merge links them', () => {
    const a = withName(analyse(DAM_A).entities, 'Petra Holm')[0]!;
    const b = withName(analyse(DAM_B).entities, 'Petra Holm')[0]!;
    expect(a.type).toBe('PERSON');
    expect(b.type).toBe('PERSON');
    const decision = matchEntity(a, [{ ...b, id: 'corpus-7' }]);
    expect(decision.match?.entityId).toBe('corpus-7');
  });

  it('retypes names after other titles: chief engineer, spokesperson', () => {
    const cases = [
      'Repairs at the Kessel Tunnel will take a month, chief engineer Petra Holm said on Friday.',
      'Delays hit the Tarn Line after a signal fault, spokesperson Petra Holm said.',
    ];
    for (const text of cases) {
      const e = withName(analyse(text).entities, 'Petra Holm');
      expect(e, text).toHaveLength(1);
      expect(e[0]!.type, text).toBe('PERSON');
      expect(e[0]!.roles.length, text).toBeGreaterThan(0);
    }
  });

  it('links a possessive surname to the full name', () => {
    const text = 'Delays hit the Tarn Line after a signal fault, spokesperson Petra Holm said. Holm\'s team will report next week.';
    const { mentions, entities } = analyse(text);
    const h = withName(entities, 'Petra Holm');
    expect(h).toHaveLength(1);
    expect(h[0]!.type).toBe('PERSON');
    expect(mentions.filter((m) => m.entityId === h[0]!.id)).toHaveLength(2);
  });

  it('does not make an organisation after a title, or one ending in a known surname, a person', () => {
    const text =
      'Shares of Dorval Airlines fell after chief executive Dorval Airlines said profits would drop. ' +
      'Regional director Kestrel Mining said output rose. Goldman Sachs advised the buyer. Sachs said the deal was fair.';
    const { entities } = analyse(text);
    for (const n of ['Dorval Airlines', 'Kestrel Mining', 'Goldman Sachs']) {
      const e = withName(entities, n);
      expect(e.length, n).toBeGreaterThan(0);
      for (const x of e) expect(x.type, n).toBe('ORG');
    }
  });
});

describe('the rules on their own', () => {
  const lex: NameLexicon = {
    isCommonWord: (w) => ['water', 'regional', 'cracks'].includes(w),
    isPlaceName: (w) => w === 'Armenia',
    isDemonym: (w) => w === 'Russian',
    knownTypes: (p) => (p === 'Goldman Sachs' ? ['ORG'] : undefined),
  };

  it('accepts name-like phrases and refuses heads, places, ordinary words and listed organisations', () => {
    expect(looksLikePersonalName(['Petra', 'Holm'], lex)).toBe(true);
    expect(looksLikePersonalName(['Anne', 'O\'Neill'], lex)).toBe(true);
    expect(looksLikePersonalName(['Orlen', 'Dam'], lex)).toBe(false);
    expect(looksLikePersonalName(['Acme', 'Inc'], lex)).toBe(false);
    expect(looksLikePersonalName(['Water', 'Holm'], lex)).toBe(false);
    expect(looksLikePersonalName(['Armenia', 'Holm'], lex)).toBe(false);
    expect(looksLikePersonalName(['Russian', 'Holm'], lex)).toBe(false);
    expect(looksLikePersonalName(['Goldman', 'Sachs'], lex)).toBe(false);
    expect(looksLikePersonalName(['Holm'], lex)).toBe(false);
    expect(looksLikePersonalName(['IBM', 'Holm'], lex)).toBe(false);
  });

  it('retypes a multi-word ORG ending in a lone PERSON word, and nothing else', () => {
    const ms = [
      { start: 0, end: 10, text: 'Petra Holm', type: 'ORG' as const },
      { start: 20, end: 29, text: 'Orlen Dam', type: 'MISC' as const },
      { start: 40, end: 46, text: "Holm's", type: 'PERSON' as const },
      { start: 50, end: 58, text: 'Tara Vey', type: 'ORG' as const },
    ];
    retypeBySurname(ms, lex);
    expect(ms.map((m) => m.type)).toEqual(['PERSON', 'MISC', 'PERSON', 'ORG']);
  });

  it('drops a leading title from a retyped name so it links with the bare surname', () => {
    const ms = [
      { start: 100, end: 113, text: 'Ms Izevbekhai', type: 'MISC' as const },
      { start: 200, end: 210, text: 'Izevbekhai', type: 'PERSON' as const },
    ];
    retypeBySurname(ms, lex);
    expect(ms[0]).toEqual({ start: 103, end: 113, text: 'Izevbekhai', type: 'PERSON' });
  });
});
