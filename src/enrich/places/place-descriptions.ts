/**
 * Descriptions that stand for a place the article also names:
 * "Armenia's southernmost region", "the southern region of Armenia",
 * "the Armenian capital", "Georgia's Black Sea port". A description is linked
 * only to a place of its kind, in its country, that the same article names;
 * where the article names several, the description's own words (southernmost,
 * northern, largest, capital, a misspelt name) must single one out, checked
 * against the gazetteer. Every link carries the reasons it was made.
 */
import type { PlaceMention } from '../../model/types.js';
import { countriesOfDemonym, countryTable, type CountryInfo } from './country-table.js';
import { placeKey, type Gazetteer, type Place } from './gazetteer.js';
import { ASCII_CAPITALS, asciiStarts, matchesAt } from './start-scan.js';

export interface PlaceDescription {
  start: number;
  end: number;
  /** The phrase as written: "Armenia's southernmost region". */
  text: string;
  /** The place mention it stands for (first occurrence of that place in the article). */
  aliasOf: { start: number; end: number; text: string };
  /** The resolved place, as for a place mention. */
  name: string;
  country: string | null;
  lat: number;
  lon: number;
  geonameId: number | null;
  /** Why the link was made, in words ("the only region in Armenia the article names", …). */
  evidence: string[];
}

/** A resolved mention together with the gazetteer row it was resolved to. */
export interface ResolvedPlace {
  mention: PlaceMention;
  place: Place;
}

type KindClass = 'region' | 'city';
const KIND_WORDS: Readonly<Record<string, KindClass>> = {
  region: 'region', province: 'region', state: 'region', oblast: 'region', marz: 'region', governorate: 'region',
  prefecture: 'region', republic: 'region', territory: 'region', district: 'region',
  city: 'city', town: 'city', port: 'city', village: 'city', capital: 'city', 'port city': 'city',
};
const KIND_ALT = 'port city|region|province|state|oblast|marz|governorate|prefecture|republic|territory|district|city|town|port|village|capital';

type Direction = 'south' | 'north' | 'east' | 'west';
const DIRECTION_OF: Readonly<Record<string, Direction>> = {
  southern: 'south', southernmost: 'south', south: 'south',
  northern: 'north', northernmost: 'north', north: 'north',
  eastern: 'east', easternmost: 'east', east: 'east',
  western: 'west', westernmost: 'west', west: 'west',
};
/** "largest" = rank 1, "second-largest" = rank 2 (by population). */
const ORDINALS: Readonly<Record<string, number>> = { second: 2, third: 3, fourth: 4, fifth: 5 };

interface Descriptor {
  directions: { dir: Direction; extreme: boolean }[];
  /** population rank asked for ("largest" 1, "second-largest" 2) */
  sizeRank: number | null;
  capital: boolean;
  /** Capitalised words among the modifiers ("Sinyuk", "Black Sea"): a name, perhaps misspelt. */
  names: string[];
}

function parseModifiers(mods: string, kindWord: string): Descriptor {
  const d: Descriptor = { directions: [], sizeRank: null, capital: kindWord === 'capital', names: [] };
  const words = mods.split(/\s+/u).filter((w) => w !== '');
  const nameWords: string[] = [];
  const flush = (): void => {
    if (nameWords.length > 0) d.names.push(nameWords.join(' '));
    nameWords.length = 0;
  };
  for (const w of words) {
    const l = w.toLowerCase();
    const dir = DIRECTION_OF[l];
    const size = /^(?:(second|third|fourth|fifth)[-\s])?(?:largest|biggest|most populous)$/u.exec(l);
    if (dir) {
      d.directions.push({ dir, extreme: l.endsWith('most') });
      flush();
    } else if (size) {
      d.sizeRank = size[1] ? ORDINALS[size[1]]! : 1;
      flush();
    } else if (/^\p{Lu}/u.test(w)) nameWords.push(w);
    else flush();
  }
  flush();
  return d;
}

/** Optimal string alignment distance, stopping early above `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    row[0] = i;
    rows.push(row);
  }
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = v;
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

/** Same first letter and the same letters in another order ("Sinyuk" for Syunik): a transliteration slip. */
function scrambled(a: string, b: string): boolean {
  if (a.length < 5 || a.length !== b.length || a[0] !== b[0]) return false;
  return [...a].sort().join('') === [...b].sort().join('');
}

