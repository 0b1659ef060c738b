/**
 * Builds the phrase lists (gazetteers) the NER features consult, from values
 * the training script reads: the training data's own names and GeoNames-derived
 * place/country lists. Pure: the caller does the I/O.
 */
import type { ConllDocument } from './conll-reader.js';

export type LexiconEntries = Map<string, Set<string>>;

function add(lex: LexiconEntries, phrase: string, type: string): void {
  const key = phrase.trim().replace(/\s+/g, ' ');
  if (key === '') return;
  let s = lex.get(key);
  if (s === undefined) lex.set(key, (s = new Set()));
  s.add(type);
}

/** Names found in training documents, with the types they were tagged. */
export function trainingNames(docs: readonly ConllDocument[]): LexiconEntries {
  const lex: LexiconEntries = new Map();
  for (const doc of docs)
    for (const s of doc) for (const sp of s.spans) add(lex, s.tokens.slice(sp.start, sp.end).join(' '), sp.type);
  return lex;
}

/** Words seen lower case at least `minCount` times: capitalised, they are likely sentence starts, not names. */
export function commonLowerWords(docs: readonly ConllDocument[], minCount = 3): string[] {
  const counts = new Map<string, number>();
  for (const doc of docs)
    for (const s of doc)
      for (const w of s.tokens) if (/^\p{Ll}+$/u.test(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts].filter(([, n]) => n >= minCount).map(([w]) => w).sort();
}

export interface ExternalPlaceData {
  cities: { name: string; altName?: string; population: number }[];
  countries: { names: string[]; demonyms: string[] }[];
  regions: string[];
}

/** Splits a phrase like the tokenizer would, so "Nagorno-Karabakh" stays whole and "St. Louis" keeps "St.". */
function tokenishPhrase(p: string): string {
  return p
    .replace(/([,()])/g, ' $1 ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * LOC names from GeoNames-derived lists and MISC demonyms ("Armenian").
 * Cities are kept from `minPopulation` up so that tiny places named after
 * common words do not flood the feature.
 */
export function externalNames(data: ExternalPlaceData, commonLower: ReadonlySet<string>, minPopulation = 15000): LexiconEntries {
  const lex: LexiconEntries = new Map();
  for (const c of data.cities) {
    if (c.population < minPopulation) continue;
    if (commonLower.has(c.name.toLowerCase())) continue;
    add(lex, tokenishPhrase(c.name), 'LOC');
  }
  for (const r of data.regions) {
    if (commonLower.has(r.toLowerCase())) continue;
    add(lex, tokenishPhrase(r), 'LOC');
  }
  for (const c of data.countries) {
    for (const n of c.names) if (n.length > 3 || /^\p{Lu}/u.test(n)) add(lex, tokenishPhrase(n), 'LOC');
    for (const d of c.demonyms) add(lex, tokenishPhrase(d), 'MISC');
  }
  return lex;
}

export function lexiconToFile(lex: LexiconEntries): { maxLen: number; entries: [string, string][] } {
  let maxLen = 1;
  const entries: [string, string][] = [];
  for (const [phrase, types] of [...lex].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const len = phrase.split(' ').length;
    if (len > 6) continue;
    maxLen = Math.max(maxLen, len);
    entries.push([phrase, [...types].sort().join(',')]);
  }
  return { maxLen, entries };
}

/**
 * Ordinary words from unlabelled text: seen in lower case at least `minLower`
 * times and at least three times as often in lower case as capitalised.
 */
export function ordinaryWordsFrom(texts: Iterable<string>, minLower = 5): string[] {
  const lower = new Map<string, number>();
  const upper = new Map<string, number>();
  for (const text of texts)
    for (const m of text.matchAll(/(?<![\p{L}'’-])\p{L}[\p{Ll}'’-]{1,30}(?![\p{L}])/gu)) {
      const w = m[0];
      const l = w.toLowerCase();
      if (w === l) lower.set(l, (lower.get(l) ?? 0) + 1);
      else upper.set(l, (upper.get(l) ?? 0) + 1);
    }
  return [...lower]
    .filter(([w, n]) => n >= minLower && n >= 3 * (upper.get(w) ?? 0))
    .map(([w]) => w)
    .sort();
}
