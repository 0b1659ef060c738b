/**
 * What the cleaner knows about each line: its shape (prose, heading-like,
 * headline item) and the label rules have given it (chrome, date, byline).
 */
import type { BoilerplateReason } from '../../model/types.js';
import type { LineDate } from './date-line-parser.js';
import type { PageLine } from './page-lines.js';

export interface ChromeLabel {
  reason: BoilerplateReason;
  /** The rule that fired, for explanations and tests. */
  rule: string;
  /** Lines of one block (a whole appeal, a whole sidebar list) share an id. */
  block: number;
  /** Whether the article cannot continue across this block (lists, footers) or can (an appeal inside the body). */
  breaking: boolean;
}

export interface LineLabel {
  chrome: ChromeLabel | null;
  /** The line is a date line (`27.05.2021 09:24`). */
  date: LineDate | null;
  /** The line is a date line inside a sidebar list: the date of another article. */
  sidebarDate: boolean;
  /** Names when the line is a byline. */
  byline: string | null;
}

const ENDS_LIKE_SENTENCE = /[.,:;…]["”’»)\]]{0,2}$/;
const ENDS_WITH_QUOTE = /["”’»]$/;
const STARTS_WITH_QUOTE_OR_BULLET = /^["“‘'«\-–—•*▪]/;
const ENDS_LIKE_PROSE = /[.!?…:]["”’»)\]]{0,2}$/;

/** A line shaped like a headline or subheading: short, no closing sentence punctuation. */
export function isHeadingLike(l: PageLine): boolean {
  if (l.words === 0 || l.words > 30 || l.text.length > 250) return false;
  if (STARTS_WITH_QUOTE_OR_BULLET.test(l.text) || ENDS_WITH_QUOTE.test(l.text)) return false;
  return !ENDS_LIKE_SENTENCE.test(l.text);
}

/** A line of running text: long, or a sentence that ends like one. */
export function isProse(l: PageLine): boolean {
  // A long line without a single punctuation mark is a tag cloud or a keyword list, not text.
  if (l.words > 30) return /[.,;:!?。，]/.test(l.text);
  return l.words >= 6 && ENDS_LIKE_PROSE.test(l.text) && !isHeadingLike(l);
}

/** A short line that can be an item in a list of links to other articles. */
export function isHeadlineItem(l: PageLine): boolean {
  if (l.words < 2 || l.words > 30 || l.text.length > 250) return false;
  // A headline may hold a full stop inside ("…June 2027. Expert Analysis…") but does not end with one.
  return !/[.,;:]$/.test(l.text);
}

export function emptyLabel(): LineLabel {
  return { chrome: null, date: null, sidebarDate: false, byline: null };
}

/** Content is what is neither chrome, nor a date line, nor a byline: candidate article text. */
export function isContent(label: LineLabel): boolean {
  return label.chrome === null && label.date === null && label.byline === null;
}
