import * as chrono from 'chrono-node';
import { findNumericDates, isoDay, type DayValue } from './date-values.js';
import { asciiDigits, datesWithMonthNames } from './month-names.js';
import { boundedMemo } from '../../util/bounded-memo.js';

type ChronoParser = { parse: (text: string, ref?: Date) => chrono.ParsedResult[] };

const LOCALES: Record<string, ChronoParser> = {
  en: chrono.en, de: chrono.de, fr: chrono.fr, es: chrono.es, pt: chrono.pt, it: chrono.it, nl: chrono.nl,
  ru: chrono.ru, uk: chrono.uk, ja: chrono.ja, zh: chrono.zh, sv: chrono.sv, fi: chrono.fi, id: chrono.id, vi: chrono.vi,
} as unknown as Record<string, ChronoParser>;

// chrono needs a reference date only to fill parts the text lacks; we discard
// every result whose year is not written, so this fixed value never leaks out.
const FIXED_REF = new Date(Date.UTC(2000, 0, 1));

/**
 * Full dates (day, month and year all written) in a short piece of visible
 * text, in order of appearance. Numeric forms are read by our own patterns;
 * month names by chrono in the page's language, then English.
 */
export function datesInText(text: string, language: string | null): DayValue[] {
  // Templates repeat their date lines and labels (a `.meta` block and the `.date` inside it, the same
  // "Posted on …" on every page of a site): short texts are read once (bounded memory; pure function).
  if (text.length > MEMO_MAX_TEXT) return readDates(text, language);
  return memoDates(`${language ?? ''}\u0000${text}`).slice();
}

const MEMO_MAX_TEXT = 300;
const MEMO_MAX_ENTRIES = 5_000;
/** Keyed by "language NUL text" (no language: empty). */
const memoDates = boundedMemo((key: string): readonly DayValue[] => {
  const cut = key.indexOf('\u0000');
  return readDates(key.slice(cut + 1), cut === 0 ? null : key.slice(0, cut));
}, MEMO_MAX_ENTRIES);

function readDates(text: string, language: string | null): DayValue[] {
  const snippet = asciiDigits(text.slice(0, 4000));
  const lang = (language ?? 'en').slice(0, 2).toLowerCase();
  const out: DayValue[] = findNumericDates(snippet, lang === 'en');
  const named = datesWithMonthNames(snippet);
  out.push(...named);
  // Cheap gate: chrono is only worth running when a month name could be present.
  // Every result must show its year as written digits, so text without four
  // digits in a row cannot yield one: skip the parse (it is the costly part).
  if (named.length === 0 && /\d{4}/.test(snippet) && /\p{L}{3}/u.test(snippet)) {
    const parsers = [LOCALES[lang], lang === 'en' ? undefined : LOCALES['en']].filter((p): p is ChronoParser => p !== undefined);
    for (const parser of parsers) {
      let results: chrono.ParsedResult[];
      try {
        results = parser.parse(snippet, FIXED_REF);
      } catch {
        continue;
      }
      let found = 0;
      for (const r of results) {
        const s = r.start;
        if (!s.isCertain('year') || !s.isCertain('month') || !s.isCertain('day')) continue;
        // "today" and "3 hours ago" come back with a certain year taken from
        // the reference date; a year must be written in the text itself.
        if (!r.text.includes(String(s.get('year')))) continue;
        // chrono reads `07.06.2020` month-first in English; numeric forms are ours.
        if (/^[\d\s./-]+$/.test(r.text)) continue;
        const iso = isoDay(s.get('year') ?? 0, s.get('month') ?? 0, s.get('day') ?? 0,
          s.isCertain('hour') ? (s.get('hour') ?? undefined) : undefined, s.isCertain('hour') ? (s.get('minute') ?? 0) : undefined);
        if (iso !== null) {
          out.push({ iso, index: r.index, length: r.text.length });
          found++;
        }
      }
      if (found > 0) break;
    }
  }
  return out.sort((a, b) => a.index - b.index);
}
