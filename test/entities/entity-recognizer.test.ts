import { describe, expect, it } from 'vitest';
import type { Entity } from '../../src/model/types.js';
import { recognizeEntities } from '../../src/enrich/entities/entity-recognizer.js';
import { splitSentences } from '../../src/enrich/sentences/sentence-splitter.js';

function analyse(text: string, exclude?: { start: number; end: number }[]) {
  return recognizeEntities(text, splitSentences(text), exclude ? { exclude } : {});
}
const byName = (es: Entity[], name: string): Entity | undefined => es.find((e) => e.name === name || e.aliases.includes(name));

describe('recognizeEntities', () => {
  it('links surname, possessive and title-prefixed mentions to the full name', () => {
    const text =
      'Russian Foreign Ministry spokesperson Maria Zakharova said on Thursday that talks would resume. ' +
      '"We are ready," Zakharova said. Zakharova\'s remarks followed a meeting in Moscow.';
    const { mentions, entities } = analyse(text);
    const z = byName(entities, 'Maria Zakharova')!;
    expect(z.type).toBe('PERSON');
    expect(z.aliases).toContain('Zakharova');
    expect(mentions.filter((m) => m.entityId === z.id)).toHaveLength(3);
    expect(z.roles[0]).toMatchObject({ role: 'spokesperson', affiliation: 'Russian Foreign Ministry' });
    expect(byName(entities, 'Russian Foreign Ministry')?.type).toBe('ORG');
    expect(entities.map((e) => e.id)).toEqual(entities.map((_, i) => `e${i + 1}`));
  });

  it('reads ambassador, posting and affiliation from a title phrase', () => {
    const { entities } = analyse('Russian Ambassador to Yerevan Sergey Kopyrkin met the governor on Friday.');
    const k = byName(entities, 'Sergey Kopyrkin')!;
    expect(k.roles).toContainEqual(expect.objectContaining({ role: 'ambassador', affiliation: 'Russia', postedTo: 'Yerevan' }));
  });

  it('reads appositions and multi-word titles, and does not give a title to the wrong person', () => {
    const { entities } = analyse(
      'Attorney General Eric Schneiderman spoke first. A spokeswoman for Hillary Clinton declined to comment. ' +
        'Igor Khovaev, the Special Representative of the Russian Foreign Minister, arrived. Larry King and Ed Schultz laughed.',
    );
    expect(byName(entities, 'Eric Schneiderman')?.roles[0]?.role).toBe('attorney general');
    expect(byName(entities, 'Hillary Clinton')?.roles).toEqual([]);
    expect(byName(entities, 'Igor Khovaev')?.roles[0]).toMatchObject({ role: 'special representative', affiliation: 'Russian Foreign Minister' });
    expect(byName(entities, 'Ed Schultz')?.roles).toEqual([]);
  });

  it('joins an acronym to the name it abbreviates and keeps excluded spans out', () => {
    const text = 'YEREVAN, June 4. /TASS/. Armenia asked the Collective Security Treaty Organization (CSTO) for help. The CSTO did not answer.';
    const { mentions, entities } = analyse(text, [{ start: 0, end: 24 }]);
    const csto = byName(entities, 'CSTO')!;
    expect(csto.name).toBe('Collective Security Treaty Organization');
    expect(mentions.filter((m) => m.entityId === csto.id)).toHaveLength(3);
    expect(mentions.some((m) => m.start < 24)).toBe(false);
  });

  it('treats an honorific as evidence of a person and keeps demonyms out of the table', () => {
    const { entities } = analyse('Mr. Obama met Armenian and Azerbaijani officials.');
    expect(byName(entities, 'Obama')?.type).toBe('PERSON');
    expect(entities.some((e) => e.name === 'Armenian' || e.name === 'Azerbaijani')).toBe(false);
  });
});
