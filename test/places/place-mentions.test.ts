import { describe, expect, it } from 'vitest';
import { recognizeEntities } from '../../src/enrich/entities/entity-recognizer.js';
import { outletRegionProfile } from '../../src/enrich/places/outlet-profile.js';
import { resolvePlaces, type PlaceContext } from '../../src/enrich/places/place-resolver.js';
import { splitSentences } from '../../src/enrich/sentences/sentence-splitter.js';
import type { EntityMention } from '../../src/model/types.js';

function places(text: string, ctx: Partial<PlaceContext> = {}) {
  const { mentions } = recognizeEntities(text, splitSentences(text));
  return resolvePlaces(text, mentions, { dateline: null, ...ctx }).places;
}
const person = (text: string, start: number, name = text): EntityMention => ({ start, end: start + text.length, text, type: 'PERSON', entityId: 'p', name });

describe('gazetteer-backed place mentions', () => {
  it('reads state abbreviations and postal codes after a town', () => {
    const a = places('The pastor was buried in Lumpkin, Ga. on Saturday.');
    expect(a.find((p) => p.text === 'Lumpkin')?.region).toBe('Georgia');
    const b = places('She moved to Macon, GA after college.');
    expect(b.find((p) => p.text === 'Macon')?.region).toBe('Georgia');
  });

  it("keeps a town the tagger took for a person only where the article supports it", () => {
    const text = 'Hanover police closed the road to Nashua, New Hampshire.';
    // Supported: Nashua, New Hampshire is named, and Hanover, N.H. lies in that state.
    const r = resolvePlaces(text, [person('Hanover', 0)], { dateline: null });
    expect(r.places.find((p) => p.text === 'Hanover')?.region).toBe('New Hampshire');
    // Unsupported: nothing else places the article anywhere.
    expect(resolvePlaces('Hanover police closed the road.', [person('Hanover', 0)], { dateline: null }).places).toEqual([]);
    // A surname tied to a full name is never a town, even next to a state that has one.
    const t2 = 'Officers in New Hampshire spoke of Hanover and his appointment.';
    expect(resolvePlaces(t2, [person('Hanover', 35, 'Tom Hanover')], { dateline: null }).places.some((p) => p.text === 'Hanover')).toBe(false);
  });

  it("finds legislators' hometowns and counties in party tags", () => {
    const text = 'Delegates Ann Moye, D-Raleigh, and Tim Webb, R-Kanawha, met in Charleston, W.Va. on Monday.';
    const r = places(text);
    expect(r.find((p) => p.text === 'Raleigh')?.region).toBe('West Virginia');
    expect(r.find((p) => p.text === 'Kanawha')?.name).toBe('Kanawha County');
  });

  it('extends a name the tagger cut short', () => {
    const r = resolvePlaces('Police in Yellow Springs and Xenia, Ohio, arrested two men.', [
      { start: 17, end: 24, text: 'Springs', type: 'LOC', entityId: 'l', name: 'Springs' },
      { start: 29, end: 34, text: 'Xenia', type: 'LOC', entityId: 'x', name: 'Xenia' },
    ], { dateline: null });
    expect(r.places.find((p) => p.text === 'Yellow Springs')?.region).toBe('Ohio');
  });

  it('uses the outlet profile to choose among namesakes', () => {
    const text = 'Decatur city officials scheduled two meetings on school crowding.';
    const georgia = new Map([['US', 1], ['US.GA', 0.8]]);
    const illinois = new Map([['US', 1], ['US.IL', 0.8]]);
    expect(places(text, { regionPrior: georgia }).find((p) => p.text === 'Decatur')?.region).toBe('Georgia');
    expect(places(text, { regionPrior: illinois }).find((p) => p.text === 'Decatur')?.region).toBe('Illinois');
    // A country keeps its name whatever the outlet's home: Egypt is not Egypt, Pennsylvania.
    expect(places('Egypt closed its border on Monday.', { regionPrior: new Map([['US', 1], ['US.PA', 1]]) })[0]?.country).toBe('Egypt');
  });

  it('builds the outlet profile from the places its articles name', () => {
    const arts = [
      places('Police in Athens and Gainesville, Georgia, made arrests.'),
      places('The Atlanta school board met on Monday.'),
      places('Savannah, Ga. will host the fair.'),
    ];
    const profile = outletRegionProfile(arts);
    expect(profile.get('US')).toBe(1);
    expect(profile.get('US.GA')).toBe(1);
    expect(outletRegionProfile(arts.slice(0, 2)).size).toBe(0);
  });
});
