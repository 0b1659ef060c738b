/**
 * Dateline and wire-credit parser.
 *
 * A dateline is the place/date/credit prefix wire copy opens with
 * (`YEREVAN, June 4. /TASS/.`, `MOSCOW (Reuters) -`, `(AP) HONOLULU -`) or, in
 * some outlets, a credit at the very end (`— Armenpress.`). It is parsed as a
 * sequence of small anchored steps (place, region, date, agency, terminator)
 * with sticky regexes, so every step is bounded and the whole parse is linear;
 * one big alternation would be harder to keep safe and to read.
 *
 * Never invents a year: a dateline without one yields `day: '--MM-DD'`.
 */
import type { Dateline } from '../../model/types.js';
import { lookupAgency, type KnownAgency } from './known-agencies.js';

export interface ParsedDateline extends Dateline {
  /** State/country written after the place (`BAKU, Azerbaijan` → `Azerbaijan`). */
  region: string | null;
  /** The agency exactly as written in the credit (`ITAR-TASS`, `/ТАСС/` → `ТАСС`). */
  agencyText: string | null;
  /** Whether the agency is in the known-agency table. */
  agencyKnown: boolean;
  /** `lead`: at the start of the text; `trailing`: a closing credit such as `— Armenpress.` */
  position: 'lead' | 'trailing';
}

export interface AgencyCredit {
  /** Canonical agency name (`TASS`), or the credit as written when not in the table. */
  agency: string;
  known: KnownAgency | null;
  /** How the credit was found. */
  form: 'dateline' | 'slash' | 'trailing';
  text: string;
  start: number;
  end: number;
}

// Upper- and lower-case letters of the scripts datelines appear in here (Latin, Latin-1, Cyrillic).
const UP = 'A-ZÀ-ÖØ-ÞА-ЯЁ';
const LO = 'a-zß-öø-ÿа-яё';
const CAPS_WORD = `[${UP}][${UP}.'’\\-]{0,30}`;
const TITLE_WORD = `[${UP}][${LO}'’\\-]{1,30}`;

const MONTHS: Readonly<Record<string, number>> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5,
  june: 6, jun: 6, july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9,
  october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
  января: 1, янв: 1, февраля: 2, фев: 2, марта: 3, мар: 3, апреля: 4, апр: 4, мая: 5,
  июня: 6, июн: 6, июля: 7, июл: 7, августа: 8, авг: 8, сентября: 9, сен: 9, октября: 10,
  окт: 10, ноября: 11, ноя: 11, декабря: 12, дек: 12,
};
// Longest names first so `June` is not cut to `Jun`.
const MONTH_ALT = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');

