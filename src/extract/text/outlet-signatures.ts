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
  { id: 'copyright', pattern: new RegExp(String.raw`^(?:©|\(c\)|Copyright)(?: ©)?\s?(?:\d{4}(?:\s?[-–]\s?\d{4})?)?\s?,?\s?${NAME}(?:\.|,|\s?All rights reserved|\s?\|)`, 'iu') },
  { id: 'copyright-eol', pattern: new RegExp(String.raw`^(?:©|\(c\)|Copyright)(?: ©)?\s?(?:\d{4}(?:\s?[-–]\s?\d{4})?)?\s?,?\s?${NAME}$`, 'iu') },
  { id: 'become-member', pattern: new RegExp(String.raw`^Become an? ${NAME} (?:member|supporter|subscriber|patron)\b`, 'u') },
  { id: 'support-outlet', pattern: new RegExp(String.raw`^Support ${NAME}(?:[’']s journalism)?[.!]?$`, 'u') },
  { id: 'subscribe-outlet', pattern: new RegExp(String.raw`^Subscribe to ${NAME}(?:[’']s)? (?:newsletter|channel|updates)\b`, 'u') },
  { id: 'follow-outlet', pattern: new RegExp(String.raw`^Follow ${NAME} on (?:Telegram|Twitter|X|Facebook|Instagram|YouTube|WhatsApp)\b`, 'u') },
  { id: 'independent-outlet', pattern: new RegExp(String.raw`^${NAME} is an independent (?:news|media|online)\b`, 'u') },
];

// Names that the patterns capture on generic wording ("Support us", "© All rights reserved").
const GENERIC = new Set(['us', 'our', 'our journalism', 'independent journalism', 'the', 'this site', 'all rights reserved', 'we', 'you', 'them', 'all', 'our newsletter', 'the newsletter']);

export interface OutletHit {
  outlet: string;
  rule: string;
  line: string;
}

/** The outlet a line names through a signature, or null. */
export function matchOutletSignature(line: string): OutletHit | null {
  if (line.length > 300) return null;
  for (const sig of OUTLET_SIGNATURES) {
    const name = sig.pattern.exec(line)?.groups?.['name']?.trim().replace(/[.,]$/, '');
    if (name === undefined || name.length < 2 || GENERIC.has(name.toLowerCase())) continue;
    // `Copyright 2024 The Associated Press` under wire copy credits the agency; it does not name the page's outlet.
    if (lookupAgency(name.replace(/^the\s/i, '').split('.')[0] ?? '') !== null) return null;
    if (/rights reserved/i.test(name)) continue;
    return { outlet: name, rule: sig.id, line };
  }
  return null;
}
