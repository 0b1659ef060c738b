/**
 * Cleans a scraped plain-text news page: finds the article among the page
 * chrome, keeps its paragraphs, and records every dropped block with the
 * reason it was dropped. HTML extractors cannot help here: the markup that
 * would separate article from chrome is gone, so the rules read wording
 * (`chrome-rules.ts`, `outlet-signatures.ts`) and layout (`layout-rules.ts`).
 *
 * Outline: label lines → split the page at breaking chrome (lists, footers)
 * → the segment with the most prose holds the article → title area before the
 * first prose line, body up to the last sentence → dates get roles by where
 * they sit → publication date chosen with a stated basis.
 */
import type {
  BoilerplateReason,
  DateFinding,
  ExtractedArticle,
  ExtractHints,
  Paragraph,
  RemovedBlock,
  Result,
} from '../../model/types.js';
import { detectCreditedAgency, parseDateline } from '../dateline/dateline-parser.js';
import { choosePublicationDate } from './article-dates.js';
import { COMMENTS_START, matchLineRule, parseBylineLine } from './chrome-rules.js';
import { findDate, parseDateLine, type LineDate } from './date-line-parser.js';
import { detectLanguage } from './language-detect.js';
import { markAppeals, markArticleLists, markRepeatedCaptions, type BlockIds } from './layout-rules.js';
import { emptyLabel, isContent, isHeadingLike, isProse, type LineLabel } from './line-labels.js';
import { matchOutletSignature, OUTLET_SIGNATURES } from './outlet-signatures.js';
import { splitPageLines, type PageLine } from './page-lines.js';

/** Below this many characters of body text a page is not treated as an article. */
export const MIN_ARTICLE_CHARS = 150;

/** Where each line ended up. */
type Placement =
  | { kind: 'paragraph'; paragraphKind: Paragraph['kind'] }
  | { kind: 'removed'; reason: BoilerplateReason; block: number };

interface Segment {
  from: number;
  to: number;
  score: number;
}

