/**
 * An outlet's home ground, learnt from the places its articles name: local
 * papers keep naming places in one state or province, and that is the best
 * evidence for an ambiguous "Decatur" or "Paris" in their next article.
 * The profile feeds PlaceContext.regionPrior.
 */
import type { PlaceMention } from '../../model/types.js';
import { countryTable } from './country-table.js';
import { defaultGazetteer, type Gazetteer } from './gazetteer.js';

/** Fewer articles than this say too little about an outlet: no profile. */
export const MIN_PROFILE_ARTICLES = 3;

/**
 * Share of the articles that name a place in each country ("US") and first-level region ("US.GA").
 * Each article counts once per region, however often it names places there.
 */
export function outletRegionProfile(articles: readonly (readonly PlaceMention[])[], gaz: Gazetteer = defaultGazetteer()): Map<string, number> {
  const out = new Map<string, number>();
  if (articles.length < MIN_PROFILE_ARTICLES) return out;
  const countries = countryTable();
  const regionCode = new Map<string, string>();
  for (const [code, name] of Object.entries(gaz.admin1Names)) regionCode.set(`${code.slice(0, code.indexOf('.'))}|${name}`, code);
  for (const places of articles) {
    const keys = new Set<string>();
    for (const p of places) {
      const cc = p.country === null ? undefined : countries.byName.get(p.country.toLowerCase())?.code;
      if (cc === undefined) continue;
      keys.add(cc);
      // A town's region, or the region itself (which carries no region of its own).
      const region = regionCode.get(`${cc}|${p.region ?? p.name}`);
      if (region !== undefined) keys.add(region);
    }
    for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
  }
  for (const [k, v] of out) out.set(k, v / articles.length);
  return out;
}
