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
/** Words before a name that put it on the map: "arrested in Mahnomen", "moved to Denver". */
const LOCATIVE = new Set(['in', 'at', 'from', 'near', 'to', 'into', 'outside', 'across', 'toward', 'towards', 'throughout', 'around', 'of']);

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
    if (a + 1 === b && (GENERIC.has(text.toLowerCase()) || ordinary.has(text.toLowerCase()))) return null;
    // Counties only under their full name ("Butler County Sheriff"), never a bare "Butler" inside a name.
    const places = usableEmbedded(lookup(text)).filter((p) => p.kind !== 'admin2' || placeKey(p.name) === placeKey(text));
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

/** "Alexandria, La." / "Poti, Georgia": the qualifier after a place, as a span with its places. */
export function qualifierAfter(text: string, end: number, gaz: Gazetteer): Candidate | null {
  const after = text.slice(end, end + 40);
  const m = /^,\s{0,3}((?:\p{Lu}[\p{L}.]{0,14}\s?){1,3})/u.exec(after);
  if (!m) return null;
  let q = m[1]!.trim();
  const start = end + m[0].indexOf(m[1]!);
  const code = US_STATE_ABBREVIATIONS[q] ?? US_STATE_ABBREVIATIONS[q + '.'];
  let places: Place[];
  if (code) places = gaz.places.filter((p) => p.kind === 'admin1' && p.country === 'US' && p.admin1 === code);
  else {
    q = q.replace(/\.$/u, '');
    places = lookupPlaces(gaz, q).filter((p) => p.kind === 'admin1' || p.kind === 'country');
  }
  if (places.length === 0) return null;
  return { mention: { start, end: start + q.length, text: q }, key: placeKey(q), places };
}

export function collectCandidates(text: string, mentions: readonly EntityMention[], gaz: Gazetteer, dateline: Dateline | null): Candidate[] {
  const candidates: Candidate[] = [];
  // Words the article itself writes in lower case are ordinary words, not names, inside longer names.
  const ordinary = new Set<string>();
  for (const w of text.matchAll(/(?<![\p{L}])\p{Ll}{3,20}(?![\p{L}])/gu)) ordinary.add(w[0]);
  const lookup = (name: string): Place[] => {
    const abbrev = US_STATE_ABBREVIATIONS[name] ?? US_STATE_ABBREVIATIONS[name + '.'];
    if (abbrev) return gaz.places.filter((p) => p.kind === 'admin1' && p.country === 'US' && p.admin1 === abbrev);
    return lookupPlaces(gaz, name);
  };
  for (const m of mentions) {
    const name = cleanName(m.text);
    if (countriesOfDemonym(name).length > 0) continue;
    let places: Place[];
    if (m.type === 'PERSON') {
      // Only where the sentence puts the "person" somewhere, and only places of some standing.
      const before = /(\p{L}+)\s{1,3}$/u.exec(text.slice(Math.max(0, m.start - 20), m.start))?.[1];
      places = before !== undefined && LOCATIVE.has(before) && !/\s/u.test(name) ? usableEmbedded(lookup(name)) : [];
      if (/\s(County|Parish|Township|Borough)$/u.test(name)) places = lookup(name);
    } else if (m.type === 'ORG') places = usableEmbedded(lookup(name));
    else if (m.type === 'MISC') places = lookup(name).filter((p) => p.kind === 'region' || p.kind === 'admin1' || p.kind === 'country');
    else places = lookup(name);
    if (places.length > 0) {
      candidates.push({ mention: m, key: placeKey(name), places });
      continue;
    }
    if (m.type === 'PERSON') continue;
    const inner = embeddedPlace(m, lookup, ordinary);
    if (inner) candidates.push(inner);
  }
  // The dateline's place ("MOUNT GILEAD (AP) --") is a place mention the tagger rarely sees in capitals.
  if (dateline?.place) {
    const span = text.slice(dateline.start, dateline.end);
    const at = span.toLowerCase().indexOf(dateline.place.toLowerCase());
    if (at >= 0) {
      const start = dateline.start + at;
      const places = lookup(dateline.place);
      if (places.length > 0 && !candidates.some((c) => c.mention.start < start + dateline.place!.length && start < c.mention.end))
        candidates.push({ mention: { start, end: start + dateline.place.length, text: text.slice(start, start + dateline.place.length) }, key: placeKey(dateline.place), places });
    }
  }
  // "Charleston, W.Va.": the qualifier is a place mention too.
  for (const c of [...candidates]) {
    const q = qualifierAfter(text, c.mention.end, gaz);
    if (q && !candidates.some((o) => o.mention.start < q.mention.end && q.mention.start < o.mention.end)) candidates.push(q);
  }
  return candidates.sort((a, b) => a.mention.start - b.mention.start);
}
