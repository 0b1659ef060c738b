/**
 * The tokenizer reads code units instead of one-character strings (isWordCharAt, isSpaceAt): it must split
 * every text exactly as the code before that change did, kept here as the reference.
 */
import { describe, expect, it } from 'vitest';
import { tokenize, type Token } from '../../src/enrich/ner/tokenizer.js';
import { mulberry32 } from '../../src/util/seeded-random.js';
import { NER_SAMPLE } from './sample-text.js';

// ---- reference: src/enrich/ner/tokenizer.ts before the code-unit reads (git show 7173f7c) ----
const APOSTROPHES = new Set(["'", '’']);

function isWordChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  // ASCII without a regex: the same answer as the Unicode classes give.
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return /[\p{L}\p{N}\p{M}]/u.test(ch);
}

function isSpace(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return /\s/u.test(ch);
}

/** Clitics that CoNLL keeps as separate tokens after an apostrophe. */
const CLITICS = new Set(['s', 'm', 'd', 're', 've', 'll']);

/**
 * Splits `text.slice(start, end)` into tokens with absolute offsets.
 */
function referenceTokenize(text: string, start = 0, end = text.length): Token[] {
  const tokens: Token[] = [];
  let i = start;
  while (i < end) {
    const ch = text[i]!;
    if (isSpace(ch)) {
      i++;
      continue;
    }
    if (isWordChar(ch)) {
      let j = i + 1;
      // A word runs over letters/digits and inner joiners: "U.S.", "1,000",
      // "1996-08-22", "Nagorno-Karabakh", "O'Neill" (but not a clitic "'s").
      while (j < end) {
        const c = text[j]!;
        if (isWordChar(c)) {
          j++;
          continue;
        }
        const next = j + 1 < end ? text[j + 1]! : '';
        if ((c === '.' || c === ',' || c === '-' || c === '/' || c === '&') && next !== '' && isWordChar(next)) {
          if (c === ',' && !(/\p{N}/u.test(text[j - 1]!) && /\p{N}/u.test(next))) break;
          if (c === '/' && !(/\p{N}/u.test(text[j - 1]!) && /\p{N}/u.test(next))) break;
          if (c === '&' && !(/\p{Lu}/u.test(text[j - 1]!) && /\p{Lu}/u.test(next))) break;
          j++;
          continue;
        }
        if (APOSTROPHES.has(c) && next !== '' && /\p{L}/u.test(next)) {
          // "O'Neill" joins; "Zakharova's" splits off the clitic.
          let k = j + 1;
          while (k < end && k - j < 4 && /\p{L}/u.test(text[k]!)) k++;
          const clitic = text.slice(j + 1, k).toLowerCase();
          if (CLITICS.has(clitic) && (k >= end || !isWordChar(text[k]!))) break;
          if (clitic === 't' && text[j - 1] === 'n') break;
          j++;
          continue;
        }
        break;
      }
      // Dotted abbreviations keep their final period: "U.S.", "Corp.", "Jr."
      let wordEnd = j;
      if (j < end && text[j] === '.') {
        const w = text.slice(i, j);
        if (/^(\p{L}{1,3}\.){1,4}\p{L}{1,3}$/u.test(w) || ABBREV.has(w) || /^\p{Lu}$/u.test(w)) wordEnd = j + 1;
      }
      // "don't" → "do" + "n't"
      if (wordEnd === j && APOSTROPHES.has(text[j] ?? '') && text[j - 1] === 'n' && text[j + 1] === 't' && j - 1 > i) {
        tokens.push({ text: text.slice(i, j - 1), start: i, end: j - 1 });
        tokens.push({ text: text.slice(j - 1, j + 2), start: j - 1, end: j + 2 });
        i = j + 2;
        continue;
      }
      tokens.push({ text: text.slice(i, wordEnd), start: i, end: wordEnd });
      i = wordEnd;
      continue;
    }
    if (APOSTROPHES.has(ch) && i + 1 < end && /\p{L}/u.test(text[i + 1]!)) {
      let k = i + 1;
      while (k < end && k - i < 4 && /\p{L}/u.test(text[k]!)) k++;
      const clitic = text.slice(i + 1, k).toLowerCase();
      if (CLITICS.has(clitic) && (k >= end || !isWordChar(text[k]!)) && i > start && isWordChar(text[i - 1]!)) {
        tokens.push({ text: text.slice(i, k), start: i, end: k });
        i = k;
        continue;
      }
    }
    // Runs of the same punctuation ("...", "--") are one token.
    let j = i + 1;
    while (j < end && text[j] === ch && j - i < 8) j++;
    tokens.push({ text: text.slice(i, j), start: i, end: j });
    i = j;
  }
  return tokens;
}

const ABBREV = new Set([
  'Mr', 'Mrs', 'Ms', 'Dr', 'Prof', 'Sr', 'Jr', 'St', 'Mt', 'Gen', 'Col', 'Lt', 'Sgt', 'Capt', 'Adm', 'Maj', 'Gov', 'Sen',
  'Rep', 'Rev', 'Inc', 'Corp', 'Co', 'Ltd', 'Bros', 'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct',
  'Nov', 'Dec', 'No', 'vs', 'Ave', 'Blvd',
]);

// ---- end of reference ----

const PIECES = [
  'a', 'Z', 'q', '7', ' ', '  ', '\t', '\n', '\u00a0', '\u2003', '.', ',', '-', '/', '&', "'", '\u2019', 's', 't', 'n', 'U.S.',
  "don't", "O'Neill", 'Zakharova\u2019s', 'é', 'Ж', '\u0301', '\u4e2d', '\ud83d\ude00', '\ud83d', '1,000', '3/4', 'AT&T', '...', '--',
  'Mr.', 'Corp.', 'Jr.', 'e.g.', '"', '(', ')', '\u2014', 'Σ', 'İ', '\u0660', "'ll", "'re", 'ab\u2019cd',
];

function randomText(rand: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rand() * PIECES.length)]!;
  return s;
}

function same(text: string, start?: number, end?: number): void {
  const got: Token[] = tokenize(text, start, end);
  const want: Token[] = referenceTokenize(text, start, end);
  expect(got).toEqual(want);
}

describe('tokenize reads code units', () => {
  it('splits the sample article as the reference does', () => {
    same(NER_SAMPLE);
    expect(tokenize(NER_SAMPLE).length).toBeGreaterThan(50);
  });

  it('splits hand-picked cases as the reference does', () => {
    for (const t of ["U.S. forces, 1,000 of them, don't go near O'Neill's AT&T site.", ' \u00a0Zakharova\u2019s\u2003statement\t', '\ud83d\ude00ab\ud83dcd', 'Ж\u0301x 3/4 e.g. Mr. Jr.']) same(t);
    expect(tokenize("don't").map((t) => t.text)).toEqual(['do', "n't"]);
    expect(tokenize('a\u00a0b').map((t) => t.text)).toEqual(['a', 'b']);
  });

  it('splits random texts and sub-ranges as the reference does', () => {
    const rand = mulberry32(7);
    for (let k = 0; k < 3000; k++) {
      const text = randomText(rand, 1 + Math.floor(rand() * 40));
      const a = Math.floor(rand() * text.length);
      const b = a + Math.floor(rand() * (text.length - a + 1));
      same(text);
      same(text, a, b);
    }
  });
});
