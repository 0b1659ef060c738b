/**
 * Reported content ends where the next attribution of its sentence begins:
 * "Graham called out Trump for alienating Hispanics, which he believes will
 * make it impossible …" holds two attributions, and the first one's content
 * stops at the comma. The rules read the content of a reported-speech cue to
 * the sentence end, so a nested candidate found after a clause comma (or
 * semicolon, or dash) inside it cuts it there, and is kept as an attribution
 * of its own; a nested verb with no source of its own cuts right before the
 * "and"/"but" that joins it ("… would be president and predicted that …").
 *
 * Which nested candidates may cut was measured on PolNeAR train
 * (`npx tsx bench/quotes/miss-sources.ts train`: 1,125 gold attributions were
 * missed because a longer prediction ran over them into the next clause):
 * kept candidates, and the nested source-first ones with a speaker ("…, which
 * he believes …"), which matched a gold attribution in half of such cuts; the
 * generic rule's nested candidates in a fifth only, so they do not cut. Nested
 * participles ("…, discussing ways to …") do not cut either: their subject is
 * often the content's, not a speaker. Content-first and "according to"
 * attributions are not cut (their content ends before their cue).
 */
import type { Quote } from '../../model/types.js';
import type { Range } from './attribution-draft.js';
import { DIRECT_RULES } from './rule-filter.js';

/** What the split reads of a candidate. */
export interface SplitCandidate {
  quote: Quote;
  rule: string;
}

/** Rules of nested candidates that cut an outer content even when the filters dropped them. */
const CUTTING_NESTED = new Set(['source-first-nested']);
/** "… a line his members chanted outside the Berlaymont building": a content that opens with a place or time preposition says nothing. */
const ADVERBIAL_START = /^(?:outside|inside|in|at|on|near|during|after|before|from|into|across|around|through|over|under|since|until|while|when|where)\b/iu;
/** Outer rules whose content is never cut. */
const UNCUT = new Set(['content-first', 'according']);
/** A clause boundary: the last comma, semicolon or dash before the nested attribution's source or cue. */
const BOUNDARY = /[,;–—]/u;
const CLOSING_MARK = /["”’»]/u;
/** The outer content keeps at least this many characters. */
const MIN_KEPT = 10;

/** Where the nested candidate's clause begins: its source when that lies inside the outer content, else its cue. */
function clauseHead(outer: Range, nested: Quote): number {
  const sp = nested.speaker;
  const src = sp && sp.end > sp.start && sp.start > outer.start ? sp.start : nested.cue.start;
  return Math.min(nested.cue.start, src);
}

/** "… would be president and predicted that …", "… the nominee but did not suggest …": a conjunction right before the clause. */
const CONJUNCTION_BEFORE = /\s(?:and|but)\s+$/u;

/**
 * Where the outer content ends: right before a conjunction that joins the nested verb to the outer one (`verbFirst`: the
 * nested clause has no source of its own; "Clinton and Sanders agreed" is one subject), else at the last comma,
 * semicolon or dash.
 */
function lastBoundary(text: string, from: number, to: number, verbFirst: boolean): number {
  const conj = verbFirst ? CONJUNCTION_BEFORE.exec(text.slice(Math.max(from, to - 12), to)) : null;
  if (conj) return to - conj[0].length;
  for (let i = to - 1; i >= from; i--) if (BOUNDARY.test(text[i]!)) return i;
  return -1;
}

/**
 * The kept candidates with contents cut before the next clause's attribution, plus the dropped nested candidates that
 * cut them (in document order). `kept[i]` says whether candidate i passed the filters.
 */
export function splitAtNestedClauses<T extends SplitCandidate>(text: string, cands: readonly T[], kept: readonly boolean[]): T[] {
  const added = new Set<number>();
  const out: T[] = [];
  // Candidates by cue position: only those whose cue lies inside a content are looked at (contents are bounded, so
  // the work stays linear in the number of candidates).
  const byCue = cands.map((_, j) => j).sort((a, b) => cands[a]!.quote.cue.start - cands[b]!.quote.cue.start);
  const firstCueAfter = (pos: number): number => {
    let lo = 0;
    let hi = byCue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cands[byCue[mid]!]!.quote.cue.start <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  cands.forEach((c, i) => {
    if (!kept[i]) return;
    const q = c.quote;
    if (DIRECT_RULES.has(c.rule) || UNCUT.has(c.rule) || q.kind === 'direct' || (q.parts && q.parts.length > 1)) {
      out.push(c);
      return;
    }
    const outer: Range = { start: q.start, end: q.end };
    let cut = -1;
    let by = -1;
    for (let x = firstCueAfter(outer.start); x < byCue.length; x++) {
      const j = byCue[x]!;
      const n = cands[j]!;
      if (n.quote.cue.start >= outer.end) break;
      if (j === i || DIRECT_RULES.has(n.rule) || !(kept[j] || (CUTTING_NESTED.has(n.rule) && n.quote.speaker && !ADVERBIAL_START.test(n.quote.text)))) continue;
      const head = clauseHead(outer, n.quote);
      if (head <= outer.start + 3 || head >= outer.end || n.quote.start < head) continue;
      const at = lastBoundary(text, outer.start, head, head === n.quote.cue.start);
      if (at < 0 || at - outer.start < MIN_KEPT) continue;
      if (cut < 0 || at < cut) {
        cut = at;
        by = j;
      }
    }
    if (cut < 0) {
      out.push(c);
      return;
    }
    // "called it “the day the car park was heard,” a line …": the closing mark right after the comma stays with the content.
    let end = CLOSING_MARK.test(text[cut + 1] ?? '') ? cut + 2 : cut;
    while (end > outer.start && /[\s,;:–—-]/u.test(text[end - 1]!)) end--;
    out.push({ ...c, quote: { ...q, end, text: text.slice(q.start, end) } });
    if (!kept[by]) added.add(by);
  });
  for (const j of added) out.push(cands[j]!);
  return out.sort((a, b) => a.quote.start - b.quote.start);
}
