/**
 * Resolves place mentions to gazetteer entries. Each candidate is scored by
 * its own weight (countries and regions first, then cities by population)
 * plus the article's evidence: countries it names (directly or through
 * demonyms), the dateline, an explicit "City, State" pair, the regions it
 * names, and nearness to the other places it mentions. One name is read the
 * same way throughout one article.
 */
import type { Dateline, EntityMention, PlaceMention } from '../../model/types.js';
import { countriesOfDemonym, countryTable } from './country-table.js';
import { defaultGazetteer, distanceKm, lookupPlaces, placeKey, type Gazetteer, type Place } from './gazetteer.js';
import { US_STATE_ABBREVIATIONS } from './us-state-abbreviations.js';

export interface DemonymRelation {
  start: number;
  end: number;
  text: string;
  country: string;
}

export interface PlaceContext {
  dateline: Dateline | null;
  /** A gazetteer other than the shipped one (tests). */
  gazetteer?: Gazetteer;
}

interface Candidate {
  mention: { start: number; end: number; text: string };
  key: string;
  places: Place[];
}

const KIND_PRIOR: Record<Place['kind'], number> = { country: 14, admin1: 10, region: 9, admin2: 6, city: 0, town: 3 };

function prior(p: Place): number {
  if (p.kind === 'city') return 3 + 1.2 * Math.log10(p.population + 10);
  return KIND_PRIOR[p.kind];
}

