import { describe, expect, it } from 'vitest';
import { defaultGazetteer, placeKey, placeKeyByRules } from '../../src/enrich/places/gazetteer.js';
import { countryTable } from '../../src/enrich/places/country-table.js';

// placeKey takes a shortcut for names of plain letters and single spaces (and remembers its answers):
// it must give exactly what the full rules give.
describe('placeKey', () => {
  it('gives the rules’ key for tricky names', () => {
    const names = [
      'The St Louis', 'St Louis', 'St. Louis', 'ST LOUIS', 'the', 'The', 'The Hague', 'THE HAGUE', 'Mt Vernon', 'Ft Worth',
      'Mt', 'St', 'St Ft Mt X', 'The Mt Hood', 'O’Neill', "Coeur d'Alene", 'São Paulo', 'Winston-Salem', 'A  B', ' Lead',
      'Trail ', 'Washington, D.C.', 'Xinjiang Uyghur', 'Ɓ', 'x', '', 'Saint Paul', 'theodore', 'Thetford', 'Stowe', 'Mtwara',
    ];
    for (const n of names) expect(placeKey(n), n).toBe(placeKeyByRules(n));
  });

  it('gives the rules’ key for every gazetteer name and every country name', () => {
    const names = [...defaultGazetteer().places.map((p) => p.name), ...countryTable().all.flatMap((c) => [...c.names, ...c.demonyms])];
    let differ = 0;
    for (const n of names) if (placeKey(n) !== placeKeyByRules(n)) differ++;
    expect(names.length).toBeGreaterThan(100_000);
    expect(differ).toBe(0);
  });
});