// Sticky (`y`) regexes: each step matches exactly at `lastIndex` or fails.
const RE_LEAD_WS = /\s{0,200}/y;
const RE_PAREN_AGENCY = /\(\s{0,3}([^()\n]{2,40}?)\s{0,3}\)/y;
const RE_CAPS_PLACE = new RegExp(`(${CAPS_WORD}(?: ${CAPS_WORD}){0,4})(?![${LO}])`, 'y');
const RE_TITLE_PLACE = new RegExp(`(${TITLE_WORD}(?: ${TITLE_WORD}){0,3})(?![${LO}${UP}])`, 'y');
const RE_REGION = new RegExp(
  // `Mich.`, `Calif.`: abbreviated states keep their period.
  `,\\s{1,3}((?:${TITLE_WORD}\\.?|${CAPS_WORD})(?: (?:${TITLE_WORD}\\.?|${CAPS_WORD})){0,2})(?![${LO}${UP}])`,
  'y',
);
const RE_DATE_MD = new RegExp(
  `[,.]?\\s{1,3}(${MONTH_ALT})\\.?\\s{1,3}(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s{1,3}(\\d{4}))?(?![\\d${LO}${UP}])`,
  'iy',
);
const RE_DATE_DM = new RegExp(
  `[,.]?\\s{1,3}(\\d{1,2})\\s{1,3}(${MONTH_ALT})\\.?(?:,?\\s{1,3}(\\d{4}))?(?![\\d${LO}${UP}])`,
  'iy',
);
const RE_SLASH_AGENCY = /\.?\s{0,3}\/\s{0,3}([^/\n]{2,40}?)\s{0,3}\/\.?/y;
const RE_SPACE_PAREN_AGENCY = /\s{0,3}\(\s{0,3}([^()\n]{2,40}?)\s{0,3}\)/y;
const RE_COMMA_AGENCY = /,\s{1,3}([^\s,.][^,.\n]{1,30}?)\./y;
const RE_DASH_AGENCY = /\s{1,3}[—–-]{1,2}\s{1,3}([^\s.][^.\n]{1,30}?)\./y;
// Em/en dashes may touch the body (`WASHINGTON—Lawmakers`); a hyphen needs a space so `WINSTON-SALEM` stays whole.
const RE_DASH = /\s{0,3}(?:[—–]{1,2}|-{1,2}(?=\s|$))\s{0,3}/y;
const RE_COLON = /\s{0,3}:\s{1,3}/y;
const RE_PERIOD = /\.\s{1,3}/y;
const RE_SPACES = /\s{1,3}/y;
// The text after a dateline starts a sentence: a letter, digit or opening quote.
const RE_BODY_START = new RegExp(`["“«‘'${UP}${LO}\\d]`, 'y');

/**
 * All-caps words that open ordinary sentences or headlines (acronyms, kickers)
 * and so are not a place when nothing else (date, credit) marks a dateline.
 */
const NOT_PLACES = new Set([
  'NATO', 'EU', 'UN', 'US', 'USA', 'UK', 'CSTO', 'OSCE', 'CIS', 'FBI', 'CIA', 'KGB', 'FSB', 'GDP',
  'IMF', 'WHO', 'ICC', 'ICJ', 'BRICS', 'SCO', 'OPEC', 'CEO', 'AI', 'TV', 'COVID', 'COVID-19',
  'BREAKING', 'UPDATE', 'UPDATED', 'EXCLUSIVE', 'OPINION', 'ANALYSIS', 'WATCH', 'LIVE', 'VIDEO',
  'PHOTOS', 'PHOTO', 'NOTE', 'EDITOR', "EDITOR'S", 'WARNING', 'CORRECTION', 'FILE', 'A', 'I',
  'THE', 'IN', 'ON', 'AT', 'BY', 'OK', 'READ', 'MORE', 'ALSO', 'SEE', 'TOP', 'LATEST', 'ALL', 'URGENT',
  'FLASH', 'WORLD', 'POLITICS', 'SPORT', 'SPORTS', 'BUSINESS', 'ECONOMY', 'NEWS', 'HOME', 'MENU',
]);

/** The place is an acronym or kicker (`NATO —`, `BREAKING NEWS —`), judged by the whole and the first word. */
function isNotPlace(place: string): boolean {
  return NOT_PLACES.has(place) || NOT_PLACES.has(place.split(' ')[0] ?? '');
}

const LOWER_PARTICLES = new Set(['de', 'da', 'do', 'dos', 'das', 'del', 'la', 'le', 'el', 'di', 'du', 'der', 'am', 'an', 'of', 'upon', 'on']);