function fitsKind(p: Place, k: KindClass): boolean {
  return k === 'region' ? p.kind === 'admin1' || p.kind === 'admin2' || p.kind === 'region' : p.kind === 'city' || p.kind === 'town';
}

const coordinateOf = (p: { lat: number; lon: number }, dir: Direction): number =>
  dir === 'south' ? -p.lat : dir === 'north' ? p.lat : dir === 'east' ? p.lon : -p.lon;

/** The one place of `pool` furthest in a direction, if it stands out. */
function extremeOf<T extends { lat: number; lon: number }>(pool: readonly T[], dir: Direction): T | null {
  if (pool.length === 0) return null;
  return [...pool].sort((a, b) => coordinateOf(b, dir) - coordinateOf(a, dir))[0]!;
}

// Bounded, linear patterns: a possessive country, up to three modifier words, a kind word.
const WORD = `[\\p{L}][\\p{L}-]{0,24}`;
const NAME = `\\p{Lu}\\p{L}{1,24}(?: \\p{Lu}\\p{L}{1,24}){0,2}`;
// Sticky: tried only where they can start, at a capital or at the "t" of "the" (start-scan.ts: the matches of flags gu).
const RE_POSSESSIVE = new RegExp(`(?<![\\p{L}])(${NAME})['’]s ((?:${WORD} ){0,3}?)(${KIND_ALT})(?![\\p{L}])`, 'yu');
const RE_OF = new RegExp(`(?<![\\p{L}])the ((?:${WORD} ){0,3}?)(${KIND_ALT}) of (${NAME})(?![\\p{L}])`, 'yu');
const RE_DEMONYM = new RegExp(`(?<![\\p{L}])the ((?:${WORD} ){0,2}?)(\\p{Lu}\\p{L}{2,24}) (${KIND_ALT})(?![\\p{L}]| of )`, 'yu');
const T_START = asciiStarts('t');

interface Phrase {
  start: number;
  end: number;
  country: CountryInfo;
  kindWord: string;
  mods: string;
}

