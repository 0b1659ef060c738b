/**
 * Corrections applied after the statistical tagger, for patterns news English
 * uses far more than the 1996 Reuters training data: government bodies named
 * by a head noun ("Russian Foreign Ministry", "Ministry of Defence of
 * Armenia"), regions named "X Province", and titles glued to names
 * ("Ambassador to Yerevan Sergey Kopyrkin").
 */
import type { EntityType } from '../../model/types.js';
import { firstTokenAtOrAfter, tokensWithin, type Token } from '../ner/tokenizer.js';

export interface RawMention {
  start: number;
  end: number;
  type: EntityType;
}

export const ORG_HEADS: ReadonlySet<string> = new Set([
  'ministry', 'department', 'service', 'agency', 'office', 'committee', 'council', 'parliament', 'assembly', 'embassy',
  'commission', 'organisation', 'organization', 'group', 'union', 'party', 'bank', 'court', 'forces', 'army', 'navy',
  'guard', 'police', 'institute', 'university', 'company', 'corporation', 'federation', 'association', 'administration',
  'directorate', 'secretariat', 'bureau', 'authority', 'government', 'cabinet', 'duma', 'senate', 'congress', 'mission',
  'command', 'staff', 'alliance', 'fund', 'foundation', 'news', 'agency',
]);
export const LOC_HEADS: ReadonlySet<string> = new Set(['province', 'region', 'oblast', 'district', 'governorate', 'county', 'parish', 'township', 'borough', 'prefecture', 'marz', 'raion', 'krai']);
/** Titles that precede an organisation's name without being part of it ("Director of the … Service"). */
const ROLE_WORDS = new Set(['director', 'minister', 'spokesperson', 'spokesman', 'spokeswoman', 'head', 'chief', 'chairman', 'deputy', 'ambassador', 'representative', 'governor', 'president', 'secretary']);
/** Lower-case words that follow a region's name ("Syunik region"); "district" is left out ("district attorney"). */
const REGION_WORDS = new Set(['region', 'province', 'oblast', 'governorate', 'prefecture', 'marz', 'raion', 'krai']);
const CONNECTORS = new Set(['of', 'and', 'for', 'on', 'the']);
/** Capitalised words that start a sentence or a title but do not begin an organisation name. */
const NOT_NAME_START = new Set(['The', 'A', 'An', 'On', 'In', 'At', 'When', 'Meanwhile', 'However', 'According', 'Earlier', 'Additionally', 'During', 'After', 'Before']);

function isCap(t: string | undefined): boolean {
  if (t === undefined || t.length === 0) return false;
  // ASCII first characters answered directly (A–Z are the only ASCII capitals); others by the pattern.
  const c = t.charCodeAt(0);
  if (c < 0x80) return c >= 0x41 && c <= 0x5a;
  return CAP_START.test(t);
}
const CAP_START = /^\p{Lu}/u;

/**
 * Finds organisation names built around a head noun in one sentence's tokens:
 * "[Russian] [Foreign] Ministry", "Ministry of Defence of Armenia",
 * "Collective Security Treaty Organisation".
 */
export function orgPatternSpans(tokens: readonly Token[]): RawMention[] {
  const out: RawMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!.text;
    if (!isCap(t)) continue;
    const lower = t.toLowerCase();
    const isOrgHead = ORG_HEADS.has(lower);
    const isLocHead = LOC_HEADS.has(lower);
    if (!isOrgHead && !isLocHead) continue;
    // Walk left over capitalised words (and inner connectors between capitals).
    let s = i;
    for (let k = i - 1; k >= 0 && i - k <= 8; k--) {
      const w = tokens[k]!.text;
      if (ROLE_WORDS.has(w.toLowerCase())) break;
      if (isCap(w) && !NOT_NAME_START.has(w)) s = k;
      else if (CONNECTORS.has(w) && w !== 'the' && isCap(tokens[k - 1]?.text) && !NOT_NAME_START.has(tokens[k - 1]!.text)) continue;
      else break;
    }
    // Walk right over "of [the] Capitalised…" ("Ministry of Foreign Affairs of Armenia").
    let e = i + 1;
    for (let guard = 0; guard < 3; guard++) {
      if (tokens[e]?.text !== 'of' && tokens[e]?.text !== 'for') break;
      let k = e + 1;
      if (tokens[k]?.text === 'the') k++;
      if (!isCap(tokens[k]?.text)) break;
      while (isCap(tokens[k]?.text) && k - e < 6) k++;
      e = k;
    }
    if (s === i && e === i + 1) continue; // a bare "Ministry" is not a name
    out.push({ start: tokens[s]!.start, end: tokens[e - 1]!.end, type: isLocHead ? 'LOC' : 'ORG' });
    i = e - 1;
  }
  return out;
}

/** Words that title a person and are not part of the name. */
export const PERSON_TITLES = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'president', 'minister', 'ambassador', 'governor', 'general', 'gen', 'colonel',
  'col', 'senator', 'sen', 'rep', 'judge', 'mayor', 'premier', 'chancellor', 'king', 'queen', 'prince', 'princess',
  'pope', 'sheikh', 'spokesperson', 'spokesman', 'spokeswoman', 'director', 'chairman', 'secretary', 'envoy', 'deputy',
  'lt', 'capt', 'captain', 'sir', 'lord', 'lady', 'father', 'rev', 'bishop', 'cardinal', 'commander', 'chief', 'justice',
  'constable', 'sergeant', 'sgt', 'detective', 'det', 'trooper', 'councillor', 'councilman', 'councilwoman', 'alderman',
]);

