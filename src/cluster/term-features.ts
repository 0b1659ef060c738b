import { boundedMemo } from '../util/bounded-memo.js';

/**
 * Turns a document into weighted sparse features for clustering: content words
 * of title and body (light stemming, stop words dropped), proper nouns read
 * from capitalisation (so clustering works even when no NER ran), and the
 * caller's canonical entities and places. Feature names carry a prefix so a
 * place "georgia" and the word "georgia" stay distinct dimensions.
 */

// Function words, reporting verbs and news filler that say nothing about the event.
const STOP = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both ' +
    'but by can could did do does doing down during each few for from further had has have having he her here hers herself ' +
    'him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or ' +
    'other our ours ourselves out over own same she should so some such than that the their theirs them themselves then ' +
    'there these they this those through to too under until up very was we were what when where which while who whom why ' +
    'will with would you your yours yourself yourselves said says say saying told tell according also one two new ' +
    'last first would year years time since may might must shall us get got like well back even still many much ' +
    'another way made make including however while per via amp http https www com html htm ' +
    'monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow week weeks day days ' +
    'january february march april june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'mr mrs ms dr news report reports reported update updated video photo photos read reading'
  ).split(' '),
);

export function isStopword(token: string): boolean {
  return STOP.has(token);
}

/**
 * Light suffix stripper (plural, -ing, -ed, final -e, doubled consonant), so
 * "tapering", "tapered" and "taper" meet. Cheap and predictable; not Porter.
 * Remembered for the last 100,000 distinct tokens (a language's words recur).
 */
export const stem: (token: string) => string = boundedMemo(stemOnce, 100_000);

function stemOnce(token: string): string {
  let t = token;
  if (t.length > 4 && t.endsWith('ies')) t = t.slice(0, -3) + 'y';
  else if (t.length > 4 && t.endsWith('sses')) t = t.slice(0, -2);
  else if (t.length > 3 && t.endsWith('s') && !t.endsWith('ss') && !t.endsWith('us') && !t.endsWith('is')) t = t.slice(0, -1);
  if (/\p{N}/u.test(t)) return t;
  if (t.length > 5 && t.endsWith('ing')) t = t.slice(0, -3);
  else if (t.length > 4 && t.endsWith('ed')) t = t.slice(0, -2);
  if (t.length > 3 && t.endsWith('e')) t = t.slice(0, -1);
  const last = t[t.length - 1];
  if (t.length > 3 && last !== undefined && last === t[t.length - 2] && !'lsz'.includes(last) && /[b-df-hj-np-tv-z]/.test(last)) {
    t = t.slice(0, -1);
  }
  return t;
}

/** Content tokens of a text: lower-cased, stemmed, no stop words, no 1-letter tokens. */
export function contentTokens(text: string, limit = Infinity): string[] {
  const out: string[] = [];
  // `tokenize(text)`'s tokens (the same normalisation and word runs), read only as far as needed.
  eachWordRun(text.normalize('NFKC').toLowerCase(), (t) => {
    if (t.length < 2 || STOP.has(t)) return true;
    out.push(stem(t));
    return out.length < limit;
  });
  return out;
}

const WORD_CHAR_RE = /^[\p{L}\p{M}\p{N}]$/u;
/** Per UTF-16 code unit outside the surrogates: 1 a letter, mark or digit, 2 not, 0 not looked up yet. */
const WORD_UNIT = new Uint8Array(65_536);

function isWordUnit(c: number): boolean {
  let v = WORD_UNIT[c]!;
  if (v === 0) WORD_UNIT[c] = v = WORD_CHAR_RE.test(String.fromCharCode(c)) ? 1 : 2;
  return v === 1;
}

/**
 * Calls `each` with every run of letters, marks and digits of `s`, in order, until it returns false: what
 * `s.match(/[\p{L}\p{M}\p{N}]+/gu)` lists (a surrogate pair is one code point; a lone surrogate is none of them),
 * read by one scan instead of the pattern.
 */
export function eachWordRun(s: string, each: (word: string) => boolean): void {
  const n = s.length;
  let start = -1;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let word: boolean;
    let width = 1;
    if (c < 0xd800 || c > 0xdfff) word = isWordUnit(c);
    else if (c <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      word = WORD_CHAR_RE.test(s.slice(i, i + 2));
      width = 2;
    } else word = false;
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (!each(s.slice(start, i))) return;
      start = -1;
    }
    i += width - 1;
  }
  if (start >= 0) each(s.slice(start));
}