function findPhrases(text: string): Phrase[] {
  const countries = countryTable();
  const out: Phrase[] = [];
  const country = (name: string): CountryInfo | undefined => countries.byName.get(name.toLowerCase());
  for (const m of matchesAt(text, RE_POSSESSIVE, ASCII_CAPITALS)) {
    // "The Armenia's …" / "Yesterday Armenia's …": the country is the longest tail of the capitalised words that names one.
    const words = m[1]!.split(' ');
    for (let i = 0; i < words.length; i++) {
      const c = country(words.slice(i).join(' '));
      if (!c) continue;
      const start = m.index + words.slice(0, i).join(' ').length + (i > 0 ? 1 : 0);
      out.push({ start, end: m.index + m[0].length, country: c, mods: m[2]!, kindWord: m[3]!.toLowerCase() });
      break;
    }
  }
  for (const m of matchesAt(text, RE_OF, T_START)) {
    const c = country(m[3]!);
    if (c) out.push({ start: m.index, end: m.index + m[0].length, country: c, mods: m[1]!, kindWord: m[2]!.toLowerCase() });
  }
  for (const m of matchesAt(text, RE_DEMONYM, T_START)) {
    const c = countriesOfDemonym(m[2]!);
    if (c.length === 1) out.push({ start: m.index, end: m.index + m[0].length, country: c[0]!, mods: m[1]!, kindWord: m[3]!.toLowerCase() });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Links descriptions to the places the article names. `resolved` are the article's place mentions
 * with their gazetteer rows; `gaz` serves the checks (which region lies furthest south, which city
 * is largest).
 */
export function linkPlaceDescriptions(text: string, resolved: readonly ResolvedPlace[], gaz: Gazetteer): PlaceDescription[] {
  const out: PlaceDescription[] = [];
  const countries = countryTable();
  for (const ph of findPhrases(text)) {
    const kind = KIND_WORDS[ph.kindWord]!;
    const d = parseModifiers(ph.mods, ph.kindWord);
    // Places of that kind in that country the article names, outside the phrase itself (first mention of each).
    const named = new Map<Place, ResolvedPlace>();
    for (const r of resolved) {
      if (r.mention.start < ph.end && ph.start < r.mention.end) continue;
      if (r.place.country === ph.country.code && fitsKind(r.place, kind) && !named.has(r.place)) named.set(r.place, r);
    }
    let pool = [...named.values()];
    const evidence: string[] = [];
    const kindName = kind === 'region' ? 'region' : 'city or town';
    if (pool.length === 0) continue;
    evidence.push(`${pool.length === 1 ? 'the only' : 'one of ' + pool.length} ${kindName}${pool.length === 1 ? '' : 's'} in ${ph.country.name} the article names`);
    // A name inside the description ("Armenia's Sinyuk region"): the named place it spells, allowing a slip or two.
    if (d.names.length > 0) {
      const spelled = pool.filter((r) =>
        d.names.some((n) => {
          const a = placeKey(n);
          const b = placeKey(r.place.name).replace(/\s+(province|region|oblast|marz|governorate|state)$/u, '');
          return a === b || editDistance(a, b, Math.min(2, Math.floor(b.length / 4))) <= Math.min(2, Math.floor(b.length / 4)) || scrambled(a, b);
        }),
      );
      if (spelled.length === 0) continue; // a different name: "Georgia's Black Sea port" when only Tbilisi is named
      if (spelled.length === 1 && !d.names.some((n) => placeKey(spelled[0]!.place.name).startsWith(placeKey(n)))) evidence.push(`"${d.names.join(' ')}" read as a spelling of ${spelled[0]!.place.name}`);
      pool = spelled;
    }
    if (d.capital) {
      const capital = countries.byCode.get(ph.country.code)?.capital;
      pool = pool.filter((r) => capital !== null && capital !== undefined && placeKey(r.place.name) === placeKey(capital));
      if (pool.length === 0) continue;
      evidence.push(`${pool[0]!.place.name} is the capital of ${ph.country.name}`);
    }
    for (const { dir, extreme } of d.directions) {
      if (extreme || pool.length > 1) {
        // Against the gazetteer: the country's places of this kind furthest that way (ties broken by the article's own).
        const all = gaz.places.filter((p) => p.country === ph.country.code && fitsKind(p, kind) && (kind === 'region' ? p.kind === 'admin1' : p.population >= 1000));
        const far = extreme ? extremeOf(all, dir) : null;
        if (far) {
          pool = pool.filter((r) => r.place === far || (r.place.kind === far.kind && r.place.name === far.name));
          if (pool.length === 0) break;
          evidence.push(`${far.name} is the ${dir}ernmost ${kind === 'region' ? 'first-level region' : 'place'} of ${ph.country.name} in the gazetteer`);
        } else {
          const best = extremeOf(pool.map((r) => ({ ...r, lat: r.place.lat, lon: r.place.lon })), dir)!;
          pool = [best];
          evidence.push(`${best.place.name} lies furthest ${dir} of the ${kindName}s the article names`);
        }
      } else {
        // One candidate: it must at least lie on that side of the country's centre.
        const centre = countries.byCode.get(ph.country.code)!;
        const p = pool[0]!.place;
        if (coordinateOf(p, dir) <= coordinateOf(centre, dir)) pool = [];
        else evidence.push(`${p.name} lies in the ${dir} of ${ph.country.name}`);
      }
      if (pool.length === 0) break;
    }
    if (d.sizeRank !== null && pool.length > 0) {
      const ranked = gaz.places
        .filter((p) => p.country === ph.country.code && p.kind === 'city')
        .sort((a, b) => b.population - a.population);
      const target = ranked[d.sizeRank - 1];
      pool = target ? pool.filter((r) => r.place === target) : [];
      if (pool.length > 0) evidence.push(`${target!.name} ranks ${d.sizeRank} by population among ${ph.country.name}'s cities in the gazetteer`);
    }
    if (pool.length !== 1) continue;
    const r = pool[0]!;
    out.push({
      start: ph.start,
      end: ph.end,
      text: text.slice(ph.start, ph.end),
      aliasOf: { start: r.mention.start, end: r.mention.end, text: r.mention.text },
      name: r.mention.name,
      country: r.mention.country,
      lat: r.mention.lat,
      lon: r.mention.lon,
      geonameId: r.mention.geonameId,
      evidence,
    });
  }
  return out;
}
