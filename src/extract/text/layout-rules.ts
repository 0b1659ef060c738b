/**
 * Rules that recognise page chrome by its layout rather than its wording:
 * appeal blocks that run to a call to action, repeated photo captions, and
 * lists of other articles (headline/date pairs, dated headlines, a "Related"
 * heading over a run of headlines).
 */
import type { BoilerplateReason } from '../../model/types.js';
import { APPEAL_CTA, APPEAL_START, APPEAL_VOCABULARY, NAV_HEADING, RELATED_HEADING, RELATED_HEADING_OTHER } from './chrome-rules.js';
import { splitDatedHeadline } from './date-line-parser.js';
import { isHeadingLike, isHeadlineItem, isProse, type LineLabel } from './line-labels.js';
import type { PageLine } from './page-lines.js';

/** Hands out block ids; one counter per cleaning run, passed in, so nothing is shared between pages. */
export interface BlockIds {
  next: number;
}

function mark(
  labels: LineLabel[],
  from: number,
  to: number,
  reason: BoilerplateReason,
  rule: string,
  breaking: boolean,
  ids: BlockIds,
): void {
  const block = ids.next++;
  for (let i = from; i <= to; i++) {
    const label = labels[i];
    if (label === undefined) continue;
    label.chrome = { reason, rule, block, breaking };
  }
}

const APPEAL_LOOKAHEAD = 4;

/**
 * An appeal opens with a recognisable line ("Rely on X? We rely on you too.")
 * and runs to its call to action ("Become a member") a few lines later; the
 * lines between are part of it even when they read like prose.
 */
export function markAppeals(lines: readonly PageLine[], labels: LineLabel[], ids: BlockIds): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === undefined || line.text.length > 300 || !APPEAL_START.test(line.text)) continue;
    let end = i;
    for (let j = i + 1; j <= i + APPEAL_LOOKAHEAD && j < lines.length; j++) {
      const next = lines[j];
      if (next !== undefined && next.text.length <= 60 && APPEAL_CTA.test(next.text)) {
        end = j;
        break;
      }
    }
    if (end === i) {
      // No call to action: the appeal continues only while its wording does.
      while (end + 1 < lines.length && end < i + APPEAL_LOOKAHEAD) {
        const next = lines[end + 1];
        if (next === undefined || next.text.length > 400 || !APPEAL_VOCABULARY.test(next.text)) break;
        end++;
      }
    }
    mark(labels, i, end, 'appeal', 'appeal-block', false, ids);
    i = end;
  }
}

/** The same short line twice in a row is a photo caption rendered twice (alt text and caption). */
export function markRepeatedCaptions(lines: readonly PageLine[], labels: LineLabel[], ids: BlockIds): void {
  for (let i = 0; i + 1 < lines.length; i++) {
    const a = lines[i];
    const b = lines[i + 1];
    if (a === undefined || b === undefined || a.words > 40) continue;
    if (a.text !== b.text) continue;
    let end = i + 1;
    while (lines[end + 1]?.text === a.text) end++;
    mark(labels, i, end, 'caption', 'repeated-line', false, ids);
    i = end;
  }
}

interface ListRun {
  from: number;
  to: number;
  dates: number[];
  /** Whether the article may not continue across the list (a long list, or one with dates). */
  breaking: boolean;
}

/**
 * Repeating groups of `size` lines, each with its date at `datePos` and only
 * headlines or bylines besides: `Headline / date`, `date / Headline`,
 * `Headline / By Staff / date`. At least two groups.
 */
function groupRun(
  lines: readonly PageLine[],
  labels: readonly LineLabel[],
  i: number,
  size: number,
  datePos: number,
): ListRun | null {
  const dates: number[] = [];
  let j = i;
  for (;;) {
    let ok = j + size <= lines.length;
    for (let k = 0; k < size && ok; k++) {
      const line = lines[j + k];
      const label = labels[j + k];
      if (line === undefined || label === undefined || label.chrome?.reason === 'appeal') ok = false;
      else if (k === datePos) ok = label.date !== null;
      else ok = label.date === null && (label.byline !== null || isHeadlineItem(line));
    }
    // A group needs a headline, not just a byline next to its date.
    if (ok && size === 3) ok = [0, 1, 2].some((k) => k !== datePos && labels[j + k]?.byline === null);
    if (!ok) break;
    dates.push(j + datePos);
    j += size;
  }
  return dates.length >= 2 ? { from: i, to: j - 1, dates, breaking: true } : null;
}

/** The list shapes tried at a line, headline-first before date-first. */
function pairRun(lines: readonly PageLine[], labels: readonly LineLabel[], i: number, dateFirst: boolean): ListRun | null {
  if (dateFirst) return groupRun(lines, labels, i, 2, 0) ?? groupRun(lines, labels, i, 3, 0);
  return groupRun(lines, labels, i, 2, 1) ?? groupRun(lines, labels, i, 3, 2);
}

