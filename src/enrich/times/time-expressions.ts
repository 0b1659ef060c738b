/**
 * Time expressions normalised against the article date, with chrono-node as
 * the date parser. A year is only filled in when the text or the reference
 * date supplies it; without a reference date "June 4" stays `--06-04`.
 */
import * as chrono from 'chrono-node';
import type { TimeExpression } from '../../model/types.js';

export interface TimeReference {
  /** The article's publication date (ISO, at least `YYYY-MM-DD`), or null when unknown. */
  date: string | null;
}

const SEASONS: Record<string, string> = { spring: 'SP', summer: 'SU', fall: 'FA', autumn: 'FA', winter: 'WI' };
const SEASON_RE = /\b(?:the\s+)?(spring|summer|fall|autumn|winter)\s+of\s+(\d{4})\b/gi;

const pad = (n: number) => String(n).padStart(2, '0');

function isoDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** A reference Date at noon UTC so that timezone shifts never change the day. */
function referenceDate(ref: TimeReference): Date | null {
  if (!ref.date) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(ref.date);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
}

function valueOf(component: chrono.ParsedComponents, ref: Date | null, hasRef: boolean): string | null {
  const year = component.get('year');
  const month = component.get('month');
  const day = component.get('day');
  const yearKnown = component.isCertain('year') || (hasRef && ref !== null);
  const dayKnown = component.isCertain('day') || component.isCertain('weekday') || (!component.isCertain('month') && hasRef);
  if (year === null || month === null) return null;
  if (!component.isCertain('month') && !component.isCertain('day') && !component.isCertain('weekday') && !hasRef) return null;
  if (!dayKnown || day === null) {
    return yearKnown ? `${year}-${pad(month)}` : `--${pad(month)}`;
  }
  let date = `${yearKnown ? year : '-'}-${pad(month)}-${pad(day)}`;
  if (component.isCertain('hour')) {
    const hour = component.get('hour');
    const minute = component.get('minute') ?? 0;
    if (hour !== null && yearKnown) date += `T${pad(hour)}:${pad(minute)}`;
  }
  return date;
}

/**
 * Finds dates and relative day references in `text`. Weekday references
 * ("on Thursday") resolve to the most recent such day on or before the
 * reference date, as news reports use them.
 */
export function extractTimes(text: string, ref: TimeReference): TimeExpression[] {
  const out: TimeExpression[] = [];
  const refDate = referenceDate(ref);
  const hasRef = refDate !== null;
  const seasonSpans: { start: number; end: number }[] = [];
  for (const m of text.matchAll(SEASON_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    seasonSpans.push({ start, end });
    out.push({ start, end, text: m[0], value: `${m[2]}-${SEASONS[m[1]!.toLowerCase()]}` });
  }
  const results = chrono.parse(text, refDate ?? new Date(Date.UTC(2000, 0, 1, 12)), { forwardDate: false });
  for (const r of results) {
    const start = r.index;
    const end = start + r.text.length;
    if (seasonSpans.some((s) => start < s.end && end > s.start)) continue;
    // Bare numbers and times of day alone are not dates worth recording.
    if (!r.start.isCertain('month') && !r.start.isCertain('day') && !r.start.isCertain('weekday') && !/\b(today|yesterday|tomorrow|tonight|week|month|year|ago)\b/i.test(r.text)) continue;
    let value: string | null;
    if (r.start.isCertain('weekday') && !r.start.isCertain('day')) {
      if (!refDate) {
        value = null;
      } else {
        const target = r.start.get('weekday') ?? 0;
        const d = new Date(refDate);
        const back = (d.getUTCDay() - target + 7) % 7;
        d.setUTCDate(d.getUTCDate() - back);
        value = isoDate(d);
      }
    } else {
      value = valueOf(r.start, refDate, hasRef);
    }
    if (value === null) continue;
    out.push({ start, end, text: r.text, value });
  }
  return out.sort((a, b) => a.start - b.start);
}