function labelLines(lines: readonly PageLine[]): LineLabel[] {
  const labels = lines.map(() => emptyLabel());
  const ids: BlockIds = { next: 1 };
  lines.forEach((line, i) => {
    const label = labels[i];
    if (label === undefined) return;
    label.date = parseDateLine(line.text);
    if (label.date === null && line.text.length <= 140) {
      // `Monday November 18, 2019 7:45 am PST by Joe Rossignol`: a date line carrying the byline.
      const by = /^(.{6,80}?)\s(?:by|By|BY)\s(.{2,60})$/.exec(line.text);
      if (by !== null) {
        label.date = parseDateLine(by[1] ?? '');
        if (label.date !== null) label.byline = parseBylineLine(`By ${by[2] ?? ''}`);
      }
    }
    if (label.date !== null) return;
    const rule = matchLineRule(line.text);
    if (rule !== null) {
      label.chrome = { reason: rule.reason, rule: rule.id, block: ids.next++, breaking: rule.reason === 'footer' };
      return;
    }
    label.byline = parseBylineLine(line.text);
  });
  markAppeals(lines, labels, ids);
  markRepeatedCaptions(lines, labels, ids);
  markArticleLists(lines, labels, ids);
  return labels;
}

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
function titleAreaStart(lines: readonly PageLine[], labels: readonly LineLabel[], first: number): number {
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
function bestSegment(lines: readonly PageLine[], labels: readonly LineLabel[]): Segment | null {
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
    if (dated && i - cur.from < HEADER_ZONE) cur.introduced = true;
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

function normaliseForCompare(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * Title and standfirst among the heading-like lines above the body. Short ones
 * (one to three words) are section labels; of two long ones, a markedly longer
 * second is the standfirst under the title.
 */
function chooseTitle(
  lines: readonly PageLine[],
  candidates: readonly number[],
  hintTitle: string | undefined,
): { title: number | null; subtitle: number | null } {
  if (hintTitle !== undefined && hintTitle.trim() !== '') {
    const want = normaliseForCompare(hintTitle);
    const hit = candidates.find((i) => normaliseForCompare(lines[i]?.text ?? '') === want);
    if (hit !== undefined) {
      const next = candidates[candidates.indexOf(hit) + 1];
      return { title: hit, subtitle: next !== undefined && (lines[next]?.words ?? 0) >= 6 ? next : null };
    }
  }
  const big = candidates.filter((i) => {
    const l = lines[i];
    return l !== undefined && isHeadingLike(l) && l.words >= 4;
  });
  const last = big.at(-1);
  const prev = big.at(-2);
  if (last === undefined) return { title: null, subtitle: null };
  const lastWords = lines[last]?.words ?? 0;
  const prevWords = prev === undefined ? 0 : (lines[prev]?.words ?? 0);
  if (prev !== undefined && prevWords >= 5 && lastWords >= 10 && lastWords > prevWords * 1.2) {
    return { title: prev, subtitle: last };
  }
  return { title: last, subtitle: null };
}

const BULLET = /^(?:[-•*▪–]\s|\d{1,2}[.)]\s)/;

function dateFinding(
  raw: string,
  line: PageLine,
  d: LineDate,
  role: DateFinding['role'],
  source: string,
): DateFinding {
  const finding: DateFinding = { value: d.value, text: d.text, role, source };
  // Offsets only when the line is verbatim in the raw page (hard-wrapped lines were joined).
  if (raw.slice(line.rawStart, line.rawEnd) === line.text) {
    finding.rawStart = line.rawStart + d.start;
    finding.rawEnd = line.rawStart + d.end;
  }
  return finding;
}

const UPDATED_LABEL = /\b(?:updated|modified|last edited)\b/i;

export function cleanTextPage(raw: string, hints: ExtractHints): Result<ExtractedArticle> {
  if (raw.trim().length === 0) return { ok: false, reason: 'empty-input' };
  const lines = splitPageLines(raw);
  const labels = labelLines(lines);
  const seg = bestSegment(lines, labels);
  if (seg === null) return { ok: false, reason: 'no-article', detail: 'no line of running text outside page chrome' };

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
  let lastBody = firstProse;
  for (let i = end; i > firstProse; i--) {
    const line = lines[i];
    if (line !== undefined && contentAt(i) && !isHeadingLike(line)) {
      lastBody = i;
      break;
    }
  }

  const placement: Array<Placement | undefined> = new Array(lines.length);
  const findings: DateFinding[] = [];
  let byline: string | null = null;
  const nextBlock = { n: 1_000_000 };
  const removeAs = (i: number, reason: BoilerplateReason): void => {
    placement[i] = { kind: 'removed', reason, block: labels[i]?.chrome?.block ?? nextBlock.n++ };
  };

  // Title area: the headings, bylines and dates just above the first paragraph.
  const titleFrom = titleAreaStart(lines, labels, firstProse);
  const candidates: number[] = [];
  for (let i = titleFrom; i < firstProse; i++) if (contentAt(i)) candidates.push(i);
  const { title, subtitle } = chooseTitle(lines, candidates, hints.title);

  // Body: inline teasers ("Headline" glued to a one-line excerpt) only exist where paragraphs are blank-separated.
  const bodyContent: number[] = [];
  for (let i = firstProse; i <= lastBody; i++) if (contentAt(i)) bodyContent.push(i);
  const blankSeparated = bodyContent.filter((i) => lines[i]?.blankAfter === true).length >= 0.6 * bodyContent.length;

  for (const [i, line] of lines.entries()) {
    const label = labels[i] ?? emptyLabel();
    const inSegment = i >= seg.from && i <= seg.to;
    const inBody = i >= firstProse && i <= lastBody;
    if (label.chrome !== null) {
      // A list's dates are other articles' dates: recorded with that role, never the article's.
      if (label.date !== null && label.sidebarDate) findings.push(dateFinding(raw, line, label.date, 'sidebar', 'text:sidebar-list'));
      removeAs(i, label.chrome.reason);
      continue;
    }
    if (label.date !== null) {
      let role: DateFinding['role'];
      let source: string;
      if (label.sidebarDate) {
        role = 'sidebar';
        source = 'text:sidebar-list';
      } else if (UPDATED_LABEL.test(line.text)) {
        role = 'modified';
        source = 'text:updated-label';
      } else if (i >= titleFrom && i < firstProse) {
        role = 'article';
        source = 'text:below-title';
      } else if (inSegment && i > lastBody && [...Array(i - lastBody - 1).keys()].every((k) => !contentAt(lastBody + 1 + k))) {
        // Directly under the last paragraph, before anything else: the article's own timestamp.
        role = 'article';
        source = 'text:after-body';
      } else {
        role = 'page';
        source = i > lastBody ? 'text:page-footer' : i < titleFrom ? 'text:page-header' : 'text:in-body';
      }
      findings.push(dateFinding(raw, line, label.date, role, source));
      if (label.byline !== null && !label.sidebarDate) byline ??= label.byline;
      removeAs(i, 'date');
      continue;
    }
    if (label.byline !== null) {
      byline ??= label.byline;
      const d = findDate(line.text);
      if (d !== null) findings.push(dateFinding(raw, line, d, 'article', 'text:byline'));
      removeAs(i, 'byline');
      continue;
    }
    if (i === title) {
      removeAs(i, 'title');
      continue;
    }
    if (i === subtitle) {
      removeAs(i, 'subtitle');
      continue;
    }
    if (!inBody) {
      removeAs(i, i < firstProse ? 'header' : 'other');
      continue;
    }
    const heading = isHeadingLike(line);
    const next = lines[i + 1];
    if (heading && blankSeparated && line.blankBefore && !line.blankAfter && next !== undefined && contentAt(i + 1) && !isHeadingLike(next)) {
      removeAs(i, 'related');
      continue;
    }
    placement[i] = { kind: 'paragraph', paragraphKind: heading ? 'h' : BULLET.test(line.text) ? 'li' : 'p' };
  }

  // Assemble the text and the paragraphs.
  const paragraphs: Paragraph[] = [];
  const parts: string[] = [];
  let offset = 0;
  lines.forEach((line, i) => {
    const p = placement[i];
    if (p?.kind !== 'paragraph') return;
    if (parts.length > 0) offset += 2;
    paragraphs.push({ start: offset, end: offset + line.text.length, kind: p.paragraphKind });
    parts.push(line.text);
    offset += line.text.length;
  });
  const text = parts.join('\n\n');
  if (text.length < MIN_ARTICLE_CHARS) {
    return { ok: false, reason: 'too-short', detail: `${text.length} characters of article text` };
  }

  const removed: RemovedBlock[] = [];
  let lastBlock = -1;
  lines.forEach((line, i) => {
    const p = placement[i];
    if (p?.kind !== 'removed') return;
    const prev = removed.at(-1);
    if (prev !== undefined && p.block === lastBlock && prev.reason === p.reason) {
      prev.text += `\n${line.text}`;
    } else {
      removed.push({ text: line.text, reason: p.reason });
    }
    lastBlock = p.block;
  });

  // Dateline and credit, on the cleaned text so its offsets index `text`.
  const dateline = parseDateline(text);
  if (dateline?.day != null) findings.push({ value: dateline.day, text: dateline.text, role: 'article', source: 'dateline' });
  if (hints.publishedAt !== undefined && hints.publishedAt.trim() !== '') {
    findings.push({ value: hints.publishedAt.trim(), text: hints.publishedAt, role: 'article', source: 'record' });
  }
  if (hints.capturedAt !== undefined && hints.capturedAt.trim() !== '') {
    findings.push({ value: hints.capturedAt.trim(), text: hints.capturedAt, role: 'capture', source: 'record' });
  }

  const firstParagraph = paragraphs[0];
  const lead = firstParagraph === undefined ? '' : text.slice(firstParagraph.start, firstParagraph.end);
  const date = choosePublicationDate({ findings, dateline, hints, text, lead });

  // Outlet: what the record says, else a signature on the page, else the agency the text credits.
  const signatures = lines
    .map((l) => matchOutletSignature(l.text))
    .filter((h) => h !== null)
    .sort((a, b) => OUTLET_SIGNATURES.findIndex((s) => s.id === a.rule) - OUTLET_SIGNATURES.findIndex((s) => s.id === b.rule));
  const credit = dateline?.agency ?? detectCreditedAgency(text)?.agency ?? null;
  const outlet = hints.outlet ?? signatures[0]?.outlet ?? credit;
  const wire = credit !== null && outlet !== null && credit.toLowerCase() !== outlet.toLowerCase();

  const article: ExtractedArticle = {
    title: title === null ? (hints.title ?? null) : (lines[title]?.text ?? null),
    subtitle: subtitle === null ? null : (lines[subtitle]?.text ?? null),
    outlet,
    url: hints.url ?? null,
    byline,
    authors: byline === null ? [] : byline.split(/,\s|\sand\s|\s&\s/).map((s) => s.trim()).filter((s) => s.length > 0),
    publishedAt: date.publishedAt,
    dateConfidence: date.dateConfidence,
    dateSource: date.dateSource,
    modifiedAt: date.modifiedAt,
    dates: findings,
    dateline,
    wire,
    language: hints.language ?? detectLanguage(text),
    text,
    paragraphs,
    removed,
    method: 'text-cleaner',
  };
  return { ok: true, value: article };
}
