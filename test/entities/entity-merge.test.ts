import { describe, expect, it } from 'vitest';
import type { Entity } from '../../src/model/types.js';
import { compareEntities, entityMatchKey, foldTransliteration, matchEntity } from '../../src/enrich/entities/entity-merge.js';

const ent = (id: string, name: string, type: Entity['type'], aliases: string[] = [], roles: Entity['roles'] = []): Entity => ({
  id,
  name,
  type,
  aliases,
  roles,
});
const spokesperson = [{ role: 'spokesperson', affiliation: 'Russian Foreign Ministry', evidence: 'x' }];

describe('entityMatchKey / transliteration', () => {
  it('folds the romanisation variants the seeds use', () => {
    expect(foldTransliteration('Zakharova')).toBe(foldTransliteration('Zaharova'));
    expect(foldTransliteration('Pashinyan')).toBe(foldTransliteration('Pashinian'));
    expect(foldTransliteration('Kristinne')).toBe(foldTransliteration('Kristine'));
    expect(foldTransliteration('Sergey')).toBe(foldTransliteration('Sergei'));
    expect(foldTransliteration('Zakharova')).not.toBe(foldTransliteration('Zakharov'));
  });
  it('gives organisation variants one key', () => {
    const k = entityMatchKey('Russian Foreign Ministry', 'ORG');
    expect(entityMatchKey('Russian MFA', 'ORG')).toBe(k);
    expect(entityMatchKey('the Foreign Ministry of Russia', 'ORG')).toBe(k);
    expect(entityMatchKey("Russia's Ministry of Foreign Affairs", 'ORG')).toBe(k);
    expect(entityMatchKey('Armenian Foreign Ministry', 'ORG')).not.toBe(k);
    expect(entityMatchKey('Collective Security Treaty Organisation', 'ORG')).toBe(entityMatchKey('Collective Security Treaty Organization', 'ORG'));
  });
});

describe('matchEntity', () => {
  const corpus = [
    ent('c1', 'Maria Zakharova', 'PERSON', ['Zakharova'], spokesperson),
    ent('c2', 'Nikol Pashinyan', 'PERSON', ['Pashinyan']),
    ent('c3', 'Kristinne Grigoryan', 'PERSON', []),
    ent('c4', 'Russian Foreign Ministry', 'ORG'),
    ent('c5', 'Collective Security Treaty Organisation', 'ORG', ['CSTO']),
    ent('c6', 'Ruben Grigoryan', 'PERSON'),
    ent('c7', 'Armenia', 'LOC'),
  ];
  it('merges transliteration variants with an explanation', () => {
    const d = matchEntity(ent('d1', 'Maria Zaharova', 'PERSON'), corpus);
    expect(d.match?.entityId).toBe('c1');
    expect(d.match?.kind).toBe('transliteration');
    expect(d.match?.explanation).toContain('Zaharova');
    expect(matchEntity(ent('d2', 'Nikol Pashinian', 'PERSON'), corpus).match?.entityId).toBe('c2');
    expect(matchEntity(ent('d3', 'Kristine Grigoryan', 'PERSON'), corpus).match?.entityId).toBe('c3');
  });
  it('merges organisation variants and acronyms', () => {
    expect(matchEntity(ent('d', 'Russian MFA', 'ORG'), corpus).match?.entityId).toBe('c4');
    expect(matchEntity(ent('d', 'Foreign Ministry of Russia', 'ORG'), corpus).match?.entityId).toBe('c4');
    const csto = matchEntity(ent('d', 'CSTO', 'ORG'), corpus);
    expect(csto.match?.entityId).toBe('c5');
    expect(matchEntity(ent('d', 'Collective Security Treaty Organization', 'ORG'), corpus).match?.entityId).toBe('c5');
  });
  it('uses a shared role to trust a surname-only entity', () => {
    const withRole = matchEntity(ent('d', 'Zakharova', 'PERSON', [], spokesperson), corpus);
    expect(withRole.match?.entityId).toBe('c1');
    expect(withRole.match?.kind).toBe('alias');
  });
  it('does not merge a bare common surname that fits two people', () => {
    const d = matchEntity(ent('d', 'Grigoryan', 'PERSON'), corpus);
    expect(d.match).toBeNull();
    expect(d.candidates.length).toBeGreaterThanOrEqual(2);
  });
  it('keeps different people and different types apart', () => {
    expect(matchEntity(ent('d', 'Maria Zakharov', 'PERSON'), corpus).match).toBeNull();
    expect(compareEntities(ent('d', 'Armenia', 'ORG'), corpus[6]!)).toBeNull();
    expect(matchEntity(ent('d', 'Armenian Foreign Ministry', 'ORG'), corpus).match).toBeNull();
  });
});
