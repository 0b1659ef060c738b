/**
 * News agencies whose credits appear in datelines and wire copy.
 *
 * The table is data, not logic: the dateline parser and the outlet detector
 * look names up here so that `/ТАСС/`, `ITAR-TASS` and `TASS` all become one
 * canonical `TASS`. Add an agency by adding a row.
 */

export interface KnownAgency {
  /** Canonical display name, e.g. `TASS`, `AP`, `RIA Novosti`. */
  name: string;
  /** Spellings seen in credits (matched case-insensitively, whole string). */
  aliases: readonly string[];
  /** ISO 3166-1 alpha-2 of the agency's home country, for context only. */
  country: string;
  /** `wire`: sells copy to other outlets, so its credit on another outlet marks wire copy. */
  kind: 'wire' | 'broadcaster' | 'outlet';
}

export const KNOWN_AGENCIES: readonly KnownAgency[] = [
  { name: 'TASS', aliases: ['TASS', 'ITAR-TASS', 'ИТАР-ТАСС', 'ТАСС'], country: 'RU', kind: 'wire' },
  { name: 'RIA Novosti', aliases: ['RIA Novosti', 'RIA', 'РИА Новости', 'РИА'], country: 'RU', kind: 'wire' },
  { name: 'Interfax', aliases: ['Interfax', 'Интерфакс', 'Interfax-Ukraine', 'Interfax-AVN'], country: 'RU', kind: 'wire' },
  { name: 'Sputnik', aliases: ['Sputnik', 'Спутник'], country: 'RU', kind: 'wire' },
  { name: 'PRIME', aliases: ['PRIME', 'ПРАЙМ'], country: 'RU', kind: 'wire' },
  { name: 'AP', aliases: ['AP', 'Associated Press', 'The Associated Press'], country: 'US', kind: 'wire' },
  { name: 'Reuters', aliases: ['Reuters', 'Thomson Reuters'], country: 'GB', kind: 'wire' },
  { name: 'AFP', aliases: ['AFP', 'Agence France-Presse', 'Agence France Presse'], country: 'FR', kind: 'wire' },
  { name: 'UPI', aliases: ['UPI', 'United Press International'], country: 'US', kind: 'wire' },
  { name: 'Bloomberg', aliases: ['Bloomberg'], country: 'US', kind: 'wire' },
  { name: 'dpa', aliases: ['dpa', 'Deutsche Presse-Agentur'], country: 'DE', kind: 'wire' },
  { name: 'EFE', aliases: ['EFE'], country: 'ES', kind: 'wire' },
  { name: 'ANSA', aliases: ['ANSA'], country: 'IT', kind: 'wire' },
  { name: 'Xinhua', aliases: ['Xinhua', 'Xinhua News Agency', 'Синьхуа'], country: 'CN', kind: 'wire' },
  { name: 'Kyodo', aliases: ['Kyodo', 'Kyodo News'], country: 'JP', kind: 'wire' },
  { name: 'Yonhap', aliases: ['Yonhap'], country: 'KR', kind: 'wire' },
  { name: 'PTI', aliases: ['PTI', 'Press Trust of India'], country: 'IN', kind: 'wire' },
  { name: 'IANS', aliases: ['IANS'], country: 'IN', kind: 'wire' },
  { name: 'ANI', aliases: ['ANI'], country: 'IN', kind: 'wire' },
  { name: 'Anadolu', aliases: ['Anadolu', 'Anadolu Agency', 'AA'], country: 'TR', kind: 'wire' },
  { name: 'Trend', aliases: ['Trend'], country: 'AZ', kind: 'wire' },
  { name: 'APA', aliases: ['APA'], country: 'AZ', kind: 'wire' },
  { name: 'Report.az', aliases: ['Report', 'Report.az'], country: 'AZ', kind: 'wire' },
  { name: 'AZERTAC', aliases: ['AZERTAC', 'Azertac', 'AzerTag'], country: 'AZ', kind: 'wire' },
  { name: 'Turan', aliases: ['Turan'], country: 'AZ', kind: 'wire' },
  { name: 'Armenpress', aliases: ['Armenpress', 'ARMENPRESS'], country: 'AM', kind: 'wire' },
  { name: 'ARKA', aliases: ['ARKA'], country: 'AM', kind: 'wire' },
  { name: 'Mediamax', aliases: ['Mediamax'], country: 'AM', kind: 'wire' },
  { name: 'news.am', aliases: ['news.am', 'NEWS.am'], country: 'AM', kind: 'outlet' },
  { name: 'Interpressnews', aliases: ['Interpressnews', 'IPN'], country: 'GE', kind: 'wire' },
  { name: 'Ukrinform', aliases: ['Ukrinform', 'Укрінформ'], country: 'UA', kind: 'wire' },
  { name: 'UNIAN', aliases: ['UNIAN', 'УНІАН'], country: 'UA', kind: 'wire' },
  { name: 'BelTA', aliases: ['BelTA', 'БЕЛТА'], country: 'BY', kind: 'wire' },
  { name: 'Kazinform', aliases: ['Kazinform', 'Казинформ'], country: 'KZ', kind: 'wire' },
  { name: 'IRNA', aliases: ['IRNA'], country: 'IR', kind: 'wire' },
  { name: 'CNN', aliases: ['CNN'], country: 'US', kind: 'broadcaster' },
  { name: 'BBC', aliases: ['BBC'], country: 'GB', kind: 'broadcaster' },
];

const BY_ALIAS: ReadonlyMap<string, KnownAgency> = new Map(
  KNOWN_AGENCIES.flatMap((a) => a.aliases.map((alias) => [alias.toLowerCase(), a] as const)),
);

/** Looks a credit string up in the table (`ITAR-TASS` → TASS); null when unknown. */
export function lookupAgency(name: string): KnownAgency | null {
  return BY_ALIAS.get(name.trim().replace(/\s+/g, ' ').toLowerCase()) ?? null;
}
