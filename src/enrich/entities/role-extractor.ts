/**
 * Reads a person's role from the title phrase before the name ("Russian
 * Foreign Ministry spokesperson Maria Zakharova") or from an apposition after
 * it ("Igor Khovaev, the Special Representative of …,").
 */
import type { EntityRole } from '../../model/types.js';
import type { Token } from '../ner/tokenizer.js';
import { countriesOfDemonym, countryTable } from '../places/country-table.js';

const ROLE_HEADS = new Set([
  'spokesperson', 'spokesman', 'spokeswoman', 'ambassador', 'minister', 'president', 'director', 'governor',
  'representative', 'envoy', 'chairman', 'chairwoman', 'chair', 'head', 'leader', 'secretary', 'secretary-general',
  'mayor', 'commander', 'chief', 'ceo', 'founder', 'senator', 'lawmaker', 'speaker', 'adviser', 'advisor', 'aide',
  'analyst', 'expert', 'official', 'diplomat', 'correspondent', 'journalist', 'editor', 'ombudsman', 'prosecutor',
  'judge', 'general', 'colonel', 'coach', 'manager', 'chancellor', 'premier', 'king', 'queen', 'commissioner', 'consul',
  'attaché', 'deputy', 'mp', 'member', 'professor', 'researcher', 'economist', 'negotiator', 'co-chair', 'administrator',
  'justice', 'attorney', 'counsel', 'treasurer', 'strategist', 'pollster', 'executive',
  'engineer', 'inspector', 'officer', 'superintendent', 'coordinator', 'supervisor', 'scientist', 'lawyer', 'sheriff',
  'detective', 'sergeant', 'constable', 'trooper', 'councillor', 'councilman', 'councilwoman', 'alderman',
]);
const ROLE_MODIFIERS = new Set([
  'deputy', 'vice', 'first', 'prime', 'foreign', 'defence', 'defense', 'special', 'chief', 'press', 'executive', 'acting',
  'former', 'interior', 'finance', 'economy', 'justice', 'health', 'education', 'state', 'assistant', 'senior', 'top',
  'permanent', 'presidential', 'regional', 'national', 'general', 'military', 'managing', 'co', 'majority', 'minority',
  'attorney', 'campaign', 'communications', 'district', 'associate',
]);
/** Capitalised function words that open a sentence before a title phrase ("But Attorney General …"). */
const OPENERS = new Set(['But', 'And', 'The', 'A', 'An', 'Both', 'In', 'On', 'At', 'For', 'When', 'While', 'After', 'Before', 'Then', 'So', 'Yet', 'As', 'Meanwhile']);
const HONORIFIC_TOKENS = new Set(['Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Mr', 'Mrs', 'Ms', 'Dr']);
const CONNECTORS = new Set(['of', 'the', 'for', 'to', 'and', 'in', 'on']);
const LOWER_PLACE_WORDS = new Set(['region', 'province', 'district', 'city', 'republic']);
const POSSESSIVE = new Set(["'s", '’s']);
const MAX_PHRASE = 20;

function acceptable(t: string): boolean {
  const l = t.toLowerCase();
  return /^\p{Lu}/u.test(t) || CONNECTORS.has(l) || ROLE_HEADS.has(l) || ROLE_MODIFIERS.has(l) || LOWER_PLACE_WORDS.has(l) || POSSESSIVE.has(t);
}

/** Turns "Russian" into "Russia"; "Armenia's" into "Armenia"; other phrases pass through. */
function normaliseAffiliation(phrase: string): string | null {
  const p = phrase.replace(/\s*['’]s$/u, '').replace(/^['’]s\s*/u, '').trim();
  if (p === '' || !/\p{L}/u.test(p)) return null;
  const countries = countriesOfDemonym(p);
  if (countries.length === 1) return countries[0]!.name;
  const c = countryTable().byName.get(p.toLowerCase());
  return c ? c.name : p;
}

function joinTokens(text: string, toks: readonly Token[]): string {
  if (toks.length === 0) return '';
  return text.slice(toks[0]!.start, toks[toks.length - 1]!.end);
}

