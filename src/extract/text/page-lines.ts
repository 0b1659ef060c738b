/**
 * Splits a scraped text page into non-empty lines with their raw offsets and
 * the blank-line structure around them; the cleaner reasons about layout
 * (what is separated from what), so the blanks are kept as flags.
 */

export interface PageLine {
  /** Position among the non-empty lines. */
  index: number;
  /** The line with surrounding whitespace trimmed (hard-wrapped lines already joined). */
  text: string;
  /** Offsets of the trimmed content in the raw page (for a joined line: first start, last end). */
  rawStart: number;
  rawEnd: number;
  /** Whether an empty line (or the page edge) separates this line from its neighbours. */
  blankBefore: boolean;
  blankAfter: boolean;
  words: number;
}

export function countWords(s: string): number {
  let n = 0;
  let inWord = false;
  for (const ch of s) {
    const isSpace = ch === ' ' || ch === '\t' || ch === '\n';
    if (!isSpace && !inWord) n++;
    inWord = !isSpace;
  }
  return n;
}

interface RawLine {
  text: string;
  rawStart: number;
  rawEnd: number;
  blankBefore: boolean;
}

function rawLines(raw: string): RawLine[] {
  const out: RawLine[] = [];
  let pos = 0;
  let blank = true;
  while (pos <= raw.length) {
    let nl = raw.indexOf('\n', pos);
    if (nl === -1) nl = raw.length;
    const line = raw.slice(pos, nl);
    const lead = line.length - line.trimStart().length;
    const trimmed = line.trim();
    if (trimmed.length === 0) {
      blank = true;
    } else {
      // Long lines are kept whole: every wording rule checks a length limit before its pattern.
      out.push({ text: trimmed, rawStart: pos + lead, rawEnd: pos + lead + trimmed.length, blankBefore: blank });
      blank = false;
    }
    pos = nl + 1;
  }
  return out;
}

/**
 * The wrap width when the page is hard-wrapped (a text dump at 72 or 80
 * columns: its long lines all stop near one width), else null.
 */
function wrapWidth(lines: readonly RawLine[]): number | null {
  const long = lines.filter((l) => l.text.length >= 50);
  if (long.length < 6) return null;
  const max = Math.max(...long.map((l) => l.text.length));
  if (max > 100) return null;
  const nearMax = long.filter((l) => l.text.length >= max - 15).length;
  return nearMax / long.length >= 0.6 ? max : null;
}

export function splitPageLines(raw: string): PageLine[] {
  // `\r` of CRLF is trimmed with the other whitespace, so offsets stay those of `raw`.
  const lines = rawLines(raw);
  const width = wrapWidth(lines);
  const merged: Array<RawLine & { lastLength: number }> = [];
  for (const l of lines) {
    const prev = merged.at(-1);
    // A line was wrapped only if the next line's first word would not have fitted on it;
    // otherwise the break was the author's (a short closing line, a footer, a date).
    const firstWord = l.text.split(' ')[0]?.length ?? 0;
    if (width !== null && prev !== undefined && !l.blankBefore && prev.lastLength + 1 + firstWord > width - 2) {
      prev.text = `${prev.text} ${l.text}`;
      prev.rawEnd = l.rawEnd;
      prev.lastLength = l.text.length;
    } else {
      merged.push({ ...l, lastLength: l.text.length });
    }
  }
  return merged.map((l, index) => ({
    index,
    text: l.text,
    rawStart: l.rawStart,
    rawEnd: l.rawEnd,
    blankBefore: l.blankBefore,
    blankAfter: merged[index + 1]?.blankBefore ?? true,
    words: countWords(l.text),
  }));
}
