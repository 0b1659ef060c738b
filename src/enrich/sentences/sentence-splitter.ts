import type { Sentence } from '../../model/types.js';

/**
 * Rule-based sentence splitter for news English.
 *
 * Splits at line breaks (paragraphs never share a sentence) and after `.`, `!`,
 * `?` or `…` (with any closing quotes/brackets) when the next word starts like a
 * sentence. Abbreviations ("Mr.", "Jan.", "U.S.") and initials do not end a
 * sentence. Linear time: one pass, no backtracking regexes.
 */
const ABBREVIATIONS = new Set(
  [
    'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'gen', 'col', 'lt', 'sgt', 'capt', 'cmdr', 'adm', 'maj',
    'gov', 'sen', 'rep', 'rev', 'hon', 'pres', 'amb', 'atty', 'supt', 'det', 'insp',
    'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
    'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
    'inc', 'corp', 'co', 'ltd', 'llc', 'plc', 'bros', 'dept', 'univ', 'assn', 'est',
    'no', 'nos', 'vol', 'vs', 'v', 'etc', 'al', 'approx', 'fig', 'p', 'pp', 'ca', 'cf', 'e.g', 'i.e', 'ave', 'blvd', 'rd',
  ],
);

const CLOSERS = new Set(['"', "'", '”', '’', '»', ')', ']']);
const OPENERS = new Set(['"', "'", '“', '‘', '«', '(', '[']);

function isUpperStart(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  return ch !== ch.toLowerCase() || /\p{N}/u.test(ch);
}

/** A letter or a dot (ASCII answered without a regex). */
function isLetterOrDot(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return c === 46 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return /[\p{L}.]/u.test(ch);
}

/** JavaScript's \s (ASCII answered without a regex). */
function isSpace(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return /\s/.test(ch);
}

/** The word (letters and inner dots) that ends just before `index` (exclusive). */
function wordBefore(text: string, index: number): string {
  let i = index;
  while (i > 0 && isLetterOrDot(text[i - 1]!)) i--;
  return text.slice(i, index);
}

function isAbbreviation(word: string): boolean {
  const w = word.toLowerCase().replace(/^\.+/, '');
  if (w.length === 0) return false;
  if (ABBREVIATIONS.has(w)) return true;
  // Initials and dotted acronyms: "J", "U.S", "U.N"
  if (/^\p{L}$/u.test(word)) return word === word.toUpperCase();
  if (/^(\p{L}\.)+\p{L}$/u.test(word)) return true;
  return false;
}

export function splitSentences(text: string, offset = 0): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const push = (end: number): void => {
    let s = start;
    let e = end;
    while (s < e && isSpace(text[s]!)) s++;
    while (e > s && isSpace(text[e - 1]!)) e--;
    if (e > s) sentences.push({ start: s + offset, end: e + offset });
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      push(i);
      start = i + 1;
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…') continue;
    // Run of terminal punctuation and closers
    let j = i + 1;
    while (j < n && (text[j] === '.' || text[j] === '!' || text[j] === '?' || text[j] === '…')) j++;
    while (j < n && CLOSERS.has(text[j]!)) j++;
    if (j < n && text[j] !== ' ' && text[j] !== '\t' && text[j] !== '\n') {
      i = j - 1;
      continue;
    }
    let k = j;
    while (k < n && (text[k] === ' ' || text[k] === '\t')) k++;
    if (k >= n || text[k] === '\n') {
      push(j);
      start = j;
      i = j - 1;
      continue;
    }
    let next = k;
    while (next < n && OPENERS.has(text[next]!)) next++;
    const nextCh = text[next];
    if (ch === '.' && j === i + 1 && isAbbreviation(wordBefore(text, i))) {
      i = j - 1;
      continue;
    }
    if (!isUpperStart(nextCh) && !OPENERS.has(text[k]!)) {
      i = j - 1;
      continue;
    }
    push(j);
    start = j;
    i = j - 1;
  }
  push(n);
  return sentences;
}
