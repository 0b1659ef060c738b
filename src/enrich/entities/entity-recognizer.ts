/**
 * Named entities of one article: the trained tagger, rule corrections, roles
 * from title phrases and appositions, and within-document canonicalisation.
 */
import type { Entity, EntityMention, EntityType, Sentence } from '../../model/types.js';
import { defaultNerModel, recognizeNamedSpansInTokens, type NerModel } from '../ner/ner-tagger.js';
import type { ConllType } from '../ner/perceptron-model.js';
import { firstTokenAtOrAfter, tokenize, type Token } from '../ner/tokenizer.js';
import { countriesOfDemonym, countryTable } from '../places/country-table.js';
import { linkMentions, type LinkableMention } from './entity-linker.js';
import { applyMentionRules, type RawMention } from './mention-rules.js';
import { retypeBySurname, retypeTitledNames, type NameLexicon } from './person-retyping.js';
import { retypePlacesAfterPrepositions } from './place-retyping.js';
import { retypeCompanyNames } from './company-retyping.js';
import { defaultGazetteer, lookupPlaces } from '../places/gazetteer.js';
import { roleNearMention } from './role-extractor.js';

export interface RecognizeOptions {
  /** Spans to keep out, e.g. the dateline ("YEREVAN, June 4. /TASS/"). */
  exclude?: { start: number; end: number }[];
  /** A model other than the shipped one (tests, experiments). */
  model?: NerModel;
}