/** Parses a title phrase (tokens, left to right) into a role, or null. */
export function parseTitlePhrase(text: string, phrase: readonly Token[]): Omit<EntityRole, 'evidence'> | null {
  let p = [...phrase];
  // Names with honorifics are people, not titles ("Mr. King and Mr. Morial").
  if (p.some((t) => HONORIFIC_TOKENS.has(t.text))) return null;
  while (p.length > 0 && (CONNECTORS.has(p[0]!.text.toLowerCase()) || OPENERS.has(p[0]!.text) || POSSESSIVE.has(p[0]!.text))) p = p.slice(1);
  while (p.length > 0 && CONNECTORS.has(p[p.length - 1]!.text.toLowerCase())) p = p.slice(0, -1);
  const lower = p.map((t) => t.text.toLowerCase());
  const headIdx = lower.findIndex((l) => ROLE_HEADS.has(l) && l !== 'deputy');
  let h = headIdx;
  if (h < 0) {
    h = lower.indexOf('deputy');
    if (h < 0) return null;
  }
  // Titles of several role words read as one: "Attorney General", "Chief Justice", "Chief Executive".
  while (h + 1 < lower.length && ROLE_HEADS.has(lower[h + 1]!)) h++;
  let rs = h;
  while (rs > 0 && ROLE_MODIFIERS.has(lower[rs - 1]!)) rs--;
  // "State Duma deputy": nothing before a bare 'deputy' counts as a modifier.
  // Leading "former"/"acting" belong to the role even when an organisation stands between.
  let before = p.slice(0, rs);
  let lead = '';
  while (before.length > 0 && ['former', 'acting', 'then'].includes(before[0]!.text.toLowerCase())) {
    lead += before[0]!.text.toLowerCase() + ' ';
    before = before.slice(1);
  }
  let after = p.slice(h + 1);
  let role = lead + lower.slice(rs, h + 1).join(' ');
  if (after[0]?.text.toLowerCase() === 'in' && after[1]?.text.toLowerCase() === 'chief') {
    role += ' in chief';
    after = after.slice(2);
  }
  let affiliation: string | null = before.length > 0 ? normaliseAffiliation(joinTokens(text, before)) : null;
  let postedTo: string | null = null;
  let k = 0;
  while (k < after.length) {
    const w = after[k]!.text.toLowerCase();
    if (w !== 'to' && w !== 'of' && w !== 'for' && w !== 'in') break;
    let e = k + 1;
    while (e < after.length && !['to', 'for', 'in'].includes(after[e]!.text.toLowerCase())) e++;
    let target = after.slice(k + 1, e);
    while (target.length > 0 && target[0]!.text.toLowerCase() === 'the') target = target.slice(1);
    const value = joinTokens(text, target);
    if (value !== '') {
      // Only "Ambassador to X" right after the role is a posting; a later "to" belongs to a longer title.
      if (w === 'to' || w === 'in') {
        if (k === 0) postedTo = value;
      }
      else affiliation ??= normaliseAffiliation(value);
    }
    k = e;
  }
  return { role, affiliation, postedTo };
}

/**
 * The role stated next to a person mention in its sentence, if any.
 * `tokens` are the sentence's tokens; `first`/`last` index the mention's tokens.
 */
export function roleNearMention(
  text: string,
  tokens: readonly Token[],
  first: number,
  last: number,
  blocked: (tokenIndex: number) => boolean = () => false,
): EntityRole | null {
  // Before the name: "[the] <title phrase> [,] Name"
  let j = first - 1;
  const commaBefore = tokens[j]?.text === ',';
  if (commaBefore) j--;
  const phrase: Token[] = [];
  // Across a comma, another person's name ends the phrase ("President Barack Obama, Hillary Clinton").
  while (j >= 0 && phrase.length < MAX_PHRASE && acceptable(tokens[j]!.text) && !(commaBefore && blocked(j))) phrase.unshift(tokens[j--]!);
  // "a spokeswoman for Hillary Clinton": a phrase ending in a preposition titles someone else.
  const lastWord = phrase[phrase.length - 1]?.text.toLowerCase();
  if (!commaBefore && lastWord !== undefined && ['for', 'of', 'to', 'with', 'and', 'the'].includes(lastWord)) phrase.length = 0;
  if (phrase.length > 0) {
    const parsed = parseTitlePhrase(text, phrase);
    if (parsed) return { ...parsed, evidence: text.slice(phrase[0]!.start, tokens[last]!.end) };
  }
  // After the name: "Name, [the|a] <title phrase>,"
  if (tokens[last + 1]?.text === ',') {
    let k = last + 2;
    if (['the', 'a', 'an'].includes(tokens[k]?.text.toLowerCase() ?? '')) k++;
    const after: Token[] = [];
    while (k < tokens.length && after.length < MAX_PHRASE && acceptable(tokens[k]!.text) && !blocked(k)) after.push(tokens[k++]!);
    const closes = k >= tokens.length || [',', '.', ';', ')'].includes(tokens[k]!.text) || tokens[k]!.text === 'between';
    if (after.length > 0 && closes) {
      const parsed = parseTitlePhrase(text, after);
      if (parsed) return { ...parsed, evidence: text.slice(tokens[first]!.start, after[after.length - 1]!.end) };
    }
  }
  return null;
}
