/**
 * Locates the article in a labelled page: splits the page into stretches of
 * possible article text, picks the one holding the article, and bounds the
 * body inside it. Pure functions of the lines and their labels.
 */
import { parseDateline } from '../dateline/dateline-parser.js';
import { COMMENTS_START } from './chrome-rules.js';
import { emptyLabel, isContent, isHeadingLike, isProse, type LineLabel } from './line-labels.js';
import type { PageLine } from './page-lines.js';

export interface Segment {
  from: number;
  to: number;
  score: number;
}

/** List-item and numbered-line openings: kept as `li` paragraphs, never counted as menu lines. */
export const BULLET = /^(?:[-•*▪–]\s|\d{1,2}[.)]\s)/;

/** This many short lines in a row (a menu, a list of section names) end a stretch of article text. */
const MENU_RUN = 4;
/** The longest box of links (heading and items) the article is taken to continue across. */
const MAX_BOX_LINES = 8;
/** How far above the first paragraph the title, byline and date are looked for. */
const TITLE_LOOKBACK = 8;

function isShortContent(line: PageLine, label: LineLabel): boolean {
  return isContent(label) && !isProse(line) && !BULLET.test(line.text);
}

/** A menu item: one to three words. Longer short lines may be the title, so they do not count toward a menu. */
function isMenuItem(line: PageLine, label: LineLabel): boolean {
  return isShortContent(line, label) && line.words <= 3;
}

/** Date and byline lines this close to a stretch's start belong to its header, not to a list inside it. */
const HEADER_ZONE = 6;

/**
 * The lines a paragraph run is introduced by: walking up from `first` over
 * headings, bylines, dates and inline chrome, stopping at prose or a list.
 */
export function titleAreaStart(lines: readonly PageLine[], labels: readonly LineLabel[], first: number): number {
  let i = first;
  while (i > 0 && first - i < TITLE_LOOKBACK) {
    const line = lines[i - 1];
    const label = labels[i - 1];
    if (line === undefined || label === undefined || label.chrome?.breaking === true) break;
    if (isContent(label) && isProse(line)) break;
    i--;
  }
  return i;
}

/**
 * Where an article visibly begins: a paragraph opening with a dateline, or a
 * headline with a date or byline right under it.
 */
function isArticleStart(lines: readonly PageLine[], labels: readonly LineLabel[], i: number): boolean {
  const line = lines[i];
  const label = labels[i];
  if (line === undefined || label === undefined || !isContent(label)) return false;
  if (isProse(line)) return parseDateline(line.text)?.position === 'lead';
  if (!isHeadingLike(line) || line.words < 4) return false;
  for (let j = i + 1; j <= i + 3 && j < lines.length; j++) {
    const next = labels[j];
    if (next === undefined) break;
    if ((next.date !== null && !next.sidebarDate) || next.byline !== null) return true;
    // Section labels and tag lines may sit between a headline and its date; text may not.
    if (next.chrome === null && !isShortContent(lines[j] as PageLine, next)) break;
  }
  return false;
}

/**
 * Splits the page into stretches of possible article text: at breaking chrome
 * (lists, footers), at menus (several short lines in a row) and where an
 * article visibly begins. The stretch with the most prose holds the article;
 * one introduced like an article counts double (teaser blocks and legal
 * boilerplate can hold as much prose as a short story), and one with dates
 * between its paragraphs (a list of teasers, each with its date) is divided
 * by their number.
 */
