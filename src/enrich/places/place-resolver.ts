/**
 * Resolves place mentions to gazetteer entries. Each candidate is scored by
 * its own weight (countries and regions first, then cities by population)
 * plus the article's evidence: countries it names (directly or through
 * demonyms), the dateline, an explicit "City, State" pair, the regions it
 * names, and nearness to the other places it mentions. One name is read the
 * same way throughout one article.
 */
import type { Dateline, EntityMention, PlaceMention } from '../../model/types.js';
import { countryTable } from './country-table.js';
import { defaultGazetteer, distanceKm, lookupPlaces, placeKey, type Gazetteer, type Place } from './gazetteer.js';
import { soleNameKey, type HomePoint } from './outlet-profile.js';
import { linkPlaceDescriptions, type PlaceDescription, type ResolvedPlace } from './place-descriptions.js';
import { collectCandidates, findDemonyms, qualifierAfter, type Candidate, type DemonymRelation } from './place-candidates.js';

export type { DemonymRelation, PlaceDescription };
export { findDemonyms };

export interface PlaceContext {
  dateline: Dateline | null;
  /** A gazetteer other than the shipped one (tests). */
  gazetteer?: Gazetteer;
  /**
   * Where the outlet usually reports from, learnt from its other articles (see outletRegionProfile):
   * "US.GA" (first-level region) or "US" (country) → share of those articles that name a place there.
   * Local news stays local: "Decatur" in a Georgia paper is Decatur, Georgia.
   */
  regionPrior?: ReadonlyMap<string, number>;
  /**
   * Name key → region → the part of regionPrior that rests on that name alone (OutletProfile.soleName):
   * taken off when the same name is read again, so a misreading does not feed on itself.
   */
  regionPriorSoleName?: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Towns the outlet keeps naming (OutletProfile.homePoints): a town near them is its beat. */
  homePoints?: readonly HomePoint[];
}

/** Weight of the outlet's home region for a town, county or city in it (times the share, 0..1). */
const HOME_REGION_WEIGHT = 9;
const HOME_COUNTRY_WEIGHT = 2;
/** Share of the outlet's articles above which its home region alone supports a weak candidate. */
const HOME_SUPPORT_SHARE = 0.2;
/** Share of an outlet's articles in a country above which its states' names are not read as towns there. */
const HOME_BARS_TOWNS = 0.5;
/** A town within this distance of a town the outlet keeps naming gets up to HOME_NEAR_WEIGHT. */
const HOME_NEAR_KM = 50;
const HOME_NEAR_WEIGHT = 12;

const KIND_PRIOR: Record<Place['kind'], number> = { country: 14, admin1: 10, region: 9, admin2: 6, city: 0, town: 3 };

function prior(p: Place): number {
  if (p.kind === 'city') return 3 + 1.2 * Math.log10(p.population + 10);
  return KIND_PRIOR[p.kind];
}

export type ResolvedPlaces = { places: PlaceMention[]; demonyms: DemonymRelation[]; descriptions: PlaceDescription[] };

/**
 * What the resolver reads of an article before it scores, none of which depends on the outlet prior: the
 * candidates (spans with their gazetteer readings), the demonyms, the dateline's place and each candidate's
 * "City, State" qualifier. About three quarters of a resolution; `resolvePlacesFrom` scores from it.
 */
interface Collected {
  candidates: Candidate[];
  demonyms: DemonymRelation[];
  datelinePlace: Place | null;
  /** Per candidate (same order): the places of the qualifier after it ("Alexandria, La."). */
  qualifiers: Place[][];
}

function collect(text: string, mentions: readonly EntityMention[], gaz: Gazetteer, dateline: Dateline | null): Collected {
  const demonyms = findDemonyms(text);
  const candidates: Candidate[] = collectCandidates(text, mentions, gaz, dateline);
  let datelinePlace: Place | null = null;
  if (dateline?.place) datelinePlace = lookupPlaces(gaz, dateline.place).sort((a, b) => prior(b) - prior(a))[0] ?? null;
  // "Alexandria, La." / "Springfield, Illinois" / "Poti, Georgia": the second name constrains the first.
  const qualifiers = candidates.map((c) => qualifierAfter(text, c.mention.end, gaz)?.places ?? []);
  return { candidates, demonyms, datelinePlace, qualifiers };
}

