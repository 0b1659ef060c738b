/**
 * Document-level type corrections for personal names the tagger called an
 * organisation or "misc" (typically an unfamiliar name such as "Petra Holm"):
 *
 * 1. A title phrase right before the name ("regional water director Petra
 *    Holm", "Russian Ambassador to Yerevan Sergey Kopyrkin") is evidence of a
 *    person, read with the role extractor's title lexicon.
 * 2. A single word tagged PERSON elsewhere in the document ("Holm said",
 *    "Holm's") that is the last word of the multi-word name makes the name a
 *    person's surname, so both become one person.
 *
 * Only 2–3-word names whose every word looks like part of a personal name are
 * retyped: capitalised, not an ordinary word, not a place, not an organisation
 * or facility head word ("Orlen Dam", "Acme Inc", "Yale University").
 */
import type { EntityType } from '../../model/types.js';
import { firstTokenAtOrAfter, type Token } from '../ner/tokenizer.js';
import { ORG_HEADS, LOC_HEADS, PERSON_TITLES, type RawMention } from './mention-rules.js';
import { roleNearMention } from './role-extractor.js';

/** Words that end or open names of organisations, facilities, places and events, never people. */
const NON_PERSON_WORDS = new Set([
  'inc', 'ltd', 'llc', 'plc', 'corp', 'co', 'gmbh', 'ag', 'sa', 'nv', 'group', 'holdings', 'motors', 'motor', 'airlines',
  'airways', 'energy', 'oil', 'gas', 'power', 'systems', 'technologies', 'solutions', 'partners', 'capital', 'media',
  'press', 'times', 'post', 'journal', 'herald', 'tribune', 'gazette', 'daily', 'weekly', 'radio', 'tv', 'television',
  'dam', 'reservoir', 'river', 'lake', 'sea', 'ocean', 'bay', 'gulf', 'strait', 'canal', 'bridge', 'tunnel', 'port',
  'harbour', 'harbor', 'airport', 'station', 'plant', 'mine', 'field', 'valley', 'mountain', 'mountains', 'mount', 'hill',
  'hills', 'island', 'islands', 'park', 'square', 'street', 'avenue', 'road', 'highway', 'center', 'centre', 'hospital',
  'clinic', 'school', 'college', 'academy', 'museum', 'library', 'church', 'cathedral', 'mosque', 'temple', 'palace',
  'castle', 'tower', 'hotel', 'stadium', 'arena', 'hall', 'club', 'league', 'cup', 'games', 'championship', 'festival',
  'award', 'prize', 'project', 'program', 'programme', 'fund', 'trust', 'society', 'network', 'treaty',
  'accord', 'agreement', 'act', 'law', 'war', 'operation', 'north', 'south', 'east', 'west', 'city', 'town', 'village',
  'state', 'states', 'republic', 'kingdom', 'empire', 'union', 'united', 'national', 'international', 'federal', 'royal',
]);

export interface NameLexicon {
  /** A word mostly seen in lower case ("Water", "Cracks"). */
  isCommonWord: (lowerWord: string) => boolean;
  /** A single word that names a country or well-known place ("Armenia", "Yerevan"). */
  isPlaceName: (word: string) => boolean;
  /** A word that names a nationality ("Russian"). */
  isDemonym: (word: string) => boolean;
  /** The types a name list gives the whole phrase, if it knows the phrase at all. */
  knownTypes: (phrase: string) => readonly string[] | undefined;
}

/** One word of a personal name: "Holm", "Petra", "O'Neill", "Smith-Jones", "McEwen". */
const NAME_WORD = /^\p{Lu}[\p{Ll}'’]{0,30}(?:[\p{Lu}][\p{Ll}]{1,30})?(?:-\p{Lu}[\p{Ll}'’]{1,30})?$/u;

