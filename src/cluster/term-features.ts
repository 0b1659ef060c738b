import { tokenize } from '../dedup/text-normalizer.js';

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
 */
export function stem(token: string): string {
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
  for (const t of tokenize(text)) {
    if (t.length < 2 || STOP.has(t)) continue;
    out.push(stem(t));
    if (out.length >= limit) break;
  }
  return out;
}

// Capitalised words (letters only, bounded length) with the character before them.
const CAP_RE = /(^|[^\p{L}\p{N}])(\p{Lu}[\p{L}'’-]{1,40})/gu;

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
  const initial = new Set<string>();
  for (const m of t.matchAll(CAP_RE)) {
    const word = m[2]!;
    const idx = (m.index ?? 0) + m[1]!.length;
    // Sentence start: preceded (skipping spaces/quotes) by . ! ? newline or text start.
    let j = idx - 1;
    while (j >= 0 && (t[j] === ' ' || t[j] === '"' || t[j] === '“' || t[j] === '‘' || t[j] === "'" || t[j] === '(')) j--;
    const atStart = j < 0 || t[j] === '.' || t[j] === '!' || t[j] === '?' || t[j] === '\n' || t[j] === ':';
    const key = word.toLowerCase().replace(/['’]s$/, '');
    if (key.length < 2 || STOP.has(key)) continue;
    (atStart ? initial : mid).add(key);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const out = new Map<string, number>();
  for (const k of mid) out.set(k, counts.get(k)!);
  return out;
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

/** Sparse term-frequency features (sublinear tf times the kind's weight). */
export function docFeatures(doc: FeatureInput, w: FeatureWeights = DEFAULT_FEATURE_WEIGHTS): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (key: string, n = 1): void => {
    counts.set(key, (counts.get(key) ?? 0) + n);
  };
  // Only the first part of a huge input can matter (bodyTokens), so never tokenise all of it.
  const text = doc.text.length > 50_000 ? doc.text.slice(0, 50_000) : doc.text;
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
