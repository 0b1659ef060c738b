/**
 * Cross-corpus entity matching: does a document's entity name one already in
 * the corpus? Pure functions; the store calls them and records the decision
 * and its explanation (so every merge can be shown and undone).
 */
import type { Entity, EntityType } from '../../model/types.js';
import { countriesOfDemonym, countryTable } from '../places/country-table.js';
import { boundedMemo } from '../../util/bounded-memo.js';

export type MatchKind = 'name' | 'alias' | 'transliteration' | 'organisation-variant' | 'acronym' | 'surname' | 'near-spelling';

export interface EntityMatch {
  entityId: string;
  kind: MatchKind;
  /** 0..1: 1 for identical names, lower for weaker evidence. The caller picks its threshold. */
  score: number;
  explanation: string;
}

export interface MatchDecision {
  match: EntityMatch | null;
  /** Other candidates considered, best first (for "why not X?" questions). */
  candidates: EntityMatch[];
  /** Set when two or more corpus entities fit equally well and no merge was made. */
  ambiguous?: boolean;
}

/** The fields matching reads; a stored entity may carry more. */
export type MatchableEntity = Pick<Entity, 'id' | 'name' | 'type' | 'aliases' | 'roles'>;

const STOPWORDS = new Set(['the', 'of', 'and', 'for', 'on', 'in', 'a', '&']);
const SPELLING: Record<string, string> = {
  defence: 'defense',
  organisation: 'organization',
  centre: 'center',
  programme: 'program',
  labour: 'labor',
  mfa: 'foreign ministry',
  mod: 'defense ministry',
  mid: 'foreign ministry',
};
/** Multi-word synonyms, applied to the lower-cased name before tokenising. */
const PHRASES: [RegExp, string][] = [
  [/\bministry of foreign affairs\b/g, 'foreign ministry'],
  [/\bforeign affairs ministry\b/g, 'foreign ministry'],
  [/\bministry of (defen[cs]e)\b/g, 'defense ministry'],
  [/\bministry of (the )?interior\b/g, 'interior ministry'],
  [/\bstate department\b/g, 'state department'],
];

function stripAccents(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '');
}

/** Names are compared again and again (each document entity with every corpus candidate, on every article). */
const remembered = <T>(f: (key: string) => T): ((key: string) => T) => boundedMemo(f, 20_000);

