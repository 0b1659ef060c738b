/**
 * A one-word name right after a locative preposition ("a mine near
 * Sodankylä", "protests outside Yerevan") that the gazetteer knows as a place
 * is that place: every PERSON mention written the same way in the document
 * becomes LOC. A mention with a role read next to it ("Mayor
 * Holm") or a possessive ("in Putin's view") stays a person.
 */
import type { LinkableMention } from './entity-linker.js';

/** "near", "outside", "north of" … right before the name (read from at most 24 characters). */
const LOCATIVE = /(?:^|[^\p{L}])(?:near|outside|around|across|in|(?:north|south|east|west|northeast|northwest|southeast|southwest) of)\s+$/iu;

export function retypePlacesAfterPrepositions(text: string, mentions: LinkableMention[], isPlace: (name: string) => boolean): void {
  const places = new Set<string>();
  for (const m of mentions) {
    // The tagger may read one mention as the place and another as a person ("near Sodankylä" … "Sodankylä's
    // mayor"): the linker would then make one PERSON of both, so a LOC after a preposition counts too.
    if ((m.type !== 'PERSON' && m.type !== 'LOC') || /\s/u.test(m.text) || m.role) continue;
    if (/^['’]s?(?![\p{L}])/u.test(text.slice(m.end, m.end + 3))) continue;
    if (!LOCATIVE.test(text.slice(Math.max(0, m.start - 24), m.start))) continue;
    if (isPlace(m.text)) places.add(m.text);
  }
  if (places.size === 0) return;
  for (const m of mentions) {
    if (m.type !== 'PERSON' || !places.has(m.text)) continue;
    m.type = 'LOC';
    delete m.role;
  }
}
