/**
 * The place table the resolver searches: rows built by
 * scripts/build-gazetteer.ts into models/gazetteer.json.gz, indexed here by a
 * normalised name key.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { boundedMemo } from '../../util/bounded-memo.js';
import { countryTable } from './country-table.js';

export const GAZETTEER_FORMAT = 'storyline-gazetteer-1';

export type PlaceKind = 'country' | 'admin1' | 'admin2' | 'city' | 'town' | 'region';

export interface GazetteerFile {
  format: string;
  sources: string;
  /** "US.LA" → "Louisiana" */
  admin1Names: Record<string, string>;
  /** Columnar rows; id 0 = no GeoNames id. */
  places: { id: number[]; name: string[]; cc: string[]; a1: string[]; kind: PlaceKind[]; pop: number[]; lat: number[]; lon: number[] };
}

export interface Place {
  index: number;
  geonameId: number | null;
  name: string;
  country: string;
  admin1: string;
  /** `${country}.${admin1}` ("US.LA"), the key of the first-level region the place lies in */
  region: string;
  kind: PlaceKind;
  population: number;
  lat: number;
  lon: number;
}

export interface Gazetteer {
  places: Place[];
  byKey: Map<string, number[]>;
  /** "US.LA" → the Louisiana row */
  admin1ByCode: Map<string, Place>;
  admin1Names: Record<string, string>;
}

const ADMIN_SUFFIX = /\s+(province|region|oblast|district|governorate|state|prefecture|department|marz|krai|republic|autonomous republic|county|parish|borough)$/u;

/** Name key: no accents or apostrophes, lower case, hyphens as spaces, common abbreviations spelled out. */
export function placeKey(name: string): string {
  // Articles ask for the same few thousand names over and over: remember the keys (bounded, so hostile
  // text with endless distinct names only starts the memory over).
  return memoKey(name);
}

const KEY_MEMO_MAX = 50_000;
const memoKey = boundedMemo((name: string) => computePlaceKey(name), KEY_MEMO_MAX);

/** Letters A–Z and single spaces between words: names whose key is only a matter of case and prefixes. */
const PLAIN_NAME = /^[A-Za-z]+(?: [A-Za-z]+)*$/;

function computePlaceKey(name: string): string {
  if (!PLAIN_NAME.test(name)) return placeKeyByRules(name);
  // The rules below, as they act on such a name: lower case, then each prefix rule once, in order.
  let k = name.toLowerCase();
  if (k.startsWith('the ')) k = k.slice(4);
  if (k.startsWith('st ')) k = 'saint ' + k.slice(3);
  if (k.startsWith('ft ')) k = 'fort ' + k.slice(3);
  if (k.startsWith('mt ')) k = 'mount ' + k.slice(3);
  return k;
}

/** The key rules in full (placeKey gives the same answer, by a shortcut for plain names). */
export function placeKeyByRules(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[’'ʼ‘`]/g, '')
    .toLowerCase()
    .replace(/[-–]/g, ' ')
    .replace(/^the\s+/u, '')
    .replace(/^st\.?\s+/u, 'saint ')
    .replace(/^ft\.?\s+/u, 'fort ')
    .replace(/^mt\.?\s+/u, 'mount ')
    .replace(/\./g, '')
    .replace(/,/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Syunik Province" → "syunik"; the bare form also names the region. */
export function bareAdminKey(key: string): string {
  return key.replace(ADMIN_SUFFIX, '');
}

export function gazetteerFromFile(file: GazetteerFile): Gazetteer {
  if (file.format !== GAZETTEER_FORMAT) throw new Error(`gazetteer format ${file.format}; run scripts/build-gazetteer.ts`);
  const p = file.places;
  // One string per region, shared by its places.
  const regions = new Map<string, string>();
  const regionOf = (cc: string, a1: string): string => {
    const k = `${cc}.${a1}`;
    let r = regions.get(k);
    if (r === undefined) regions.set(k, (r = k));
    return r;
  };
  const places: Place[] = p.name.map((name, i) => ({
    index: i,
    geonameId: p.id[i] === 0 ? null : p.id[i]!,
    name,
    country: p.cc[i]!,
    admin1: p.a1[i]!,
    region: regionOf(p.cc[i]!, p.a1[i]!),
    kind: p.kind[i]!,
    population: p.pop[i]!,
    lat: p.lat[i]!,
    lon: p.lon[i]!,
  }));
  const byKey = new Map<string, number[]>();
  const add = (key: string, i: number): void => {
    if (key === '') return;
    const l = byKey.get(key);
    if (l === undefined) byKey.set(key, [i]);
    else if (!l.includes(i)) l.push(i);
  };
  const countries = countryTable();
  for (const pl of places) {
    const k = computePlaceKey(pl.name);
    add(k, pl.index);
    if (pl.kind === 'admin1' || pl.kind === 'admin2') add(bareAdminKey(k), pl.index);
    // "Republic of Dagestan", "Autonomous Republic of Abkhazia": the region's own name.
    const of = pl.kind === 'admin1' ? /^(?:autonomous )?(?:republic|province|state|region|territory) of (.+)$/u.exec(k) : null;
    if (of) add(of[1]!, pl.index);
    // "Washington, D.C." is also plain "Washington".
    const comma = pl.name.indexOf(',');
    if (comma > 0 && pl.population >= 10_000) add(computePlaceKey(pl.name.slice(0, comma)), pl.index);
    if (pl.kind === 'country') for (const n of countries.byCode.get(pl.country)?.names ?? []) add(placeKey(n), pl.index);
  }
  const admin1ByCode = new Map<string, Place>();
  for (const pl of places) if (pl.kind === 'admin1' && !admin1ByCode.has(pl.region)) admin1ByCode.set(pl.region, pl);
  return { places, byKey, admin1ByCode, admin1Names: file.admin1Names };
}

export const DEFAULT_GAZETTEER_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../models/gazetteer.json.gz');

let cached: Gazetteer | null = null;
/** The shipped gazetteer, read once on first use (an immutable value after that). */
export function defaultGazetteer(): Gazetteer {
  cached ??= gazetteerFromFile(JSON.parse(gunzipSync(readFileSync(DEFAULT_GAZETTEER_PATH)).toString('utf8')) as GazetteerFile);
  return cached;
}

/**
 * Every entry a name may denote (a new array each call). Articles ask for the same names again and
 * again, so answers are remembered per gazetteer (bounded; the gazetteer is an immutable value).
 */
export function lookupPlaces(gaz: Gazetteer, name: string): Place[] {
  let lookup = lookupMemos.get(gaz);
  if (lookup === undefined) {
    lookup = boundedMemo((n: string): readonly Place[] => lookupUncached(gaz, n), LOOKUP_MEMO_MAX);
    lookupMemos.set(gaz, lookup);
  }
  return lookup(name).slice();
}

const LOOKUP_MEMO_MAX = 50_000;
const lookupMemos = new WeakMap<Gazetteer, (name: string) => readonly Place[]>();

function lookupUncached(gaz: Gazetteer, name: string): Place[] {
  const k = placeKey(name);
  const exact = gaz.byKey.get(k);
  if (exact) return exact.map((i) => gaz.places[i]!);
  // "Syunik Region" → Syunik: a suffix may only be dropped to reach a region, never a town ("Justice Department").
  return (gaz.byKey.get(bareAdminKey(k)) ?? []).map((i) => gaz.places[i]!).filter((p) => p.kind === 'admin1' || p.kind === 'admin2' || p.kind === 'region');
}

export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const r = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * r) / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lon - a.lon) * r) / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(Math.min(1, h)));
}