/**
 * The collection of the last `resolvePlaces` call, with what it was collected from (the mentions' fields the
 * collection reads, copied), so that `placeEvidence` on the same article (the analysis thread, right after
 * `enrich`) hands it over instead of collecting again. One article: a thread analyses one at a time.
 */
let last: { text: string; mentions: (string | number | undefined)[]; dateline: string; gaz: Gazetteer; collected: Collected } | null = null;

const mentionFields = (mentions: readonly EntityMention[]): (string | number | undefined)[] => {
  const out: (string | number | undefined)[] = [];
  for (const m of mentions) out.push(m.start, m.end, m.type, m.text, m.name);
  return out;
};
const datelineKey = (d: Dateline | null): string => (d === null ? '' : `${d.start}:${d.end}:${d.place ?? ''}`);

function collectRemembered(text: string, mentions: readonly EntityMention[], gaz: Gazetteer, dateline: Dateline | null): Collected {
  const fields = mentionFields(mentions);
  const dl = datelineKey(dateline);
  const l = last;
  if (l !== null && l.gaz === gaz && l.text === text && l.dateline === dl && l.mentions.length === fields.length && l.mentions.every((v, i) => v === fields[i]))
    return l.collected;
  const collected = collect(text, mentions, gaz, dateline);
  last = { text, mentions: fields, dateline: dl, gaz, collected };
  return collected;
}

/**
 * `Collected` in plain form (structured clone: numbers and strings), for an analysis thread to hand to the ingest
 * service with the article: gazetteer rows by index, each candidate as five numbers in `spans`
 * (start, end, flags: 1 weak / 2 echo, its place count, its qualifier's place count) with its indices in
 * `places` (its places, then its qualifier's), and in `names` its text and key, each null where it is the text's
 * span / that text's placeKey.
 */
export interface PlaceEvidence {
  /** Rows of the gazetteer the indices are into, and length of the text collected from: a cheap check. */
  rows: number;
  length: number;
  demonyms: DemonymRelation[];
  /** Gazetteer row of the dateline's place, -1 for none. */
  dateline: number;
  spans: number[];
  places: number[];
  names: (string | null)[];
}

/**
 * What the resolver collects from the article (text, entity mentions, dateline), for `resolvePlacesFrom`:
 * the last `resolvePlaces` call's collection when it read the same article, else collected here. Pure in effect.
 */
export function placeEvidence(text: string, mentions: readonly EntityMention[], dateline: Dateline | null, gazetteer?: Gazetteer): PlaceEvidence {
  const gaz = gazetteer ?? defaultGazetteer();
  const c = collectRemembered(text, mentions, gaz, dateline);
  const spans: number[] = [];
  const places: number[] = [];
  const names: (string | null)[] = [];
  c.candidates.forEach((cand, i) => {
    const q = c.qualifiers[i]!;
    const m = cand.mention;
    spans.push(m.start, m.end, (cand.weak ? 1 : 0) | (cand.echo ? 2 : 0), cand.places.length, q.length);
    for (const p of cand.places) places.push(p.index);
    for (const p of q) places.push(p.index);
    const own = text.slice(m.start, m.end) === m.text;
    names.push(own ? null : m.text, cand.key === placeKey(m.text) ? null : cand.key);
  });
  return { rows: gaz.places.length, length: text.length, demonyms: c.demonyms, dateline: c.datelinePlace?.index ?? -1, spans, places, names };
}

