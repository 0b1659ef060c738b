/**
 * A name the tagger called a person whose last word only companies end in
 * ("Boreal Metals", "Nordic Holdings", "Acme Corp.") is an organisation, and
 * so is every PERSON mention written the same way in the document (the linker
 * would otherwise make one person of them, and quote "Boreal Metals said" as
 * a person's statement). Only multi-word names: a one-word "Mining" is left to
 * the tagger. The words are ones no personal name ends in, unlike "Power",
 * "Steel" or "Post", which are surnames too.
 */
import type { LinkableMention } from './entity-linker.js';

const COMPANY_ENDINGS = new Set([
  'inc', 'ltd', 'llc', 'plc', 'corp', 'corporation', 'gmbh', 'holdings', 'metals', 'mining', 'minerals', 'resources',
  'industries', 'airlines', 'airways', 'pharmaceuticals', 'pharma', 'technologies', 'motors', 'petroleum', 'chemicals',
  'logistics', 'telecom', 'telecommunications', 'bancorp', 'securities', 'investments', 'ventures', 'enterprises',
  'brands', 'foods', 'beverages', 'semiconductors', 'electronics', 'therapeutics', 'biosciences', 'shipping', 'shipyards',
]);

/** The last word of a name, lower-cased, without a possessive or a closing full stop ("Corp." → "corp"). */
function lastWord(name: string): string {
  const words = name.split(/\s+/u);
  return (words[words.length - 1] ?? '').toLowerCase().replace(/(?:['’]s?|\.)$/u, '');
}

export function retypeCompanyNames(mentions: LinkableMention[]): void {
  const companies = new Set<string>();
  for (const m of mentions) {
    if (m.type !== 'PERSON') continue;
    const words = m.text.split(/\s+/u).length;
    if (words >= 2 && words <= 5 && COMPANY_ENDINGS.has(lastWord(m.text))) companies.add(m.text);
  }
  if (companies.size === 0) return;
  for (const m of mentions) {
    if (m.type !== 'PERSON' || !companies.has(m.text)) continue;
    m.type = 'ORG';
    delete m.role;
  }
}
