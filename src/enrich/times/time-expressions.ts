/**
 * Time expressions normalised against the article date, with chrono-node as
 * the date parser. A year is only filled in when the text or the reference
 * date supplies it; without a reference date "June 4" stays `--06-04`.
 */
import * as chrono from 'chrono-node';
import type { Sentence, TimeExpression } from '../../model/types.js';
import { splitSentences } from '../sentences/sentence-splitter.js';
import { BoundedMemo, ENTRY_OVERHEAD_BYTES, stringBytes, type MemoLimits } from '../../util/bounded-memo.js';

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
 * What no date worth recording can be written without: a month or weekday
 * name, a casual day word, a time unit, or digits shaped like a date
 * ("16/07/2012", "2012-07-16", "07.16.12"), a duration ("5d", "24 hrs") or a
 * clock time ("01:52 PM", which chrono joins to a date on the line before).
 * Bare numbers ("20 people") are never recorded, so they are no reason to run
 * chrono; its twenty-odd patterns only see sentences
 * holding a trigger, which spares it most of an article. Deliberately left
 * out: one-letter units after a number word ("after the m"), which only ever
 * produced nonsense dates.
 */
const TIME_TRIGGER =
  /\d[\/.:-]\d|\d\s{0,3}(?:[ap]\.?m|[smhdwy]|hrs?|mins?|secs?|mos?|yrs?|wks?|qtrs?)\b|\b(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu|thurs?|fri|sat|sun|weekends?|weekdays?|now|today|tonight|tomorrow|overmorrow|tmrw?|yesterday|night|morning|afternoon|evening|midnight|midday|noon|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|mos?|years?|yrs?|quarters?|qtrs?|decades?|fortnights?)\b/gi;

/**
 * Longest stretch chrono sees at once: its cost grows faster than the text
 * (4× the text took 11× the time on news pages joined together).
 */
const MAX_SEGMENT = 3000;

/**
 * Stretches of `text` worth handing to chrono: sentences with a trigger,
 * adjacent ones joined (so "July 22, 2012\n01:52 PM" stays one expression) up
 * to MAX_SEGMENT characters; a longer sentence is cut at white space. Linear:
 * one regex pass and one walk over the sentences.
 */
export function timeSegments(text: string, sentences: readonly Sentence[] = splitSentences(text)): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let lastSelected = -2;
  const re = TIME_TRIGGER;
  for (let k = 0; k < sentences.length; k++) {
    const s = sentences[k]!;
    re.lastIndex = s.start;
    const m = re.exec(text);
    if (m === null) break;
    if (m.index >= s.end) {
      // Skip straight to the sentence holding the match.
      while (k + 1 < sentences.length && sentences[k + 1]!.end <= m.index) k++;
      continue;
    }
    const last = out[out.length - 1];
    if (lastSelected === k - 1 && last !== undefined && s.end - last.start <= MAX_SEGMENT) last.end = s.end;
    else {
      let start = s.start;
      while (s.end - start > MAX_SEGMENT) {
        let cut = text.lastIndexOf(' ', start + MAX_SEGMENT);
        if (cut <= start) cut = start + MAX_SEGMENT;
        out.push({ start, end: cut });
        start = cut;
      }
      out.push({ start, end: s.end });
    }
    lastSelected = k;
  }
  return out;
}

/** Whether [start, end) overlaps one of `spans` (sorted, disjoint); binary search. */
function overlapsAny(spans: readonly { start: number; end: number }[], start: number, end: number): boolean {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < spans.length && spans[lo]!.start < end;
}

/**
 * What one segment contributes, before the season filter (which looks at the whole text): for each chrono
 * result that passes the other filters, its offset in the segment, its length, its text when that is not the
 * segment's own characters there (null: it is), and its value.
 */
type SegmentTimes = readonly { index: number; length: number; text: string | null; value: string }[];

/**
 * Segments analysed before, per thread (news repeats itself: wire copies, rewrites, boilerplate). A segment's
 * results depend on its text and the reference date only (chrono sees nothing else; every filter below reads
 * the result and the reference), so (reference, segment text) is an exact key. Bounded: 20,000 segments and
 * 8 MiB by its own count (two bytes a character of key and texts, plus fixed charges). On dragnet pages a
 * segment is charged about 620 bytes (the heap grew by about 550 a segment when measured), so the byte bound
 * binds first, at about 13,500 segments; one pass over the 1,355 dragnet articles makes 7,694.
 */
