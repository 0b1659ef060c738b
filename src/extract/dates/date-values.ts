/**
 * Normalising date strings found in markup (`2020-06-07T10:00:00+03:00`,
 * `20200607`, `Sun, 07 Jun 2020 10:00:00 GMT`) and numeric dates in visible
 * text (`07.06.2020`, `2020/06/07`). The day is kept as written on the page:
 * converting to UTC would move late-evening articles to the next day.
 */

export interface DayValue {
  /** `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`. */
  iso: string;
  /** Offset of the match within the input string. */
  index: number;
  length: number;
}

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function validDay(y: number, m: number, d: number): boolean {
  if (!(y >= MIN_YEAR && y <= MAX_YEAR && m >= 1 && m <= 12 && d >= 1)) return false;
  if (d > (DAYS_IN_MONTH[m - 1] ?? 0)) return false;
  if (m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return false;
  return true;
}

export function isoDay(y: number, m: number, d: number, hh?: number, mm?: number): string | null {
  if (!validDay(y, m, d)) return null;
  const day = `${y}-${pad(m)}-${pad(d)}`;
  if (hh === undefined || mm === undefined || hh > 23 || mm > 59) return day;
  return `${day}T${pad(hh)}:${pad(mm)}`;
}

const ISO_LIKE = /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]{1,3}(\d{1,2}):(\d{2}))?/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2}):?(\d{2}))?/;
const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const RFC = /(\d{1,2})\s{1,3}([A-Za-z]{3})[a-z]{0,6}\.?\s{1,3}(\d{4})(?:\s{1,3}(\d{1,2}):(\d{2}))?/;
const RFC_US = /([A-Za-z]{3})[a-z]{0,6}\.?\s{1,3}(\d{1,2}),?\s{1,3}(\d{4})(?:\s{1,3}(\d{1,2}):(\d{2}))?/;

/**
 * A machine-written date value (meta content, `datetime`, JSON-LD). Returns
 * null rather than guessing when the string has no full year-month-day.
 */
export function parseMachineDate(value: string): string | null {
  const s = value.trim().slice(0, 80);
  if (s.length < 6) return null;
  let m = ISO_LIKE.exec(s);
  if (m !== null) {
    return isoDay(Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? undefined : Number(m[4]), m[5] === undefined ? undefined : Number(m[5]));
  }
  m = COMPACT.exec(s);
  if (m !== null) {
    const compact = isoDay(Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? undefined : Number(m[4]), m[5] === undefined ? undefined : Number(m[5]));
    // `1594448702` starts like a compact date but is a Unix time (below).
    if (compact !== null) return compact;
  }
  m = RFC.exec(s);
  if (m !== null) {
    const mon = EN_MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
    if (mon > 0) return isoDay(Number(m[3]), mon, Number(m[1]), m[4] === undefined ? undefined : Number(m[4]), m[5] === undefined ? undefined : Number(m[5]));
  }
  m = RFC_US.exec(s);
  if (m !== null) {
    const mon = EN_MONTHS.indexOf(m[1]!.toLowerCase()) + 1;
    if (mon > 0) return isoDay(Number(m[3]), mon, Number(m[2]), m[4] === undefined ? undefined : Number(m[4]), m[5] === undefined ? undefined : Number(m[5]));
  }
  // Unix timestamps (seconds or milliseconds) appear in some CMS metadata.
  if (/^\d{10}(?:\d{3})?$/.test(s)) {
    const ms = s.length === 13 ? Number(s) : Number(s) * 1000;
    const d = new Date(ms);
    return isoDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes());
  }
  return null;
}

/**
 * Numeric dates in visible text. Dotted and dashed day-first forms are the
 * European norm; a slash form is read month-first only when the first number
 * cannot be a month... or the page's language is US English.
 */
const NUMERIC_PATTERNS: ReadonlyArray<{ re: RegExp; order: 'ymd' | 'dmy' | 'slash' }> = [
  { re: /(?<![\d.])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])/g, order: 'ymd' },
  { re: /(?<![\d.])(\d{4})\s{0,2}[年년]\s{0,2}(\d{1,2})\s{0,2}[月월]\s{0,2}(\d{1,2})/g, order: 'ymd' },
  { re: /(?<![\d.])(\d{1,2})[.-](\d{1,2})[.-](\d{4})(?![\d])/g, order: 'dmy' },
  { re: /(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{4})(?![\d])/g, order: 'slash' },
];

export function findNumericDates(text: string, monthFirst: boolean): DayValue[] {
  const out: DayValue[] = [];
  for (const { re, order } of NUMERIC_PATTERNS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const a = Number(m[1]);
      const b = Number(m[2]);
      const c = Number(m[3]);
      let iso: string | null = null;
      if (order === 'ymd') iso = isoDay(a, b, c);
      else if (order === 'dmy') iso = isoDay(c, b, a);
      else if (a > 12) iso = isoDay(c, b, a);
      else if (b > 12) iso = isoDay(c, a, b);
      else iso = monthFirst ? isoDay(c, a, b) : isoDay(c, b, a);
      if (iso !== null) out.push({ iso, index: m.index, length: m[0].length });
      if (out.length > 200) return out;
    }
  }
  return out.sort((x, y) => x.index - y.index);
}
