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
];
