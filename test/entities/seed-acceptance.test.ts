import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Entity, EntityMention, PlaceMention } from '../../src/model/types.js';
import { recognizeEntities } from '../../src/enrich/entities/entity-recognizer.js';
import { matchEntity } from '../../src/enrich/entities/entity-merge.js';
import { resolvePlaces } from '../../src/enrich/places/place-resolver.js';
import { splitSentences } from '../../src/enrich/sentences/sentence-splitter.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seedsDir = path.resolve(repoRoot, '../shared/corpus/seeds');
const hasSeeds = existsSync(seedsDir);
if (!hasSeeds) console.log(`skipping seed acceptance tests: ${seedsDir} is missing`);

interface Analysed {
  file: string;
  text: string;
  mentions: EntityMention[];
  entities: Entity[];
  places: PlaceMention[];
}
const analysed: Analysed[] = hasSeeds
  ? readdirSync(seedsDir)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((file) => {
        const text = readFileSync(path.join(seedsDir, file), 'utf8');
        const { mentions, entities } = recognizeEntities(text, splitSentences(text));
        const { places } = resolvePlaces(text, mentions, { dateline: null });
        return { file, text, mentions, entities, places };
      })
  : [];

const find = (a: Analysed, name: string): Entity[] =>
  a.entities.filter((e) => e.name.includes(name) || e.aliases.some((x) => x.includes(name)));

describe.skipIf(!hasSeeds)('seed pages', () => {
  it('makes Zakharova one entity per article, with her role, and one across articles', () => {
    const withHer = analysed.filter((a) => a.text.includes('Zakharova'));
    expect(withHer.length).toBeGreaterThanOrEqual(3);
    const corpus: Entity[] = [];
    for (const a of withHer) {
      const hers = find(a, 'Zakharova');
      expect(hers, a.file).toHaveLength(1);
      const e = hers[0]!;
      expect(e.type).toBe('PERSON');
      expect(e.name).toBe('Maria Zakharova');
      expect(e.roles.some((r) => r.role === 'spokesperson' && r.affiliation === 'Russian Foreign Ministry'), a.file).toBe(true);
      // Every "Zakharova" / "Zakharova's" mention points at her.
      const ids = new Set(a.mentions.filter((m) => m.text.includes('Zakharova')).map((m) => m.entityId));
      expect(ids.size, a.file).toBe(1);
      const decision = matchEntity({ ...e, id: `${a.file}:${e.id}` }, corpus);
      if (corpus.length > 0) expect(decision.match?.entityId, a.file).toBe(corpus[0]!.id);
      else corpus.push({ ...e, id: `${a.file}:${e.id}` });
    }
  });

  it('recognises the named actors as one entity each', () => {
    const all = analysed.flatMap((a) => a.entities.map((e) => ({ ...e, file: a.file })));
    const expectOne = (name: string, type: Entity['type']): void => {
      for (const a of analysed) {
        if (!a.text.includes(name)) continue;
        const es = find(a, name).filter((e) => e.type === type);
        expect(es.length, `${name} in ${a.file}`).toBe(1);
      }
      expect(all.some((e) => e.type === type && (e.name.includes(name) || e.aliases.includes(name))), name).toBe(true);
    };
    for (const p of ['Pashinyan', 'Papikyan', 'Mirzoyan', 'Kopyrkin', 'Khovaev', 'Grigoryan']) expectOne(p, 'PERSON');
    for (const o of ['CSTO', 'OSCE Minsk Group', 'TASS', 'Armenpress']) expectOne(o, 'ORG');
  });

  it('reads roles from title phrases and appositions', () => {
    const kop = analysed.flatMap((a) => find(a, 'Kopyrkin'))[0]!;
    expect(kop.roles).toContainEqual(expect.objectContaining({ role: 'ambassador', affiliation: 'Russia', postedTo: 'Yerevan' }));
    const pap = analysed.flatMap((a) => find(a, 'Papikyan'))[0]!;
    expect(pap.roles).toContainEqual(expect.objectContaining({ role: 'defence minister', affiliation: 'Armenia' }));
    const gri = analysed.flatMap((a) => find(a, 'Grigoryan'))[0]!;
    expect(gri.roles).toContainEqual(expect.objectContaining({ role: 'director', affiliation: 'Armenian Foreign Intelligence Service' }));
    const pash = analysed.flatMap((a) => find(a, 'Pashinyan'))[0]!;
    expect(pash.roles).toContainEqual(expect.objectContaining({ role: 'prime minister', affiliation: 'Armenia' }));
  });

  it('resolves the seed places to coordinates in the right country', () => {
    const places = analysed.flatMap((a) => a.places);
    const expectPlace = (text: string, country: string, lat: number, lon: number): void => {
      const p = places.find((x) => x.text.startsWith(text));
      expect(p, text).toBeDefined();
      expect(p!.country, text).toBe(country);
      expect(Math.abs(p!.lat - lat) < 0.6 && Math.abs(p!.lon - lon) < 0.8, `${text} at ${p!.lat},${p!.lon}`).toBe(true);
    };
    expectPlace('Gegharkunik', 'Armenia', 40.3, 45.2);
    expectPlace('Syunik', 'Armenia', 39.4, 46.2);
    expectPlace('Sotk', 'Armenia', 40.2, 45.9);
    expectPlace('Poti', 'Georgia', 42.15, 41.67);
    expectPlace('Yerevan', 'Armenia', 40.18, 44.51);
  });

  it('keeps demonyms out of the entity table', () => {
    for (const a of analysed) expect(a.entities.some((e) => ['Armenian', 'Azerbaijani', 'Russian'].includes(e.name)), a.file).toBe(false);
  });
});
