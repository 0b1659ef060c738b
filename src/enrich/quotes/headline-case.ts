/**
 * Title-case headlines ("Trump Says He Never Pledged To Kill Family Members",
 * "Conservative Icon Morton Blackwell Endorses Ted Cruz"): the rules take only
 * lowercase words as cues, so the reporting verb of such a headline is never
 * read. On PolNeAR train 166 gold attributions sit in a first line with a
 * capitalised cue, and the extractor found 9 of them. This gives the rules a
 * working copy of the text where, in a title-case first line, the words that
 * are cues (the lexicon's, and the generic rule's forms in the full scope)
 * start lowercase. Only letters change case, so every offset stays valid; the
 * extractor slices its output texts from the original.
 */
import { cueEntry } from './cue-lexicon.js';

const WORD = /[\p{L}][\p{L}’'-]*/gu;
/** A headline has at least this many words of 4+ letters. */
const MIN_WORDS = 4;
/** Share of the line's words of 4+ letters that must start uppercase. */
const MIN_CAP_SHARE = 0.8;
/** Words some title-case styles capitalise too, after which no source phrase ends. */
const TITLE_FUNCTION_WORDS = new Set(['a', 'an', 'the', 'to', 'of', 'in', 'on', 'at', 'for', 'from', 'by', 'with', 'and', 'or', 'but', 'as', 'into', 'over', 'after', 'before', 'about', 'is', 'are', 'was', 'were', 'be', 'will', 'would', 'can', 'could', 'may', 'might', 'should', 'must', 'not', 'than', 'that', 'this', 'his', 'her', 'their', 'its', 'our', 'my', 'your']);
/** Headlines are short; a longer first line is body text. */
const MAX_LINE = 200;

/** The first line's end, when it is a title-case headline; else -1. */
function titleCaseLineEnd(text: string): number {
  const nl = text.indexOf('\n');
  const end = nl < 0 ? text.length : nl;
  if (end > MAX_LINE) return -1;
  const long = (text.slice(0, end).match(WORD) ?? []).filter((w) => w.length >= 4);
  if (long.length < MIN_WORDS) return -1;
  const caps = long.filter((w) => w[0] !== w[0]!.toLowerCase()).length;
  return caps / long.length >= MIN_CAP_SHARE ? end : -1;
}

/** The text with the cue words of a title-case first line lowercased (the first word stays: it opens the line). */
export function lowercaseHeadlineCues(text: string, genericForms: ReadonlySet<string>): string {
  const end = titleCaseLineEnd(text);
  if (end < 0) return text;
  let line = text.slice(0, end);
  let prev: string | null = null;
  line = line.replace(WORD, (w) => {
    const before = prev;
    prev = w;
    // The verb follows its source, a capitalised word that is no title-case function word ("Visitors to Says Bay …").
    if (before === null || before[0] === before[0]!.toLowerCase() || TITLE_FUNCTION_WORDS.has(before.toLowerCase())) return w;
    const lower = w.toLowerCase();
    if (w === lower || w === w.toUpperCase()) return w;
    const cased = lower[0] + w.slice(1);
    if (cased.length !== w.length || cased.slice(1) !== lower.slice(1)) return w;
    return cueEntry(lower) || genericForms.has(lower) ? cased : w;
  });
  return line + text.slice(end);
}