function cleanName(text: string): string {
  return text.replace(/[’']s$/u, '').replace(/^the\s+/iu, '').trim();
}

/** Capitalised words (optionally hyphen-joined) that may be demonyms; bounded, no backtracking. */
const CAP_WORD = /\p{Lu}\p{Ll}{2,30}(?:[-–]\p{Lu}\p{Ll}{2,30}){0,2}/gu;

export function findDemonyms(text: string): DemonymRelation[] {
  const out: DemonymRelation[] = [];
  for (const m of text.matchAll(CAP_WORD)) {
    const start = m.index;
    const end = start + m[0].length;
    // Only whole words: not "Armenians" inside a longer token.
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

const DIRECTIONS = new Set(['North', 'South', 'East', 'West', 'Northern', 'Southern', 'Eastern', 'Western', 'Central', 'Northeast', 'Northwest', 'Southeast', 'Southwest', 'Downtown', 'Greater', 'Upstate']);
/** Embedded cities must be of some size, or "Ford Motor" would become a hamlet called Ford. */
const MIN_EMBEDDED_POPULATION = 5000;

function usableEmbedded(ps: Place[]): Place[] {
  return ps.filter(
    (p) => p.kind === 'country' || p.kind === 'admin1' || p.kind === 'admin2' || p.kind === 'region' || (p.kind === 'city' && p.population >= MIN_EMBEDDED_POPULATION),
  );
}

function embeddedPlace(m: { start: number; end: number; text: string }, lookup: (name: string) => Place[]): Candidate | null {
  // Words, with hyphenated compounds split too: "D-Oakland", "Gainesville-area".
  const words = [...m.text.matchAll(/[^\s\-–]{1,40}/gu)].map((w) => ({ text: w[0], start: m.start + w.index, end: m.start + w.index + w[0].length }));
  if (words.length < 2) return null;
  const usable = usableEmbedded;
  const tryRange = (a: number, b: number): Candidate | null => {
    const first = words[a]!;
    const last = words[b - 1]!;
    if (!/^\p{Lu}/u.test(first.text)) return null;
    const text = cleanName(m.text.slice(first.start - m.start, last.end - m.start).replace(/[,.;:]$/u, ''));
    const places = usable(lookup(text));
    if (places.length === 0) return null;
    return { mention: { start: first.start, end: first.start + text.length, text }, key: placeKey(text), places };
  };
  // "D-Oakland": a party letter before the place.
  if (words[0]!.text.length === 1 && words.length === 2) return tryRange(1, 2);
  const ofAt = words.findIndex((w) => w.text === 'of');
  if (ofAt > 0) {
    for (let b = Math.min(words.length, ofAt + 4); b > ofAt + 1; b--) {
      const c = tryRange(ofAt + 1, b);
      if (c) return c;
    }
  }
  const skip = DIRECTIONS.has(words[0]!.text) ? 1 : 0;
  for (let b = Math.min(words.length - (skip === 0 ? 1 : 0), skip + 3); b > skip; b--) {
    const c = tryRange(skip, b);
    if (c) return c;
  }
  return null;
}

export function resolvePlaces(
  text: string,
  mentions: EntityMention[],
  ctx: PlaceContext,
): { places: PlaceMention[]; demonyms: DemonymRelation[] } {
  const gaz = ctx.gazetteer ?? defaultGazetteer();
  const countries = countryTable();
  const demonyms = findDemonyms(text);

  const candidates: Candidate[] = [];
  const lookup = (name: string): Place[] => {
    const abbrev = US_STATE_ABBREVIATIONS[name] ?? US_STATE_ABBREVIATIONS[name + '.'];
    if (abbrev) return gaz.places.filter((p) => p.kind === 'admin1' && p.country === 'US' && p.admin1 === abbrev);
    return lookupPlaces(gaz, name);
  };
  for (const m of mentions) {
    if (m.type === 'PERSON') continue;
    const name = cleanName(m.text);
    if (countriesOfDemonym(name).length > 0) continue;
    // An organisation named exactly like a sizeable place is the place's institutions ("Oakland said…").
    let places = m.type === 'ORG' ? usableEmbedded(lookup(name)) : lookup(name);
    // A MISC mention is a place only when it names a region or country ("Nagorno-Karabakh").
    if (m.type === 'MISC') places = places.filter((p) => p.kind === 'region' || p.kind === 'admin1' || p.kind === 'country');
    if (places.length > 0) {
      candidates.push({ mention: m, key: placeKey(name), places });
      continue;
    }
    // A place inside a longer name: "Ohio Supreme Court", "City of Paris", "North Texas".
    const inner = embeddedPlace(m, lookup);
    if (inner) candidates.push(inner);
  }

  // Evidence from the article as a whole: demonyms and the dateline; the
  // places themselves add theirs below, pass by pass.
  const explicitWeight = new Map<string, number>();
  const bump = (m: Map<string, number>, cc: string, w: number): void => {
    if (cc !== '') m.set(cc, (m.get(cc) ?? 0) + w);
  };
  for (const d of demonyms) {
    const c = countries.byName.get(d.country.toLowerCase());
    if (c) bump(explicitWeight, c.code, 1);
  }
  let datelinePlace: Place | null = null;
  if (ctx.dateline?.place) {
    const dl = lookupPlaces(gaz, ctx.dateline.place).sort((a, b) => prior(b) - prior(a));
    datelinePlace = dl[0] ?? null;
    if (datelinePlace) bump(explicitWeight, datelinePlace.country, 3);
  }
  const admin1Named = new Set<string>();
  for (const c of candidates) for (const p of c.places) if (p.kind === 'admin1') admin1Named.add(`${p.country}.${p.admin1}`);

  // "Alexandria, La." / "Springfield, Illinois" / "Poti, Georgia": the second name constrains the first.
  const qualifierOf = (c: Candidate): Place[] => {
    const after = text.slice(c.mention.end, c.mention.end + 40);
    const m = /^,\s{0,3}((?:\p{Lu}[\p{L}.]{0,14}\s?){1,3})/u.exec(after);
    if (!m) return [];
    const q = m[1]!.trim();
    const code = US_STATE_ABBREVIATIONS[q] ?? US_STATE_ABBREVIATIONS[q + '.'];
    if (code) return gaz.places.filter((p) => p.kind === 'admin1' && p.country === 'US' && p.admin1 === code);
    return lookupPlaces(gaz, q.replace(/\.$/u, '')).filter((p) => p.kind === 'admin1' || p.kind === 'country');
  };

  // How strongly the rest of the article points at each country, leaving out the candidate's own name.
  const countryWeight = (picks: Map<string, Place> | null, ownKey: string, cc: string): number => {
    let w = explicitWeight.get(cc) ?? 0;
    if (picks) for (const [k, p] of picks) if (k !== ownKey && p.country === cc) w += p.kind === 'country' ? 2 : 1;
    return w;
  };

  const score = (c: Candidate, p: Place, picks: Map<string, Place> | null): number => {
    let s = prior(p);
    // Capped so that a crowd of one country's places cannot turn "UK" into a Russian village.
    s += 2.5 * Math.log2(1 + Math.min(3, countryWeight(picks, c.key, p.country)));
    if ((p.kind === 'city' || p.kind === 'town' || p.kind === 'admin2') && admin1Named.has(`${p.country}.${p.admin1}`)) s += 4;
    for (const q of qualifierOf(c)) {
      if (q.kind === 'admin1' && q.country === p.country && q.admin1 === p.admin1 && p.kind !== 'admin1') s += 15;
      if (q.kind === 'country' && q.country === p.country && p.kind !== 'country') s += 12;
    }
    if (datelinePlace && datelinePlace !== p && (p.kind === 'city' || p.kind === 'town' || p.kind === 'admin2')) {
      const d = distanceKm(datelinePlace, p);
      if (d < 150) s += 3;
    }
    if (picks) {
      let near = 0;
      for (const [key, other] of picks) {
        if (key === c.key || other.kind === 'country' || other.kind === 'region') continue;
        // A region is supported by the places the article names inside it.
        if (p.kind === 'admin1' && other.kind !== 'admin1' && other.country === p.country && other.admin1 === p.admin1) {
          near = Math.max(near, 3);
          continue;
        }
        const d = distanceKm(other, p);
        if (d < 50) near = Math.max(near, 2.5);
        else if (d < 150) near = Math.max(near, 1.5);
        else if (other.kind === 'admin1' && other.country === p.country && other.admin1 === p.admin1) near = Math.max(near, 1.5);
      }
      s += near;
    }
    return s;
  };

  const choose = (picks: Map<string, Place> | null): Map<string, Place> => {
    const byKey = new Map<string, { place: Place; score: number }>();
    for (const c of candidates) {
      for (const p of c.places) {
        const s = score(c, p, picks);
        const cur = byKey.get(c.key);
        if (!cur || s > cur.score) byKey.set(c.key, { place: p, score: s });
      }
    }
    return new Map([...byKey].map(([k, v]) => [k, v.place]));
  };
  let picks = choose(null);
  for (let pass = 0; pass < 2; pass++) picks = choose(picks);

  const places: PlaceMention[] = [];
  for (const c of candidates) {
    const p = picks.get(c.key);
    if (!p) continue;
    places.push({
      start: c.mention.start,
      end: c.mention.end,
      text: c.mention.text,
      name: p.name,
      lat: p.lat,
      lon: p.lon,
      country: countries.byCode.get(p.country)?.name ?? (p.country === '' ? null : p.country),
      region: p.kind === 'admin1' || p.admin1 === '' ? null : gaz.admin1Names[`${p.country}.${p.admin1}`] ?? null,
      geonameId: p.geonameId,
    });
  }
  places.sort((a, b) => a.start - b.start);
  return { places, demonyms };
}