/** The name's words, lower-cased, without accents and stopwords, spelling variants unified (callers must not modify it). */
const baseTokens: (name: string) => readonly string[] = remembered((name) => {
  let s = stripAccents(name).toLowerCase().replace(/[’‘`]/g, "'").replace(/'s\b/g, '');
  for (const [re, rep] of PHRASES) s = s.replace(re, rep);
  return Object.freeze(
    s
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w !== '' && !STOPWORDS.has(w))
      .flatMap((w) => (SPELLING[w] ?? w).split(' ')),
  );
});

/**
 * Folds romanisation variants of Slavic, Armenian and Caucasian names onto
 * one spelling: kh→h, y/j→i, double letters single, "ie"/"iy" endings.
 * Zakharova/Zaharova, Pashinyan/Pashinian, Kristinne/Kristine, Sergey/Sergei.
 */
export function foldTransliteration(word: string): string {
  return foldedWord(word);
}

const foldedWord = remembered((word) => {
  let w = stripAccents(word).toLowerCase();
  w = w
    .replace(/kh/g, 'h')
    .replace(/zh/g, 'j')
    .replace(/ts/g, 'c')
    .replace(/tch/g, 'ch')
    .replace(/x/g, 'ks')
    .replace(/w/g, 'v')
    .replace(/ph/g, 'f')
    .replace(/y/g, 'i')
    .replace(/j/g, 'i')
    .replace(/(\p{L})\1+/gu, '$1')
    .replace(/ii/g, 'i')
    .replace(/ei$/u, 'i')
    .replace(/ie$/u, 'i');
  return w;
});

/** Demonyms become their country ("russian" → "russia") so "Russian MFA" meets "Foreign Ministry of Russia". */
function countryToken(w: string): string {
  const c = countriesOfDemonym(w)[0] ?? countryTable().byName.get(w);
  return c ? c.name.toLowerCase() : w;
}

/**
 * The normalised matching key of a name: type, then the name's tokens
 * (organisations: as a sorted bag, demonyms as countries; people and places:
 * in order, transliteration-folded).
 */
export function entityMatchKey(name: string, type: EntityType): string {
  return typedMatchKey(`${type}:${name}`);
}

/** `entityMatchKey` of "TYPE:name" (the type names have no colon). */
const typedMatchKey = remembered((typed) => {
  const at = typed.indexOf(':');
  const type = typed.slice(0, at);
  const toks = baseTokens(typed.slice(at + 1));
  if (type === 'ORG' || type === 'MISC') {
    const bag = toks.map(countryToken).map(foldTransliteration);
    return `${type}:${[...new Set(bag)].sort().join(' ')}`;
  }
  return `${type}:${toks.map(foldTransliteration).join(' ')}`;
});

const exactKey = remembered((name) => baseTokens(name).join(' '));

/** The name's tokens, transliteration-folded (callers must not modify it). */
const foldedTokens: (name: string) => readonly string[] = remembered((name) => Object.freeze(baseTokens(name).map(foldTransliteration)));

const initials = remembered((name) =>
  baseTokens(name)
    .map((w) => w[0] ?? '')
    .join(''),
);

function isAcronym(name: string): boolean {
  return /^[\p{Lu}.&]{2,10}$/u.test(name.trim());
}

/** Levenshtein similarity (1 = equal), bounded work for names. */
function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length > 80 || b.length > 80) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return 1 - prev[b.length]! / Math.max(a.length, b.length);
}

/**
 * `similarity(a, b) >= min`, without the edit distance when the lengths alone rule it out: the distance is at
 * least the difference in length, and 1 - d / max only falls as d grows.
 */
function similarAtLeast(a: string, b: string, min: number): boolean {
  if (a !== b && a.length <= 80 && b.length <= 80 && 1 - Math.abs(a.length - b.length) / Math.max(a.length, b.length) < min) return false;
  return similarity(a, b) >= min;
}

function namesOf(e: Pick<Entity, 'name' | 'aliases'>): string[] {
  return [e.name, ...e.aliases];
}

function rolesOverlap(a: MatchableEntity, b: MatchableEntity): string | null {
  for (const ra of a.roles)
    for (const rb of b.roles) {
      if (ra.role !== rb.role) continue;
      const fa = entityMatchKey(ra.affiliation ?? '', 'ORG');
      const fb = entityMatchKey(rb.affiliation ?? '', 'ORG');
      if (ra.affiliation && rb.affiliation && fa !== fb) continue;
      return ra.affiliation ? `${ra.role}, ${ra.affiliation}` : ra.role;
    }
  return null;
}

/** How (and how well) one document entity matches one corpus entity, or null. */
export function compareEntities(doc: MatchableEntity, cand: MatchableEntity): EntityMatch | null {
  if (doc.type !== cand.type) return null;
  const id = cand.id;
  const docNames = namesOf(doc);
  const candNames = namesOf(cand);
  for (const a of docNames)
    for (const b of candNames)
      if (exactKey(a) !== '' && exactKey(a) === exactKey(b)) {
        const kind: MatchKind = a === doc.name && b === cand.name ? 'name' : 'alias';
        return { entityId: id, kind, score: kind === 'name' ? 1 : 0.95, explanation: `${kind} match: "${a}" = "${b}"` };
      }
  for (const a of docNames)
    for (const b of candNames)
      if (entityMatchKey(a, doc.type) === entityMatchKey(b, cand.type)) {
        const kind: MatchKind = doc.type === 'ORG' ? 'organisation-variant' : 'transliteration';
        return { entityId: id, kind, score: 0.9, explanation: `${kind === 'transliteration' ? 'transliteration variant' : 'organisation name variant'}: "${a}" ~ "${b}" (key ${entityMatchKey(a, doc.type)})` };
      }
  if (doc.type === 'ORG') {
    for (const a of docNames)
      for (const b of candNames) {
        const [acr, full] = isAcronym(a) && !isAcronym(b) ? [a, b] : isAcronym(b) && !isAcronym(a) ? [b, a] : [null, null];
        if (acr && full && acr.replace(/\./g, '').toLowerCase() === initials(full) && acr.length >= 3)
          return { entityId: id, kind: 'acronym', score: 0.85, explanation: `acronym: "${acr}" = initials of "${full}"` };
      }
  }
  if (doc.type === 'PERSON') {
    const docFull = docNames.filter((n) => baseTokens(n).length > 1);
    const candFull = candNames.filter((n) => baseTokens(n).length > 1);
    // Surname-only entity against a full name: needs a shared role to be trusted.
    const single = docFull.length === 0 ? doc.name : candFull.length === 0 ? cand.name : null;
    const fulls = docFull.length === 0 ? candFull : docFull;
    if (single !== null && fulls.length > 0) {
      const s = foldTransliteration(baseTokens(single)[0] ?? '');
      const hit = fulls.find((f) => foldTransliteration(baseTokens(f).at(-1) ?? '') === s);
      if (hit) {
        const role = rolesOverlap(doc, cand);
        return {
          entityId: id,
          kind: 'surname',
          score: role ? 0.85 : 0.6,
          explanation: `surname "${single}" of "${hit}"${role ? `, same role (${role})` : ', no shared role'}`,
        };
      }
    }
    // Same surname, first names that are initials or near spellings ("M. Zakharova", "Mariya Zakharova").
    for (const a of docFull)
      for (const b of candFull) {
        const ta = foldedTokens(a);
        const tb = foldedTokens(b);
        if (ta.at(-1) !== tb.at(-1)) continue;
        const fa = ta[0]!;
        const fb = tb[0]!;
        if ((fa.length === 1 && fb.startsWith(fa)) || (fb.length === 1 && fa.startsWith(fb)) || similarAtLeast(fa, fb, 0.75))
          return { entityId: id, kind: 'near-spelling', score: 0.8, explanation: `same surname, compatible first names: "${a}" ~ "${b}"` };
      }
  }
  for (const a of docNames) {
    const ka = entityMatchKey(a, doc.type);
    if (ka.length < 10) continue;
    for (const b of candNames)
      if (similarAtLeast(ka, entityMatchKey(b, cand.type), 0.92))
        return { entityId: id, kind: 'near-spelling', score: 0.7, explanation: `near spelling: "${a}" ~ "${b}"` };
  }
  return null;
}

/**
 * Chooses the corpus entity a document entity should merge into, if any.
 * Ties between different corpus entities at the top score are reported as
 * ambiguous and not merged. `minScore` defaults to 0.8 (surname-only matches
 * without a shared role stay separate).
 */
export function matchEntity(doc: MatchableEntity, corpus: readonly MatchableEntity[], minScore = 0.8): MatchDecision {
  const candidates: EntityMatch[] = [];
  for (const c of corpus) {
    const m = compareEntities(doc, c);
    if (m) candidates.push(m);
  }
  return decide(candidates, minScore);
}

/** The best of `candidates` (sorted here, best first) at `minScore` or above, unless tied. */
function decide(candidates: EntityMatch[], minScore: number): MatchDecision {
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  if (!best || best.score < minScore) return { match: null, candidates };
  const tied = candidates.filter((c) => c.score === best.score);
  if (tied.length > 1) return { match: null, candidates, ambiguous: true };
  return { match: best, candidates: candidates.slice(1) };
}

/** The lowest score an index look-up of `EntityMatcher` can decide: every match kind scoring this or more leaves a key. */
const INDEXED_MIN_SCORE = 0.8;

/**
 * `matchEntity(doc, corpus).match` for many document entities against one corpus, comparing each only with the
 * corpus entities that could reach the merge threshold. A pair scores 0.8 or more only through one of these,
 * each of which shares a key the index finds:
 * - same name, alias or variant (name, alias, transliteration, organisation variant): equal match keys;
 * - an organisation's acronym: the acronym (dots removed, lower case) equals the initials of a full name;
 * - a person's surname with a shared role: a single name's first folded word is a full name's last folded word;
 * - a person's compatible first names: two full names with the same last folded word.
 * The weaker kinds (a surname without a shared role, near spellings of whole names) score below 0.8 and so never
 * decide a match; with a lower `minScore` every entity is compared.
 */
export class EntityMatcher {
  private readonly byKey = new Map<string, number[]>();

  constructor(private readonly corpus: readonly MatchableEntity[]) {
    corpus.forEach((c, i) => {
      for (const key of matchKeysOf(c, 'corpus')) {
        const list = this.byKey.get(key);
        if (list === undefined) this.byKey.set(key, [i]);
        else if (list.at(-1) !== i) list.push(i);
      }
    });
  }

  /** The same decision as `matchEntity(doc, corpus, minScore)`. */
  match(doc: MatchableEntity, minScore = INDEXED_MIN_SCORE): MatchDecision['match'] {
    if (minScore < INDEXED_MIN_SCORE) return matchEntity(doc, this.corpus, minScore).match;
    const hits = new Set<number>();
    for (const key of matchKeysOf(doc, 'document')) for (const i of this.byKey.get(key) ?? []) hits.add(i);
    const candidates: EntityMatch[] = [];
    for (const i of [...hits].sort((a, b) => a - b)) {
      const m = compareEntities(doc, this.corpus[i]!);
      if (m) candidates.push(m);
    }
    return decide(candidates, minScore).match;
  }
}

/**
 * The index keys of an entity: a corpus entity is found by a document entity when they share a key. The two
 * sides differ where a rule is one-sided (an acronym meets initials, a single name's first word meets a full
 * name's last word), so each side files under one form and looks up the other.
 */
function matchKeysOf(e: MatchableEntity, side: 'corpus' | 'document'): string[] {
  const names = namesOf(e);
  const keys = names.map((n) => `k\u0000${entityMatchKey(n, e.type)}`);
  if (e.type === 'ORG') {
    for (const n of names) {
      const acronym = isAcronym(n);
      const form = acronym ? n.replace(/\./g, '').toLowerCase() : initials(n);
      // Corpus acronyms are found by document initials and the other way round.
      keys.push(`${(side === 'corpus') === acronym ? 'A' : 'I'}\u0000${form}`);
    }
  }
  if (e.type === 'PERSON') {
    // A single name's first word (F) meets a full name's last word (S); two full names meet by their last words.
    const first = foldTransliteration(baseTokens(e.name)[0] ?? '');
    keys.push(side === 'corpus' ? `F\u0000${first}` : `S\u0000${first}`);
    for (const n of names)
      if (baseTokens(n).length > 1) {
        const last = foldedTokens(n).at(-1)!;
        keys.push(`S\u0000${last}`);
        if (side === 'document') keys.push(`F\u0000${last}`);
      }
  }
  return keys;
}
