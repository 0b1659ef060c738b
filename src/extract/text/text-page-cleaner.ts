/**
 * Cleans a scraped plain-text news page: finds the article among the page
 * chrome, keeps its paragraphs, and records every dropped block with the
 * reason it was dropped. HTML extractors cannot help here: the markup that
 * would separate article from chrome is gone, so the rules read wording
 * (`chrome-rules.ts`, `outlet-signatures.ts`) and layout (`layout-rules.ts`);
 * `article-locator.ts` finds the article among what is left.
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
import { matchLineRule, parseBylineLine } from './chrome-rules.js';
import { findDate, parseDateLine, type LineDate } from './date-line-parser.js';
import { detectLanguage } from './language-detect.js';
import { markAppeals, markArticleLists, markRepeatedCaptions, type BlockIds } from './layout-rules.js';
import { emptyLabel, isContent, isHeadingLike, isProse, type LineLabel } from './line-labels.js';
import { copyrightYear, mastheadName, matchOutletSignature, OUTLET_SIGNATURES } from './outlet-signatures.js';
import { splitPageLines, type PageLine } from './page-lines.js';
import { bestSegment, bodyBounds, BULLET, titleAreaStart } from './article-locator.js';

/** Below this many characters of body text a page is not treated as an article. */
export const MIN_ARTICLE_CHARS = 150;

/** Where each line ended up. */
type Placement =
  | { kind: 'paragraph'; paragraphKind: Paragraph['kind'] }
  | { kind: 'removed'; reason: BoilerplateReason; block: number };

function labelLines(lines: readonly PageLine[]): LineLabel[] {
  const labels = lines.map(() => emptyLabel());
  const ids: BlockIds = { next: 1 };
  lines.forEach((line, i) => {
    const label = labels[i];
    if (label === undefined) return;
    label.date = parseDateLine(line.text);
    if (label.date === null && line.text.length <= 140) {
      // `Monday November 18, 2019 7:45 am PST by Joe Rossignol`, `Thursday 27.5.2021 | 11:05 · Text: Jane Doe`,
      // `Posted May 28 by Staff Writer · 3 min read`: a date line carrying the byline.
      const by = DATE_THEN_BYLINE.exec(line.text);
      if (by !== null) {
        label.date = parseDateLine(by[1] ?? '');
        if (label.date !== null) label.byline = parseBylineLine(`By ${by[2] ?? ''}`);
      }
    }
    if (label.date !== null) return;
    // A byline before the wording rules: `By Jane Doe | Nov 16, 2021 | Politics` is a byline with the
    // article's date, not a menu, even though its parts sit between separators.
    label.byline = parseBylineLine(line.text);
    if (label.byline !== null) return;
    const rule = matchLineRule(line.text);
    if (rule !== null) {
      label.chrome = { reason: rule.reason, rule: rule.id, block: ids.next++, breaking: rule.reason === 'footer' };
    }
  });
  markAppeals(lines, labels, ids);
  markRepeatedCaptions(lines, labels, ids);
  markArticleLists(lines, labels, ids);
  return labels;
}

/** A date, then an optional separator, then `by Name` or `Text: Name` (the date part is checked by `parseDateLine`). */
export const DATE_THEN_BYLINE = /^(.{6,80}?)\s(?:[|·•—–-]\s)?(?:(?:by|By|BY)\s|(?:Text|Words|Author|By)\s?:\s)(.{2,60})$/;

/**
 * A line no reader would take for a headline: a time stamp or date with at
 * most one other word (`Aug 18, 2022 · 2:05 PM`, `Friday 17:12`), or a
 * bracketed placeholder (`[Image: …]`).
 */
function notATitle(text: string): boolean {
  if (/^\[[^\]]{0,300}\]$/.test(text)) return true;
  const d = findDate(text);
  const hasTime = /\b\d{1,2}:\d{2}\b/.test(text);
  if (d === null && !hasTime) return false;
  const rest = d === null ? text : text.slice(0, d.start) + ' ' + text.slice(d.end);
  const words = rest
    .replace(/\b\d{1,2}:\d{2}(?:\s?[ap]\.?m\.?)?/gi, ' ')
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length >= 2);
  return words.length <= 1;
}

