/**
 * A word/punctuation tokenizer with offsets, for the phrase-level rules of the
 * quote extractor. Words keep inner apostrophes, dots, hyphens and ampersands
 * ("Armenia’s", "U.S", "AT&T"); every other non-space character is its own
 * token. The word pattern cannot backtrack badly: each repetition starts with
 * a separator that the word class excludes.
 */
export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  /** A word (letters or digits), as opposed to punctuation. */
  word: boolean;
  /** Starts with an uppercase letter. */
  cap: boolean;
}

const TOKEN_RE = /[\p{L}\p{N}]+(?:[’'.&\-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  const slice = text.slice(from, to);
  // TOKEN_RE matches at every code point that is not white space (a word, or one other character), so the
  // tokens are: skip the white space, then read a word (a run of letters and digits, and more runs joined by
  // one of ’ ' . & -) or one code point. `tokenEnd` reads the pattern's match by hand (no regex run per token;
  // test/quotes/token-scanner.test.ts compares it with the pattern).
  const n = slice.length;
  let p = 0;
  while (p < n) {
    const sp = slice.charCodeAt(p);
    if (sp < 0x80 ? sp === 32 || (sp >= 9 && sp <= 13) : SPACE.test(slice[p]!)) {
      p++;
      continue;
    }
    const end = tokenEnd(slice, p, n);
    const t = slice.slice(p, end);
    const start = from + p;
    p = end;
    const c = t.charCodeAt(0);
    let word: boolean;
    let cap: boolean;
    if (c < 0x80) {
      // ASCII: a letter or digit is a word; only A–Z change under toLowerCase.
      cap = c >= 0x41 && c <= 0x5a;
      word = cap || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
    } else {
      // The first code unit, as before (a lone surrogate is no letter).
      const first = t[0]!;
      word = WORD_CHAR.test(first);
      cap = word && first !== first.toLowerCase();
    }
    out.push({ text: t, lower: t.toLowerCase(), start, end: start + t.length, word, cap });
  }
  return out;
}

/** Letter-or-digit class (\p{L} or \p{N}) of non-ASCII code points, remembered (bounded). */
const lnClasses = new Map<number, boolean>();
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

function isLetterOrDigit(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x30 && cp <= 0x39);
  let k = lnClasses.get(cp);
  if (k === undefined) {
    k = LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
    if (lnClasses.size < 4096) lnClasses.set(cp, k);
  }
  return k;
}

/** The code point at i of s (length n), a surrogate pair read as one; its width is 1 or 2 (see `cpWidth`). */
function codePointAt(s: string, i: number, n: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
    const d = s.charCodeAt(i + 1);
    if ((d & 0xfc00) === 0xdc00) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** Where the match of TOKEN_RE (sticky, `u`) at p ends in s (length n); p holds no white space. */
export function tokenEnd(s: string, p: number, n: number): number {
  let cp = codePointAt(s, p, n);
  if (!isLetterOrDigit(cp)) return p + (cp > 0xffff ? 2 : 1);
  let i = p + (cp > 0xffff ? 2 : 1);
  for (;;) {
    // The rest of the run of letters and digits.
    while (i < n) {
      cp = codePointAt(s, i, n);
      if (!isLetterOrDigit(cp)) break;
      i += cp > 0xffff ? 2 : 1;
    }
    // A joiner (’ ' . & -) followed by a letter or digit goes on with another run.
    if (i + 1 >= n) return i;
    const j = s.charCodeAt(i);
    if (j !== 0x2019 && j !== 0x27 && j !== 0x2e && j !== 0x26 && j !== 0x2d) return i;
    cp = codePointAt(s, i + 1, n);
    if (!isLetterOrDigit(cp)) return i;
    i += 1 + (cp > 0xffff ? 2 : 1);
  }
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
/** JavaScript's white space (`\s`): every such character is one code unit. */
const SPACE = /\s/;

/** The token pattern's source (the scanner's definition; tests compare the two). */
export const TOKEN_SOURCE = TOKEN_RE.source;

/** Opening and closing quotation marks of every family we read. */
export const OPEN_MARKS = new Set(['"', '“', '„', '«', '‘', "'", '‹']);
export const CLOSE_MARKS = new Set(['"', '”', '»', '’', "'", '›']);
export const QUOTE_CHARS = new Set([...OPEN_MARKS, ...CLOSE_MARKS]);
