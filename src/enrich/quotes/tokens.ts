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
  // The pattern matches at every code point that is not white space (a word, or one other character),
  // so a global search finds the next token where the white space ends: skip it here, then read the token
  // with the sticky copy (no match array).
  const re = TOKEN_AT;
  const n = slice.length;
  let p = 0;
  while (p < n) {
    const sp = slice.charCodeAt(p);
    if (sp < 0x80 ? sp === 32 || (sp >= 9 && sp <= 13) : SPACE.test(slice[p]!)) {
      p++;
      continue;
    }
    re.lastIndex = p;
    let end: number;
    if (re.test(slice)) end = re.lastIndex;
    else {
      // Not reached (see above); kept so that the answer stays the global search's whatever the text.
      TOKEN_RE.lastIndex = p;
      const m = TOKEN_RE.exec(slice);
      if (m === null) break;
      p = m.index;
      end = p + m[0].length;
    }
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

const WORD_CHAR = /[\p{L}\p{N}]/u;
const TOKEN_AT = new RegExp(TOKEN_RE.source, 'yu');
/** JavaScript's white space (`\s`): every such character is one code unit. */
const SPACE = /\s/;

/** Opening and closing quotation marks of every family we read. */
export const OPEN_MARKS = new Set(['"', '“', '„', '«', '‘', "'", '‹']);
export const CLOSE_MARKS = new Set(['"', '”', '»', '’', "'", '›']);
export const QUOTE_CHARS = new Set([...OPEN_MARKS, ...CLOSE_MARKS]);