export function bestSegment(lines: readonly PageLine[], labels: readonly LineLabel[]): Segment | null {
  const segments: Array<Segment & { introduced: boolean; innerDates: number; sawProse: boolean; proseLines: number; comments: boolean }> = [];
  let cur: (typeof segments)[number] | null = null;
  let shortRun = 0;
  let inComments = false;
  for (const [i, line] of lines.entries()) {
    const label = labels[i];
    if (label === undefined) continue;
    if (label.chrome?.rule === COMMENTS_START) inComments = true;
    if (label.chrome?.breaking === true) {
      cur = null;
      shortRun = 0;
      continue;
    }
    shortRun = isMenuItem(line, label) ? shortRun + 1 : isContent(label) ? 0 : shortRun;
    if (shortRun >= MENU_RUN) {
      cur = null;
      continue;
    }
    const starts = isArticleStart(lines, labels, i);
    if (cur === null || (starts && cur.sawProse)) {
      cur = { from: i, to: i, score: 0, introduced: starts, innerDates: 0, sawProse: false, proseLines: 0, comments: inComments };
      segments.push(cur);
    }
    cur.to = i;
    if (isContent(label) && isProse(line)) {
      cur.score += line.text.length;
      cur.sawProse = true;
      cur.proseLines++;
    }
    const dated = (label.date !== null && !label.sidebarDate) || label.byline !== null;
    // A date or byline above the text, or under a one-paragraph standfirst, introduces it.
    if (dated && (i - cur.from < HEADER_ZONE || cur.proseLines <= 1)) cur.introduced = true;
    else if (cur.sawProse && ((label.date !== null && !label.sidebarDate) || label.chrome?.rule === 'relative-time')) cur.innerDates++;
  }
  let bestAt = -1;
  let bestScore = 0;
  for (const [k, seg] of segments.entries()) {
    // Readers' comments can outweigh a short article; they are taken only when nothing else is there.
    const score = ((seg.score * (seg.introduced ? 2 : 1)) / (1 + seg.innerDates)) * (seg.comments ? 0.1 : 1);
    if (score > bestScore) {
      bestScore = score;
      bestAt = k;
    }
  }
  const chosen = segments[bestAt];
  if (chosen === undefined) return null;
  // A box of links inside the article ("Don't miss", "Related") splits it; the
  // article continues across it when the text beyond reads as more of the same
  // (prose, not a new article, no teaser dates), and began before it when the
  // text above opens like an article.
  const isBox = (from: number, to: number): boolean => {
    if (to - from + 1 > MAX_BOX_LINES || to < from) return false;
    for (let i = from; i <= to; i++) {
      const reason = labels[i]?.chrome?.reason;
      if (reason !== 'related' && reason !== 'sidebar-list' && reason !== 'share' && reason !== 'caption') return false;
    }
    return true;
  };
  let first = bestAt;
  let last = bestAt;
  for (;;) {
    const next = segments[last + 1];
    const cur = segments[last];
    if (next === undefined || cur === undefined || next.introduced || next.innerDates > 0 || next.proseLines < 2 || !isBox(cur.to + 1, next.from - 1)) break;
    last++;
  }
  for (;;) {
    const prev = segments[first - 1];
    const cur = segments[first];
    if (prev === undefined || cur === undefined || cur.introduced || !prev.introduced || prev.innerDates > 0 || !isBox(prev.to + 1, cur.from - 1)) break;
    first--;
  }
  const a = segments[first] as Segment;
  const b = segments[last] as Segment;
  return { from: a.from, to: b.to, score: segments.slice(first, last + 1).reduce((n, x) => n + x.score, 0) };
}

/** The first and last lines of the article body within the chosen stretch. */
export function bodyBounds(
  lines: readonly PageLine[],
  labels: readonly LineLabel[],
  seg: Segment,
): { firstProse: number; lastBody: number } {
  const contentAt = (i: number): boolean => {
    const label = labels[i];
    return label !== undefined && isContent(label);
  };
  let firstProse = -1;
  for (let i = seg.from; i <= seg.to; i++) {
    const line = lines[i];
    if (line !== undefined && contentAt(i) && isProse(line)) {
      firstProse = i;
      break;
    }
  }
  // Two or more time stamps below the article's opening paragraphs are a list
  // or comments running on under it (`2 days ago`, one per item): the article ends before the first.
  let end = seg.to;
  const stamps: number[] = [];
  let proseSeen = 0;
  for (let i = firstProse; i <= seg.to; i++) {
    const line = lines[i];
    const label = labels[i];
    if (line === undefined || label === undefined) continue;
    if (isContent(label) && isProse(line)) proseSeen++;
    const stamp = (label.date !== null && !label.sidebarDate) || label.chrome?.rule === 'relative-time';
    if (stamp && proseSeen >= 2) stamps.push(i);
  }
  if (stamps.length >= 2 && stamps[0] !== undefined) end = stamps[0] - 1;
  // Readers' comments below the article are not part of it.
  for (let i = firstProse + 1; i <= end; i++) {
    if (labels[i]?.chrome?.rule === COMMENTS_START) {
      end = i - 1;
      break;
    }
  }
  let lastBody = firstProse;
  for (let i = end; i > firstProse; i--) {
    const line = lines[i];
    if (line !== undefined && contentAt(i) && !isHeadingLike(line)) {
      lastBody = i;
      break;
    }
  }

  return { firstProse, lastBody };
}
