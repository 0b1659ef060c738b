/**
 * A byline or date line at the top of the extracted text (`By Jane Doe | Nov 16, 2021 | Politics`,
 * `Thursday 27.5.2021 | 11:05 · Text: Jane Doe`, `Posted March 3 by Staff Writer`): a line of the page's
 * header that the scorer kept because it sits in the article's container. The text-page cleaner's
 * parsers decide what such a line is; this module only finds it among the first blocks.
 */
import { parseBylineLine } from '../text/chrome-rules.js';
import { findDate, parseDateLine, type LineDate } from '../text/date-line-parser.js';
import { DATE_THEN_BYLINE } from '../text/text-page-cleaner.js';
import type { TextBlock } from './block-collector.js';

export interface BylineLine {
  /** Names as the line gives them (`Sophie Lambert`), or null for a bare date line. */
  byline: string | null;
  date: LineDate | null;
}

/** Lines longer than this are never a byline or date line (same bound as the cleaner's date+byline split). */
const MAX_LINE = 140;

/** What a short line is, read the way the text-page cleaner labels lines: a date line, a date then a byline, or a byline (with its date, if any). */
export function readBylineLine(text: string): BylineLine | null {
  const line = text.trim();
  if (line.length === 0 || line.length > MAX_LINE || line.includes('\n')) return null;
  const date = parseDateLine(line);
  if (date !== null) return { byline: null, date };
  const split = DATE_THEN_BYLINE.exec(line);
  if (split !== null) {
    const d = parseDateLine(split[1] ?? '');
    if (d !== null) return { byline: parseBylineLine(`By ${split[2] ?? ''}`), date: d };
  }
  const byline = parseBylineLine(line);
  if (byline === null) return null;
  return { byline, date: findDate(line) };
}

/**
 * A short label above the byline (`Water & Climate`, `Exclusive · Environment`): at most five words,
 * no sentence punctuation at the end. Such a kicker may precede the byline line.
 */
function isKicker(b: TextBlock): boolean {
  const t = b.text.trim();
  if (t.length === 0 || t.length > 60 || /[.!?:;,"”»]$/.test(t)) return false;
  return t.split(/\s+/).length <= 5;
}

/** How many leading blocks are looked at: a kicker or two, then the byline line. */
const LOOKAHEAD = 3;

/**
 * The byline/date line among the first blocks of the text, with its index: the first block,
 * or one that follows only kicker labels. Null when the text opens with anything else.
 */
export function findLeadingBylineLine(blocks: readonly TextBlock[]): { index: number; line: BylineLine } | null {
  for (let i = 0; i < Math.min(LOOKAHEAD, blocks.length); i++) {
    const b = blocks[i];
    if (b === undefined || b.kind === 'blockquote') return null;
    const line = readBylineLine(b.text);
    if (line !== null) return { index: i, line };
    if (!isKicker(b)) return null;
  }
  return null;
}