/** `YEREVAN` → `Yerevan`, `RIO DE JANEIRO` → `Rio de Janeiro`; mixed-case input is kept as written. */
export function normalisePlaceCase(place: string): string {
  if (place !== place.toUpperCase()) return place;
  return place
    .split(' ')
    .map((word, i) => {
      const lower = word.toLowerCase();
      if (i > 0 && LOWER_PARTICLES.has(lower)) return lower;
      // Capitalise after start, hyphen, apostrophe and period: WINSTON-SALEM, N'DJAMENA, ST.PETERSBURG.
      return lower.replace(/(^|[-'’.])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
    })
    .join(' ');
}

function isValidMonthDay(month: number, day: number): boolean {
  const max = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day >= 1 && day <= max;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Formats a dateline day; `--MM-DD` without a year (never invented). */
function formatDay(month: number, day: number, year: string | undefined): string | null {
  if (!isValidMonthDay(month, day)) return null;
  if (year !== undefined) {
    const y = Number(year);
    if (y < 1900 || y > 2199) return null;
    if (month === 2 && day === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return null;
    return `${year}-${pad2(month)}-${pad2(day)}`;
  }
  return `--${pad2(month)}-${pad2(day)}`;
}

function exec(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

interface AgencyHit {
  name: string;
  asWritten: string;
  known: boolean;
  end: number;
}

function agencyFrom(asWritten: string, end: number, allowUnknown: boolean): AgencyHit | null {
  const written = asWritten.trim();
  const known = lookupAgency(written);
  if (known !== null) return { name: known.name, asWritten: written, known: true, end };
  if (!allowUnknown) return null;
  // Unknown credits must still look like a name: capitalised, no sentence punctuation.
  if (!new RegExp(`^[${UP}][\\w.&'’ -]{1,30}$`, 'u').test(written)) return null;
  return { name: written, asWritten: written, known: false, end };
}

function parseDate(text: string, at: number): { day: string; end: number } | null {
  const md = exec(RE_DATE_MD, text, at);
  if (md !== null) {
    const month = MONTHS[(md[1] ?? '').toLowerCase()];
    const day = month === undefined ? null : formatDay(month, Number(md[2]), md[3]);
    if (day !== null) return { day, end: at + md[0].length };
  }
  const dm = exec(RE_DATE_DM, text, at);
  if (dm !== null) {
    const month = MONTHS[(dm[2] ?? '').toLowerCase()];
    const day = month === undefined ? null : formatDay(month, Number(dm[1]), dm[3]);
    if (day !== null) return { day, end: at + dm[0].length };
  }
  return null;
}

function parseAgencyAfter(text: string, at: number, capsPlace: boolean): AgencyHit | null {
  const slash = exec(RE_SLASH_AGENCY, text, at);
  if (slash !== null) {
    const hit = agencyFrom(slash[1] ?? '', at + slash[0].length, true);
    if (hit !== null) return hit;
  }
  const paren = exec(RE_SPACE_PAREN_AGENCY, text, at);
  if (paren !== null) {
    const hit = agencyFrom(paren[1] ?? '', at + paren[0].length, capsPlace);
    if (hit !== null) return hit;
  }
  // `YEREVAN, MAY 27, ARMENPRESS.` and `МОСКВА, 4 июн — РИА Новости.`: known agencies only.
  for (const re of [RE_COMMA_AGENCY, RE_DASH_AGENCY]) {
    const m = exec(re, text, at);
    if (m !== null) {
      const hit = agencyFrom(m[1] ?? '', at + m[0].length, false);
      if (hit !== null) return hit;
    }
  }
  return null;
}

/** Consumes the separator between the dateline and the body; returns the dateline's own end and the body start. */
function parseTerminator(
  text: string,
  at: number,
  allowed: { dash: boolean; colon: boolean; period: boolean; space: boolean },
): { end: number; bodyStart: number } | null {
  const tries: Array<[RegExp, boolean]> = [
    [RE_DASH, allowed.dash],
    [RE_COLON, allowed.colon],
    [RE_PERIOD, allowed.period],
    [RE_SPACES, allowed.space],
  ];
  for (const [re, ok] of tries) {
    if (!ok) continue;
    const m = exec(re, text, at);
    if (m === null) continue;
    const bodyStart = at + m[0].length;
    // A dash may end the whole text (`(CNN) —` alone is still a credit); otherwise a sentence must follow.
    if (bodyStart < text.length && exec(RE_BODY_START, text, bodyStart) === null) continue;
    const own = m[0].trimEnd();
    return { end: at + (own.trimStart().length > 0 ? own.length : 0), bodyStart };
  }
  return null;
}

function makeDateline(
  text: string,
  start: number,
  end: number,
  place: string | null,
  region: string | null,
  day: string | null,
  agency: AgencyHit | null,
  position: 'lead' | 'trailing',
): ParsedDateline {
  return {
    place: place === null ? null : normalisePlaceCase(place),
    region,
    agency: agency?.name ?? null,
    agencyText: agency?.asWritten ?? null,
    agencyKnown: agency?.known ?? false,
    day,
    text: text.slice(start, end),
    start,
    end,
    position,
  };
}

/** `(AP) HONOLULU -`, `(CNN) —`: a known agency in parentheses first, then an optional caps place. */
function parseParenFirst(text: string, start: number): ParsedDateline | null {
  const paren = exec(RE_PAREN_AGENCY, text, start);
  if (paren === null) return null;
  const agency = agencyFrom(paren[1] ?? '', start + paren[0].length, false);
  if (agency === null) return null;
  let at = agency.end;
  let place: string | null = null;
  const ws = exec(/\s{1,3}/y, text, at);
  const caps = ws === null ? null : exec(RE_CAPS_PLACE, text, at + ws[0].length);
  if (ws !== null && caps !== null && !isNotPlace(caps[1] ?? '')) {
    place = caps[1] ?? null;
    at = at + ws[0].length + caps[0].length;
  }
  const term = parseTerminator(text, at, { dash: true, colon: place === null, period: false, space: false });
  if (term === null) return null;
  return makeDateline(text, start, term.end, place, null, null, agency, 'lead');
}

function parsePlaceFirst(text: string, start: number): ParsedDateline | null {
  let place: string | null = null;
  let capsPlace = false;
  let at = start;
  const caps = exec(RE_CAPS_PLACE, text, start);
  // A caps run of one letter is just the capital of a Title-case word.
  if (caps !== null && (caps[1] ?? '').replace(/[^\p{L}]/gu, '').length >= 2) {
    place = caps[1] ?? '';
    capsPlace = true;
    at = start + caps[0].length;
    // `MOSCOW. June 4`: the caps run swallowed the separator period; a final word over three letters is not an abbreviation (ST.).
    const lastWord = place.split(' ').at(-1) ?? '';
    if (place.endsWith('.') && lastWord.replace(/[^\p{L}]/gu, '').length > 3) {
      place = place.slice(0, -1);
      at -= 1;
    }
  } else {
    const title = exec(RE_TITLE_PLACE, text, start);
    if (title === null) return null;
    place = title[1] ?? null;
    at = start + title[0].length;
  }
  if (place === null) return null;

  let date = parseDate(text, at);
  let region: string | null = null;
  if (date === null) {
    const reg = exec(RE_REGION, text, at);
    if (reg !== null && MONTHS[(reg[1] ?? '').toLowerCase()] === undefined) {
      region = reg[1] ?? null;
      at += reg[0].length;
      date = parseDate(text, at);
    }
  }
  if (date !== null) at = date.end;
  const agency = parseAgencyAfter(text, at, capsPlace);
  if (agency !== null) at = agency.end;

  // What makes this a dateline and not an ordinary opening: a credit, a date, or an all-caps place before a dash.
  const strongPlace = capsPlace && !isNotPlace(place);
  if (agency === null && date === null && !strongPlace) return null;
  if (!capsPlace && agency === null && region === null && date === null) return null;
  const term = parseTerminator(text, at, {
    dash: true,
    colon: date !== null || agency !== null,
    period: date !== null || agency !== null,
    // `/TASS/ Moscow has…`: after a slash credit a space is enough.
    space: agency !== null,
  });
  if (term === null) {
    // A slash credit often ends with its own period (`/TASS/.`) already consumed.
    if (agency !== null && /[./]$/.test(text.slice(start, at))) {
      return makeDateline(text, start, at, place, region, date?.day ?? null, agency, 'lead');
    }
    return null;
  }
  // A Title-case opening (`Moscow, June 4 —`) needs a date or a credit; the checks above ensured one.
  return makeDateline(text, start, term.end, place, region, date?.day ?? null, agency, 'lead');
}

// `— Armenpress.` / `- TASS` / `/TASS/` closing the text; the tail is bounded so the scan is constant-size.
const RE_TRAILING_DASH = /(?:^|\s)([—–]|-{1,2})\s{0,3}([^\s—–\-][^\n—–]{0,40}?)\s{0,3}\.?\s{0,10}$/;
const RE_TRAILING_SLASH = /(?:^|\s)\/\s{0,3}([^/\n]{2,40}?)\s{0,3}\/\.?\s{0,10}$/;
const TAIL = 80;

function parseTrailing(text: string): ParsedDateline | null {
  const tailStart = Math.max(0, text.length - TAIL);
  const tail = text.slice(tailStart);
  const dash = RE_TRAILING_DASH.exec(tail);
  if (dash !== null) {
    const known = lookupAgency(dash[2] ?? '');
    if (known !== null) {
      const start = tailStart + dash.index + (dash[0].length - dash[0].trimStart().length);
      const end = tailStart + tail.trimEnd().length;
      return makeDateline(text, start, end, null, null, null, { name: known.name, asWritten: (dash[2] ?? '').trim(), known: true, end }, 'trailing');
    }
  }
  const slash = RE_TRAILING_SLASH.exec(tail);
  if (slash !== null) {
    const hit = agencyFrom(slash[1] ?? '', 0, true);
    if (hit !== null) {
      const start = tailStart + slash.index + (slash[0].length - slash[0].trimStart().length);
      const end = tailStart + tail.trimEnd().length;
      return makeDateline(text, start, end, null, null, null, { ...hit, end }, 'trailing');
    }
  }
  return null;
}

/**
 * Finds a dateline or wire credit at the start of `text` (an article body or
 * its first paragraph), or a closing credit at its end. Offsets index `text`.
 */
export function parseDateline(text: string): ParsedDateline | null {
  const ws = exec(RE_LEAD_WS, text, 0);
  const start = ws === null ? 0 : ws[0].length;
  if (start < text.length) {
    const lead = parseParenFirst(text, start) ?? parsePlaceFirst(text, start);
    if (lead !== null) return lead;
  }
  return parseTrailing(text);
}

// A loose `/TASS/` anywhere in the opening: some pages put the credit after a byline.
const RE_SLASH_ANYWHERE = /\/\s{0,3}([^/\n\s][^/\n]{1,38}?)\s{0,3}\//g;
const OPENING = 400;

/**
 * The agency credited by the text, if any: the dateline's agency, else a
 * slash credit (`/TASS/`) in the opening, else a closing credit. Only credit
 * shapes count, never a loose mention ("told Armenpress", "a trend"), so
 * agency names that are also words ("Trend", "Report") are safe.
 */
export function detectCreditedAgency(text: string): AgencyCredit | null {
  const dl = parseDateline(text);
  if (dl !== null && dl.agency !== null) {
    const form = dl.position === 'trailing' ? 'trailing' : 'dateline';
    return { agency: dl.agency, known: lookupAgency(dl.agency), form, text: dl.text, start: dl.start, end: dl.end };
  }
  const opening = text.slice(0, OPENING);
  for (const m of opening.matchAll(RE_SLASH_ANYWHERE)) {
    const known = lookupAgency(m[1] ?? '');
    if (known === null) continue;
    const start = m.index;
    return { agency: known.name, known, form: 'slash', text: m[0], start, end: start + m[0].length };
  }
  return null;
}

