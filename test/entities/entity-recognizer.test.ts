import { describe, expect, it } from 'vitest';
import type { Entity } from '../../src/model/types.js';
import { recognizeEntities } from '../../src/enrich/entities/entity-recognizer.js';
import { linkMentions } from '../../src/enrich/entities/entity-linker.js';
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

describe('linkMentions: a lone surname', () => {
  const m = (start: number, text: string) => ({ start, end: start + text.length, text, type: 'PERSON' as const });
  it('joins the person of that surname mentioned closest before it (after it counts four times the distance)', () => {
    const { mentions } = linkMentions([m(0, 'Maria Zakharova'), m(100, 'Anna Zakharova'), m(150, 'Zakharova'), m(300, 'Zakharova'), m(1000, 'Ivan Zakharov')]);
    const at = (start: number) => mentions.find((x) => x.start === start)!.name;
    expect(at(150)).toBe('Anna Zakharova');
    expect(at(300)).toBe('Anna Zakharova');
    // 100 after Anna's mention beats 30 before Maria's (weighted 120).
    const early = linkMentions([m(0, 'Anna Zakharova'), m(100, 'Zakharova'), m(130, 'Maria Zakharova')]).mentions;
    expect(early.find((x) => x.start === 100)!.name).toBe('Anna Zakharova');
    const tie = linkMentions([m(50, 'Maria Zakharova'), m(150, 'Anna Zakharova'), m(100, 'Zakharova')]).mentions;
    expect(tie.find((x) => x.start === 100)!.name).toBe('Maria Zakharova');
  });
  it('stays fast on a long list of people', () => {
    const ms = [];
    for (let k = 0; k < 3000; k++) ms.push(m(k * 40, `Person${k} Family${k % 50}`), m(k * 40 + 20, `Family${(k * 7) % 50}`));
    const { entities } = linkMentions(ms);
    // Every lone family name joined a person of that family: no single-word person entities.
    expect(entities.filter((e) => e.type === 'PERSON' && !e.name.includes(' '))).toHaveLength(0);
    expect(entities.length).toBe(3000);
  });
});
