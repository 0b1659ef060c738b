/**
 * An outlet's home ground, learnt from the places its articles name: local
 * papers keep naming places in one state or province, and that is the best
 * evidence for an ambiguous "Decatur" or "Paris" in their next article.
 * The profile feeds PlaceContext.regionPrior (and regionPriorSoleName).
 */
import type { PlaceMention } from '../../model/types.js';
import { countryTable } from './country-table.js';
import { defaultGazetteer, placeKey, type Gazetteer } from './gazetteer.js';

/** At most this many home points per outlet (the most often named), so scoring stays cheap. */
const MAX_HOME_POINTS = 40;

/** What the profile reads of a place mention. */
export type ProfilePlace = Pick<PlaceMention, 'text' | 'name' | 'country' | 'region' | 'lat' | 'lon'>;

/** Fewer articles than this say too little about an outlet: no profile. */
export const MIN_PROFILE_ARTICLES = 3;

export interface OutletProfile {
  /** "US" / "US.GA" → share of the articles that name a place there (0..1). */
  regionPrior: Map<string, number>;
  /**
   * Name key → region → share of the articles in which that name was the ONLY one to put the article
   * in the region. A name's own earlier readings are no evidence for its next one: "Dublin" read as
   * Ireland in five articles of an Ohio paper must not make Ireland that paper's home.
   */
  soleName: Map<string, Map<string, number>>;
  /**
   * Towns and cities the outlet keeps naming (in at least two articles), with the share of its articles
   * that name each: a local paper's beat. A town near them is likelier than one elsewhere in the state.
   */
  homePoints: HomePoint[];
}

export interface HomePoint {
  /** Name key (soleNameKey) of the place, so a name's own readings never support it. */
  key: string;
  lat: number;
  lon: number;
  share: number;
}

/** One name however it is written: "Dublin City" and "Dublin" are one name here. */
export function soleNameKey(key: string): string {
  return key.replace(/ (?:city|town|township|village|county|parish|borough)$/u, '');
}

/** The key a place mention's name is read under (as the resolver keys candidates, folded by soleNameKey). */
export function mentionKey(p: Pick<PlaceMention, 'text'>): string {
  return soleNameKey(placeKey(p.text.replace(/[’']s$/u, '')));
}

/**
 * What one article adds to its outlet's profile: each region it names a place in (country "US", first-level
 * region "US.GA"), with the name key when that name alone put it there, and the towns it names (once each).
 * Computed once per article, so profiles over many subsets of an outlet's articles (the streamed history,
 * the leave-one-out settle) only add these up.
 */
export interface ProfileContribution {
  regions: { region: string; soleKey: string | null }[];
  points: { id: string; key: string; lat: number; lon: number }[];
}

/** "US|Georgia" → "US.GA", per gazetteer (built once: the admin1 table has thousands of rows). */
const regionCodes = new WeakMap<Gazetteer, Map<string, string>>();
function regionCodeOf(gaz: Gazetteer): Map<string, string> {
  let m = regionCodes.get(gaz);
  if (m === undefined) {
    m = new Map<string, string>();
    for (const [code, name] of Object.entries(gaz.admin1Names)) m.set(`${code.slice(0, code.indexOf('.'))}|${name}`, code);
    regionCodes.set(gaz, m);
  }
  return m;
}

export function profileContribution(places: readonly ProfilePlace[], gaz: Gazetteer = defaultGazetteer()): ProfileContribution {
  const countries = countryTable();
  const regionCode = regionCodeOf(gaz);
  // region → the names that put this article there
  const names = new Map<string, Set<string>>();
  const points: ProfileContribution['points'] = [];
  const seenHere = new Set<string>();
  for (const p of places) {
    const cc = p.country === null ? undefined : countries.byName.get(p.country.toLowerCase())?.code;
    if (cc === undefined) continue;
    const key = mentionKey(p);
    // A town's region, or the region itself (which carries no region of its own).
    const region = regionCode.get(`${cc}|${p.region ?? p.name}`);
    for (const r of region === undefined ? [cc] : [cc, region]) names.set(r, (names.get(r) ?? new Set<string>()).add(key));
    // Towns only: a region's or country's point says nothing about a beat.
    if (region !== undefined && p.region !== null && p.region !== undefined) {
      const id = `${key}|${p.lat.toFixed(2)}|${p.lon.toFixed(2)}`;
      if (!seenHere.has(id)) {
        seenHere.add(id);
        points.push({ id, key, lat: p.lat, lon: p.lon });
      }
    }
  }
  const regions = [...names].map(([region, keys]) => ({ region, soleKey: keys.size === 1 ? ([...keys][0] ?? null) : null }));
  return { regions, points };
}

/**
 * Share of the articles that name a place in each country ("US") and first-level region ("US.GA").
 * Each article counts once per region, however often it names places there.
 */
export function outletProfile(articles: readonly (readonly ProfilePlace[])[], gaz: Gazetteer = defaultGazetteer()): OutletProfile {
  if (articles.length < MIN_PROFILE_ARTICLES) return { regionPrior: new Map(), soleName: new Map(), homePoints: [] };
  return profileOf(articles.map((a) => profileContribution(a, gaz)));
}

/** The profile of the articles whose contributions are given (in article order, which breaks ties between home points). */
export function profileOf(contributions: readonly ProfileContribution[]): OutletProfile {
  const regionPrior = new Map<string, number>();
  const soleName = new Map<string, Map<string, number>>();
  const points = new Map<string, HomePoint & { n: number }>();
  if (contributions.length < MIN_PROFILE_ARTICLES) return { regionPrior, soleName, homePoints: [] };
  for (const c of contributions) {
    for (const { id, key, lat, lon } of c.points) {
      const pt = points.get(id) ?? { key, lat, lon, share: 0, n: 0 };
      pt.n++;
      points.set(id, pt);
    }
    for (const { region, soleKey } of c.regions) {
      regionPrior.set(region, (regionPrior.get(region) ?? 0) + 1);
      if (soleKey === null) continue;
      const m = soleName.get(soleKey) ?? new Map<string, number>();
      m.set(region, (m.get(region) ?? 0) + 1);
      soleName.set(soleKey, m);
    }
  }
  const n = contributions.length;
  for (const [k, v] of regionPrior) regionPrior.set(k, v / n);
  for (const m of soleName.values()) for (const [k, v] of m) m.set(k, v / n);
  const homePoints = [...points.values()]
    .filter((p) => p.n >= 2)
    .sort((a, b) => b.n - a.n)
    .slice(0, MAX_HOME_POINTS)
    .map(({ key, lat, lon, n: count }) => ({ key, lat, lon, share: count / n }));
  return { regionPrior, soleName, homePoints };
}

/** The region prior alone (see outletProfile). */
export function outletRegionProfile(articles: readonly (readonly ProfilePlace[])[], gaz: Gazetteer = defaultGazetteer()): Map<string, number> {
  return outletProfile(articles, gaz).regionPrior;
}