const HONORIFICS = new Set(['Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Sen.', 'Rep.', 'Gov.', 'Lt.', 'Gen.', 'Col.', 'Capt.', 'Sgt.', 'Prof.', 'Mr', 'Mrs', 'Ms', 'Dr']);

/** Role words the tagger glues between an organisation and a name ("… Ministry Spokesperson Maria Zakharova"). */
const ROLE_SPLIT = new Set([
  'spokesperson', 'spokesman', 'spokeswoman', 'minister', 'ambassador', 'president', 'director', 'governor',
  'representative', 'envoy', 'chairman', 'chairwoman', 'secretary', 'mayor', 'leader', 'chief', 'deputy', 'senator',
]);

export interface RuleLexicon {
  /** A single token that names a country or well-known place ("Armenia", "Yerevan"). */
  isPlaceName: (token: string) => boolean;
  /** A word mostly seen in lower case: part of an ordinary phrase, not of a personal name. */
  isCommonWord: (lowerWord: string) => boolean;
}

function looksLikeName(toks: readonly Token[], lex: RuleLexicon): boolean {
  return (
    toks.length >= 1 &&
    toks.length <= 4 &&
    toks.every((t) => /^\p{Lu}\p{Ll}/u.test(t.text) && !lex.isCommonWord(t.text.toLowerCase()) && !ORG_HEADS.has(t.text.toLowerCase()) && !LOC_HEADS.has(t.text.toLowerCase()))
  );
}

/**
 * Splits spans where the tagger glued a title or a place onto a personal name:
 * "Spokesperson Maria Zakharova" (ORG) → PERSON "Maria Zakharova";
 * "Armenia Nikol Pashinyan" (ORG) → LOC "Armenia" + PERSON "Nikol Pashinyan".
 */
function splitGlued(m: RawMention, tokens: readonly Token[], lex: RuleLexicon): RawMention[] {
  const toks = tokensWithin(tokens, m.start, m.end);
  if (toks.length < 2) return [m];
  const r = toks.findIndex((t, i) => i < toks.length - 1 && ROLE_SPLIT.has(t.text.toLowerCase()));
  if (r >= 0 && looksLikeName(toks.slice(r + 1), lex) && toks.length - r - 1 >= 2) {
    const out: RawMention[] = [{ start: toks[r + 1]!.start, end: m.end, type: 'PERSON' }];
    const before = toks.slice(0, r).filter((t) => !PERSON_TITLES.has(t.text.toLowerCase()));
    if (before.length > 0 && m.type !== 'PERSON') out.unshift({ start: before[0]!.start, end: before[before.length - 1]!.end, type: m.type });
    else if (before.length === 1 && lex.isPlaceName(before[0]!.text)) out.unshift({ start: before[0]!.start, end: before[0]!.end, type: 'LOC' });
    return out;
  }
  if (toks.length >= 3 && lex.isPlaceName(toks[0]!.text) && looksLikeName(toks.slice(1), lex)) {
    return [
      { start: toks[0]!.start, end: toks[0]!.end, type: 'LOC' },
      { start: toks[1]!.start, end: m.end, type: 'PERSON' },
    ];
  }
  return [m];
}

/**
 * Applies the rules to the tagger's mentions of one sentence: glued titles and
 * places are split off names, pattern organisations replace the pieces they
 * cover, and a person span that starts with a title word is trimmed to the name.
 */
export function applyMentionRules(text: string, tokens: readonly Token[], tagged: readonly RawMention[], lex: RuleLexicon): RawMention[] {
  let mentions = tagged.flatMap((m) => splitGlued(m, tokens, lex));
  for (const p of orgPatternSpans(tokens)) {
    const covered = mentions.filter((m) => m.start < p.end && m.end > p.start);
    // Never swallow a person, and only extend when the pattern covers the tagged spans.
    if (covered.some((m) => m.type === 'PERSON' || m.start < p.start || m.end > p.end)) continue;
    mentions = mentions.filter((m) => !covered.includes(m));
    mentions.push(p);
  }
  const out: RawMention[] = [];
  for (const m of mentions) {
    // "Sinyuk region", "Gegharkunik province": a lower-case place word after the name makes it a place.
    const after = tokens[firstTokenAtOrAfter(tokens, m.end)]?.text;
    if (m.type !== 'LOC' && after !== undefined && REGION_WORDS.has(after)) m.type = 'LOC';
    // "Mr. Obama", "Sen. Warren": an honorific right before the name settles the type.
    const prev = tokens[firstTokenAtOrAfter(tokens, m.start) - 1]?.text;
    if (m.type !== 'PERSON' && prev !== undefined && HONORIFICS.has(prev) && m.end - m.start <= 40) m.type = 'PERSON';
    if (m.type !== 'PERSON') {
      out.push(m);
      continue;
    }
    const toks = tokensWithin(tokens, m.start, m.end);
    let k = 0;
    while (k < toks.length - 1 && PERSON_TITLES.has(toks[k]!.text.toLowerCase().replace(/\.$/, ''))) k++;
    if (k > 0) out.push({ start: toks[k]!.start, end: m.end, type: 'PERSON' });
    else out.push(m);
  }
  void text;
  return out.sort((a, b) => a.start - b.start);
}