/** Words of two or more letters (`Bergen 11°C · Florø 9°C` has two). */
function letterWords(text: string): number {
  return text.split(/[^\p{L}'’-]+/u).filter((w) => w.replace(/['’-]/g, '').length >= 2).length;
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
    return l !== undefined && isHeadingLike(l) && letterWords(l.text) >= 4 && !notATitle(l.text);
  });
  const last = big.at(-1);
  const prev = big.at(-2);
  if (last === undefined) return { title: null, subtitle: null };
  const lastWords = lines[last]?.words ?? 0;
  const prevWords = prev === undefined ? 0 : (lines[prev]?.words ?? 0);
  // Title and standfirst sit on consecutive lines; a tagline or menu further up is not a title.
  if (prev !== undefined && last === prev + 1 && prevWords >= 5 && lastWords >= 10 && lastWords > prevWords * 1.2) {
    return { title: prev, subtitle: last };
  }
  return { title: last, subtitle: null };
}

/** How far down the page the masthead is looked for (past a `Skip to content` or a logo line). */
const MASTHEAD_LOOKAHEAD = 3;

/**
 * The publication's name from the top of the page: the first line that is not
 * chrome, if it reads as a masthead and is not the article's title. An
 * all-capitals masthead takes the spelling the page uses elsewhere, if any.
 */
function pageMasthead(lines: readonly PageLine[], labels: readonly LineLabel[], exclude: ReadonlyArray<number | null>): string | null {
  const at = labels.slice(0, MASTHEAD_LOOKAHEAD).findIndex((l) => l.chrome === null);
  const label = labels[at];
  const line = lines[at];
  if (at < 0 || line === undefined || label === undefined || !isContent(label) || exclude.includes(at)) return null;
  // The masthead sits above other lines of the page's header, never directly on the article's text.
  const next = lines[at + 1];
  if (next === undefined || (labels[at + 1] !== undefined && isContent(labels[at + 1] as LineLabel) && isProse(next))) return null;
  const name = mastheadName(line.text);
  if (name === null || name !== name.toUpperCase()) return name;
  const want = name.toLowerCase();
  for (const other of lines) {
    if (other === line || other.text.length > 300) continue;
    const k = other.text.toLowerCase().indexOf(want);
    if (k < 0) continue;
    const spelled = other.text.slice(k, k + name.length);
    if (spelled !== name) return spelled;
  }
  return name;
}

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

/** Whether the line labels its (first) date as an update: `Updated 12 May 2024`, not `9.10.2020 17:12 · updated 18:03`. */
function updatedBefore(text: string, dateStart: number): boolean {
  const m = UPDATED_LABEL.exec(text);
  return m !== null && m.index < dateStart;
}

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
  const { firstProse, lastBody } = bodyBounds(lines, labels, seg);

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
      } else if (updatedBefore(line.text, label.date.start)) {
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
  const copyright = lines.reduce<number | null>((y, l) => {
    const c = copyrightYear(l.text);
    return c === null ? y : Math.max(y ?? 0, c);
  }, null);
  const date = choosePublicationDate({ findings, dateline, hints, text, lead, copyrightYear: copyright });

  // Outlet: what the record says, else a signature on the page, else the agency the text credits.
  const signatures = lines
    .map((l) => matchOutletSignature(l.text))
    .filter((h) => h !== null)
    .sort((a, b) => OUTLET_SIGNATURES.findIndex((s) => s.id === a.rule) - OUTLET_SIGNATURES.findIndex((s) => s.id === b.rule));
  const credit = dateline?.agency ?? detectCreditedAgency(text)?.agency ?? null;
  // The site's own name (a signature, else its masthead) comes before the credit: an aggregator
  // printing wire copy is the outlet, the agency it credits is the source (`wire`).
  const outlet = hints.outlet ?? signatures[0]?.outlet ?? pageMasthead(lines, labels, [title, subtitle]) ?? credit;
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