export const TIME_MEMO_LIMITS: MemoLimits = { maxEntries: 20_000, maxBytes: 8 * 1024 * 1024 };

function segmentTimesBytes(key: string, v: SegmentTimes): number {
  // The array (exact length, see segmentTimes) and each result object, then their strings.
  let n = ENTRY_OVERHEAD_BYTES + stringBytes(key) + 64;
  for (const r of v) n += 48 + (r.text === null ? 0 : stringBytes(r.text)) + stringBytes(r.value);
  return n;
}

export function createTimeMemo(limits: MemoLimits = TIME_MEMO_LIMITS): BoundedMemo<SegmentTimes> {
  return new BoundedMemo<SegmentTimes>(limits, segmentTimesBytes);
}

/** The memo `extractTimes` uses unless told otherwise (one per thread: one per module instance). */
export const defaultTimeMemo = createTimeMemo();

const NO_TIMES: SegmentTimes = Object.freeze([]);

/** A string that shares no memory with a longer one (a slice can keep its whole source text alive). */
function ownCopy(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

/** chrono's results on one segment that pass every filter but the season one (see SegmentTimes). */
function segmentTimes(seg: string, reference: Date, refDate: Date | null, hasRef: boolean): SegmentTimes {
  const out: { index: number; length: number; text: string | null; value: string }[] = [];
  for (const r of chrono.parse(seg, reference, { forwardDate: false })) {
    const start = r.start;
    // Bare numbers and times of day alone are not dates worth recording.
    if (!start.isCertain('month') && !start.isCertain('day') && !start.isCertain('weekday') && !/\b(today|yesterday|tomorrow|tonight|week|month|year|ago)\b/i.test(r.text)) continue;
    // Without a reference date, a relative expression ("last three weeks", "end of the month") has no value:
    // chrono would resolve it against the placeholder reference. Only a year written out can be trusted then.
    if (!hasRef && start.isCertain('year') && !/\d{4}|'\d\d(?!\d)/.test(r.text)) continue;
    let value: string | null;
    if (start.isCertain('weekday') && !start.isCertain('day')) {
      if (!refDate) {
        value = null;
      } else {
        const target = start.get('weekday') ?? 0;
        const d = new Date(refDate);
        const back = (d.getUTCDay() - target + 7) % 7;
        d.setUTCDate(d.getUTCDate() - back);
        value = isoDate(d);
      }
    } else {
      value = valueOf(start, refDate, hasRef);
    }
    if (value === null) continue;
    const own = seg.slice(r.index, r.index + r.text.length) === r.text;
    out.push({ index: r.index, length: r.text.length, text: own ? null : ownCopy(r.text), value });
  }
  // An exact-length copy: a pushed-to array keeps spare capacity the memo's count would miss.
  return out.length === 0 ? NO_TIMES : out.slice();
}

/**
 * Finds dates and relative day references in `text`. Weekday references
 * ("on Thursday") resolve to the most recent such day on or before the
 * reference date, as news reports use them. `sentences` (offsets into
 * `text`, as splitSentences gives them) saves splitting the text again.
 * `memo`: segments analysed before (null: none); the answer is the same either way.
 */
export function extractTimes(
  text: string,
  ref: TimeReference,
  sentences?: readonly Sentence[],
  memo: BoundedMemo<SegmentTimes> | null = defaultTimeMemo,
): TimeExpression[] {
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
  const reference = refDate ?? new Date(Date.UTC(2000, 0, 1, 12));
  const refKey = refDate === null ? '-' : String(refDate.getTime());
  for (const seg of timeSegments(text, sentences)) {
    const segText = text.slice(seg.start, seg.end);
    let found: SegmentTimes | undefined;
    // The key is a new string (join copies), so the memo never keeps an article's text alive.
    const key = memo === null ? '' : [refKey, segText].join('|');
    if (memo !== null) found = memo.get(key);
    if (found === undefined) {
      found = segmentTimes(segText, reference, refDate, hasRef);
      if (memo !== null) memo.set(key, found);
    }
    for (const r of found) {
      const start = seg.start + r.index;
      const end = start + r.length;
      if (overlapsAny(seasonSpans, start, end)) continue;
      out.push({ start, end, text: r.text ?? text.slice(start, end), value: r.value });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
