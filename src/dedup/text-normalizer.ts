/**
 * Text normalisation shared by fingerprints, clustering and provenance.
 *
 * Everything that compares texts must agree on what "the same text" means:
 * Unicode compatibility forms folded (NFKC), case folded, typographic quotes
 * and dashes mapped to ASCII, whitespace collapsed. Tokens are runs of letters
 * or digits, so punctuation differences never break a match.
 */

const QUOTE_MAP: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u00AB': '"', '\u00BB': '"',
  '\u2013': '-', '\u2014': '-', '\u2212': '-', '\u00A0': ' ',
};
const QUOTE_RE = /[\u2018\u2019\u201A\u201B\u201C\u201D\u201E\u00AB\u00BB\u2013\u2014\u2212\u00A0]/g;

/**
 * Any white-space run other than one plain space: replacing these by ' ' gives what replacing every run
 * (`/\s+/g`) does, without rewriting the single spaces between words. A run is always matched from its
 * first character (the previous character is not white space, or the previous match took the whole run).
 */
const SPACE_RUN_RE = /\s{2,}|[^\S ]/g;

// Everything at or above U+0080, or nothing at all: ASCII text is already in NFKC.
const NON_ASCII_RE = /[^\x00-\x7f]/;

/**
 * `text.normalize('NFKC').toLowerCase()`, the pass both fingerprints start with. The last answer is kept
 * (one entry): the analysis hashes each text twice in a row (`contentHash`, then `simhash64`).
 */
let lastFoldInput: string | undefined;
let lastFoldOutput = '';
export function foldText(text: string): string {
  if (text === lastFoldInput) return lastFoldOutput;
  const out = (NON_ASCII_RE.test(text) ? text.normalize('NFKC') : text).toLowerCase();
  lastFoldInput = text;
  lastFoldOutput = out;
  return out;
}

/** Canonical form of a text for exact-duplicate hashing. */
export function normalizeText(text: string): string {
  return foldText(text)
    .replace(QUOTE_RE, (ch) => QUOTE_MAP[ch] ?? ch)
    .replace(SPACE_RUN_RE, ' ')
    .trim();
}

// Letters (with combining marks) or digits; a single class, so no backtracking.
const TOKEN_RE = /[\p{L}\p{M}\p{N}]+/gu;

/** Lower-cased word tokens of a text (letters and digits only). */
export function tokenize(text: string): string[] {
  return foldText(text).match(TOKEN_RE) ?? [];
}

/** Word tokens keeping their original case (for proper-noun features). */
export function tokenizeCased(text: string): string[] {
  return text.normalize('NFKC').match(TOKEN_RE) ?? [];
}

/** 32-bit FNV-1a over UTF-16 code units. */
export function fnv1a32(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** MurmurHash3's finaliser: spreads every input bit over all output bits. */
export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * English function words. Fingerprints skip them: they are a third of any
 * text, and with single-word features they would pull every pair of English
 * texts towards each other.
 */
export const FUNCTION_WORDS = new Set(
  (
    'a an the and or but if of in on at to for from by with as is are was were be been being it its this that these those ' +
    'he she they we you i his her their our your my him them us me not no so than then there here which who whom what when ' +
    'where why how all any some can could will would shall should may might must do does did has have had also into over ' +
    'about after before up down out just more most such only own same too very s t'
  ).split(' '),
);
