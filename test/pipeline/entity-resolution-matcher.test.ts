import { describe, expect, it } from 'vitest';
import { EntityMatcher, entityMatchKey, matchEntity, type MatchableEntity, type MatchKind } from '../../src/enrich/entities/entity-merge.js';
import type { EntityRole, EntityType } from '../../src/model/types.js';
import { mulberry32 } from '../../src/util/seeded-random.js';

/**
 * The indexed matcher (each document entity compared only with the corpus entities that share an index key) must
 * decide exactly what the full comparison decides. Generated names collide on purpose: transliteration variants,
 * initials, surnames alone, acronyms, demonyms, near spellings and one-word names shared by two people.
 */
const FIRST = ['Maria', 'Mariya', 'M.', 'Sergey', 'Sergei', 'S.', 'Nikol', 'Ruben', 'R.', 'Anna', 'Ana', 'Kristine', 'Kristinne', 'Ivan', 'John', 'Jon'];
const SYLLABLES = ['kha', 'za', 'ro', 'va', 'pa', 'shi', 'nyan', 'gri', 'go', 'ryan', 'lav', 'rov', 'pet', 'mi', 'ya', 'tse', 'lo'];
const ORG_WORDS = ['Foreign', 'Ministry', 'Security', 'Council', 'National', 'Election', 'Commission', 'Central', 'Treaty', 'Organisation', 'Defence', 'Union', 'Bank', 'Court', 'Supreme', 'Energy'];
const DEMONYMS = ['Russian', 'Armenian', 'Georgian', 'French', 'German', 'Iranian'];
const PLACES = ['Yerevan', 'Erevan', 'Moscow', 'Moskva', 'Nagorno-Karabakh', 'Nagorno Karabakh', 'Stepanakert', 'Stepanakertt', 'Baku', 'Tbilisi', 'Kyiv', 'Kiev'];
const MISC = ['Russian', 'Armenian', 'Soviet-era', 'Soviet era', 'COVID-19', 'Covid 19'];
const ROLES: Omit<EntityRole, 'evidence'>[] = [
  { role: 'spokesperson', affiliation: 'Russian Foreign Ministry' },
  { role: 'spokesperson', affiliation: 'Russian MFA' },
  { role: 'minister', affiliation: 'Armenian Foreign Ministry' },
  { role: 'prime minister', affiliation: null },
  { role: 'ambassador', affiliation: 'Russia', postedTo: 'Yerevan' },
];

function generator(seed: number) {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const surname = (): string => {
    const w = Array.from({ length: 2 + Math.floor(rand() * 2) }, () => pick(SYLLABLES)).join('');
    return w[0]!.toUpperCase() + w.slice(1);
  };
  const surnames = Array.from({ length: 60 }, surname);
  // A spelling variant: a transliteration fold, a doubled letter or one letter changed.
  const variant = (w: string): string => {
    const r = rand();
    if (r < 0.3) return w.replace(/kh/g, 'h').replace(/y/g, 'i');
    if (r < 0.6) return w + w.at(-1);
    const i = 1 + Math.floor(rand() * (w.length - 1));
    return w.slice(0, i) + 'e' + w.slice(i + 1);
  };
  const person = (): string => {
    const last = rand() < 0.3 ? variant(pick(surnames)) : pick(surnames);
    const r = rand();
    if (r < 0.25) return last;
    if (r < 0.3) return `${pick(FIRST)} ${pick(surnames)}-${last}`;
    return `${pick(FIRST)} ${last}`;
  };
  const orgs = Array.from({ length: 40 }, () => {
    const words = Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(ORG_WORDS));
    return rand() < 0.4 ? `${pick(DEMONYMS)} ${words.join(' ')}` : words.join(' ');
  });
  const org = (): string => {
    const name = pick(orgs);
    const r = rand();
    if (r < 0.25) return name.split(' ').map((w) => w[0]).join('');
    if (r < 0.35) return `the ${name.split(' ').reverse().join(' of ')}`;
    return name;
  };
  const nameOf = (type: EntityType): string => (type === 'PERSON' ? person() : type === 'ORG' ? org() : type === 'LOC' ? pick(PLACES) : pick(MISC));
  let n = 0;
  return (): MatchableEntity => {
    const type = pick<EntityType>(['PERSON', 'PERSON', 'PERSON', 'ORG', 'ORG', 'LOC', 'MISC']);
    const aliases = Array.from({ length: Math.floor(rand() * 3) }, () => nameOf(type));
    const roles = type === 'PERSON' && rand() < 0.5 ? [{ ...pick(ROLES), evidence: '' }] : [];
    return { id: `e${seed}-${n++}`, name: nameOf(type), type, aliases, roles };
  };
}

/** Corpus entities as the store keeps them: one per match key of their name. */
function corpusOf(next: () => MatchableEntity, size: number): MatchableEntity[] {
  const seen = new Set<string>();
  const out: MatchableEntity[] = [];
  while (out.length < size) {
    const e = next();
    const key = entityMatchKey(e.name, e.type);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

describe('EntityMatcher', () => {
  it('decides exactly what matchEntity decides on 3,000 generated document entities', () => {
    const next = generator(7);
    const corpora = [40, 150, 400].map((size) => corpusOf(next, size));
    const kinds = new Map<MatchKind | 'none' | 'ambiguous', number>();
    for (const corpus of corpora) {
      const matcher = new EntityMatcher(corpus);
      for (let i = 0; i < 1000; i++) {
        const doc = next();
        const full = matchEntity(doc, corpus);
        expect(matcher.match(doc)).toEqual(full.match);
        const kind = full.match?.kind ?? (full.ambiguous ? 'ambiguous' : 'none');
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
    }
    // The generated names exercise every kind of decision the index has to find (not a test of nothing).
    for (const kind of ['name', 'alias', 'transliteration', 'organisation-variant', 'acronym', 'surname', 'near-spelling', 'none', 'ambiguous'] as const)
      expect(kinds.get(kind) ?? 0, kind).toBeGreaterThan(5);
  });

  it('compares with every corpus entity below the indexed threshold', () => {
    const next = generator(11);
    const corpus = corpusOf(next, 120);
    const matcher = new EntityMatcher(corpus);
    let weak = 0;
    for (let i = 0; i < 400; i++) {
      const doc = next();
      const full = matchEntity(doc, corpus, 0.6);
      expect(matcher.match(doc, 0.6)).toEqual(full.match);
      if (full.match !== null && full.match.score < 0.8) weak++;
    }
    expect(weak).toBeGreaterThan(0);
  });
});
