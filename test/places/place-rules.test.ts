import { describe, expect, it } from 'vitest';
import { recognizeEntities } from '../../src/enrich/entities/entity-recognizer.js';
import { findDemonyms, resolvePlaces } from '../../src/enrich/places/place-resolver.js';
import { regionDemonymBases } from '../../src/enrich/places/place-candidates.js';
import { outletProfile } from '../../src/enrich/places/outlet-profile.js';
import { splitSentences } from '../../src/enrich/sentences/sentence-splitter.js';
import { defaultGazetteer, lookupPlaces } from '../../src/enrich/places/gazetteer.js';
import type { PlaceMention } from '../../src/model/types.js';

function places(text: string) {
  const { mentions } = recognizeEntities(text, splitSentences(text));
  return resolvePlaces(text, mentions, { dateline: null }).places;
}

describe('place rules', () => {
  it('reads the people of a state or region as that region', () => {
    expect(regionDemonymBases('Ohioans')).toContain('Ohio');
    expect(regionDemonymBases('Texan')).toContain('Texas');
    const p = places('Many Ohioans and a few Minnesotans drove to the rally, organisers said.');
    expect(p.find((x) => x.text === 'Ohioans')?.name).toBe('Ohio');
    expect(p.find((x) => x.text === 'Minnesotans')?.name).toBe('Minnesota');
  });

  it('gives each country of a compound demonym its own span', () => {
    const d = findDemonyms('A Russian-American crew lifted off.');
    expect(d.map((x) => [x.text, x.country])).toEqual([['Russian', 'Russia'], ['American', 'United States']]);
  });

  it("reads a legislator's state tag with a spaced abbreviation", () => {
    const p = places('Rep. Nick Rahall, D-W. Va., chairman of the committee, spoke first.');
    expect(p.find((x) => x.text === 'W. Va.')?.name).toBe('West Virginia');
    expect(p.some((x) => x.name === 'Virginia')).toBe(false);
  });

  it('finds a republic under its own name', () => {
    expect(lookupPlaces(defaultGazetteer(), 'Dagestan').some((p) => p.kind === 'admin1' && p.country === 'RU')).toBe(true);
  });

  it('knows post-office villages the city lists lack', () => {
    const p = places('The fire in Harwinton, Conn., was put out by noon.');
    expect(p.find((x) => x.text === 'Harwinton')?.region).toBe('Connecticut');
  });

  it("does not let a name's own earlier readings make a home region", () => {
    const dublinIreland: PlaceMention = { start: 0, end: 6, text: 'Dublin', name: 'Dublin', lat: 53.3, lon: -6.2, country: 'Ireland', region: 'Leinster', geonameId: null };
    const columbus: PlaceMention = { start: 0, end: 8, text: 'Columbus', name: 'Columbus', lat: 39.96, lon: -83, country: 'United States', region: 'Ohio', geonameId: null };
    const p = outletProfile([[dublinIreland], [dublinIreland, columbus], [columbus]]);
    expect(p.regionPrior.get('IE')).toBeCloseTo(2 / 3);
    // Ireland rests on "Dublin" alone in both articles that name it.
    expect(p.soleName.get('dublin')?.get('IE')).toBeCloseTo(2 / 3);
    expect(p.soleName.get('columbus')?.get('US.OH')).toBeCloseTo(2 / 3);
    expect(p.soleName.get('dublin')?.has('US')).toBe(false);
    // The outlet's beat: towns named in two articles or more.
    expect(p.homePoints.map((h) => h.key).sort()).toEqual(['columbus', 'dublin']);
    expect(p.homePoints.every((h) => Math.abs(h.share - 2 / 3) < 1e-9)).toBe(true);
    expect(outletProfile([[dublinIreland], [columbus], [columbus]]).homePoints.map((h) => h.key)).toEqual(['columbus']);
  });

  it('prefers the town near the outlet\'s beat', () => {
    const at = (text: string, name: string, lat: number, lon: number, region: string): PlaceMention => ({ start: 0, end: text.length, text, name, lat, lon, country: 'United States', region, geonameId: null });
    // A paper that keeps naming Oxford and Hamilton, Ohio: its "Trenton" is the Ohio one, 20 km away.
    const oxford = at('Oxford', 'Oxford', 39.507, -84.745, 'Ohio');
    const hamilton = at('Hamilton', 'Hamilton', 39.4, -84.56, 'Ohio');
    const p = outletProfile([[oxford, hamilton], [oxford], [hamilton], [oxford]]);
    const text = 'The council in Trenton met on Monday.';
    const { mentions } = recognizeEntities(text, splitSentences(text));
    const got = resolvePlaces(text, mentions, { dateline: null, regionPrior: p.regionPrior, regionPriorSoleName: p.soleName, homePoints: p.homePoints }).places;
    expect(got.find((x) => x.text === 'Trenton')?.region).toBe('Ohio');
    expect(places(text).find((x) => x.text === 'Trenton')?.region).not.toBe('Ohio');
  });
});
