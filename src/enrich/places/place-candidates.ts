/**
 * Which spans of an article may be places, and which gazetteer entries each
 * could be: entity mentions (LOC, region-like MISC, organisations named like a
 * place), place names inside longer names ("Ohio Supreme Court"), persons the
 * text puts somewhere ("arrested in Mahnomen"), the dateline's place, and the
 * state or country after "City, …".
 */
import type { Dateline, EntityMention } from '../../model/types.js';
import { countriesOfDemonym, countryTable } from './country-table.js';
import { lookupPlaces, placeKey, type Gazetteer, type Place } from './gazetteer.js';
import { US_STATE_ABBREVIATIONS } from './us-state-abbreviations.js';
import { defaultNerModel } from '../ner/ner-tagger.js';

/** Words the tagger's training text mostly writes in lower case ("justice", "post"). */
function isCommonWord(lower: string): boolean {
  return defaultNerModel().ordinaryWords.has(lower);
}

export interface Candidate {
  mention: { start: number; end: number; text: string };
  key: string;
  places: Place[];
}

export interface DemonymRelation {
  start: number;
  end: number;
  text: string;
  country: string;
}

export function cleanName(text: string): string {
  return text.replace(/[’']s$/u, '').replace(/^the\s+/iu, '').trim();
}

/** Capitalised words (optionally hyphen-joined) that may be demonyms; bounded, no backtracking. */
const CAP_WORD = /\p{Lu}\p{Ll}{2,30}(?:[-–]\p{Lu}\p{Ll}{2,30}){0,2}/gu;

export function findDemonyms(text: string): DemonymRelation[] {
  const out: DemonymRelation[] = [];
  for (const m of text.matchAll(CAP_WORD)) {
    const start = m.index;
    const end = start + m[0].length;
    if (/\p{L}/u.test(text[start - 1] ?? '') || /\p{L}/u.test(text[end] ?? '')) continue;
    let found = countriesOfDemonym(m[0]);
    // Plural nouns of nationality: "Palestinians", "Russians".
    if (found.length === 0 && m[0].endsWith('s')) found = countriesOfDemonym(m[0].slice(0, -1));
    for (const c of found) out.push({ start, end, text: m[0], country: c.name });
  }
  // Two-word demonyms ("Sri Lankan", "South African").
  for (const c of countryTable().all)
    for (const d of c.demonyms) {
      if (!d.includes(' ') || d.length > 40) continue;
      for (let i = text.indexOf(d); i >= 0; i = text.indexOf(d, i + d.length)) {
        let end = i + d.length;
        if (text[end] === 's' && !/\p{L}/u.test(text[end + 1] ?? '')) end++;
        if (/\p{L}/u.test(text[i - 1] ?? '') || /\p{L}/u.test(text[end] ?? '')) continue;
        out.push({ start: i, end, text: text.slice(i, end), country: c.name });
      }
    }
  return out.sort((a, b) => a.start - b.start);
}

const DIRECTIONS = new Set(['North', 'South', 'East', 'West', 'Northern', 'Southern', 'Eastern', 'Western', 'Central', 'Northeast', 'Northwest', 'Southeast', 'Southwest', 'Downtown', 'Greater', 'Upstate', 'Historic', 'Metro', 'Metropolitan']);
/** Embedded cities must be of some size, or "Ford Motor" would become a hamlet called Ford. */
const MIN_EMBEDDED_POPULATION = 5000;
/** Country and state names that are also personal names: only the tagger may call them places. */
const PERSONAL_NAMES = new Set(['Jordan', 'Chad', 'Georgia', 'Victoria', 'Virginia', 'Israel', 'Carolina', 'Lebanon', 'Niger', 'Guinea', 'Washington', 'Nevada', 'Montana', 'Dakota', 'Indiana', 'Maine', 'Kent', 'Florence', 'Troy']);

function name2abbrev(s: string): boolean {
  return US_STATE_ABBREVIATIONS[s] !== undefined;
}

/** Words before a name that put it on the map: "arrested in Mahnomen", "moved to Denver". */
const LOCATIVE = new Set(['in', 'at', 'from', 'near', 'to', 'into', 'outside', 'across', 'toward', 'towards', 'throughout', 'around', 'of']);

function isMajorPlace(p: Place): boolean {
  return p.kind === 'country' || p.kind === 'admin1' || p.kind === 'region' || (p.kind === 'city' && p.population >= 100_000);
}

export function usableEmbedded(ps: Place[]): Place[] {
  return ps.filter(
    (p) => p.kind === 'country' || p.kind === 'admin1' || p.kind === 'admin2' || p.kind === 'region' || (p.kind === 'city' && p.population >= MIN_EMBEDDED_POPULATION),
  );
}

/** Generic words that name places somewhere ("City", "Park") but inside a name are just words. */
const GENERIC = new Set([
  'city', 'park', 'day', 'county', 'valley', 'lake', 'river', 'center', 'centre', 'hall', 'mall', 'school', 'street',
  'village', 'island', 'beach', 'hill', 'hills', 'springs', 'falls', 'heights', 'villas', 'point', 'harbor', 'bay',
  'union', 'liberty', 'independence', 'unity', 'victory', 'mission', 'hope', 'friendship', 'college', 'university',
  'church', 'court', 'state', 'national', 'general', 'central', 'police', 'fire', 'department', 'office', 'home',
]);

/** Words that follow a town's name in the names of its institutions. */
const LOCAL_BODIES = new Set([
  'City', 'County', 'Council', 'Police', 'Fire', 'Public', 'School', 'Schools', 'Board', 'Chamber', 'Library', 'Hospital',
  'High', 'Middle', 'Elementary', 'Mayor', 'Township', 'Sheriff', 'Volunteer', 'Town', 'Village', 'Parks', 'Recreation',
  'Community', 'Historical', 'Area', 'Municipal', 'Regional', 'Memorial', 'Senior', 'Superior', 'Circuit', 'District',
  'Democratic', 'Republican', 'Planning', 'Zoning', 'Housing', 'Water', 'Airport', 'Chamber', 'Rotary', 'Lions',
]);

/** The first place name inside a longer name: "Ohio Supreme Court", "City of Paris", "North Texas", "D-Oakland". */
function embeddedPlace(
  m: { start: number; end: number; text: string },
  lookup: (name: string) => Place[],
  ordinary: ReadonlySet<string>,
): Candidate | null {
  const words = [...m.text.matchAll(/[^\s\-–]{1,40}/gu)].map((w) => ({ text: w[0], start: m.start + w.index, end: m.start + w.index + w[0].length }));
  if (words.length < 2) return null;
  const tryRange = (a: number, b: number): Candidate | null => {
    const first = words[a]!;
    const last = words[b - 1]!;
    if (!/^\p{Lu}/u.test(first.text) || (a + 1 === b && DIRECTIONS.has(first.text))) return null;
    const text = cleanName(m.text.slice(first.start - m.start, last.end - m.start).replace(/[,.;:]$/u, ''));
    if (a + 1 === b && (GENERIC.has(text.toLowerCase()) || ordinary.has(text.toLowerCase()) || isCommonWord(text.toLowerCase()))) return null;
    // Counties only under their full name ("Butler County Sheriff"), never a bare "Butler" inside a name.
    let places = usableEmbedded(lookup(text)).filter((p) => p.kind !== 'admin2' || placeKey(p.name) === placeKey(text));
    // A smaller town inside a name needs a local institution after it ("Dublin City Council",
    // "Chiefland Police"), so "Justice Department" does not become Justice, Illinois.
    const next = words[b]?.text.replace(/[’']s$/u, '');
    if (!(next !== undefined && LOCAL_BODIES.has(next)))
      places = places.filter((p) => p.kind !== 'city' || p.population >= 100_000);
    if (places.length === 0) return null;
    return { mention: { start: first.start, end: first.start + text.length, text }, key: placeKey(text), places };
  };
  // Longest window first at each start; whole-name windows were already tried by the caller.
  for (let a = 0; a < words.length; a++) {
    for (let b = Math.min(words.length, a + 3); b > a; b--) {
      if (a === 0 && b === words.length) continue;
      const c = tryRange(a, b);
      if (c) return c;
    }
  }
  return null;
}

function usState(gaz: Gazetteer, code: string): Place[] {
  const p = gaz.admin1ByCode.get(`US.${code}`);
  return p ? [p] : [];
}

/** "Alexandria, La." / "Poti, Georgia": the qualifier after a place, as a span with its places. */
export function qualifierAfter(text: string, end: number, gaz: Gazetteer): Candidate | null {
  const after = text.slice(end, end + 40);
  const m = /^,\s{0,3}((?:\p{Lu}[\p{L}.]{0,14}\s?){1,3})/u.exec(after);
  if (!m) return null;
  let q = m[1]!.trim();
  const start = end + m[0].indexOf(m[1]!);
  const code = US_STATE_ABBREVIATIONS[q] ?? US_STATE_ABBREVIATIONS[q + '.'];
  let places: Place[];
  if (code) places = usState(gaz, code);
  else {
    q = q.replace(/\.$/u, '');
    places = lookupPlaces(gaz, q).filter((p) => p.kind === 'admin1' || p.kind === 'country');
  }
  if (places.length === 0) return null;
  return { mention: { start, end: start + q.length, text: q }, key: placeKey(q), places };
}

export function collectCandidates(text: string, mentions: readonly EntityMention[], gaz: Gazetteer, dateline: Dateline | null): Candidate[] {
  const candidates: Candidate[] = [];
  // Which candidate covers each character: overlap checks stay linear on long texts.
  const owner = new Array<Candidate | undefined>(text.length + 1);
  const removed = new Set<Candidate>();
  const add = (c: Candidate): void => {
    candidates.push(c);
    for (let i = c.mention.start; i < c.mention.end; i++) owner[i] = c;
  };
  const overlapping = (start: number, end: number): Candidate[] => {
    const out = new Set<Candidate>();
    for (let i = start; i < end; i++) {
      const c = owner[i];
      if (c && !removed.has(c)) out.add(c);
    }
    return [...out];
  };
  const mentionMask = new Uint8Array(text.length + 1);
  for (const m of mentions) mentionMask.fill(1, m.start, m.end);
  // Words the article itself writes in lower case are ordinary words, not names, inside longer names.
  const ordinary = new Set<string>();
  for (const w of text.matchAll(/(?<![\p{L}])\p{Ll}{3,20}(?![\p{L}])/gu)) ordinary.add(w[0]);
  const lookup = (name: string): Place[] => {
    const abbrev = US_STATE_ABBREVIATIONS[name];
    if (abbrev) return usState(gaz, abbrev);
    const found = lookupPlaces(gaz, name);
    // Acronyms ("NATO", "U.N.", "II") name countries and regions, never a town that happens to share the letters.
    if (/^[\p{Lu}.]{1,6}$/u.test(name) && name.replace(/\./g, '').length <= 4) return found.filter((p) => p.kind === 'country' || p.kind === 'admin1' || p.kind === 'region');
    return found;
  };
  for (const m of mentions) {
    const name = cleanName(m.text);
    if (countriesOfDemonym(name).length > 0) continue;
    let places: Place[];
    if (US_STATE_ABBREVIATIONS[name]) places = lookup(name);
    else if (m.type === 'PERSON') {
      // Only where the sentence puts the "person" somewhere, and only places of some standing.
      const before = /(\p{L}+)\s{1,3}$/u.exec(text.slice(Math.max(0, m.start - 20), m.start))?.[1];
      places = before !== undefined && LOCATIVE.has(before) && !/\s/u.test(name) ? usableEmbedded(lookup(name)) : [];
      // A lone word never tied to a full name that names a major place ("Denver", "Darfur").
      if (places.length === 0 && !/\s/u.test(name) && m.name === name) places = lookup(name).filter(isMajorPlace);
      if (/\s(County|Parish|Township|Borough)$/u.test(name)) places = lookup(name);
    } else if (m.type === 'ORG') places = usableEmbedded(lookup(name));
    else if (m.type === 'MISC') places = lookup(name).filter((p) => p.kind === 'region' || p.kind === 'admin1' || p.kind === 'country');
    else places = lookup(name);
    if (places.length > 0) {
      add({ mention: m, key: placeKey(name), places });
      continue;
    }
    if (m.type === 'PERSON') continue;
    const inner = embeddedPlace(m, lookup, ordinary);
    if (inner) add(inner);
  }
  // The dateline's place ("MOUNT GILEAD (AP) --") is a place mention the tagger rarely sees in capitals.
  if (dateline?.place) {
    const span = text.slice(dateline.start, dateline.end);
    const at = span.toLowerCase().indexOf(dateline.place.toLowerCase());
    if (at >= 0) {
      const start = dateline.start + at;
      const places = lookup(dateline.place);
      if (places.length > 0 && overlapping(start, start + dateline.place.length).length === 0)
        add({ mention: { start, end: start + dateline.place.length, text: text.slice(start, start + dateline.place.length) }, key: placeKey(dateline.place), places });
    }
  }
  const free = (start: number, end: number): boolean => overlapping(start, end).length === 0;
  // "Clay, Wilkin and Otter Tail counties": names listed before a plural county word.
  for (const m of text.matchAll(/((?:\p{Lu}[\p{L}.'-]{1,20}(?: \p{Lu}[\p{L}.'-]{1,20})?(?:, | and | or |, and )){1,6}\p{Lu}[\p{L}.'-]{1,20}(?: \p{Lu}[\p{L}.'-]{1,20})?) (counties|parishes)\b/gu)) {
    const suffix = m[2] === 'counties' ? 'County' : 'Parish';
    for (const part of m[1]!.matchAll(/\p{Lu}[\p{L}.'-]{1,20}(?: \p{Lu}[\p{L}.'-]{1,20})?/gu)) {
      const start = m.index + part.index;
      const end = start + part[0].length;
      const places = lookupPlaces(gaz, `${part[0]} ${suffix}`).filter((p) => p.kind === 'admin2');
      if (places.length === 0) continue;
      for (const c of overlapping(start, end)) removed.add(c);
      add({ mention: { start, end, text: part[0] }, key: placeKey(`${part[0]} ${suffix}`), places });
    }
  }
  // A place line in capitals the dateline parser did not take ("… 2009 MANSFIELD -- Mansfield Mayor …").
  const opening = text.slice(0, 300);
  for (const m of [...opening.matchAll(/(?<![\p{L}])(\p{Lu}[\p{Lu}.' ]{2,30}\p{Lu})(?:, \p{Lu}[\p{L}.]{1,14})?(?: \(AP\))? ?(?:--|—|–) /gu)].slice(0, 1)) {
    const name = m[1]!;
    const places = lookup(name);
    if (places.length > 0 && free(m.index, m.index + name.length)) add({ mention: { start: m.index, end: m.index + name.length, text: name }, key: placeKey(name), places });
  }
  // Countries and US states the tagger missed ("the US", "in Connecticut"); names that are also first names are left alone.
  for (const m of text.matchAll(/(?<![\p{L}.])(\p{Lu}[\p{L}.]{1,20}(?: \p{Lu}\p{Ll}{1,20}){0,2})(?![\p{L}])/gu)) {
    const name = m[1]!.replace(/\.$/u, (d) => (name2abbrev(m[1]!) ? d : ''));
    if (PERSONAL_NAMES.has(name)) continue;
    const start = m.index;
    const end = start + name.length;
    if (!free(start, end) || mentionMask.subarray(start, end).includes(1)) continue;
    const places = lookup(name).filter((p) => p.kind === 'country' || p.kind === 'admin1');
    if (places.length > 0 && (places.some((p) => p.kind === 'country') || places.every((p) => p.country === 'US')))
      add({ mention: { start, end, text: name }, key: placeKey(name), places });
  }
  // "Charleston, W.Va.": the qualifier is a place mention too.
  for (const c of candidates.filter((x) => !removed.has(x))) {
    const q = qualifierAfter(text, c.mention.end, gaz);
    if (q && free(q.mention.start, q.mention.end)) add(q);
  }
  return candidates.filter((c) => !removed.has(c)).sort((a, b) => a.mention.start - b.mention.start);
}