/** `s.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []` (see eachWordRun). */
export function wordRuns(s: string): string[] {
  const out: string[] = [];
  eachWordRun(s, (w) => {
    out.push(w);
    return true;
  });
  return out;
}

// Capitalised words (letters only, bounded length): those at the text's start or after a character that is no
// letter or digit, as /(^|[^\p{L}\p{N}])(\p{Lu}[\p{L}'’-]{1,40})/gu finds them (see capitalisedWords).
const CAP_WORD_RE = /\p{Lu}[\p{L}'’-]{1,40}/gu;
const LETTER_OR_DIGIT_RE = /^[\p{L}\p{N}]$/u;

/**
 * Proper-noun candidates read from capitalisation: capitalised words that do
 * not start a sentence (or that also appear capitalised mid-sentence).
 */
export function properNouns(text: string, limitChars = 20_000): string[] {
  return [...properNounCounts(text, limitChars).keys()];
}

/** Proper-noun candidates with how often each occurs capitalised (sentence starts included once the name is known). */
export function properNounCounts(text: string, limitChars = 20_000): Map<string, number> {
  const t = text.length > limitChars ? text.slice(0, limitChars) : text;
  const counts = new Map<string, number>();
  const mid = new Set<string>();
  for (const [word, idx] of capitalisedWords(t)) {
    // Sentence start: preceded (skipping spaces/quotes) by . ! ? newline or text start.
    let j = idx - 1;
    let c = j >= 0 ? t.charCodeAt(j) : -1;
    // space " “ ‘ ' (
    while (j >= 0 && (c === 32 || c === 34 || c === 0x201c || c === 0x2018 || c === 39 || c === 40)) c = --j >= 0 ? t.charCodeAt(j) : -1;
    // . ! ? newline :
    const atStart = j < 0 || c === 46 || c === 33 || c === 63 || c === 10 || c === 58;
    const key = nameKey(word);
    if (key.length < 2 || STOP.has(key)) continue;
    // A word met only at sentence starts is no name; once met mid-sentence, all its occurrences count.
    if (!atStart) mid.add(key);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const out = new Map<string, number>();
  for (const k of mid) out.set(k, counts.get(k)!);
  return out;
}

/**
 * The capitalised words of a text and where they start: the matches of /(^|[^\p{L}\p{N}])(\p{Lu}[\p{L}'’-]{1,40})/gu
 * (its second group, at its index plus the first group's length). That pattern tries a preceding character at
 * every position; this one looks for the capital letter and then checks what precedes it: no letter or digit,
 * and not the end of the previous word (whose last character the pattern cannot take again; it can end in a
 * hyphen or apostrophe when cut at 41 characters).
 */
function* capitalisedWords(t: string): Generator<[string, number]> {
  const re = new RegExp(CAP_WORD_RE);
  let end = -1;
  for (let m = re.exec(t); m !== null; m = re.exec(t)) {
    const at = m.index;
    if (at > 0 && (at === end || letterOrDigitBefore(t, at))) {
      // Not a word start: look again from the next code point (the capital may be two code units).
      re.lastIndex = at + (t.codePointAt(at)! > 0xffff ? 2 : 1);
      continue;
    }
    end = at + m[0].length;
    yield [m[0], at];
  }
}

/** Whether the code point just before `at` is a letter or digit. */
function letterOrDigitBefore(t: string, at: number): boolean {
  const c = t.charCodeAt(at - 1);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  // A low surrogate after a high one ends a two-unit code point.
  const high = at >= 2 ? t.charCodeAt(at - 2) : 0;
  const from = c >= 0xdc00 && c <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? at - 2 : at - 1;
  return LETTER_OR_DIGIT_RE.test(t.slice(from, at));
}

/** A capitalised word's name key: lower-cased, a final possessive 's (straight or curly apostrophe) dropped. */
function nameKey(word: string): string {
  const k = word.toLowerCase();
  const n = k.length;
  return n >= 2 && k.charCodeAt(n - 1) === 115 && (k.charCodeAt(n - 2) === 39 || k.charCodeAt(n - 2) === 0x2019) ? k.slice(0, -2) : k;
}

/** True when most words of a line are capitalised ("Fed Risks Falling Behind The Curve"). */
export function isTitleCase(line: string): boolean {
  const words = line.match(/\p{L}[\p{L}'’-]{0,40}/gu) ?? [];
  if (words.length < 3) return false;
  const caps = words.filter((w) => w[0] !== w[0]!.toLowerCase()).length;
  return caps / words.length > 0.6;
}

export interface FeatureInput {
  title: string | null;
  text: string;
  entities: string[];
  places: string[];
}

export interface FeatureWeights {
  title: number;
  body: number;
  properNoun: number;
  entity: number;
  place: number;
  /** Extra weight of words among the first `leadTokens` body content words. */
  lead: number;
  leadTokens: number;
  /** Weigh proper nouns by 1 + log(mentions) instead of presence. */
  nameTf: boolean;
  /** Weight of years mentioned (name channel); 0 turns them off. */
  year: number;
  /** Body tokens beyond this many are ignored: the lead carries the event. */
  bodyTokens: number;
  /** Headline-only documents (no body words): weight of adjacent title word pairs ("fed_taper"); 0 = off. */
  headlineBigram: number;
}

export const DEFAULT_FEATURE_WEIGHTS: FeatureWeights = {
  title: 2,
  body: 1,
  properNoun: 1,
  entity: 1.5,
  place: 1,
  year: 3,
  nameTf: false,
  lead: 0,
  leadTokens: 40,
  bodyTokens: 600,
  headlineBigram: 1,
};

/** Characters of a document's text that its features read (the rest never counts: see `bodyTokens`). */
export const FEATURE_TEXT_CHARS = 50_000;

/** Sparse term-frequency features (sublinear tf times the kind's weight). Read only the text's first FEATURE_TEXT_CHARS. */
export function docFeatures(doc: FeatureInput, w: FeatureWeights = DEFAULT_FEATURE_WEIGHTS): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (key: string, n = 1): void => {
    counts.set(key, (counts.get(key) ?? 0) + n);
  };
  // Only the first part of a huge input can matter (bodyTokens), so never tokenise all of it.
  const text = doc.text.length > FEATURE_TEXT_CHARS ? doc.text.slice(0, FEATURE_TEXT_CHARS) : doc.text;
  const body = contentTokens(text, w.bodyTokens);
  for (const t of body) add(t);
  const features = new Map<string, number>();
  for (const [k, c] of counts) features.set(k, w.body * (1 + Math.log(c)));
  // The lead says what happened; later paragraphs drift into background.
  if (w.lead > 0) for (const t of new Set(body.slice(0, w.leadTokens))) features.set(t, (features.get(t) ?? 0) + w.lead);
  if (doc.title !== null) {
    const tt = contentTokens(doc.title);
    for (const t of new Set(tt)) features.set(t, (features.get(t) ?? 0) + w.title);
    // A headline alone is a handful of words: word pairs make a shared phrase count for more than two shared words.
    if (w.headlineBigram > 0 && body.length === 0) {
      for (let i = 1; i < tt.length; i++) features.set(tt[i - 1] + '_' + tt[i], w.headlineBigram);
    }
  }
  // Title Case headlines capitalise every word: there capitalisation says nothing about names.
  const title = doc.title ?? '';
  const nouns = properNounCounts((isTitleCase(title) ? '' : title) + '\n' + text);
  // Sublinear in mentions when asked: the main actors of a story are named again and again.
  for (const [n, c] of nouns) features.set('n:' + n, w.properNoun * (w.nameTf ? 1 + Math.log(c) : 1));
  // Years mentioned tell apart similar happenings years apart ("rehab again in 2013").
  if (w.year > 0) {
    for (const y of new Set(text.slice(0, 20_000).match(/\b(?:19[5-9]\d|20[0-4]\d)\b/g) ?? [])) {
      features.set('y:' + y, w.year);
    }
  }
  for (const e of new Set(doc.entities)) {
    const k = e.trim().toLowerCase();
    if (k.length > 0) features.set('e:' + k, w.entity);
  }
  for (const p of new Set(doc.places)) {
    const k = p.trim().toLowerCase();
    if (k.length > 0) features.set('p:' + k, w.place);
  }
  return features;
}

/** Name features (`n:` keys) of the title (unless Title Case) and the first ~300 characters of the body. */
export function leadNames(doc: FeatureInput): string[] {
  const title = doc.title ?? '';
  const firstBreak = doc.text.search(/[.!?]\s|\n/);
  const lead = doc.text.slice(0, Math.min(300, firstBreak < 0 ? 300 : firstBreak + 1));
  const names = properNouns((isTitleCase(title) ? '' : title) + '\n' + lead);
  return names.map((n) => 'n:' + n);
}
