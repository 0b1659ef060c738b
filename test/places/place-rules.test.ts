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
  });
});