function nameWordOk(w: string, lex: NameLexicon): boolean {
  const lower = w.toLowerCase();
  return (
    NAME_WORD.test(w) &&
    /\p{Ll}/u.test(w) &&
    !lex.isCommonWord(lower) &&
    !ORG_HEADS.has(lower) &&
    !LOC_HEADS.has(lower) &&
    !NON_PERSON_WORDS.has(lower) &&
    !lex.isPlaceName(w) &&
    !lex.isDemonym(w)
  );
}

/** A 2–3-word phrase whose words all look like parts of a personal name. */
export function looksLikePersonalName(words: readonly string[], lex: NameLexicon): boolean {
  if (words.length < 2 || words.length > 3) return false;
  if (!words.every((w) => nameWordOk(w, lex))) return false;
  // A name list that knows the phrase as something other than a person has the last word.
  const known = lex.knownTypes(words.join(' '));
  return known === undefined || known.includes('PER');
}

function isTitle(word: string): boolean {
  return PERSON_TITLES.has(word.toLowerCase().replace(/\.$/u, ''));
}

function retypable(type: EntityType): boolean {
  return type === 'ORG' || type === 'MISC';
}

/**
 * Rule 1, one sentence: an ORG/MISC mention that looks like a personal name and
 * follows a title phrase ("director Petra Holm") becomes a PERSON. Mutates and returns `mentions`.
 */
export function retypeTitledNames(text: string, tokens: readonly Token[], mentions: RawMention[], lex: NameLexicon): RawMention[] {
  for (const m of mentions) {
    if (!retypable(m.type)) continue;
    const first = firstTokenAtOrAfter(tokens, m.start);
    let last = first;
    while (last + 1 < tokens.length && tokens[last + 1]!.end <= m.end) last++;
    if (first >= tokens.length || tokens[first]!.start !== m.start || tokens[last]!.end !== m.end) continue;
    const words = tokens.slice(first, last + 1).map((t) => t.text);
    if (!looksLikePersonalName(words, lex)) continue;
    // Only the phrase before the name counts: the sentence is cut after the mention so no apposition is read.
    const role = roleNearMention(text, tokens.slice(0, last + 1), first, last, (i) => mentions.some((o) => o !== m && o.start <= tokens[i]!.start && tokens[i]!.end <= o.end && o.type === 'PERSON'));
    if (!role) continue;
    m.type = 'PERSON';
    // "Constable Carroll": the title is not part of the name.
    let k = first;
    while (k < last && isTitle(tokens[k]!.text)) k++;
    m.start = tokens[k]!.start;
  }
  return mentions;
}

export interface TypedMention {
  start: number;
  end: number;
  text: string;
  type: EntityType;
}

/** The name a mention contributes, possessive removed: "Holm's" → "Holm". */
function bareName(text: string): string {
  return text.replace(/[’']s$/u, '').replace(/\s+/g, ' ').trim();
}

/**
 * Rule 2, whole document: a multi-word ORG/MISC mention that looks like a
 * personal name and ends with a word the document uses alone as a PERSON
 * ("Petra Holm" … "Holm said") becomes a PERSON. Mutates `mentions`.
 */
export function retypeBySurname(mentions: TypedMention[], lex: NameLexicon): void {
  const surnames = new Set<string>();
  for (const m of mentions) {
    if (m.type !== 'PERSON') continue;
    const n = bareName(m.text);
    if (n !== '' && !/\s/u.test(n)) surnames.add(n.toLowerCase());
  }
  if (surnames.size === 0) return;
  for (const m of mentions) {
    if (!retypable(m.type)) continue;
    const words = bareName(m.text).split(' ');
    if (!surnames.has(words[words.length - 1]!.toLowerCase())) continue;
    if (!looksLikePersonalName(words, lex)) continue;
    m.type = 'PERSON';
    // "Ms Izevbekhai": drop leading titles so the name links with the rest of the person's mentions.
    let cut = 0;
    for (let k = 0; k < words.length - 1 && isTitle(words[k]!); k++) {
      const at = m.text.indexOf(words[k + 1]!, cut + words[k]!.length);
      if (at < 0) break;
      cut = at;
    }
    if (cut > 0) {
      m.start += cut;
      m.text = m.text.slice(cut);
    }
  }
}
