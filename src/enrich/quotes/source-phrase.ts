/**
 * Finding the source phrase next to a reporting verb: "Zakharova (also) said",
 * "said the spokesperson", "Flynn, a top Trump surrogate, said", "a defence
 * official told Armenpress". Rule-based on word classes, because the product
 * core may not depend on a tagger; bounded walks keep it linear.
 */
import type { Token } from './tokens.js';

export const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you']);
const DETERMINERS = new Set([
  'the', 'a', 'an', 'this', 'these', 'those', 'his', 'her', 'their', 'its', 'our', 'my', 'some', 'many', 'several',
  'other', 'another', 'most', 'both', 'all', 'one', 'two', 'three', 'four', 'five', 'few', 'no', 'each', 'any', 'such',
]);
const CONNECTORS = new Set(['of', 'for', 'to', 'at', 'from', 'and', 'in', 'on', '’s', "'s", '-', '&']);
/** Nouns that can head a source phrase. Plural forms are listed because "officials said" is common. */
export const AGENT_NOUNS = new Set(
  (
    'official officials spokesperson spokesman spokeswoman spokespeople spokesmen minister ministers ministry ministries ' +
    'department embassy government governments administration source sources aide aides adviser advisers advisor advisors ' +
    'analyst analysts expert experts critic critics supporter supporters voter voters report reports statement statements ' +
    'poll polls survey surveys study studies campaign campaigns committee police officer officers authorities lawyer lawyers ' +
    'attorney attorneys president presidents governor governors ambassador ambassadors diplomat diplomats director directors ' +
    'chairman chairwoman chair leader leaders candidate candidates nominee senator senators congressman congresswoman ' +
    'representative representatives mayor chief secretary member members people residents witnesses investigators prosecutors ' +
    'court judge agency office service military army group organization organisation party democrats republicans manager ' +
    'surrogate surrogates staff staffer staffers economist economists historian historians strategist strategists consultant ' +
    'consultants pollster pollsters researchers researcher scientists scientist doctor doctors aide spokesperson press ' +
    'newspaper paper website outlet network magazine agency deputy envoy mission council parliament assembly ' +
    'legislators lawmakers lawmaker delegation delegate delegates observers observer commentator commentators host anchor ' +
    'author authors writer writers reporter reporters journalist journalists editor editors founder ceo executive executives ' +
    'man woman men women friend friends family father mother son daughter wife husband opponent opponents rival rivals ' +
    'allies ally backers donor donors advocate advocates activists activist protesters organizers organisers student students ' +
    'worker workers union unions company firm bank fund team coach player players fans insiders insider memo letter ' +
    'filing documents document data figures numbers records record article piece editorial column book video ad ads ' +
    'commission board panel inspector general generals troops forces ministry’s officials’ guards border governor’s ' +
    'prime premier king queen prince pope cleric bishop speaker whip percent half third quarter majority majorities ' +
    'two three four five six seven eight nine ten dozen dozens hundreds thousands millions several many most others half ' +
    'both all plurality person persons someone somebody anyone everyone protester protesters audience crowd fan fans respondents americans democrats republicans independents evangelicals conservatives liberals who'
  ).split(/\s+/),
);
const MODIFIERS = new Set(
  ('nearly almost about around roughly over under just only more less ' +
    'former senior top chief deputy local foreign federal state military defence defense campaign white house press security ' +
    'intelligence anonymous unnamed other independent republican democratic political national presidential new longtime ' +
    'veteran retired leading prominent many some two three several key close former longtime current acting special russian ' +
    'armenian azerbaijani american british french german chinese iranian turkish ukrainian european western regional ' +
    'government administration department ministry embassy diplomatic legal health economic public private police border ' +
    'high-ranking high-level well-known conservative liberal progressive gop top-ranking outside internal'
  ).split(/\s+/),
);
/** Adverbs and auxiliaries allowed between a source and its verb: "Zakharova also said", "he has repeatedly said". */
export const VERB_ADVERBS = new Set([
  'also', 'later', 'earlier', 'again', 'previously', 'repeatedly', 'then', 'further', 'once', 'publicly', 'privately',
  'recently', 'reportedly', 'has', 'have', 'had', 'would', 'will', 'was', 'is', 'were', 'are', 'had', 'subsequently',
  'additionally', 'separately', 'similarly', 'quickly', 'immediately', 'often', 'frequently', 'still', 'even', 'just',
  'already', 'first', 'specifically', 'flatly', 'strongly', 'explicitly', 'openly', 'falsely', 'wrongly', 'correctly',
  'has', 'been', 'be', 'may', 'might', 'could', 'can', 'did', 'does', 'do', 'never', 'not', 'yesterday', 'today',
  'now', 'overall', 'polled', 'surveyed', 'interviewed', 'questioned', 'too', 'themselves', 'himself', 'herself', 'itself',
]);
const TIME_WORDS = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|afternoon|evening|night|week|month|year|day|today|yesterday|tonight|january|february|march|april|may|june|july|august|september|october|november|december|last|this|early|late|\d+)$/;