/** `Collected` again from its plain form, or null when it does not fit the text and gazetteer. */
function unpack(text: string, e: PlaceEvidence, gaz: Gazetteer): Collected | null {
  if (e.rows !== gaz.places.length || e.length !== text.length || e.spans.length % 5 !== 0 || e.names.length * 5 !== e.spans.length * 2) return null;
  const row = (i: number): Place | null => gaz.places[i] ?? null;
  const candidates: Candidate[] = [];
  const qualifiers: Place[][] = [];
  let at = 0;
  for (let k = 0; k < e.spans.length; k += 5) {
    const start = e.spans[k]!;
    const end = e.spans[k + 1]!;
    const flags = e.spans[k + 2]!;
    const nPlaces = e.spans[k + 3]!;
    const nQualifier = e.spans[k + 4]!;
    const ps: Place[] = [];
    const qs: Place[] = [];
    for (let j = 0; j < nPlaces + nQualifier; j++) {
      const p = row(e.places[at++] ?? -1);
      if (p === null) return null;
      (j < nPlaces ? ps : qs).push(p);
    }
    const mentionText = e.names[(k / 5) * 2] ?? text.slice(start, end);
    const key = e.names[(k / 5) * 2 + 1] ?? placeKey(mentionText);
    candidates.push({ mention: { start, end, text: mentionText }, key, places: ps, ...(flags & 1 ? { weak: true } : {}), ...(flags & 2 ? { echo: true } : {}) });
    qualifiers.push(qs);
  }
  if (at !== e.places.length) return null;
  const datelinePlace = e.dateline < 0 ? null : row(e.dateline);
  if (e.dateline >= 0 && datelinePlace === null) return null;
  return { candidates, demonyms: e.demonyms, datelinePlace, qualifiers };
}

export function resolvePlaces(text: string, mentions: EntityMention[], ctx: PlaceContext): ResolvedPlaces {
  const gaz = ctx.gazetteer ?? defaultGazetteer();
  return scorePlaces(text, collectRemembered(text, mentions, gaz, ctx.dateline), ctx, gaz);
}

/**
 * `resolvePlaces` from what `placeEvidence` collected from the same article (its text; the same gazetteer):
 * only the scoring, which is where the outlet prior acts. Evidence that does not fit the text or the
 * gazetteer (another length, another row count, indices out of range) is collected again from `mentions`.
 */
export function resolvePlacesFrom(text: string, evidence: PlaceEvidence, mentions: EntityMention[], ctx: PlaceContext): ResolvedPlaces {
  const gaz = ctx.gazetteer ?? defaultGazetteer();
  const collected = unpack(text, evidence, gaz);
  return collected === null ? resolvePlaces(text, mentions, ctx) : scorePlaces(text, collected, ctx, gaz);
}

