/**
 * A news tokenizer that splits like the CoNLL-2003 / Penn Treebank convention
 * the tagger was trained on ("Germany 's", "do n't", "U.S.", "1996-08-22") and
 * keeps every token's character offsets so tags map back onto the text.
 *
 * One left-to-right pass over the characters; no regex backtracking.
 */

export interface Token {
  text: string;
  start: number;
  end: number;
}

const APOSTROPHES = new Set(["'", '’']);

function isWordChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  // ASCII without a regex: the same answer as the Unicode classes give.
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return /[\p{L}\p{N}\p{M}]/u.test(ch);
}

/** `isWordChar(text[i])` read from the code unit (no one-character string for ASCII). */
function isWordCharAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return /[\p{L}\p{N}\p{M}]/u.test(text[i]!);
}

/** White space (ASCII without a regex: the same answer as `/\s/u`), read from the code unit. */
function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return /\s/u.test(text[i]!);
}

/** Clitics that CoNLL keeps as separate tokens after an apostrophe. */
const CLITICS = new Set(['s', 'm', 'd', 're', 've', 'll']);

/**
 * Splits `text.slice(start, end)` into tokens with absolute offsets.
 */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const tokens: Token[] = [];
  let i = start;
  while (i < end) {
    if (isSpaceAt(text, i)) {
      i++;
      continue;
    }
    const ch = text[i]!;
    if (isWordCharAt(text, i)) {
      let j = i + 1;
      // A word runs over letters/digits and inner joiners: "U.S.", "1,000",
      // "1996-08-22", "Nagorno-Karabakh", "O'Neill" (but not a clitic "'s").
      while (j < end) {
        if (isWordCharAt(text, j)) {
          j++;
          continue;
        }
        const c = text[j]!;
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

/** Index of the first token starting at or after `offset` (tokens sorted by start); binary search. */
export function firstTokenAtOrAfter(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The tokens lying wholly inside [start, end). */
export function tokensWithin(tokens: readonly Token[], start: number, end: number): Token[] {
  const out: Token[] = [];
  for (let i = firstTokenAtOrAfter(tokens, start); i < tokens.length && tokens[i]!.end <= end; i++) out.push(tokens[i]!);
  return out;
}