const TYPE_MAP: Record<ConllType, EntityType> = { PER: 'PERSON', ORG: 'ORG', LOC: 'LOC', MISC: 'MISC' };

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** A word like "Armenian" or "Armenian-Azerbaijani": a country relation, not an entity of its own. */
export function isDemonymMention(text: string): boolean {
  return countriesOfDemonym(text.replace(/[’']s$/u, '')).length > 0;
}

function isCountryCompound(text: string): boolean {
  const parts = text.split(/[-–]/);
  return parts.length >= 2 && parts.every((p) => countryTable().byName.has(p.trim().toLowerCase()) || countriesOfDemonym(p.trim()).length > 0);
}

/** The word lists the person retyping reads, from the tagger's model and the country table. */
export function nameLexicon(model: NerModel): NameLexicon {
  const countries = countryTable();
  return {
    isCommonWord: (w) => model.ordinaryWords.has(w),
    isPlaceName: (w) => countries.byName.has(w.toLowerCase()) || (model.resources.lexicons['ext']?.phrases.get(w)?.includes('LOC') ?? false),
    isDemonym: (w) => countriesOfDemonym(w).length > 0,
    knownTypes: (phrase) => {
      let types: string[] | undefined;
      for (const lex of Object.values(model.resources.lexicons)) {
        const t = lex.phrases.get(phrase);
        if (t) (types ??= []).push(...t);
      }
      return types;
    },
  };
}

export function recognizeEntities(
  text: string,
  sentences: Sentence[],
  opts: RecognizeOptions = {},
): { mentions: EntityMention[]; entities: Entity[] } {
  const model = opts.model ?? defaultNerModel();
  const exclude = opts.exclude ?? [];
  const sentenceTokens = sentences.map((s) => tokenize(text, s.start, s.end));
  const tagged = recognizeNamedSpansInTokens(text, sentenceTokens, model);
  const commonLower = model.ordinaryWords;
  const countries = countryTable();
  const knownPlace = (w: string): boolean =>
    countries.byName.has(w.toLowerCase()) || (model.resources.lexicons['ext']?.phrases.get(w)?.includes('LOC') ?? false);

  // Names the training data or the place lists know are never junk, however ordinary their words ("United States").
  const knownName = (s: string): boolean => Object.values(model.resources.lexicons).some((lex) => lex.phrases.has(s.replace(/\s+/g, ' ')));
  const nameLex = nameLexicon(model);
  const linkable: LinkableMention[] = [];
  /** The sentence tokens of each linkable mention, for roles read after retyping. */
  const tokensOf: Token[][] = [];
  let ti = 0;
  for (const [si, s] of sentences.entries()) {
    const tokens = sentenceTokens[si]!;
    const inSentence: RawMention[] = [];
    while (ti < tagged.length && tagged[ti]!.start < s.end) {
      const t = tagged[ti++]!;
      if (t.start >= s.start) inSentence.push({ start: t.start, end: t.end, type: TYPE_MAP[t.type] });
    }
    const fixed = applyMentionRules(text, tokens, inSentence, { isPlaceName: knownPlace, isCommonWord: (w) => commonLower.has(w) });
    // "regional water director Petra Holm": a title before a name-like ORG/MISC mention makes it a person.
    retypeTitledNames(text, tokens, fixed, nameLex);
    // Which person mention (1-based index into `fixed`) covers each token: role phrases stop at other names.
    // Built only for a sentence with a person mention: it is read only when a person's role is looked for.
    let personAt: Int32Array | undefined;
    fixed.forEach((m, k) => {
      if (m.type !== 'PERSON') return;
      personAt ??= new Int32Array(tokens.length);
      for (let i = firstTokenAtOrAfter(tokens, m.start); i < tokens.length && tokens[i]!.end <= m.end; i++) personAt[i] = k + 1;
    });
    for (const [k, m] of fixed.entries()) {
      if (exclude.some((x) => overlaps(x, m))) continue;
      let start = m.start;
      const lead = /^(the|The)\s+/u.exec(text.slice(m.start, m.end));
      if (lead) start += lead[0].length;
      const mtext = text.slice(start, m.end);
      if (isJunk(mtext, m.type, commonLower) && !knownName(mtext)) continue;
      // "Armenian", "Armenian-Azerbaijani", "Armenia-Azerbaijan": country relations, not entities of their own.
      if (m.type !== 'PERSON' && (isDemonymMention(mtext) || isCountryCompound(mtext))) continue;
      const mention: LinkableMention = { start, end: m.end, text: mtext, type: m.type };
      if (m.type === 'PERSON') {
        const at = personAt!;
        mention.role = roleFor(text, tokens, mention, (i) => at[i] !== 0 && at[i] !== k + 1);
      }
      linkable.push(mention);
      tokensOf.push(tokens);
    }
  }
  // "Petra Holm" (ORG) … "Holm said" (PERSON): the surname used alone makes the full name a person.
  retypeBySurname(linkable, nameLex);
  // "a mine near Sodankylä" tagged PERSON: a place after a locative preposition is that place, everywhere in the text.
  // Names the tagger's lists know as a person ("in God") are left alone.
  retypePlacesAfterPrepositions(text, linkable, (name) => !(nameLex.knownTypes(name)?.includes('PER') ?? false) && lookupPlaces(defaultGazetteer(), name).length > 0);
  // "Boreal Metals" tagged PERSON: a name only companies end so is an organisation, everywhere in the text.
  retypeCompanyNames(linkable);
  linkable.forEach((m, k) => {
    if (m.type === 'PERSON' && m.role === undefined) m.role = roleFor(text, tokensOf[k]!, m, () => false);
  });
  markAcronyms(text, linkable);
  return linkMentions(linkable);
}

/** Capitalised ordinary words the tagger sometimes takes for names ("Assistance", "Most Popular"). */
function isJunk(mtext: string, type: EntityType, commonLower: ReadonlySet<string>): boolean {
  if (mtext.length < 2) return true;
  // A "person" made only of ordinary words ("Expresses Solidarity", "Picks") is a headline fragment.
  if (type === 'PERSON') return !/\p{Lu}/u.test(mtext) || mtext.split(/\s+/).every((w) => commonLower.has(w.toLowerCase()));
  const ws = mtext.split(/\s+/);
  if (ws.some((w) => /^\p{Lu}{2,}$/u.test(w))) return false;
  if (/\s(Ministry|Department|Service|Agency|Committee|Council|Organi[sz]ation|Group|Province|Region)$/u.test(mtext)) return false;
  return ws.every((w) => commonLower.has(w.toLowerCase()));
}

function roleFor(text: string, tokens: readonly Token[], m: LinkableMention, blocked: (tokenIndex: number) => boolean): LinkableMention['role'] {
  const at = firstTokenAtOrAfter(tokens, m.start);
  const first = at < tokens.length ? at : -1;
  let last = first;
  while (last + 1 < tokens.length && tokens[last + 1]!.end <= m.end) last++;
  if (first < 0) return null;
  // A possessive belongs to the mention's right edge: "Zakharova 's statement".
  if (["'s", '’s'].includes(tokens[last + 1]?.text ?? '')) last++;
  // A title phrase never runs across another person's name ("President Barack Obama, Hillary Clinton").
  return roleNearMention(text, tokens, first, last, blocked);
}

/** "Full Name (ACR)": records that the acronym names the preceding mention. */
function markAcronyms(text: string, ms: LinkableMention[]): void {
  for (let i = 0; i + 1 < ms.length; i++) {
    const a = ms[i]!;
    const b = ms[i + 1]!;
    const between = text.slice(a.end, b.start);
    if (!/^\s{0,2}\($/u.test(between) || text[b.end] !== ')') continue;
    if (!/^[\p{Lu}&.]{2,10}$/u.test(b.text)) continue;
    a.acronymOf = i + 1;
  }
}
