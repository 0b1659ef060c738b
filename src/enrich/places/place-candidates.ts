/**
 * Which spans of an article may be places, and which gazetteer entries each
 * could be: entity mentions (LOC, region-like MISC, organisations named like a
 * place), place names inside longer names ("Ohio Supreme Court"), persons the
 * text puts somewhere ("arrested in Mahnomen"), the dateline's place, and the
 * state or country after "City, …".
 */
import type { Dateline, EntityMention } from '../../model/types.js';
import { countriesOfDemonym, countryTable, type CountryTable } from './country-table.js';
import { lookupPlaces, placeKey, type Gazetteer, type Place } from './gazetteer.js';
import { US_STATE_ABBREVIATIONS } from './us-state-abbreviations.js';
import { addLowerCaseWords, ASCII_CAPITALS, spansAt } from './start-scan.js';
import { defaultNerModel } from '../ner/ner-tagger.js';

/** Words the tagger's training text mostly writes in lower case ("justice", "post"). */
function isCommonWord(lower: string): boolean {
  return defaultNerModel().ordinaryWords.has(lower);
}

export interface Candidate {
  mention: { start: number; end: number; text: string };
  key: string;
  places: Place[];
  /**
   * Found by the gazetteer rather than named as a place by the tagger (a town tagged as a person,
   * a capitalised name the tagger left alone, a small town inside an organisation's name): kept
   * only where the rest of the article supports the reading (see the resolver).
   */
  weak?: boolean;
  /** Weaker still: kept only if the same name is kept as a place elsewhere in the article. */
  echo?: boolean;
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
const CAP_WORD = /\p{Lu}\p{Ll}{2,30}(?:[-–]\p{Lu}\p{Ll}{2,30}){0,2}/yu;

export function findDemonyms(text: string): DemonymRelation[] {
  const out: DemonymRelation[] = [];
  const words = spansAt(text, CAP_WORD, ASCII_CAPITALS);
  for (let k = 0; k < words.length; k += 2) {
    const start = words[k]!;
    const end = words[k + 1]!;
    if (/\p{L}/u.test(text[start - 1] ?? '') || /\p{L}/u.test(text[end] ?? '')) continue;
    for (const d of demonymsOfWord(text.slice(start, end)))
      out.push({ start: start + d.offset, end: start + d.offset + d.text.length, text: d.text, country: d.country });
  }
  // Two-word demonyms ("Sri Lankan", "South African").
  for (const [d, country] of spacedDemonyms())
    for (let i = text.indexOf(d); i >= 0; i = text.indexOf(d, i + d.length)) {
      let end = i + d.length;
      if (text[end] === 's' && !/\p{L}/u.test(text[end + 1] ?? '')) end++;
      if (/\p{L}/u.test(text[i - 1] ?? '') || /\p{L}/u.test(text[end] ?? '')) continue;
      out.push({ start: i, end, text: text.slice(i, end), country });
    }
  return out.sort((a, b) => a.start - b.start);
}

/** What `findDemonyms` reads in one capitalised word, each with its offset in the word. */
function demonymsOfWord(word: string): { offset: number; text: string; country: string }[] {
  const out: { offset: number; text: string; country: string }[] = [];
  let found = countriesOfDemonym(word);
  // Plural nouns of nationality: "Palestinians", "Russians".
  if (found.length === 0 && word.endsWith('s')) found = countriesOfDemonym(word.slice(0, -1));
  // "Russian-American" names two countries: each part gets its own span below.
  const compound = found.length > 1 && /[-–]/u.test(word);
  if (!compound) for (const c of found) out.push({ offset: 0, text: word, country: c.name });
  // "Arab-Israeli": the parts that are demonyms, each with its own span.
  if ((found.length === 0 || compound) && /[-–]/u.test(word))
    for (const part of word.matchAll(/[^-–]+/gu)) {
      const c = countriesOfDemonym(part[0])[0];
      if (c) out.push({ offset: part.index, text: part[0], country: c.name });
    }
  return out;
}

let spacedTable: CountryTable | null = null;
let spaced: [demonym: string, country: string][] = [];
/** The country table's demonyms of more than one word (at most 40 characters), in table order, with their country. */
function spacedDemonyms(): readonly [string, string][] {
  const t = countryTable();
  if (t !== spacedTable) {
    spaced = [];
    for (const c of t.all) for (const d of c.demonyms) if (d.includes(' ') && d.length <= 40) spaced.push([d, c.name]);
    spacedTable = t;
  }
  return spaced;
}

const DIRECTIONS = new Set(['North', 'South', 'East', 'West', 'Northern', 'Southern', 'Eastern', 'Western', 'Central', 'Northeast', 'Northwest', 'Southeast', 'Southwest', 'Downtown', 'Greater', 'Upstate', 'Historic', 'Metro', 'Metropolitan']);
/** Names whose other occurrences are looked for (see the echo pass in collectCandidates). */
const MAX_ECHO_NAMES = 100;
/** Embedded cities must be of some size, or "Ford Motor" would become a hamlet called Ford. */
const MIN_EMBEDDED_POPULATION = 5000;
/** Country and state names that are also personal names: only the tagger may call them places. */
const PERSONAL_NAMES = new Set(['Jordan', 'Chad', 'Georgia', 'Victoria', 'Virginia', 'Israel', 'Carolina', 'Lebanon', 'Niger', 'Guinea', 'Washington', 'Nevada', 'Montana', 'Dakota', 'Indiana', 'Maine', 'Kent', 'Florence', 'Troy']);

/** (ending taken off, ending put on) that turn a region's people back into the region: Ohio-ans, Texa-n→s. */
const DEMONYM_ENDINGS: readonly [string, string][] = [
  ['ians', 'io'], ['ians', 'ia'], ['ians', 'a'], ['ans', ''], ['ans', 'o'], ['ns', ''], ['ers', ''],
  ['ian', 'ia'], ['ian', 'io'], ['an', 'a'], ['an', 'o'], ['n', 's'], ['i', ''], ['', 'ia'],
];

export function regionDemonymBases(word: string): string[] {
  const out: string[] = [];
  for (const [cut, put] of DEMONYM_ENDINGS) {
    if (!word.endsWith(cut) || word.length - cut.length < 3) continue;
    const b = word.slice(0, word.length - cut.length) + put;
    if (b !== word && !out.includes(b)) out.push(b);
  }
  return out;
}

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

/** Local readings only: towns, cities and counties under their full name ("Butler County", never a bare "Butler"). */
function localPlaces(ps: Place[], name: string): Place[] {
  return ps.filter((p) => p.kind === 'city' || p.kind === 'town' || (p.kind === 'admin2' && placeKey(p.name) === placeKey(name)));
}

const CALENDAR = new Set(['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'Christmas', 'Easter']);

/** Party-and-home tags of legislators: "R-Elbow Lake", "D-Pleasanton", "DFL-Chisholm". */
const PARTY_PREFIX = new Set(['R', 'D', 'I', 'DFL', 'GOP']);

/**
 * The first place name inside a longer name: "Ohio Supreme Court", "City of Paris", "North Texas", "D-Oakland".
 * Strict mode keeps names that are places of some standing, or smaller towns followed by a local
 * institution ("Dublin City Council"); relaxed mode (for weak candidates) takes any town at the start of
 * the name, after a hyphen, a direction word or an ordinary word ("Glen Carbon Elementary",
 * "Watertown-Mayer Lutheran", "R-Elbow Lake", "Downtown Greer").
 */
function embeddedPlace(
  m: { start: number; end: number; text: string },
  lookup: (name: string) => Place[],
  ordinary: ReadonlySet<string>,
  relaxed = false,
  person = false,
): Candidate | null {
  const words = [...m.text.matchAll(/[^\s\-–]{1,40}/gu)].map((w) => ({ text: w[0], start: m.start + w.index, end: m.start + w.index + w[0].length }));
  if (words.length < 2) return null;
  const isOrdinary = (w: string): boolean => {
    const l = w.toLowerCase();
    return GENERIC.has(l) || ordinary.has(l) || isCommonWord(l);
  };
  const tryRange = (a: number, b: number): Candidate | null => {
    const first = words[a]!;
    const last = words[b - 1]!;
    if (!/^\p{Lu}/u.test(first.text) || (a + 1 === b && DIRECTIONS.has(first.text))) return null;
    const raw = m.text.slice(first.start - m.start, last.end - m.start);
    // "S.C. Highway Patrol", "D-Pa.": a state abbreviation keeps its dots.
    const abbrev = US_STATE_ABBREVIATIONS[raw] ? raw : undefined;
    const text = abbrev ?? cleanName(raw.replace(/[,.;:]$/u, ''));
    if (a + 1 === b && !abbrev && (isOrdinary(text) || countriesOfDemonym(text).length > 0)) return null;
    if (relaxed) {
      const prev = words[a - 1];
      const afterHyphen = prev !== undefined && /[-–]/u.test(m.text.slice(prev.end - m.start, first.start - m.start));
      const nextWord = words[b];
      const beforeHyphen = nextWord !== undefined && /[-–]/u.test(m.text.slice(last.end - m.start, nextWord.start - m.start));
      const marked = afterHyphen || beforeHyphen || (prev !== undefined && (DIRECTIONS.has(prev.text) || PARTY_PREFIX.has(prev.text)));
      if (!(marked || a === 0 || isOrdinary(prev!.text.replace(/[,.;:]$/u, '')))) return null;
      // Inside a person's name only where the name is marked as a place's: "R-Elbow Lake", "Hanover Town Hall".
      const next = words[b]?.text.replace(/[’']s$/u, '');
      if (person && !marked && !(next !== undefined && LOCAL_BODIES.has(next))) return null;
      const places = localPlaces(lookup(text), text);
      if (places.length === 0) return null;
      return { mention: { start: first.start, end: first.start + text.length, text }, key: placeKey(text), places, weak: true };
    }
    const found = lookup(text);
    let places = usableEmbedded(found).filter((p) => p.kind !== 'admin2' || placeKey(p.name) === placeKey(text));
    // A smaller town inside a name needs a local institution after it ("Dublin City Council",
    // "Chiefland Police"), so "Justice Department" does not become Justice, Illinois.
    const next = words[b]?.text.replace(/[’']s$/u, '');
    if (!(next !== undefined && LOCAL_BODIES.has(next)))
      places = places.filter((p) => p.kind !== 'city' || p.population >= 100_000);
    if (places.length === 0) {
      // The longest name wins: "New Concord Reservoir" is New Concord (a weak reading), never Concord.
      const local = b - a > 1 ? localPlaces(found, text) : [];
      return local.length > 0 ? { mention: { start: first.start, end: first.start + text.length, text }, key: placeKey(text), places: local, weak: true } : null;
    }
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
  // AP abbreviations ("La.") and, after a town, postal codes ("Atlanta, GA").
  const postal = /^\p{Lu}{2}$/u.test(q) && gaz.admin1ByCode.has(`US.${q}`) && !/^\p{Lu}/u.test(after.slice(m[0].length).trimStart()) ? q : undefined;
  const code = US_STATE_ABBREVIATIONS[q] ?? US_STATE_ABBREVIATIONS[q + '.'] ?? postal;
  let places: Place[];
  if (code) places = usState(gaz, code);
  else {
    q = q.replace(/\.$/u, '');
    places = lookupPlaces(gaz, q).filter((p) => p.kind === 'admin1' || p.kind === 'country');
  }
  if (places.length === 0) return null;
  return { mention: { start, end: start + q.length, text: q }, key: placeKey(q), places };
}

/** Whether any character of [start, end) is marked in the mask. */
function marked(mask: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (mask[i] === 1) return true;
  return false;
}

// Scans of the whole text, tried only at capitals (start-scan.ts: the matches of the same patterns with flags gu).
const REGION_PEOPLE = /(?<![\p{L}.])\p{Lu}\p{Ll}{1,20}(?: \p{Lu}\p{Ll}{1,20}){0,2}(?![\p{L}])/yu;
const MISSED_NAME = /(?<![\p{L}.])(\p{Lu}[\p{L}.]{1,20}(?: \p{Lu}\p{Ll}{1,20}){0,2})(?![\p{L}])/yu;
const TOWN_NAME = /(?<![\p{L}\p{N}'’.-])(?:(?:St|Mt|Ft)\. )?\p{Lu}[\p{L}'’]{1,24}(?:[ -]\p{Lu}[\p{L}'’]{1,24}){0,3}/yu;

export function collectCandidates(text: string, mentions: readonly EntityMention[], gaz: Gazetteer, dateline: Dateline | null): Candidate[] {
  const candidates: Candidate[] = [];
  // Which candidate covers each character (its index in `candidates` plus one; 0 for none): overlap
  // checks stay linear on long texts.
  const owner = new Int32Array(text.length + 1);
  const removed = new Set<Candidate>();
  const add = (c: Candidate): void => {
    candidates.push(c);
    owner.fill(candidates.length, c.mention.start, c.mention.end);
  };
  const overlapping = (start: number, end: number): Candidate[] => {
    const out = new Set<Candidate>();
    for (let i = start; i < end; i++) {
      const c = owner[i] ? candidates[owner[i]! - 1] : undefined;
      if (c && !removed.has(c)) out.add(c);
    }
    return [...out];
  };
  const mentionMask = new Uint8Array(text.length + 1);
  for (const m of mentions) mentionMask.fill(1, m.start, m.end);
  // Persons' names are read for places only by the rules below, never by the gazetteer scan.
  const personMask = new Uint8Array(text.length + 1);
  for (const m of mentions) if (m.type === 'PERSON') personMask.fill(1, m.start, m.end);
  // Words the article itself writes in lower case are ordinary words, not names, inside longer names.
  const ordinary = new Set<string>();
  // (The matches of /(?<![\p{L}])\p{Ll}{3,20}(?![\p{L}])/gu, in order, by a scan of the letter runs.)
  addLowerCaseWords(text, 3, 20, ordinary);
  const lookup = (name: string): Place[] => {
    const abbrev = US_STATE_ABBREVIATIONS[name];
    if (abbrev) return usState(gaz, abbrev);
    const found = lookupPlaces(gaz, name);
    // Acronyms ("NATO", "U.N.", "II") name countries and regions, never a town that happens to share the letters.
    // (At most six code points: twelve code units; most names are longer and skip the pattern.)
    if (name.length <= 12 && /^[\p{Lu}.]{1,6}$/u.test(name) && name.replace(/\./g, '').length <= 4) return found.filter((p) => p.kind === 'country' || p.kind === 'admin1' || p.kind === 'region');
    return found;
  };
  for (const m0 of mentions) {
    // The tagger leaves the final dot off an abbreviation ("Lumpkin, Ga." → "Ga"): put it back.
    const lastWord = /[^\s\-–]{1,10}$/u.exec(m0.text)?.[0] ?? '';
    const m = text[m0.end] === '.' && US_STATE_ABBREVIATIONS[lastWord + '.'] ? { ...m0, end: m0.end + 1, text: m0.text + '.' } : m0;
    const name = cleanName(m.text);
    if (countriesOfDemonym(name).length > 0) continue;
    let places: Place[];
    let weak = false;
    if (US_STATE_ABBREVIATIONS[name]) places = lookup(name);
    else if (m.type === 'PERSON') {
      // Only where the sentence puts the "person" somewhere, and only places of some standing.
      const before = /(\p{L}+)\s{1,3}$/u.exec(text.slice(Math.max(0, m.start - 20), m.start))?.[1];
      // Never a surname the article ties to a full name ("… of Jones' appointment" → Roy Jones).
      places = before !== undefined && LOCATIVE.has(before) && !/\s/u.test(name) && m.name === m0.text ? usableEmbedded(lookup(name)) : [];
      // A lone word never tied to a full name that names a major place ("Denver", "Darfur").
      // (Regions only under their own name: "Hanover" is not Hanover Parish, Jamaica.)
      if (places.length === 0 && !/\s/u.test(name) && m.name === name)
        places = lookup(name).filter((p) => isMajorPlace(p) && (p.kind !== 'admin1' || placeKey(p.name) === placeKey(name)));
      if (/\s(County|Parish|Township|Borough)$/u.test(name)) places = lookup(name);
      // A name the tagger took for a person but never tied to a full name ("Glen Carbon", "Hanover"):
      // a town only if the article supports it.
      if (places.length === 0 && m.name === m0.text && !PERSONAL_NAMES.has(name)) {
        places = localPlaces(lookup(name), name);
        weak = true;
      }
    } else if (m.type === 'ORG') {
      places = usableEmbedded(lookup(name));
      if (places.length === 0) {
        places = localPlaces(lookup(name), name);
        weak = true;
      }
    } else if (m.type === 'MISC') places = lookup(name).filter((p) => p.kind === 'region' || p.kind === 'admin1' || p.kind === 'country');
    else places = lookup(name);
    if (places.length > 0) {
      add({ mention: m, key: placeKey(name), places, ...(weak ? { weak } : {}) });
      continue;
    }
    if (m.type === 'PERSON' && m.name !== m0.text) {
      // Tied to a longer name ("Greer" → "Downtown Greer"): a place only if the article names it as one elsewhere.
      const echo = /\s/u.test(name) ? [] : localPlaces(lookup(name), name);
      if (echo.length > 0) add({ mention: m, key: placeKey(name), places: echo, weak: true, echo: true });
      continue;
    }
    const inner = (m.type === 'PERSON' ? null : embeddedPlace(m, lookup, ordinary)) ?? embeddedPlace(m, lookup, ordinary, true, m.type === 'PERSON');
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
  const free = (start: number, end: number): boolean => {
    for (let i = start; i < end; i++) {
      const c = owner[i] ? candidates[owner[i]! - 1] : undefined;
      if (c && !removed.has(c)) return false;
    }
    return true;
  };
  // "Clay, Wilkin and Otter Tail counties": names listed before a plural county word (none without the word itself).
  const countyLists = text.includes(' counties') || text.includes(' parishes');
  if (countyLists) for (const m of text.matchAll(/((?:\p{Lu}[\p{L}.'-]{1,20}(?: \p{Lu}[\p{L}.'-]{1,20})?(?:, | and | or |, and )){1,6}\p{Lu}[\p{L}.'-]{1,20}(?: \p{Lu}[\p{L}.'-]{1,20})?) (counties|parishes)\b/gu)) {
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
  // A place line in capitals the dateline parser did not take ("… 2009 MANSFIELD -- Mansfield Mayor …", "BEIRUT: …").
  const opening = text.slice(0, 300);
  for (const m of [...opening.matchAll(/(?<![\p{L}])(\p{Lu}[\p{Lu}.' ]{2,30}\p{Lu})(?:, \p{Lu}[\p{L}.]{1,14})?(?:(?: \(AP\))? ?(?:--|—|–) | \(AP\) |: )/gu)].slice(0, 1)) {
    const name = m[1]!;
    const places = lookup(name);
    if (places.length > 0 && free(m.index, m.index + name.length)) add({ mention: { start: m.index, end: m.index + name.length, text: name }, key: placeKey(name), places });
  }
  // Names for the people of a state or region: "Ohioans", "Ontarians", "Texan", "Dagestani", "South Ossetian",
  // "Abkhaz" (countries' demonyms are the demonym relation's). Only first-level regions and regions qualify.
  const people = spansAt(text, REGION_PEOPLE, ASCII_CAPITALS);
  for (let k = 0; k < people.length; k += 2) {
    const at = people[k]!;
    const end = people[k + 1]!;
    const match = text.slice(at, end);
    // Mostly one word (no split needed).
    const words = match.includes(' ') ? [...match.matchAll(/\S+/gu)].map((w) => ({ text: w[0], start: at + w.index })) : [{ text: match, start: at }];
    const last = words[words.length - 1]!.text;
    if (countriesOfDemonym(last).length > 0 || CALENDAR.has(last) || isCommonWord(last.toLowerCase())) continue;
    const bases = regionDemonymBases(last);
    if (bases.length === 0) continue;
    for (let j = 0; j < words.length; j++) {
      const start = words[j]!.start;
      if (!free(start, end)) continue;
      const head = text.slice(start, words[words.length - 1]!.start);
      let hit: Candidate | null = null;
      for (const b of bases) {
        const name = head + b;
        const places = lookupPlaces(gaz, name).filter((p) => p.kind === 'admin1' || p.kind === 'region');
        if (places.length > 0) {
          hit = { mention: { start, end, text: text.slice(start, end) }, key: placeKey(name), places };
          break;
        }
      }
      if (hit) {
        add(hit);
        break;
      }
    }
  }
  // Countries and US states the tagger missed ("the US", "in Connecticut"); names that are also first names are left alone.
  // (Its group is the whole match: the look-arounds take no characters.)
  const missed = spansAt(text, MISSED_NAME, ASCII_CAPITALS);
  for (let k = 0; k < missed.length; k += 2) {
    const start = missed[k]!;
    const m1 = text.slice(start, missed[k + 1]!);
    const name = m1.replace(/\.$/u, (d) => (name2abbrev(m1) ? d : ''));
    if (PERSONAL_NAMES.has(name)) continue;
    const end = start + name.length;
    if (!free(start, end) || marked(mentionMask, start, end)) continue;
    const places = lookup(name).filter((p) => p.kind === 'country' || p.kind === 'admin1');
    if (places.length > 0 && (places.some((p) => p.kind === 'country') || places.every((p) => p.country === 'US')))
      add({ mention: { start, end, text: name }, key: placeKey(name), places });
  }
  // Legislators' party-and-home tags: "Rep. Linda Sumner, R-Raleigh", "D-Kanawha" (a county), "DFL-Chisholm".
  for (const m of text.matchAll(/(?<![\p{L}])(?:R|D|I|DFL)-(\p{Lu}[\p{L}'’.]{1,24}(?: \p{Lu}[\p{L}'’]{1,24}){0,2})/gu)) {
    const name = m[1]!.replace(/\.$/u, '');
    const start = m.index + m[0].length - m[1]!.length;
    const end = start + name.length;
    if (US_STATE_ABBREVIATIONS[m[1]!]) continue;
    // "D-W. Va.": a state, the tag's final dot being the abbreviation's.
    const stateCode = text[end] === '.' ? US_STATE_ABBREVIATIONS[`${name}.`] : undefined;
    if (stateCode) {
      const state = usState(gaz, stateCode);
      if (state.length === 0) continue;
      for (const c of overlapping(start, end + 1)) removed.add(c);
      add({ mention: { start, end: end + 1, text: `${name}.` }, key: placeKey(`${name}.`), places: state });
      continue;
    }
    const places = [...localPlaces(lookup(name), name), ...lookupPlaces(gaz, `${name} County`).filter((p) => p.kind === 'admin2')];
    if (places.length === 0) continue;
    for (const c of overlapping(start, end)) removed.add(c);
    add({ mention: { start, end, text: name }, key: placeKey(name), places, weak: true });
  }
  // Names the tagger left alone that the gazetteer knows as towns or counties ("downtown Hanover",
  // "Allston and Weston"): weak candidates, kept only where the article supports them.
  const towns = spansAt(text, TOWN_NAME, ASCII_CAPITALS);
  for (let k = 0; k < towns.length; k += 2) {
    const at = towns[k]!;
    const match = text.slice(at, towns[k + 1]!);
    // Mostly one word of at most 25 letters (no split needed).
    const words = match.includes(' ') || match.includes('-')
      ? [...match.matchAll(/(?:(?:St|Mt|Ft)\. )?[^\s-]{1,30}/gu)].map((w) => ({ text: w[0], start: at + w.index, end: at + w.index + w[0].length }))
      : [{ text: match, start: at, end: at + match.length }];
    let a = 0;
    while (a < words.length) {
      let taken = 0;
      for (let b = Math.min(words.length, a + 3); b > a && taken === 0; b--) {
        const start = words[a]!.start;
        const end = words[b - 1]!.end;
        const name = text.slice(start, end).replace(/[’']s$/u, '');
        if (b - a === 1) {
          const l = name.toLowerCase();
          if (GENERIC.has(l) || ordinary.has(l) || isCommonWord(l) || DIRECTIONS.has(name) || PERSONAL_NAMES.has(name) || CALENDAR.has(name) || countriesOfDemonym(name).length > 0) continue;
          if (/^\p{Lu}{2,}$/u.test(name) && name.length <= 4) continue;
        }
        if (!free(start, end) || marked(personMask, start, end)) continue;
        const places = localPlaces(lookup(name), name);
        if (places.length === 0) continue;
        add({ mention: { start, end: start + name.length, text: name }, key: placeKey(name), places, weak: true });
        taken = b - a;
      }
      a += Math.max(1, taken);
    }
  }
  // A name the tagger cut short: "Yellow [Springs]", "ST. [PARIS]", "[Avondale] Estates".
  for (const c of [...candidates]) {
    if (removed.has(c) || c.places.some((p) => p.kind === 'country' || p.kind === 'admin1')) continue;
    const before = /(?:^|[^\p{L}.])((?:St|Mt|Ft|ST|MT|FT)\.|\p{Lu}[\p{L}'’]{1,20}) $/u.exec(text.slice(Math.max(0, c.mention.start - 24), c.mention.start));
    const after = /^ (\p{Lu}[\p{L}'’]{1,20})(?![\p{L}])/u.exec(text.slice(c.mention.end, c.mention.end + 24));
    const tries: [number, number][] = [];
    if (before) tries.push([c.mention.start - before[1]!.length - 1, c.mention.end]);
    if (after) tries.push([c.mention.start, c.mention.end + after[0].length]);
    for (const [start, end] of tries) {
      const name = text.slice(start, end);
      const first = name.slice(0, name.indexOf(' '));
      if (DIRECTIONS.has(first) || CALENDAR.has(first)) continue;
      const places = localPlaces(lookup(name), name);
      if (places.length === 0 || overlapping(start, end).some((o) => o !== c)) continue;
      removed.add(c);
      add({ ...c, mention: { start, end, text: name }, key: placeKey(name), places });
      break;
    }
  }
  // A name the article names as a place is that place inside organisations' names too ("Dublin" in
  // "Dublin City Council", "Texas" in "Texas Water Development Board"): echoes, kept only where the name is.
  // Not inside persons' names ("Adams", "Bell"), except where the "person" is the name alone ("Gainesville").
  const inPerson = new Uint8Array(text.length + 1);
  for (const m of mentions) if (m.type === 'PERSON' && (/\s/u.test(m.text.trim()) || m.name !== m.text)) inPerson.fill(1, m.start, m.end);
  const echoed = new Set<string>();
  for (const c of candidates.filter((x) => !removed.has(x) && !x.echo)) {
    const name = c.mention.text;
    // Each name costs a scan of the text: a bounded number of names keeps long texts linear.
    if (echoed.size >= MAX_ECHO_NAMES) break;
    if (echoed.has(name) || name.length < 3 || !/^\p{Lu}/u.test(name)) continue;
    echoed.add(name);
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + name.length)) {
      const end = i + name.length;
      if (/[\p{L}\p{N}]/u.test(text[i - 1] ?? '') || /[\p{L}\p{N}]/u.test(text[end] ?? '')) continue;
      if (!free(i, end) || marked(inPerson, i, end)) continue;
      add({ mention: { start: i, end, text: name }, key: c.key, places: c.places, weak: true, echo: true });
    }
  }
  // "Charleston, W.Va.": the qualifier is a place mention too.
  for (const c of candidates.filter((x) => !removed.has(x))) {
    const q = qualifierAfter(text, c.mention.end, gaz);
    if (q && free(q.mention.start, q.mention.end)) add(q);
  }
  return candidates.filter((c) => !removed.has(c)).sort((a, b) => a.mention.start - b.mention.start);
}