function scorePlaces(text: string, collected: Collected, ctx: PlaceContext, gaz: Gazetteer): ResolvedPlaces {
  const countries = countryTable();
  const { candidates, demonyms, datelinePlace } = collected;
  const home = ctx.regionPrior && ctx.regionPrior.size > 0 ? ctx.regionPrior : null;
  const homeShare = (region: string, own: ReadonlyMap<string, number> | undefined): number =>
    Math.max(0, (home?.get(region) ?? 0) - (own?.get(region) ?? 0));

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
  if (datelinePlace) bump(explicitWeight, datelinePlace.country, 3);
  // Names one of whose readings is a country ("Egypt", "Jordan") or a state of the outlet's home country
  // ("Kansas" in an Illinois paper). Not a region abroad: an Ohio paper's "Dublin" is its suburb, whatever
  // County Dublin is called (the home share is the one left once the name's own readings are taken off).
  const namesMajorPlace = new Set(
    candidates
      .filter((c) => c.places.some((x) => x.kind === 'country' || (x.kind === 'admin1' && homeShare(x.country, ctx.regionPriorSoleName?.get(soleNameKey(c.key))) >= HOME_BARS_TOWNS)))
      .map((c) => c.key),
  );
  // First-level regions the article names, with the names that name them: a town is not supported by
  // its own name's reading as a state ("New York" the town by "New York" the state).
  const admin1Named = new Map<string, Set<string>>();
  for (const c of candidates)
    for (const p of c.places)
      if (p.kind === 'admin1') admin1Named.set(p.region, (admin1Named.get(p.region) ?? new Set()).add(c.key));
  const regionNamedBy = (region: string, ownKey: string): boolean => {
    const keys = admin1Named.get(region);
    return keys !== undefined && (keys.size > 1 || !keys.has(ownKey));
  };

  const qualifiers = new Map<Candidate, Place[]>(candidates.map((c, i) => [c, collected.qualifiers[i]!]));

  // Per pass, what the current readings of all names say, so each score is a few map lookups.
  interface PickStats {
    picks: Map<string, Place>;
    /** country → weight of the readings in it (a country reading counts 2) */
    country: Map<string, number>;
    /** "cc.admin1" → readings (other than regions) in that first-level region */
    admin1: Map<string, number>;
    /** readings to measure distance to: at most MAX_NEIGHBOURS, so scoring stays linear */
    neighbours: [string, Place][];
  }
  const MAX_NEIGHBOURS = 200;
  // Names the tagger or a pattern found at least once; the others are weak (gazetteer-only).
  const strongKeys = new Set(candidates.filter((c) => !c.weak).map((c) => c.key));
  const statsOf = (picks: Map<string, Place>): PickStats => {
    const country = new Map<string, number>();
    const admin1 = new Map<string, number>();
    const neighbours: [string, Place][] = [];
    for (const [k, p] of picks) {
      country.set(p.country, (country.get(p.country) ?? 0) + (p.kind === 'country' ? 2 : 1));
      if (p.kind !== 'admin1') admin1.set(p.region, (admin1.get(p.region) ?? 0) + 1);
      if (p.kind !== 'country' && p.kind !== 'region' && neighbours.length < MAX_NEIGHBOURS) neighbours.push([k, p]);
    }
    return { picks, country, admin1, neighbours };
  };
  // How strongly the rest of the article points at each country, leaving out the candidate's own name.
  const countryWeight = (st: PickStats | null, ownKey: string, cc: string): number => {
    let w = explicitWeight.get(cc) ?? 0;
    if (st) {
      w += st.country.get(cc) ?? 0;
      const own = st.picks.get(ownKey);
      if (own && own.country === cc) w -= own.kind === 'country' ? 2 : 1;
    }
    return w;
  };

  const score = (c: Candidate, p: Place, st: PickStats | null): number => {
    let s = prior(p);
    // A county named without "County" ("Gwinnett") is a weaker reading than a town of that name.
    if (p.kind === 'admin2' && placeKey(p.name) !== c.key) s -= 2;
    // Capped so that a crowd of one country's places cannot turn "UK" into a Russian village.
    s += 2.5 * Math.log2(1 + Math.min(3, countryWeight(st, c.key, p.country)));
    const local = p.kind === 'city' || p.kind === 'town' || p.kind === 'admin2';
    if (local && regionNamedBy(p.region, c.key)) s += 4;
    // Local news stays in one state or province: other places the article names there support this one.
    if (st && p.admin1 !== '' && local) {
      const own = st.picks.get(c.key);
      const w = (st.admin1.get(p.region) ?? 0) - (own && own.kind !== 'admin1' && own.country === p.country && own.admin1 === p.admin1 ? 1 : 0);
      s += 2 * Math.log2(1 + Math.min(3, w));
    }
    for (const q of qualifiers.get(c) ?? []) {
      if (q.kind === 'admin1' && q.country === p.country && q.admin1 === p.admin1 && p.kind !== 'admin1') s += 15;
      if (q.kind === 'country' && q.country === p.country && p.kind !== 'country') s += 12;
    }
    // Not for a town that shares its name with a country or a home state ("Egypt", Pennsylvania): the
    // outlet's home makes a local reading likelier, not a country's name a village's.
    if (home && !(local && namesMajorPlace.has(c.key))) {
      const own = ctx.regionPriorSoleName?.get(soleNameKey(c.key));
      s += HOME_COUNTRY_WEIGHT * homeShare(p.country, own);
      if (local || p.kind === 'admin1') s += HOME_REGION_WEIGHT * homeShare(p.region, own);
    }
    if (ctx.homePoints && local) {
      const own = soleNameKey(c.key);
      let best = 0;
      for (const h of ctx.homePoints) if (h.key !== own && h.share > best && distanceKm(h, p) < HOME_NEAR_KM) best = h.share;
      s += HOME_NEAR_WEIGHT * Math.min(1, 2 * best);
    }
    if (datelinePlace && datelinePlace !== p && local) {
      const d = distanceKm(datelinePlace, p);
      if (d < 150) s += 3;
    }
    if (st) {
      let near = 0;
      for (const [key, other] of st.neighbours) {
        if (key === c.key) continue;
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

  // One reading per name; a name's first few occurrences are enough to score it.
  const byName = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const l = byName.get(c.key) ?? [];
    if (l.length < 5) l.push(c);
    byName.set(c.key, l);
  }
  const choose = (st: PickStats | null): Map<string, Place> => {
    const out = new Map<string, Place>();
    for (const [key, cs] of byName) {
      let best: Place | null = null;
      let bestScore = -Infinity;
      for (const c of cs)
        for (const p of c.places) {
          const sc = score(c, p, st);
          if (sc > bestScore) [best, bestScore] = [p, sc];
        }
      if (best) out.set(key, best);
    }
    return out;
  };
  let picks = choose(null);
  for (let pass = 0; pass < 3; pass++) picks = choose(statsOf(picks));
  const finalStats = statsOf(picks);

  // A small town abroad that nothing else in the article points to is more likely a misread name
  // ("Obama" the Japanese town in a story about the president) than a place: leave it out.
  const unsupported = (c: Candidate, p: Place): boolean => {
    if ((p.kind !== 'city' && p.kind !== 'town') || p.population >= 50_000) return false;
    let others = 0;
    for (const [cc, w] of finalStats.country) if (cc !== '') others += w;
    others -= p.kind === 'city' || p.kind === 'town' ? 1 : 0;
    if (others <= 0 || countryWeight(finalStats, c.key, p.country) > 0 || (home?.get(p.country) ?? 0) >= 0.5) return false;
    return (qualifiers.get(c) ?? []).length === 0;
  };
  // A weak candidate stays only where the article puts its reading on the map: a "City, State" pair,
  // the dateline nearby, the state it lies in named, or another place the article names close by.
  const SUPPORT_KM = 60;
  const supportedWeak = (c: Candidate, p: Place): boolean => {
    if (strongKeys.has(c.key)) return true;
    // A city of some size in a country the article names otherwise ("Sochi" the tagger took for a person).
    if (p.kind === 'city' && p.population >= 100_000 && countryWeight(finalStats, c.key, p.country) > 0) return true;
    for (const q of qualifiers.get(c) ?? []) if (q.country === p.country && (q.kind === 'country' || q.admin1 === p.admin1)) return true;
    if (home && p.admin1 !== '' && (home.get(p.region) ?? 0) >= HOME_SUPPORT_SHARE) return true;
    if (datelinePlace && datelinePlace !== p && (distanceKm(datelinePlace, p) < 100 || (datelinePlace.kind === 'admin1' && datelinePlace.country === p.country && datelinePlace.admin1 === p.admin1))) return true;
    for (const [key, other] of picks) {
      if (key === c.key || !strongKeys.has(key)) continue;
      if (other.kind === 'admin1') {
        if (other.country === p.country && other.admin1 === p.admin1) return true;
      } else if (other.kind !== 'country' && other.kind !== 'region' && distanceKm(other, p) < SUPPORT_KM) return true;
    }
    return false;
  };
  const kept = (c: Candidate, p: Place): boolean => !unsupported(c, p) && (!c.weak || supportedWeak(c, p));
  const keptKeys = new Set<string>();
  for (const c of candidates) {
    const p = picks.get(c.key);
    if (p && !c.echo && kept(c, p)) keptKeys.add(c.key);
  }
  const resolved: ResolvedPlace[] = [];
  for (const c of candidates) {
    const p = picks.get(c.key);
    if (!p || (c.echo ? !keptKeys.has(c.key) : !kept(c, p))) continue;
    resolved.push({ place: p, mention: {
      start: c.mention.start,
      end: c.mention.end,
      text: c.mention.text,
      name: p.name,
      lat: p.lat,
      lon: p.lon,
      country: countries.byCode.get(p.country)?.name ?? (p.country === '' ? null : p.country),
      region: p.kind === 'admin1' || p.admin1 === '' ? null : gaz.admin1Names[p.region] ?? null,
      geonameId: p.geonameId,
    } });
  }
  resolved.sort((a, b) => a.mention.start - b.mention.start);
  const places = resolved.map((r) => r.mention);
  // "Armenia's southernmost region" → the region the article names: an alias, with its evidence.
  const descriptions = linkPlaceDescriptions(text, resolved, gaz);
  return { places, demonyms: demonyms.slice(), descriptions };
}