/** Skips "on Thursday evening", "last week", "in a statement" ending at token i (inclusive), returning the index before it. */
function skipTimePhrase(tokens: readonly Token[], i: number, floor: number): number {
  let j = i;
  while (j >= floor && i - j < 4 && tokens[j]!.word && TIME_WORDS.test(tokens[j]!.lower)) j--;
  if (j < i && j >= floor && /^(?:on|in|at|late|early|last|this)$/.test(tokens[j]!.lower)) j--;
  return j < i && j >= floor ? j : i;
}
const DISCOURSE = new Set(['though', 'however', 'too', 'meanwhile', 'instead', 'also', 'then', 'example', 'instance', 'turn', 'part', 'contrast', 'addition', 'particular', 'fact', 'short', 'sum', 'response', 'return', 'said']);
const INDEFINITE = new Set(['a', 'an', 'some', 'several', 'two', 'three', 'four', 'many', 'one', 'other', 'another', 'few']);

function adjectiveLike(lower: string): boolean {
  return /(?:ian|ese|ish|al|ic|ive|ary|ior|ous|ern)$/.test(lower) && lower.length > 4;
}

/** Capitalised words that never head a source phrase ("When asked…", "On Friday…"). */
const NON_HEAD_CAPS = new Set(
  ('when if while as after before but and however meanwhile since although because in on at during for with from by to of ' +
    'there here this that what why how where monday tuesday wednesday thursday friday saturday sunday january february ' +
    'march april may june july august september october november december yesterday today last next earlier later also ' +
    'then so yet still now once amid despite following though among having speaking unlike like until whether without ' +
    'through against toward towards upon across throughout within into about around more').split(' '),
);

