import type { PlaceKind } from './gazetteer.js';

/**
 * Places the GeoNames-derived packages lack (villages under 1,000 people,
 * disputed regions, macro-regions) that the project's own corpus names.
 * Coordinates are approximate centres, good to a few kilometres.
 */
export interface SupplementPlace {
  name: string;
  country: string;
  admin1: string;
  kind: PlaceKind;
  population: number;
  lat: number;
  lon: number;
  geonameId: number | null;
}

export const SUPPLEMENT_PLACES: readonly SupplementPlace[] = [
  { name: 'Sotk', country: 'AM', admin1: 'GR', kind: 'town', population: 0, lat: 40.2, lon: 45.95, geonameId: null },
  { name: 'Nagorno-Karabakh', country: 'AZ', admin1: '', kind: 'region', population: 0, lat: 39.83, lon: 46.75, geonameId: null },
  { name: 'Karabakh', country: 'AZ', admin1: '', kind: 'region', population: 0, lat: 39.83, lon: 46.75, geonameId: null },
  { name: 'Stepanakert', country: 'AZ', admin1: '', kind: 'city', population: 55000, lat: 39.8153, lon: 46.7519, geonameId: null },
  { name: 'Khankendi', country: 'AZ', admin1: '', kind: 'city', population: 55000, lat: 39.8153, lon: 46.7519, geonameId: null },
  { name: 'Lachin corridor', country: 'AZ', admin1: '', kind: 'region', population: 0, lat: 39.63, lon: 46.55, geonameId: null },
  { name: 'South Caucasus', country: '', admin1: '', kind: 'region', population: 0, lat: 41.0, lon: 45.0, geonameId: null },
  { name: 'Transcaucasia', country: '', admin1: '', kind: 'region', population: 0, lat: 41.0, lon: 45.0, geonameId: null },
  { name: 'Caucasus', country: '', admin1: '', kind: 'region', population: 0, lat: 42.5, lon: 44.5, geonameId: null },
  // Territories and macro-regions news names as places, which the city and region lists lack.
  { name: 'West Bank', country: 'PS', admin1: '', kind: 'region', population: 0, lat: 32.0, lon: 35.25, geonameId: null },
  { name: 'Gaza Strip', country: 'PS', admin1: '', kind: 'region', population: 0, lat: 31.42, lon: 34.36, geonameId: null },
  { name: 'Gaza', country: 'PS', admin1: '', kind: 'region', population: 0, lat: 31.42, lon: 34.36, geonameId: null },
  { name: 'South Ossetia', country: 'GE', admin1: '', kind: 'region', population: 0, lat: 42.33, lon: 44.0, geonameId: null },
  { name: 'Abkhazia', country: 'GE', admin1: '', kind: 'region', population: 0, lat: 43.0, lon: 41.0, geonameId: null },
  { name: 'Crimea', country: 'UA', admin1: '', kind: 'region', population: 0, lat: 45.0, lon: 34.0, geonameId: null },
  { name: 'Donbas', country: 'UA', admin1: '', kind: 'region', population: 0, lat: 48.0, lon: 38.5, geonameId: null },
  { name: 'Darfur', country: 'SD', admin1: '', kind: 'region', population: 0, lat: 13.5, lon: 24.0, geonameId: null },
  { name: 'Kashmir', country: 'IN', admin1: '', kind: 'region', population: 0, lat: 34.5, lon: 76.0, geonameId: null },
  { name: 'Middle East', country: '', admin1: '', kind: 'region', population: 0, lat: 29.0, lon: 42.0, geonameId: null },
  { name: 'Europe', country: '', admin1: '', kind: 'region', population: 0, lat: 48.7, lon: 9.1, geonameId: 6255148 },
  { name: 'Asia', country: '', admin1: '', kind: 'region', population: 0, lat: 29.8, lon: 89.3, geonameId: 6255147 },
  { name: 'Africa', country: '', admin1: '', kind: 'region', population: 0, lat: 7.2, lon: 21.1, geonameId: 6255146 },
  { name: 'North America', country: '', admin1: '', kind: 'region', population: 0, lat: 46.1, lon: -100.5, geonameId: 6255149 },
  { name: 'South America', country: '', admin1: '', kind: 'region', population: 0, lat: -14.6, lon: -57.7, geonameId: 6255150 },
  // The European Union at its seat, Brussels (where GeoNames puts it).
  { name: 'European Union', country: '', admin1: '', kind: 'region', population: 0, lat: 50.8386, lon: 4.376, geonameId: null },
  { name: 'EU', country: '', admin1: '', kind: 'region', population: 0, lat: 50.8386, lon: 4.376, geonameId: null },
  { name: 'England', country: 'GB', admin1: '', kind: 'region', population: 0, lat: 52.5, lon: -1.5, geonameId: null },
  { name: 'Scotland', country: 'GB', admin1: '', kind: 'region', population: 0, lat: 56.5, lon: -4.2, geonameId: null },
  { name: 'Wales', country: 'GB', admin1: '', kind: 'region', population: 0, lat: 52.3, lon: -3.7, geonameId: null },
  { name: 'Northern Ireland', country: 'GB', admin1: '', kind: 'region', population: 0, lat: 54.6, lon: -6.7, geonameId: null },
  // Seats of power that news names like places (and that share names with small towns elsewhere).
  { name: 'White House', country: 'US', admin1: 'DC', kind: 'region', population: 0, lat: 38.8977, lon: -77.0365, geonameId: null },
  { name: 'Capitol Hill', country: 'US', admin1: 'DC', kind: 'region', population: 0, lat: 38.8899, lon: -77.009, geonameId: null },
  { name: 'Pentagon', country: 'US', admin1: 'VA', kind: 'region', population: 0, lat: 38.8719, lon: -77.0563, geonameId: null },
  { name: 'Kremlin', country: 'RU', admin1: '', kind: 'region', population: 0, lat: 55.752, lon: 37.6175, geonameId: null },
  { name: 'Latin America', country: '', admin1: '', kind: 'region', population: 0, lat: -8.0, lon: -65.0, geonameId: null },
];
