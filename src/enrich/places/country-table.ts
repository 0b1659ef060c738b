/**
 * Countries, their names, and demonyms ("Armenian" → Armenia), from the
 * `world-countries` package. Read once, then used as a constant.
 */
import { createRequire } from 'node:module';

export interface CountryInfo {
  /** ISO 3166-1 alpha-2 */
  code: string;
  name: string;
  names: string[];
  demonyms: string[];
  lat: number;
  lon: number;
  capital: string | null;
  independent: boolean;
}

interface WorldCountry {
  cca2: string;
  name: { common: string; official: string };
  altSpellings: string[];
  demonyms?: { eng?: { m: string; f: string } };
  latlng: [number, number];
  capital?: string[];
  independent?: boolean;
}

/** Names news uses that the package does not list. */
const EXTRA_NAMES: Record<string, string[]> = {
  US: ['U.S.', 'U.S.A.', 'America', 'the United States', 'US'],
  GB: ['U.K.', 'Britain', 'UK'],
  RU: ['Russian Federation'],
  CZ: ['Czech Republic'],
  KR: ['South Korea'],
  KP: ['North Korea'],
  CD: ['Congo', 'DR Congo', 'DRC'],
  CI: ['Ivory Coast'],
  MM: ['Burma'],
  TR: ['Turkey', 'Turkiye', 'Türkiye'],
  AE: ['UAE', 'Emirates'],
  NL: ['Holland'],
  VA: ['Vatican'],
};
const EXTRA_DEMONYMS: Record<string, string[]> = {
  GB: ['English', 'Scottish', 'Welsh', 'Briton'],
  AZ: ['Azeri', 'Azerbaijanian'],
  NL: ['Dutch'],
  PH: ['Filipino'],
  KR: ['South Korean'],
  KP: ['North Korean'],
};

function load(): CountryInfo[] {
  const require = createRequire(import.meta.url);
  const raw = require('world-countries') as WorldCountry[];
  return raw.map((c) => {
    const names = new Set<string>([c.name.common, c.name.official]);
    for (const a of c.altSpellings) if (a.length > 2 && /^[\p{L} .'-]+$/u.test(a)) names.add(a);
    for (const a of EXTRA_NAMES[c.cca2] ?? []) names.add(a);
    const demonyms = new Set<string>();
    if (c.demonyms?.eng) {
      demonyms.add(c.demonyms.eng.m);
      demonyms.add(c.demonyms.eng.f);
    }
    for (const d of EXTRA_DEMONYMS[c.cca2] ?? []) demonyms.add(d);
    return {
      code: c.cca2,
      name: c.name.common,
      names: [...names],
      demonyms: [...demonyms],
      lat: c.latlng[0],
      lon: c.latlng[1],
      capital: c.capital?.[0] ?? null,
      independent: c.independent ?? false,
    };
  });
}

export interface CountryTable {
  all: CountryInfo[];
  byCode: Map<string, CountryInfo>;
  /** lower-cased name → country */
  byName: Map<string, CountryInfo>;
  /** lower-cased demonym → country */
  byDemonym: Map<string, CountryInfo>;
}

let table: CountryTable | null = null;
export function countryTable(): CountryTable {
  if (table !== null) return table;
  const all = load();
  const byCode = new Map(all.map((c) => [c.code, c]));
  const byName = new Map<string, CountryInfo>();
  const byDemonym = new Map<string, CountryInfo>();
  // Sovereign states first, so "American" means the United States, not the Northern Mariana Islands.
  const ranked = [...all].sort((a, b) => Number(b.independent) - Number(a.independent));
  for (const c of ranked) {
    for (const n of c.names) if (!byName.has(n.toLowerCase())) byName.set(n.toLowerCase(), c);
    for (const d of c.demonyms) if (!byDemonym.has(d.toLowerCase())) byDemonym.set(d.toLowerCase(), c);
  }
  // Ambiguous or misleading entries the package carries.
  byName.set('georgia', byCode.get('GE')!);
  table = { all, byCode, byName, byDemonym };
  return table;
}

/** "Russian" → Russia, "Armenian-Azerbaijani" → [Armenia, Azerbaijan]. */
export function countriesOfDemonym(word: string): CountryInfo[] {
  const t = countryTable();
  const whole = t.byDemonym.get(word.toLowerCase());
  if (whole) return [whole];
  // One part only (the split below would give it back whole): nothing more to find.
  if (!word.includes('-') && !word.includes('–')) return [];
  const parts = word.split(/[-–]/);
  if (parts.length < 2) return [];
  const out: CountryInfo[] = [];
  for (const p of parts) {
    const c = t.byDemonym.get(p.toLowerCase());
    if (!c) return [];
    out.push(c);
  }
  return out;
}
