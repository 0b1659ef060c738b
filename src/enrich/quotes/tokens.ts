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
  TOKEN_RE.lastIndex = 0;
  for (const m of slice.matchAll(TOKEN_RE)) {
    const t = m[0];
    const start = from + (m.index ?? 0);
    const first = t[0] ?? '';
    const word = /[\p{L}\p{N}]/u.test(first);
    out.push({
      text: t,
      lower: t.toLowerCase(),
      start,
      end: start + t.length,
      word,
      cap: word && first !== first.toLowerCase(),
    });
  }
  return out;
}

/** Opening and closing quotation marks of every family we read. */
export const OPEN_MARKS = new Set(['"', '“', '„', '«', '‘', "'", '‹']);
export const CLOSE_MARKS = new Set(['"', '”', '»', '’', "'", '›']);
export const QUOTE_CHARS = new Set([...OPEN_MARKS, ...CLOSE_MARKS]);
