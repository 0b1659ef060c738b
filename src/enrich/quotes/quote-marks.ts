/**
 * Finds quoted passages: pairs of quotation marks of one family (double:
 * " “ ” „ « »; single: ' ‘ ’ ‹ ›), telling apostrophes ("Armenia’s") from
 * closing single quotes by the letters around them. Double quotes may run
 * over paragraphs, both by the newspaper convention (an unclosed paragraph
 * followed by one that opens with a quote mark continues the quote) and the
 * looser one some sites use (the closing mark a few paragraphs later).
 * Single quotes never cross a paragraph. Only top-level passages are kept:
 * a quote nested in another ("‘Yerevan’s “freezing” of…’") is part of it.
 */
export interface QuotedSpan {
  /** Index of the opening mark. */
  open: number;
  /** Content start and end (between the marks, or to the paragraph end when unclosed). */
  start: number;
  end: number;
  /** Index just after the closing mark, or `end` when the passage is unclosed. */
  after: number;
  family: 'double' | 'single';
  closed: boolean;
  /** The passage continues the previous one across a paragraph break. */
  continues: boolean;
}

const MAX_PARAGRAPHS = 4;

function isBoundaryBefore(ch: string | undefined): boolean {
  return ch === undefined || /[\s([{—–\-\/“‘«"']/.test(ch);
}
function isBoundaryAfter(ch: string | undefined): boolean {
  return ch === undefined || /[\s.,;:!?)\]}—–\-…”’»"']/.test(ch);
}
function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

type Role = 'open' | 'close' | 'either' | null;

/** Two apostrophes stand for a double quotation mark in some archives (''like this''). */
function isDoubleApostrophe(text: string, i: number): boolean {
  return text[i] === "'" && (text[i + 1] === "'" || text[i - 1] === "'");
}

function classify(text: string, i: number, family: 'double' | 'single'): Role {
  const pair = family === 'double' && text[i] === "'" && text[i + 1] === "'";
  const ch = pair ? '"' : text[i]!;
  const prev = text[i - 1];
  const next = text[i + (pair ? 2 : 1)];
  if (family === 'double') {
    if (ch === '“' || ch === '„' || ch === '«') return 'open';
    if (ch === '”' || ch === '»') return 'close';
    if (ch !== '"') return null;
    const b = isBoundaryBefore(prev);
    const a = isBoundaryAfter(next);
    if (b && !a) return 'open';
    if (a && !b) return 'close';
    return b && a ? 'either' : null;
  }
  if (ch === '‹') return 'open';
  if (ch === '›') return 'close';
  if (ch === '‘') return isLetter(prev) ? null : 'open';
  if (ch !== '’' && ch !== "'") return null;
  if (isLetter(prev) && isLetter(next)) return null; // apostrophe inside a word
  const b = isBoundaryBefore(prev);
  const a = isBoundaryAfter(next);
  if (b && !a) return ch === "'" ? 'open' : null;
  if (a && !b) return 'close';
  return null;
}

function paragraphStartsWithOpener(text: string, nl: number, family: 'double' | 'single'): boolean {
  let k = nl + 1;
  while (k < text.length && /\s/.test(text[k]!)) k++;
  return k < text.length && classify(text, k, family) === 'open';
}

function scanFamily(text: string, family: 'double' | 'single'): QuotedSpan[] {
  const chars = family === 'double' ? '"“”„«»' : "'‘’‹›";
  const spans: QuotedSpan[] = [];
  let open = -1;
  let breaks = 0;
  let firstBreak = -1;
  let continues = false;
  let i = 0;
  const emit = (end: number, after: number, closed: boolean): void => {
    let s = open + (family === 'double' && text[open] === "'" ? 2 : 1);
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) spans.push({ open, start: s, end: e, after: closed ? after : e, family, closed, continues });
    open = -1;
    breaks = 0;
    firstBreak = -1;
    continues = false;
  };
  while (i < text.length) {
    const c = text.charCodeAt(i);
    // Neither a line break nor a quotation mark of any family (" ' « » ‘ ’ ‚ ‛ “ ” „ ‟ … ‹ ›): the steps
    // below would only move on, so move on without them (most characters of a text).
    if (c !== 10 && c !== 34 && c !== 39 && c !== 0xab && c !== 0xbb && (c < 0x2018 || c > 0x203a)) {
      i++;
      continue;
    }
    const ch = text[i]!;
    if (ch === '\n' && open >= 0) {
      if (family === 'single') {
        // A single mark never opens a passage across a paragraph: it was an apostrophe.
        open = -1;
        continues = false;
      } else if (paragraphStartsWithOpener(text, i, family)) {
        emit(i, i, false);
        continues = true;
        i++;
        continue;
      } else {
        if (firstBreak < 0) firstBreak = i;
        breaks++;
        if (breaks >= MAX_PARAGRAPHS) {
          const restart = firstBreak;
          emit(firstBreak, firstBreak, false);
          i = restart + 1;
          continue;
        }
      }
      i++;
      continue;
    }
    const pair = ch === "'" && text[i + 1] === "'";
    if (!chars.includes(ch) && !(family === 'double' && pair)) {
      i++;
      continue;
    }
    if (family === 'single' && isDoubleApostrophe(text, i)) {
      i++;
      continue;
    }
    const step = pair ? 2 : 1;
    const role = classify(text, i, family);
    if (role === null) {
      i += step;
      continue;
    }
    if (open < 0) {
      if (role === 'open' || role === 'either') {
        const keep: boolean = continues && text.lastIndexOf('\n', i) >= (spans.at(-1)?.end ?? -1);
        continues = keep;
        open = i;
      }
    } else if (role === 'close' || role === 'either' || ch === '"' || (family === 'single' && ch === "'") || pair) {
      emit(i, i + step, true);
    }
    i += step;
  }
  if (open >= 0) {
    const nl = firstBreak >= 0 ? firstBreak : text.length;
    emit(nl, nl, false);
  }
  return spans;
}

export function findQuotedSpans(text: string): QuotedSpan[] {
  const all = [...scanFamily(text, 'double'), ...scanFamily(text, 'single')].sort((a, b) => a.open - b.open || b.end - a.end);
  const top: QuotedSpan[] = [];
  let reach = -1;
  for (const s of all) {
    if (s.open < reach) continue; // nested inside a kept passage
    top.push(s);
    reach = Math.max(reach, s.after, s.end);
  }
  return top;
}
