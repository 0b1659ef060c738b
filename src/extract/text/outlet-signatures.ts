/**
 * Outlet signatures: wording by which a page names the outlet that published it
 * ("Rely on OC Media? We rely on you too.", "© 2024 Example Times"). A table of
 * rules, so a new outlet family is a new row, never a special case in code.
 */
import { lookupAgency } from '../dateline/known-agencies.js';

export interface OutletSignature {
  id: string;
  /** Anchored, bounded pattern with a `name` group. */
  pattern: RegExp;
}

const NAME = String.raw`(?<name>\p{Lu}[\p{L}\p{N}.&'’ -]{1,50}?)`;

export const OUTLET_SIGNATURES: readonly OutletSignature[] = [
  { id: 'appeal-rely-on', pattern: new RegExp(String.raw`^Rely on ${NAME}\? We rely on you too`, 'u') },
  { id: 'copyright', pattern: new RegExp(String.raw`^(?:©|\(c\)|Copyright)(?: ©)?\s?(?:\d{4}(?:\s?[-–]\s?\d{4})?)?\s?,?\s?${NAME}(?:\.|,|\s?All rights reserved|\s?[|·•])`, 'iu') },
  { id: 'copyright-eol', pattern: new RegExp(String.raw`^(?:©|\(c\)|Copyright)(?: ©)?\s?(?:\d{4}(?:\s?[-–]\s?\d{4})?)?\s?,?\s?${NAME}$`, 'iu') },
  { id: 'become-member', pattern: new RegExp(String.raw`^Become an? ${NAME} (?:member|supporter|subscriber|patron)\b`, 'u') },
  { id: 'support-outlet', pattern: new RegExp(String.raw`^Support ${NAME}(?:[’']s journalism)?[.!]?$`, 'u') },
  { id: 'subscribe-outlet', pattern: new RegExp(String.raw`^Subscribe to (?:the )?${NAME}(?:[’']s)? (?:newsletter|channel|updates)\b`, 'u') },
  { id: 'follow-outlet', pattern: new RegExp(String.raw`^Follow ${NAME} on (?:Telegram|Twitter|X|Facebook|Instagram|YouTube|WhatsApp)\b`, 'u') },
  { id: 'independent-outlet', pattern: new RegExp(String.raw`^${NAME} is an independent (?:news|media|online)\b`, 'u') },
];

// Names that the patterns capture on generic wording ("Support us", "© All rights reserved").
const GENERIC = new Set(['us', 'our', 'our journalism', 'independent journalism', 'the', 'this site', 'all rights reserved', 'we', 'you', 'them', 'all', 'our newsletter', 'the newsletter']);

const TRAILING_YEARS = /,?\s?\d{4}(?:\s?[-–]\s?\d{4})?$/;

export interface OutletHit {
  outlet: string;
  rule: string;
  line: string;
}

/** The outlet a line names through a signature, or null. */
export function matchOutletSignature(line: string): OutletHit | null {
  if (line.length > 300) return null;
  for (const sig of OUTLET_SIGNATURES) {
    // `© Example Herald 2020`: the year is the notice's, not part of the name.
    const name = sig.pattern.exec(line)?.groups?.['name']?.trim().replace(/[.,]$/, '').replace(TRAILING_YEARS, '');
    if (name === undefined || name.length < 2 || GENERIC.has(name.toLowerCase())) continue;
    // `Copyright 2024 The Associated Press` under wire copy credits the agency; it does not name the page's outlet.
    if (lookupAgency(name.replace(/^the\s/i, '').split('.')[0] ?? '') !== null) return null;
    if (/rights reserved/i.test(name)) continue;
    return { outlet: name, rule: sig.id, line };
  }
  return null;
}

const COPYRIGHT_MARK = /^(?:©|\(c\)|copyright\b)/i;
const YEAR = /\b(19[89]\d|20\d\d)\b/g;

/**
 * The latest year a copyright notice states (`© 2019–2024 Example Pulse` →
 * 2024), or null. Only a line that opens with the notice counts.
 */
export function copyrightYear(line: string): number | null {
  if (line.length > 300 || !COPYRIGHT_MARK.test(line)) return null;
  const years = [...line.slice(0, 120).matchAll(YEAR)].map((m) => Number(m[1]));
  return years.length === 0 ? null : Math.max(...years);
}

/** Words that make up section labels and navigation, never a publication's whole name. */
const SECTION_WORDS = new Set([
  'home', 'news', 'latest', 'breaking', 'live', 'world', 'local', 'national', 'politics', 'business', 'economy', 'markets',
  'sport', 'sports', 'opinion', 'analysis', 'culture', 'science', 'tech', 'technology', 'health', 'weather', 'top', 'stories',
  'menu', 'search', 'main', 'content', 'skip', 'to', 'and', '&', 'the', 'of', 'in', 'page', 'front', 'region', 'europe', 'media',
  'video', 'photos', 'podcasts', 'subscribe', 'login', 'log', 'sign', 'account', 'more', 'all', 'today', 'daily',
]);

const MASTHEAD_WORD = /^(?:\p{Lu}[\p{L}\p{N}.'’&-]{0,24}|of|the|and|&|de|du|des|la|le|el|di|da)$/u;

/**
 * The publication's name as a scraped page's first line shows it (the logo's
 * text: `Example Gazette`, `THE NORTHERN POST`): a short capitalised line, not
 * a sentence, not a date, not only section words. Returns null otherwise.
 */
export function mastheadName(line: string): string | null {
  const text = line.trim();
  if (text.length < 3 || text.length > 40 || /[.!?:;,|·•]$/.test(text) || /\d/.test(text)) return null;
  const words = text.split(/\s+/);
  if (words.length > 4 || !words.every((w) => MASTHEAD_WORD.test(w))) return null;
  if (!/^\p{Lu}/u.test(text)) return null;
  if (words.every((w) => SECTION_WORDS.has(w.toLowerCase()))) return null;
  return text;
}
