/**
 * `text.matchAll(pattern)` for patterns that can only start at a few ASCII
 * characters (a capital letter, the "t" of "the"): the same matches, found by
 * trying the pattern only where it can start. A global search tries every
 * position of the text and builds its iterator's match objects; on article
 * text that was most of the cost of the place scans, most positions being
 * lower-case letters and spaces.
 *
 * Same matches by construction: positions are visited in order, one code
 * point at a time from 0, as a global search with the `u` flag visits them; a
 * position whose code unit is ASCII and not a possible start is skipped (the
 * pattern cannot match there), every other one is tried with the sticky copy
 * of the pattern (lookbehinds see the whole text, as before), and after a
 * match the scan goes on from its end (after an empty one, one code point
 * on). test/places/start-scan.test.ts compares it with `matchAll`.
 */

/** Which ASCII code units may start a match. */
export type AsciiStarts = Uint8Array;

/** ASCII starts from a list of characters. */
export function asciiStarts(chars: string): AsciiStarts {
  const t = new Uint8Array(128);
  for (const ch of chars) {
    const c = ch.charCodeAt(0);
    if (ch.length !== 1 || c >= 128) throw new Error(`not an ASCII character: ${ch}`);
    t[c] = 1;
  }
  return t;
}

export const ASCII_CAPITALS = asciiStarts('ABCDEFGHIJKLMNOPQRSTUVWXYZ');

/**
 * The scan both functions below share: from each position whose character can start a match (`starts`; any
 * non-ASCII character can), `matchAt(i)` tries the sticky pattern there and returns the match's end, or -1. After a
 * non-empty match the scan goes on from its end; otherwise one code point on (a surrogate pair is one), as
 * `matchAll` does.
 */
function scanStarts(text: string, sticky: RegExp, starts: AsciiStarts, caller: string, matchAt: (i: number) => number): void {
  if (!sticky.sticky || !sticky.unicode) throw new Error(`${caller} needs a sticky unicode pattern`);
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 0x80 && starts[c] === 0) {
      i++;
      continue;
    }
    sticky.lastIndex = i;
    const end = matchAt(i);
    if (end > i) {
      i = end;
      continue;
    }
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
}

/**
 * Every match of `sticky` (flags `yu`, compiled once by the caller) in `text`, in order, as
 * `text.matchAll` gives them for the same pattern with flags `gu`.
 */
export function matchesAt(text: string, sticky: RegExp, starts: AsciiStarts): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  scanStarts(text, sticky, starts, 'matchesAt', () => {
    const m = sticky.exec(text);
    if (m === null) return -1;
    out.push(m);
    return m.index + m[0].length;
  });
  return out;
}

/**
 * The spans of `matchesAt(text, sticky, starts)`, as [start, end) pairs one after another, without building
 * match arrays (for scans that read only the whole match: `text.slice(start, end)` is its `m[0]`).
 */
export function spansAt(text: string, sticky: RegExp, starts: AsciiStarts): number[] {
  const out: number[] = [];
  scanStarts(text, sticky, starts, 'spansAt', (i) => {
    if (!sticky.test(text)) return -1;
    out.push(i, sticky.lastIndex);
    return sticky.lastIndex;
  });
  return out;
}

const LETTER = /\p{L}/u;
const LOWER = /\p{Ll}/u;
/** Letter class of non-ASCII code points: 0 none, 1 lower case, 2 another letter (bounded). */
const classes = new Map<number, number>();

function letterClass(cp: number): number {
  let k = classes.get(cp);
  if (k === undefined) {
    const ch = String.fromCodePoint(cp);
    k = LOWER.test(ch) ? 1 : LETTER.test(ch) ? 2 : 0;
    if (classes.size < 4096) classes.set(cp, k);
  }
  return k;
}

/**
 * Adds to `into` every match of `(?<![\p{L}])\p{Ll}{min,max}(?![\p{L}])` (flags `gu`) in `text`, in
 * order: the runs of letters (code points of \p{L}) that are all lower case (\p{Ll}) and `min` to `max`
 * code points long. (Such a pattern matches only a whole run of letters: the lookbehind rules out a
 * start inside one, and a run longer than `max` or holding another letter leaves a letter after
 * every shorter lower-case prefix.)
 */
export function addLowerCaseWords(text: string, min: number, max: number, into: Set<string>): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    let w = 1;
    let k: number;
    if (c < 0x80) k = c >= 0x61 && c <= 0x7a ? 1 : c >= 0x41 && c <= 0x5a ? 2 : 0;
    else {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        c = ((c - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00) + 0x10000;
        w = 2;
      }
      k = letterClass(c);
    }
    if (k === 0) {
      i += w;
      continue;
    }
    // A run of letters from here.
    const start = i;
    let lower = true;
    let count = 0;
    while (i < n) {
      let d = text.charCodeAt(i);
      let dw = 1;
      let dk: number;
      if (d < 0x80) dk = d >= 0x61 && d <= 0x7a ? 1 : d >= 0x41 && d <= 0x5a ? 2 : 0;
      else {
        if (d >= 0xd800 && d <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
          d = ((d - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00) + 0x10000;
          dw = 2;
        }
        dk = letterClass(d);
      }
      if (dk === 0) break;
      if (dk === 2) lower = false;
      count++;
      i += dw;
    }
    if (lower && count >= min && count <= max) into.add(text.slice(start, i));
  }
}