/** "he’s", "they’re", "I’m": a pronoun with its auxiliary in one token; the length of the pronoun, else 0. */
export function pronounContraction(lower: string): number {
  const m = /^(he|she|it|they|we|i|you)(?:’|')(?:s|re|m|ve|d|ll)$/.exec(lower);
  return m ? m[1]!.length : 0;
}

/** A word that can head a source phrase. */
export function isHead(t: Token, sentenceStart: boolean): boolean {
  if (!t.word) return false;
  if (pronounContraction(t.lower) > 0) return true;
  if (NON_HEAD_CAPS.has(t.lower)) return false;
  if (PRONOUNS.has(t.lower)) return true;
  if (AGENT_NOUNS.has(bare(t.lower)) || agentish(t.lower)) return true;
  if (t.cap && !(sentenceStart && (DETERMINERS.has(t.lower) || CONNECTORS.has(t.lower)))) return true;
  return false;
}

/** The word without a possessive ending: "minister’s" → "minister". */
function bare(lower: string): string {
  return lower.replace(/[’']s$/, '');
}

const NOT_AGENTISH = new Set(
  ('other after never under over however whether either neither rather together whatever later earlier order major minor ' +
    'number recent different current important present want meant went sent spent event consent content intent moment ' +
    'comment statement government parliament ever every sooner longer better worse bigger smaller greater matter water ' +
    'center centre quarter corner border error favor labor honor power paper letter summer winter october november ' +
    'december september prevent extent accent descent dissent cement segment element').split(' '),
);

/** Nouns for people by their ending: "socialist", "historian", "organizer", "resident". */
function agentish(lower: string): boolean {
  const w = bare(lower);
  // A listed agent noun in the plural ("groups", "organizers" is caught by its ending already).
  if (w.length >= 4 && w.endsWith('s') && AGENT_NOUNS.has(w.slice(0, -1))) return true;
  // "businessman", "congresswomen", "chairmen".
  if (w.length >= 6 && /(?:man|men)$/.test(w) && !/(?:human|humans|german|germans|roman|romans|woman|women)$/.test(w.replace(/^(?:business|congress|chair|spokes)/, ''))) return true;
  return w.length >= 5 && /(?:ists?|ians?|ers?|ors?|ents?|ants?)$/.test(w) && !NOT_AGENTISH.has(w) && !NOT_AGENTISH.has(w.replace(/s$/, ''));
}

export function isPhraseToken(t: Token): boolean {
  if (!t.word) return t.text === '.' || t.text === '-' || t.text === '&';
  const w = bare(t.lower);
  return t.cap || PRONOUNS.has(w) || DETERMINERS.has(w) || CONNECTORS.has(t.lower) || AGENT_NOUNS.has(w) || MODIFIERS.has(w) || adjectiveLike(w) || agentish(w) || /^\d/.test(t.text);
}

function trimEdges(tokens: readonly Token[], a: number, b: number): [number, number] | null {
  // A phrase never starts or ends with a connector or stray punctuation, nor starts with "When", "But", "On".
  while (a <= b && (CONNECTORS.has(tokens[a]!.lower) || !tokens[a]!.word || (tokens[a]!.cap && NON_HEAD_CAPS.has(tokens[a]!.lower)))) a++;
  while (b >= a && (CONNECTORS.has(tokens[b]!.lower) || !tokens[b]!.word || DETERMINERS.has(tokens[b]!.lower))) b--;
  return a <= b ? [a, b] : null;
}

export interface PhraseSpan {
  /** First and last token index (inclusive). */
  first: number;
  last: number;
}

const MAX_PHRASE = 16;

const ARTICLES = new Set(['the', 'a', 'an']);

/**
 * Where the noun phrase ending at token `head` starts, given a walk back to `start`: an article right after a
 * noun opens a new phrase ("told the Herald the company planned": the source is "the company"); inside one
 * phrase an article follows a connector ("the head of the agency").
 */
export function phraseStart(tokens: readonly Token[], start: number, head: number): number {
  for (let p = head - 1; p > start; p--) {
    if (!ARTICLES.has(tokens[p]!.lower)) continue;
    const prev = tokens[p - 1]!;
    if (prev.word && !CONNECTORS.has(prev.lower) && !DETERMINERS.has(prev.lower) && (prev.cap || AGENT_NOUNS.has(bare(prev.lower)))) return p;
  }
  return start;
}

/**
 * The noun phrase before the participle at `participle` ("Internal figures" in "Internal figures seen by the
 * Courier"): the subject the source phrase really starts with. Its first token, or null.
 */
export function holderPhrase(tokens: readonly Token[], participle: number, floor: number): number | null {
  const head = participle - 1;
  // Any noun can hold material ("analysis released by …", "research conducted by …"), not only an agent noun.
  const h = tokens[head];
  if (head < floor || h === undefined || !h.word || CONNECTORS.has(h.lower) || DETERMINERS.has(h.lower) || PRONOUNS.has(h.lower)) return null;
  let start = head;
  while (start - 1 >= floor && head - start < MAX_PHRASE && isPhraseToken(tokens[start - 1]!)) start--;
  start = phraseStart(tokens, start, head);
  const t = trimEdges(tokens, start, head);
  return t === null ? null : t[0];
}

/** "figures seen by the Courier show …": a phrase after a participle and "by" is a passive agent, not the verb's subject. */
export function isPassiveAgent(tokens: readonly Token[], first: number): boolean {
  return tokens[first - 1]?.lower === 'by' && /(?:ed|en|seen|known|shown)$/.test(tokens[first - 2]?.lower ?? '');
}

/**
 * The source phrase that ends just before token `cue` (skipping adverbs),
 * not reaching before token `floor`. Handles one appositive between commas.
 */
export function sourceBefore(tokens: readonly Token[], cue: number, floor: number): PhraseSpan | null {
  let i = cue - 1;
  while (i >= floor && tokens[i]!.word && VERB_ADVERBS.has(tokens[i]!.lower)) i--;
  if (i < floor) return null;
  i = skipTimePhrase(tokens, i, floor);
  while (i >= floor && tokens[i]!.word && VERB_ADVERBS.has(tokens[i]!.lower)) i--;
  if (i < floor) return null;
  let end = i;
  if (tokens[i]!.text === ',' && tokens[i - 1]?.text === ')') i--;
  if (tokens[i]!.text === ',') {
    // "Murphy, though, said" / "Humphrey, for example, said": a discourse aside, not an appositive.
    let j = i - 1;
    while (j >= floor && i - j <= 4 && tokens[j]!.text !== ',') j--;
    if (j > floor && tokens[j]!.text === ',' && tokens.slice(j + 1, i).every((t) => t.word && !t.cap) && tokens.slice(j + 1, i).some((t) => DISCOURSE.has(t.lower))) {
      i = j - 1;
      end = i;
    }
  }
  if (tokens[i]!.text === ')') {
    // "Rep. Hank Johnson (D-Ga.) said": the party label belongs to the source.
    let j = i - 1;
    while (j >= floor && i - j < 8 && tokens[j]!.text !== '(') j--;
    if (j <= floor || tokens[j]!.text !== '(') return null;
    i = j - 1;
    if (!isHead(tokens[i]!, i === floor)) return null;
  } else if (tokens[i]!.text === ',') {
    // "Flynn, a top Trump surrogate, said": find the opening comma of the appositive.
    let j = i - 1;
    // A dot after a short capitalised word is an abbreviation ("Mr.", "Gov."), not the end of a sentence.
    while (j >= floor && j > i - 40 && tokens[j]!.text !== ',' && (tokens[j]!.text !== '.' || abbreviationDot(tokens, j))) j--;
    if (j < floor || tokens[j]!.text !== ',' || j === i - 1) return null;
    const appFirst = tokens[j + 1]!;
    // "Kevin Brady, chairman of the committee, said", "Clinton, 35, said", "Trump, in Kentucky, said".
    const roleFirst = AGENT_NOUNS.has(bare(appFirst.lower)) || agentish(appFirst.lower) || MODIFIERS.has(appFirst.lower) || /^\d/.test(appFirst.text) || /^(?:in|at|on|speaking|writing)$/.test(appFirst.lower);
    if (!(DETERMINERS.has(appFirst.lower) || appFirst.cap || roleFirst || /^(?:who|whose|which)$/.test(appFirst.lower) || /ing$/.test(appFirst.lower))) return null;
    end = i;
    i = j - 1;
    if (i >= floor && tokens[i]!.text === ')') {
      while (i >= floor && tokens[i]!.text !== '(') i--;
      i--;
    }
    if (i < floor || !isHead(tokens[i]!, i === floor)) return null;
  } else if (!isHead(tokens[i]!, i === floor)) {
    return null;
  }
  let start = i;
  while (start - 1 >= floor && i - start < MAX_PHRASE && isPhraseToken(tokens[start - 1]!)) start--;
  start = phraseStart(tokens, start, i);
  // Lowercase words are only kept when a determiner or a capitalised word opens the phrase.
  let s = start;
  while (s < i && !tokens[s]!.cap && !DETERMINERS.has(tokens[s]!.lower) && !AGENT_NOUNS.has(bare(tokens[s]!.lower))) s++;
  const trimmed = trimEdges(tokens, s, i);
  if (!trimmed) return null;
  if (isPassiveAgent(tokens, trimmed[0])) {
    const held = holderPhrase(tokens, trimmed[0] - 2, floor);
    if (held !== null) return { first: held, last: end };
  }
  return { first: trimmed[0], last: end };
}

function abbreviationDot(tokens: readonly Token[], j: number): boolean {
  const prev = tokens[j - 1];
  return prev !== undefined && prev.cap && prev.text.length <= 4 && prev.end === tokens[j]!.start;
}

/** The source phrase starting at token `from` ("said the spokesperson for …"), up to `ceil` (exclusive). */
export function sourceAfter(tokens: readonly Token[], from: number, ceil: number): PhraseSpan | null {
  let i = from;
  let last = -1;
  let hasHead = false;
  while (i < ceil && i - from < MAX_PHRASE && isPhraseToken(tokens[i]!)) {
    // "told The Huffington Post he is …": a pronoun after the phrase starts the next clause.
    if (i > from && PRONOUNS.has(bare(tokens[i]!.lower))) break;
    if (isHead(tokens[i]!, false)) hasHead = true;
    last = i;
    i++;
  }
  if (last < 0 || !hasHead) return null;
  const t = trimEdges(tokens, from, last);
  return t ? { first: t[0], last: t[1] } : null;
}

/** "a defence official", "sources", "people familiar with the matter": a source without a name. */
export function isAnonymousPhrase(tokens: readonly Token[], span: PhraseSpan): boolean {
  let hasCapName = false;
  for (let k = span.first; k <= span.last; k++) {
    const t = tokens[k]!;
    if (t.cap && !(k === span.first && DETERMINERS.has(t.lower)) && !MODIFIERS.has(t.lower) && !AGENT_NOUNS.has(t.lower)) hasCapName = true;
  }
  if (hasCapName) return false;
  const first = tokens[span.first]!;
  const head = tokens[span.last]!;
  if (PRONOUNS.has(head.lower)) return false;
  if (INDEFINITE.has(first.lower)) return true;
  return /^(sources|officials|aides|people|insiders|experts|analysts|diplomats|advisers)$/.test(head.lower) && !DETERMINERS.has(first.lower);
}

const CLAUSE_OPENERS = new Set(['at', 'in', 'on', 'during', 'after', 'before', 'when', 'while', 'since', 'as', 'if', 'although', 'though', 'because', 'despite', 'meanwhile', 'however', 'but', 'and', 'yet', 'so', 'still', 'then', 'later', 'earlier', 'also', 'for', 'with', 'from', 'by', 'to', 'of', 'under', 'over', 'amid', 'following', 'like', 'unlike', 'instead']);

/**
 * The subject of the sentence's main clause, for participles and coordinated
 * verbs that share it ("Fiorina threw her support behind Cruz, saying …"):
 * the first source phrase, at the start or after an introductory phrase,
 * that is followed by a lowercase word (its verb).
 */
export function clauseSubject(tokens: readonly Token[], limit: number): PhraseSpan | null {
  const starts = [0];
  for (let i = 0; i < limit; i++) if (tokens[i]!.text === ',') starts.push(i + 1);
  for (const p of starts) {
    const first = tokens[p];
    if (!first || !first.word || CLAUSE_OPENERS.has(first.lower)) continue;
    const src = sourceAfter(tokens, p, limit);
    if (!src || src.first !== p) continue;
    let v = src.last + 1;
    while (v < limit && VERB_ADVERBS.has(tokens[v]!.lower)) v++;
    const verb = tokens[v];
    if (verb && verb.word && !verb.cap && !CONNECTORS.has(verb.lower) && !DETERMINERS.has(verb.lower)) return src;
  }
  return null;
}

/** A pronoun or a listed agent noun (not one guessed from its ending). */
export function isKnownSubject(lower: string): boolean {
  return PRONOUNS.has(lower) || AGENT_NOUNS.has(bare(lower));
}
