/**
 * Chooses the article's publication date among the dates a page carries, and
 * says why. A year is never invented: it is taken from a date that states it,
 * inferred with a basis written into `dateSource`, or left unknown (`--06-04`).
 */
import type { DateConfidence, DateFinding, ExtractHints } from '../../model/types.js';
import type { ParsedDateline } from '../dateline/dateline-parser.js';

export interface PublicationDate {
  publishedAt: string | null;
  dateConfidence: DateConfidence;
  dateSource: string | null;
  modifiedAt: string | null;
}

export interface DateEvidence {
  /** Dates found on the page, with roles already assigned by layout. */
  findings: readonly DateFinding[];
  dateline: ParsedDateline | null;
  hints: ExtractHints;
  /** The cleaned article text (for weekday and year mentions). */
  text: string;
  /** The first paragraph of the text, where a weekday refers to the dateline's day. */
  lead: string;
  /** The latest year of the page's copyright notice (`© 2019–2024 Example`), if it has one. */
  copyrightYear?: number | null;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const RE_WEEKDAY = /\b(?:on|last|this|late|early)\s(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b/g;
const RE_YEAR = /\b(19[5-9]\d|20\d\d)\b/g;
/** How far after the latest year the text mentions a weekday match may be looked for (weekdays repeat within 6 years for most days). */
const WEEKDAY_WINDOW = 6;

function isoYear(value: string): number | null {
  const m = /^(\d{4})-/.exec(value);
  return m === null ? null : Number(m[1]);
}

function monthDay(value: string): string | null {
  const m = /^(?:\d{4}|-)-(\d{2})-(\d{2})/.exec(value);
  return m === null ? null : `${m[1]}-${m[2]}`;
}

/** The year that puts `MM-DD` on or before the reference date (an upper bound such as a page or capture date). */
function yearAtOrBefore(md: string, reference: string): number | null {
  const refYear = isoYear(reference);
  const refMd = monthDay(reference);
  if (refYear === null || refMd === null) return null;
  return md <= refMd ? refYear : refYear - 1;
}

function weekdayOf(year: number, md: string): number {
  const [m, d] = md.split('-').map(Number);
  return new Date(Date.UTC(year, (m ?? 1) - 1, d ?? 1)).getUTCDay();
}

/**
 * `on Friday` in the lead of a `June 4` dateline: the years in which June 4 was
 * a Friday, looked for from the latest year the text mentions (the article
 * cannot predate what it reports) over a short window. Only a single match counts.
 */
function yearFromWeekday(md: string, lead: string, text: string, upperBound: number | null): { year: number; basis: string } | null {
  const weekdays = new Set([...lead.matchAll(RE_WEEKDAY)].map((m) => (m[1] ?? '').toLowerCase()));
  if (weekdays.size !== 1) return null;
  const weekday = [...weekdays][0] ?? '';
  const years = [...text.matchAll(RE_YEAR)].map((m) => Number(m[1])).filter((y) => upperBound === null || y <= upperBound);
  if (years.length === 0) return null;
  const latest = Math.max(...years);
  const target = WEEKDAYS.indexOf(weekday);
  const matches: number[] = [];
  for (let y = latest; y <= latest + WEEKDAY_WINDOW && (upperBound === null || y <= upperBound); y++) {
    if (weekdayOf(y, md) === target) matches.push(y);
  }
  if (matches.length !== 1 || matches[0] === undefined) return null;
  const name = weekday.charAt(0).toUpperCase() + weekday.slice(1);
  return { year: matches[0], basis: `weekday(${name})+latest-year-in-text(${latest})` };
}

function first(findings: readonly DateFinding[], role: DateFinding['role']): DateFinding | null {
  return findings.find((f) => f.role === role) ?? null;
}

export function choosePublicationDate(ev: DateEvidence): PublicationDate {
  const modified = first(ev.findings, 'modified');
  const modifiedAt = modified?.value ?? null;
  const done = (publishedAt: string | null, dateConfidence: DateConfidence, dateSource: string | null): PublicationDate => ({
    publishedAt,
    dateConfidence,
    dateSource,
    modifiedAt,
  });

  // 1. Metadata that came with the record is the publisher's own statement.
  if (ev.hints.publishedAt !== undefined && ev.hints.publishedAt.trim() !== '') {
    return done(ev.hints.publishedAt.trim(), 'high', 'record');
  }

  // 2. A full date set next to the article (under the title, right after the body, in the byline).
  const articleDates = ev.findings.filter((f) => f.role === 'article' && f.source !== 'dateline' && isoYear(f.value) !== null);
  const articleDate = articleDates[0];
  const datelineDay = ev.dateline?.day ?? null;
  if (articleDate !== undefined) {
    const agrees = datelineDay === null || monthDay(datelineDay) === monthDay(articleDate.value);
    return done(articleDate.value, agrees ? 'high' : 'medium', articleDate.source + (agrees ? '' : '+dateline-disagrees'));
  }

  // 3. The dateline, with a year when it states one.
  if (datelineDay !== null && isoYear(datelineDay) !== null) return done(datelineDay, 'high', 'dateline');
  const pageDate = first(ev.findings, 'page');
  const capture = first(ev.findings, 'capture');
  // A month and day without a year: the page's own (`Posted June 4` under the title) before the dateline's.
  const noYear = ev.findings.find((f) => f.role === 'article' && f.source !== 'dateline' && isoYear(f.value) === null && monthDay(f.value) !== null);
  const partial = noYear !== undefined ? { value: noYear.value, source: noYear.source } : datelineDay !== null ? { value: datelineDay, source: 'dateline' } : null;
  if (partial !== null) {
    const md = monthDay(partial.value);
    if (md !== null) {
      // The page's own date and the capture date are upper bounds: the article appeared on or before them.
      for (const bound of [pageDate, capture]) {
        if (bound === null) continue;
        const year = yearAtOrBefore(md, bound.value);
        const basis = bound.role === 'page' ? 'page-date' : 'capture-date';
        if (year !== null) return done(`${year}-${md}`, 'low', `${partial.source}+year-from:${basis}`);
      }
      const upper = [pageDate, capture].map((f) => (f === null ? null : isoYear(f.value))).find((y) => y !== null) ?? ev.copyrightYear ?? null;
      const wd = yearFromWeekday(md, ev.lead, ev.text, upper);
      if (wd !== null) return done(`${wd.year}-${md}`, 'low', `${partial.source}+year-from:${wd.basis}`);
      // A copyright notice states the year the page was put out; an undated-year article on it is taken
      // to be from that year (the notice can be later, never earlier), with low confidence.
      const cy = ev.copyrightYear ?? null;
      if (cy !== null) return done(`${cy}-${md}`, 'low', `${partial.source}+year-from:copyright(${cy})`);
    }
    // Month and day are known, the year is not: say so rather than guess.
    return done(partial.value, 'medium', `${partial.source}:year-unknown`);
  }

  // 4. Only the page's own date (footer, page header): not the article's date, so low confidence.
  if (pageDate !== null) return done(pageDate.value, 'low', `page-date:${pageDate.source}`);
  return done(null, 'none', null);
}
