/**
 * Recognises lines that are (almost) nothing but a date: `27.05.2021 09:24`,
 * `02 Mar 2026`, `Published: 12 March 2024`, `27.Feb.2026`. chrono-node does
 * the parsing; this module decides whether the date IS the line, and formats
 * the value without ever filling in a missing year.
 */
import * as chrono from 'chrono-node';

export interface LineDate {
  /** ISO 8601 as precise as written: `2021-05-27T09:24`, `2021-05-27`, `--06-04`. */
  value: string;
  hasYear: boolean;
  hasTime: boolean;
  /** The date text as matched, and its offsets within the line. */
  text: string;
  start: number;
  end: number;
}

// chrono needs a reference instant; a fixed one keeps results pure. Values it
// would fill from the reference (a missing year) are never used.
const REFERENCE = new Date(Date.UTC(2000, 0, 1, 12));

const MON = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}';
// `27.Feb.2026` / `27-Feb-2026`: chrono reads the dots as a time; spaces make it a date.
const RE_DOTTED_MONTH = new RegExp(`(\\d{1,2})[.\\-/](${MON})[.\\-/](\\d{2,4})`, 'gi');

// Words that may surround a date on a date line without making it something else.
// Weekday names count as labels too (`Friday 9.10.2020 | 17:12`).
const LABEL_WORDS =
  /\b(?:published|updated|posted|last|modified|created|date|on|at|gmt|utc|msk|cet|cest|eet|eest|est|edt|bst|am|pm|time|today|(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?)\b/gi;
// `·` and `•` separate a date from its time on many sites (`Aug 18, 2022 · 2:05 PM`).
const LABEL_PUNCT = /[\s|,:;.\-—–()/·•]/g;

const MAX_DATE_LINE = 70;

const EXPLICIT_DAY = new RegExp(`${MON}|\\d{1,4}[./-]\\d{1,2}`, 'i');

/** `2 days ago at 07:52 am`, `1 hour ago`, `yesterday 10:15`: a time stamp without a date, typical of comments and feeds. */
export const RELATIVE_TIME_LINE =
  /^(?:(?:\d{1,3}|an?|one) (?:sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|years?) ago|just now|yesterday|today)(?:,? (?:at )?\d{1,2}:\d{2}(?: ?[ap]\.?m\.?)?)?(?: (?:on|in) [\p{L}&' ]{1,30})?$/iu;

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

// `May 28`, `August 19`: chrono reads the number as a two-digit year; on a date line it is the day.
const RE_MONTH_NUMBER = new RegExp(`^${MON}\\.?\\s(\\d{1,2})$`, 'i');

/** A time of day right after a date chrono read without one (`Aug 18, 2022 · 2:05 PM`, `9.10.2020 | 17:12`). */
const RE_TRAILING_TIME = /^\s?[|·•,\-–—]?\s?(?:at\s)?([01]?\d|2[0-3]):([0-5]\d)(?!\d)(?:\s?([ap])\.?m\b\.?)?/i;

function formatResult(r: chrono.ParsedResult): { value: string; hasYear: boolean; hasTime: boolean } | null {
  const c = r.start;
  if (c.isCertain('month') && !c.isCertain('day')) {
    const m = RE_MONTH_NUMBER.exec(r.text);
    const month = c.get('month');
    const day = Number(m?.[1]);
    if (m !== null && month !== null && day >= 1 && day <= 31) return { value: `--${pad2(month)}-${pad2(day)}`, hasYear: false, hasTime: false };
    return null;
  }
  if (!c.isCertain('month') || !c.isCertain('day')) return null;
  const month = c.get('month');
  const day = c.get('day');
  if (month === null || day === null) return null;
  const hasYear = c.isCertain('year');
  const hasTime = c.isCertain('hour');
  const year = c.get('year');
  const datePart = hasYear && year !== null ? `${year}-${pad2(month)}-${pad2(day)}` : `--${pad2(month)}-${pad2(day)}`;
  if (!hasYear || !hasTime) return { value: datePart, hasYear, hasTime: false };
  const hour = c.get('hour') ?? 0;
  const minute = c.get('minute') ?? 0;
  return { value: `${datePart}T${pad2(hour)}:${pad2(minute)}`, hasYear, hasTime };
}

/** Parses the first full date (day and month at least) in a short string; null when there is none. */
export function findDate(s: string): LineDate | null {
  if (s.length > 400 || !/\d/.test(s)) return null;
  // The byline reader asks twice in a row for the same line (as a date line, then for the date beside a
  // byline): the last answer is kept (a pure function of `s`) and handed out as a copy.
  if (s === lastInput) return lastAnswer === null ? null : { ...lastAnswer };
  const answer = findDateUncached(s);
  lastInput = s;
  lastAnswer = answer === null ? null : { ...answer };
  return answer;
}

let lastInput: string | null = null;
let lastAnswer: LineDate | null = null;

function findDateUncached(s: string): LineDate | null {
  // Same length replacement keeps indices valid for the original string.
  const normalised = s.replace(RE_DOTTED_MONTH, (m, d: string, mon: string, y: string) =>
    `${d} ${mon} ${y}`.padEnd(m.length, ' '),
  );
  // A result counts only when its text (a piece of `normalised`) shows a month name or a numeric day: text that
  // shows neither anywhere has no such piece, so chrono (the costly part) is not asked.
  if (!EXPLICIT_DAY.test(normalised)) return null;
  for (const r of chrono.en.GB.parse(normalised, REFERENCE, { forwardDate: false })) {
    // Relative expressions ("2 days ago", "today at 10:00") would take their day from the
    // reference instant, i.e. be invented; only a written day and month count.
    if (!EXPLICIT_DAY.test(r.text)) continue;
    const f = formatResult(r);
    if (f === null) continue;
    let end = r.index + r.text.length;
    if (f.hasYear && !f.hasTime) {
      const t = RE_TRAILING_TIME.exec(s.slice(end, end + 20));
      if (t !== null) {
        let hour = Number(t[1]);
        const ampm = t[3]?.toLowerCase();
        if (ampm === 'p' && hour < 12) hour += 12;
        if (ampm === 'a' && hour === 12) hour = 0;
        f.value = `${f.value}T${pad2(hour)}:${t[2] ?? '00'}`;
        f.hasTime = true;
        end += t[0].length;
      }
    }
    return { ...f, text: s.slice(r.index, end), start: r.index, end };
  }
  return null;
}

/** The line's date when the line holds nothing but a date and label words (`Published:`, `GMT`). */
export function parseDateLine(line: string): LineDate | null {
  const trimmed = line.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_DATE_LINE) return null;
  const d = findDate(trimmed);
  if (d === null) return null;
  const rest = (trimmed.slice(0, d.start) + ' ' + trimmed.slice(d.end)).replace(LABEL_WORDS, '').replace(LABEL_PUNCT, '');
  // A bare time left over (`09:24` after a date chrono read alone) is still part of a date line.
  return rest.replace(/\d/g, '').length === 0 ? d : null;
}

/**
 * A headline line carrying its own date at one end (`27.02.2026 Headline`,
 * `Headline — 4 June 2021`), as in news feeds; returns the date and the rest.
 */
export function splitDatedHeadline(line: string): { date: LineDate; headline: string } | null {
  const trimmed = line.trim();
  if (trimmed.length > 300) return null;
  const d = findDate(trimmed);
  if (d === null) return null;
  const before = trimmed.slice(0, d.start).trim();
  const after = trimmed.slice(d.end).trim();
  const headline = d.start <= 2 ? after : d.end >= trimmed.length - 2 ? before : '';
  const cleaned = headline.replace(/^[\s|,:;\-—–]+|[\s|,:;\-—–]+$/g, '');
  if (cleaned.length < 10) return null;
  return { date: d, headline: cleaned };
}