/** Three or more consecutive headlines that carry their own date (`27.02.2026 Headline`). */
function datedHeadlineRun(lines: readonly PageLine[], labels: readonly LineLabel[], i: number): ListRun | null {
  let j = i;
  while (j < lines.length) {
    const line = lines[j];
    if (line === undefined || labels[j]?.date !== null || line.words > 35) break;
    if (splitDatedHeadline(line.text) === null) break;
    j++;
  }
  return j - i >= 3 ? { from: i, to: j - 1, dates: [], breaking: true } : null;
}

/**
 * A list heading over headline items, up to the next prose. Under "Related" any
 * item counts; under a navigation heading ("All news", "News") the next lines
 * are as likely the article's own title and standfirst, so the list needs
 * evidence: dates on its items, or several items packed without blank lines.
 */
function headingRun(lines: readonly PageLine[], labels: readonly LineLabel[], i: number, related: boolean): ListRun | null {
  const dates: number[] = [];
  let items = 0;
  let packed = 0;
  let lastWasDate = false;
  let j = i + 1;
  while (j < lines.length) {
    const line = lines[j];
    const label = labels[j];
    if (line === undefined || label === undefined) break;
    // A blank line after some items closes the list (another block follows).
    if (items > 0 && line.blankBefore) break;
    if (label.date !== null) {
      // A date belongs to the list only as the date of the item just above it.
      if (lastWasDate || items === 0) break;
      dates.push(j);
      lastWasDate = true;
    } else if (isProse(line) || !isHeadlineItem(line)) break;
    else {
      items++;
      lastWasDate = false;
      if (!line.blankBefore) packed++;
    }
    j++;
  }
  const listLike = related ? items >= 1 : dates.length >= 2 || packed >= 3;
  if (!listLike) return null;
  return { from: i, to: j - 1, dates, breaking: items >= 3 || dates.length >= 2 };
}

/** Teaser summaries are one short sentence; a listicle's paragraphs run longer. */
const TEASER_SUMMARY_MAX = 220;
const TEASER_MIN_PAIRS = 3;

/**
 * `Headline / one-line summary` three or more times in a row: a block of
 * teasers for other articles. Kept apart from an article with subheadings by
 * the summaries' length: one short sentence each.
 */
function teaserRun(lines: readonly PageLine[], labels: readonly LineLabel[], i: number): ListRun | null {
  let j = i;
  let pairs = 0;
  for (;;) {
    const head = lines[j];
    const summary = lines[j + 1];
    if (head === undefined || summary === undefined) break;
    if (labels[j]?.chrome != null || labels[j + 1]?.chrome != null || labels[j]?.date !== null || labels[j + 1]?.date !== null) break;
    if (!isHeadingLike(head) || head.words < 3 || head.words > 20) break;
    if (isHeadingLike(summary) || summary.text.length > TEASER_SUMMARY_MAX || summary.words < 4) break;
    pairs++;
    j += 2;
  }
  return pairs >= TEASER_MIN_PAIRS ? { from: i, to: j - 1, dates: [], breaking: true } : null;
}

/**
 * Lists of other articles: the page's "Latest news", "Most popular" and the
 * like. Marked as breaking blocks (the article does not continue across them)
 * and their dates flagged as sidebar dates.
 */
export function markArticleLists(lines: readonly PageLine[], labels: LineLabel[], ids: BlockIds): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === undefined) continue;
    let run: ListRun | null = null;
    let reason: BoilerplateReason = 'sidebar-list';
    let rule = '';
    const related = RELATED_HEADING.test(line.text) || RELATED_HEADING_OTHER.test(line.text);
    const isListHeading = line.text.length <= 80 && (related || NAV_HEADING.test(line.text));
    if (isListHeading) {
      run = headingRun(lines, labels, i, related);
      reason = related ? 'related' : 'sidebar-list';
      rule = 'heading-list';
    }
    if (run === null) {
      // Prefer headline-first at the next line over date-first here: a lone article date
      // just before a list must not be swallowed as the list's first date.
      run = pairRun(lines, labels, i, false);
      if (run === null && labels[i]?.date !== null && pairRun(lines, labels, i + 1, false) === null) {
        run = pairRun(lines, labels, i, true);
      }
      rule = 'headline-date-pairs';
      reason = 'sidebar-list';
      // A list heading right above the pairs belongs to the list.
      const prev = lines[i - 1];
      if (run !== null && prev !== undefined && prev.text.length <= 80 && (RELATED_HEADING.test(prev.text) || NAV_HEADING.test(prev.text))) {
        run.from = i - 1;
      }
    }
    if (run === null) {
      run = datedHeadlineRun(lines, labels, i);
      rule = 'dated-headlines';
    }
    if (run === null) {
      run = teaserRun(lines, labels, i);
      rule = 'teaser-pairs';
      reason = 'related';
    }
    if (run === null) continue;
    mark(labels, run.from, run.to, reason, rule, run.breaking, ids);
    for (const d of run.dates) {
      const label = labels[d];
      if (label !== undefined) label.sidebarDate = true;
    }
    i = run.to;
  }
}
