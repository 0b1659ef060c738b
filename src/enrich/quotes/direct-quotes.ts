/**
 * Direct quotes: a quoted passage with its attribution right after it
 * ("…," the spokesperson said / "…," said Zakharova) or right before it
 * (Zakharova said: "…"). Follow-on passages without their own attribution
 * ("A," she said. "B.") and paragraph continuations join the same quote.
 */
import { cueEntry, particleOk, type CueEntry } from './cue-lexicon.js';
import type { QuotedSpan } from './quote-marks.js';
import { clauseSubject, isHead, holderPhrase, isPassiveAgent, isPhraseToken, phraseStart, sourceAfter, VERB_ADVERBS } from './source-phrase.js';
import { tokenize, type Token } from './tokens.js';
import {
  isNamingUse,
  paragraphEnd,
  paragraphStart,
  sentenceIndexAt,
  TAIL_WORDS,
  wordCount,
  type DocContext,
  type Draft,
  type Range,
} from './attribution-draft.js';

interface Attribution {
  cue: Range;
  entry: CueEntry;
  source: Range | null;
  via: string | null;
  statement: boolean;
  /** Where the attribution ends (to look for follow-on passages after it). */
  end: number;
  /** The quote is the end of a reported clause that starts here ("told the Herald [the company planned …, “…”]"): a mixed quote. */
  contentStart?: number;
}

const MAX_RIGHT_TOKENS = 40;
const DETERMINER_RE = /^(?:the|a|an|this|that|his|her|their|its|one|another)$/;

function cueAt(tokens: readonly Token[], k: number, generic = false): CueEntry | undefined {
  const t = tokens[k]!;
  if (!t.word) return undefined;
  if (!particleOk(t.lower, tokens[k + 1]?.lower)) return undefined;
  const known = cueEntry(t.text);
  if (known || !generic) return known;
  // After "…," the construction itself marks speech: any past-tense or present verb form is the cue ("the judge exclaimed").
  if (t.cap || t.text.length < 4 || NOT_VERBS.has(t.lower)) return undefined;
  return /(?:ed|[^s']s)$/.test(t.lower) ? { lemma: t.lower, stance: 'neutral' } : undefined;
}

/** Words ending like verbs that are not speech verbs in "…," X ___ position. */
const NOT_VERBS = new Set(['this', 'was', 'has', 'is', 'does', 'his', 'its', 'us', 'news', 'times', 'states', 'americans', 'always', 'perhaps', 'minutes', 'years', 'days', 'weeks', 'months', 'hours', 'united', 'needed', 'limited', 'interested', 'concerned', 'speed', 'need', 'indeed', 'alleged', 'so-called', 'red', 'bed', 'feed', 'seed', 'reds', 'sometimes', 'whereas', 'yes', 'campus', 'status', 'bus', 'plus', 'thus', 'focus', 'gas', 'less', 'unless', 'across', 'process']);

function objectAfter(tokens: readonly Token[], k: number, entry: CueEntry): { last: number; via: string | null } {
  if (!entry.takesObject) return { last: k, via: null };
  const obj = sourceAfter(tokens, k + 1, Math.min(tokens.length, k + 8));
  if (!obj) return { last: k, via: null };
  // "told the Herald the company …": the object ends where the next noun phrase (the reported clause's subject) starts.
  const next = phraseStart(tokens, obj.first, obj.last);
  if (next > obj.first) obj.last = next - 1;
  const first = tokens[obj.first]!;
  if (!first.cap || /^(?:the|a|an|his|her|their)$/i.test(first.text)) return { last: obj.last, via: null };
  // The outlet told is the run of capitalised words: "told Armenpress on Monday" → Armenpress.
  let last = obj.first;
  while (last + 1 <= obj.last && tokens[last + 1]!.cap) last++;
  return { last, via: tokensText(tokens, obj.first, last) };
}

function tokensText(tokens: readonly Token[], a: number, b: number): string {
  return tokens.slice(a, b + 1).map((t, i, arr) => (i > 0 && arr[i - 1]!.end < t.start ? ' ' : '') + t.text).join('');
}

function saysStatement(tokens: readonly Token[], from: number): boolean {
  for (let j = from; j < Math.min(tokens.length, from + 5); j++) if (tokens[j]!.lower === 'statement' || tokens[j]!.lower === 'release') return true;
  return false;
}

/** The attribution in the words after a closing mark. */
function attributionAfter(ctx: DocContext, q: QuotedSpan, nextOpen: number): Attribution | null {
  if (!q.closed) return null;
  const { text } = ctx;
  const limit = Math.min(paragraphEnd(ctx, q.after), nextOpen, q.after + 400);
  const sIdx = sentenceIndexAt(ctx, Math.max(q.after - 1, 0));
  const sEnd = ctx.sentences[sIdx]?.end ?? limit;
  const lastInside = text.slice(q.start, q.end).trimEnd().at(-1) ?? '';
  const commaStyle = /[,!?—–-]/.test(lastInside) || /^\s*[,—–]/.test(text.slice(q.after, q.after + 3));
  const tokens = tokenize(text, q.after, Math.min(limit, commaStyle ? limit : sEnd + 200));
  let i = 0;
  // Stray closing marks of a nested quote ("…Friends,''' said"), then the comma.
  while (i < tokens.length && /^['’”"»]$/.test(tokens[i]!.text)) i++;
  if (tokens[i]?.text === ',' || tokens[i]?.text === '—' || tokens[i]?.text === '–') i++;
  if (!commaStyle && !(tokens[i]?.cap ?? false)) return null;
  const stop = Math.min(tokens.length, i + MAX_RIGHT_TOKENS);
  for (let k = i; k < stop; k++) {
    const t = tokens[k]!;
    if (t.text === '.' && !(k > i && tokens[k - 1]!.cap && tokens[k - 1]!.text.length <= 3)) break;
    if (t.text === ';' || t.text === '"' || t.text === '“' || t.text === '‘') break;
    const entry = cueAt(tokens, k, commaStyle && k - i <= 30);
    if (!entry) continue;
    let source: Range | null = null;
    let via: string | null = null;
    let last = k;
    let cueEnd = t.end;
    if (k === i || tokens.slice(i, k).every((x) => VERB_ADVERBS.has(x.lower))) {
      // Inverted: "said the spokesperson", "said Zakharova".
      const obj = objectAfter(tokens, k, entry);
      const src = sourceAfter(tokens, obj.last + 1, Math.min(tokens.length, obj.last + 18));
      if (!src) return null;
      source = { start: tokens[src.first]!.start, end: tokens[src.last]!.end };
      last = src.last;
      via = obj.via;
      if (via) cueEnd = tokens[obj.last]!.end;
    } else {
      const seg = tokens.slice(i, k);
      let segEnd = seg.length - 1;
      while (segEnd >= 0 && seg[segEnd]!.word && VERB_ADVERBS.has(seg[segEnd]!.lower)) segEnd--;
      if (segEnd < 0) return null;
      let lead = 0;
      // "…,” and he said": a conjunction or "When" opening the segment is not part of the source.
      while (lead < segEnd && (/^(?:and|but|or|so|then|when|while|as)$/i.test(seg[lead]!.text) || seg[lead]!.text === ',')) lead++;
      const phrase = seg.slice(lead, segEnd + 1);
      const plain = phrase.every((x) => isPhraseToken(x) || x.text === ',' || x.text === '(' || x.text === ')');
      // A long appositive ("Trump, the 2016 GOP frontrunner nationally and …, said") is fine after "…,": it must open with the head.
      const abbrevDot = (x: Token, n: number): boolean => x.text === '.' && n > 0 && phrase[n - 1]!.cap && phrase[n - 1]!.text.length <= 3;
      const clean = !phrase.some((x, n) => /^[.!?;:"“”]$/.test(x.text) && !abbrevDot(x, n));
      const appositive = commaStyle && isHead(phrase[0]!, false) && phrase.some((x) => x.text === ',') && clean;
      // "…,” the note says: a determiner and a short noun phrase, whatever the noun.
      const described = commaStyle && DETERMINER_RE.test(phrase[0]!.lower) && phrase.length <= 6 && clean && phrase.every((x) => x.word);
      // "…,” election law expert Rick Hasen tweeted: a title of lowercase words before a name.
      const titled = commaStyle && phrase.length <= 8 && phrase.every((x) => x.word) && phrase.at(-1)!.cap && (phrase.at(-2)?.cap ?? false) && !phrase.some((x) => x.lower === 'that' || cueEntry(x.lower) !== undefined);
      if (!plain && !appositive && !described && !titled) return null;
      if (!described && !phrase.some((x) => isHead(x, false))) return null;
      let lastTok = phrase.at(-1)!;
      if (lastTok.text === ',' && phrase.length > 1) lastTok = phrase.at(-2)!;
      source = { start: phrase[0]!.start, end: phrase.at(-1)!.text === ',' ? phrase.at(-1)!.end : lastTok.end };
      const obj = objectAfter(tokens, k, entry);
      last = obj.last;
      via = obj.via;
      if (via) cueEnd = tokens[obj.last]!.end;
    }
    const next = tokens[last + 1];
    // After a quote that ends its sentence, only a bare "X said." (or "X said on Friday.") attributes it.
    if (!commaStyle && next && !(next.text === '.' || (next.word && TAIL_WORDS.has(next.lower)))) return null;
    if (!commaStyle && tokens.slice(i, k).some((x) => x.text === ',')) return null;
    // "…Pinchuk.'' Mrs. Clinton replied, ''As you know…": the words introduce the next quote, not this one.
    if (!commaStyle && /^\s*[,:]\s*["“‘'«]/.test(text.slice(tokens[last]!.end, tokens[last]!.end + 6))) return null;
    // A verb the lexicon does not know is only trusted when the attribution ends right after it ("…,” the judge exclaimed.").
    if (!cueEntry(t.text) && next && next.word && !TAIL_WORDS.has(next.lower)) return null;
    if (next?.lower === 'that') return null;
    // "on Fox News Channel’s “Hannity,” Newt Gingrich said if …": a short title before a verb with its own content.
    if (next && next.word && !TAIL_WORDS.has(next.lower) && !next.lower.endsWith('ing') && wordCount(text, q) <= 3 && tokens.slice(last + 1).filter((x) => x.word).length >= 4) return null;
    return {
      cue: { start: t.start, end: cueEnd },
      entry,
      source,
      via,
      statement: saysStatement(tokens, last + 1),
      end: tokens[last]!.end,
    };
  }
  return null;
}

/** The attribution in the words before an opening mark: "Zakharova said: “…", "according to X, “…". */
function attributionBefore(ctx: DocContext, q: QuotedSpan, prevAfter: number): Attribution | null {
  const { text } = ctx;
  // "Cruz continued:⏎⏎“You look at …”": a paragraph that ends with a colon introduces the quote that opens the next one.
  let end = q.open;
  const para = paragraphStart(ctx, q.open);
  if (para > 0 && /^\s*$/.test(text.slice(para, q.open))) {
    let c = para - 1;
    while (c > 0 && /\s/.test(text[c]!)) c--;
    if (text[c] === ':' && c >= prevAfter) end = c + 1;
  }
  const sIdx = sentenceIndexAt(ctx, end === q.open ? q.open : end - 1);
  const sStart = Math.max(ctx.sentences[sIdx]?.start ?? 0, prevAfter, paragraphStart(ctx, end - 1));
  if (sStart >= end) return null;
  const tokens = tokenize(text, sStart, end);
  let n = tokens.length;
  if (n === 0) return null;
  const lastTok = tokens[n - 1]!;
  const punct = lastTok.text === ':' || lastTok.text === ',';
  if (punct) n--;
  for (let k0 = n - 1; k0 >= Math.max(0, n - 9); k0--) {
    let k = k0;
    const t0 = tokens[k]!;
    if (!t0.word) {
      if (t0.text === ',' || t0.text === '.') break;
      continue;
    }
    if (t0.lower === 'according' && tokens[k + 1]?.lower === 'to') {
      const t = t0;
      const src = sourceAfter(tokens, k + 2, n);
      if (!src || src.last !== n - 1 || !punct) return null;
      return {
        cue: { start: t.start, end: tokens[k + 1]!.end },
        entry: { lemma: 'according to', stance: 'neutral' },
        source: { start: tokens[src.first]!.start, end: tokens[src.last]!.end },
        via: null,
        statement: false,
        end: q.open,
      };
    }
    let entry = cueAt(tokens, k);
    if (!entry || isNamingUse(tokens, k, k === tokens.length - 1)) continue;
    let reported = false;
    if (entry.belief) {
      // "Lindqvist told the Herald the company still planned …, “…”": the belief verb sits inside what the
      // speech verb before it reports; that verb and its subject attribute the quote.
      const outer = outerSpeechCue(tokens, k);
      if (outer !== null) {
        k = outer.k;
        entry = outer.entry;
        reported = true;
      }
    }
    const t = tokens[k]!;
    // Only objects and adverbials may sit between the verb and the mark: "told reporters:", "said in a statement:".
    const between = tokens.slice(k + 1, n);
    if (between.length > 0 && !punct && !(entry.takesObject && between.length <= 3)) return null;
    if (!reported && between.some((x) => x.lower === 'that' || cueEntry(x.lower) !== undefined)) return null;
    // "Obama ended by saying “Too many.”": the subject of the sentence speaks.
    // A participle ("…, saying: “…”") belongs to the clause's subject, not to the noun just before it.
    let src = /ing$/.test(t.lower) ? (sentenceSubject(tokens, k) ?? null) : (sourceBeforeTokens(tokens, k) ?? sentenceSubject(tokens, k));
    // "The snarky headline reads: “…”": before a colon, the words from the sentence start to the verb are the source.
    if (!src && lastTok.text === ':' && k > 0 && k <= 12 && tokens.slice(0, k).every((x) => x.word || x.text === ',' || x.text === '-')) {
      src = { start: tokens[0]!.start, end: tokens[k - 1]!.end };
    }
    if (!src) return null;
    const obj = objectAfter(tokens, k, entry);
    let from = obj.last + 1;
    if (tokens[from]?.lower === 'that') from++;
    return {
      cue: { start: t.start, end: obj.via ? tokens[obj.last]!.end : t.end },
      entry,
      source: src,
      via: obj.via,
      statement: saysStatement(tokens, k + 1),
      end: q.open,
      ...(reported && from < n ? { contentStart: tokens[from]!.start } : {}),
    };
  }
  if (lastTok.text === ':') return colonVerb(tokens, n, q.open);
  return null;
}

/** A speech verb (not a belief verb) earlier in the same clause as the belief verb at `k`, with no punctuation between. */
function outerSpeechCue(tokens: readonly Token[], k: number): { k: number; entry: CueEntry } | null {
  for (let j = k - 1; j >= 0 && k - j <= 20; j--) {
    const w = tokens[j]!;
    if (!w.word) return null;
    const e = cueAt(tokens, j);
    if (e !== undefined && !e.belief && !isNamingUse(tokens, j, false) && sourceBeforeTokens(tokens, j) !== null) return { k: j, entry: e };
  }
  return null;
}

/** "She then addressed the supporters again: “…”": subject, any verb, colon. */
function colonVerb(tokens: readonly Token[], n: number, end: number): Attribution | null {
  const subj = sourceAfter(tokens, 0, Math.min(n, 12));
  if (!subj || subj.first !== 0) return null;
  let v = subj.last + 1;
  while (v < n && VERB_ADVERBS.has(tokens[v]!.lower)) v++;
  const verb = tokens[v];
  if (!verb || verb.cap || !verb.word || !(cueEntry(verb.text) || /(?:ed|[^s']s)$/.test(verb.lower)) || NOT_VERBS.has(verb.lower)) return null;
  return {
    cue: { start: verb.start, end: verb.end },
    entry: cueEntry(verb.text) ?? { lemma: verb.lower, stance: 'neutral' },
    source: { start: tokens[subj.first]!.start, end: tokens[subj.last]!.end },
    via: null,
    statement: false,
    end,
  };
}

function sourceBeforeTokens(tokens: readonly Token[], k: number): Range | null {
  let i = k - 1;
  while (i >= 0 && tokens[i]!.word && VERB_ADVERBS.has(tokens[i]!.lower)) i--;
  // "Gov. John Kasich (R-OH), said": skip the comma and a parenthesis before the verb.
  const end = i;
  if (tokens[i]?.text === ',') i--;
  if (tokens[i]?.text === ')') {
    while (i >= 0 && tokens[i]!.text !== '(' && end - i < 8) i--;
    i--;
  }
  if (i < 0) return null;
  if (i < 0 || !isHead(tokens[i]!, i === 0)) return null;
  let s = i;
  while (s - 1 >= 0 && i - s < 14 && isPhraseToken(tokens[s - 1]!)) s--;
  s = phraseStart(tokens, s, i);
  while (s < i && !(tokens[s]!.cap || /^(?:the|a|an)$/.test(tokens[s]!.lower) || isHead(tokens[s]!, false))) s++;
  if (isPassiveAgent(tokens, s)) {
    s = holderPhrase(tokens, s - 2, 0) ?? s;
  }
  return { start: tokens[s]!.start, end: tokens[Math.max(i, end)]!.end };
}

function sentenceSubject(tokens: readonly Token[], k: number): Range | null {
  if (!/(?:ing)$/.test(tokens[k]!.lower)) return null;
  const subj = clauseSubject(tokens, k);
  if (!subj) return null;
  return { start: tokens[subj.first]!.start, end: tokens[subj.last]!.end };
}

/** Where a quote's sentence starts when a short unquoted lead-in precedes the opening mark, else null. */
function leadIn(ctx: DocContext, q: QuotedSpan, prevAfter: number): number | null {
  const s = ctx.sentences[sentenceIndexAt(ctx, q.open)];
  if (!s) return null;
  const start = Math.max(s.start, prevAfter, paragraphStart(ctx, q.open));
  const lead = ctx.text.slice(start, q.open);
  if (!/[\p{L}\p{N}]/u.test(lead) || /["“”‘’«»]/.test(lead)) return null;
  const words = lead.match(/[\p{L}\p{N}]+/gu) ?? [];
  // A quote set off by a dash or a bracket is an aside, and a lead with its own speech verb is another clause.
  if (words.length > 25 || /[:(—–-]\s*$/.test(lead) || words.some((w) => cueEntry(w) !== undefined && !cueEntry(w)?.belief)) return null;
  let st = start;
  while (st < q.open && /\s/.test(ctx.text[st]!)) st++;
  return st;
}

/** Where the quote's sentence ends when it goes on after the closing mark with its own words, else null. */
function sentenceRest(ctx: DocContext, q: QuotedSpan, nextOpen: number): number | null {
  if (!q.closed) return null;
  const s = ctx.sentences[sentenceIndexAt(ctx, Math.max(q.after - 1, q.open))];
  if (!s) return null;
  const end = Math.min(s.end, paragraphEnd(ctx, q.after), nextOpen);
  const rest = ctx.text.slice(q.after, end);
  if (/["“”«»\n]/.test(rest) || /^\s*[,;:—–(]/.test(rest)) return null;
  const words = rest.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length < 2 || words.length > 30 || words.some((w) => cueEntry(w) !== undefined)) return null;
  let e = end;
  while (e > q.after && /[\s.!?]/.test(ctx.text[e - 1]!)) e--;
  return e > q.after ? e : null;
}

function parentheticalLead(ctx: DocContext, q: QuotedSpan, prevAfter: number, a: Attribution): Range | null {
  if (!a.source || !/^\s*\p{Ll}/u.test(ctx.text.slice(q.start, q.start + 4))) return null;
  const s = ctx.sentences[sentenceIndexAt(ctx, q.open)];
  if (!s) return null;
  const start = Math.max(s.start, prevAfter, paragraphStart(ctx, q.open));
  const srcStart = Math.min(a.source.start, a.cue.start);
  if (srcStart <= start) return null;
  const lead = ctx.text.slice(start, srcStart);
  if (!/,\s*$/.test(lead) || /["“”‘’«»]/.test(lead) || (lead.match(/[\p{L}\p{N}]+/gu) ?? []).length < 2) return null;
  let st = start;
  while (st < srcStart && /\s/.test(ctx.text[st]!)) st++;
  let en = srcStart;
  while (en > st && /[\s,]/.test(ctx.text[en - 1]!)) en--;
  return en > st ? { start: st, end: en } : null;
}

function draftOf(parts: Range[], a: Attribution, rule: string, inherit: Draft | null = null): Draft {
  return { parts, kind: 'direct', cue: a.cue, entry: a.entry, source: a.source, via: a.via, inherit, statement: a.statement, rule };
}

/**
 * "…,” he said in an interview with Breitbart News. “…", "…,” said Ed Rendell, a former Pennsylvania governor and
 * two-term Philadelphia mayor, referring to the cities. “…": the rest of the attribution sentence, with no sentence
 * break of its own; or "…,” said Sherman, speaking of politicians, “and leave …": the sentence goes on in the quote.
 */
function attributionTail(text: string, from: number, to: number, nextStartsLower: boolean): boolean {
  const gap = text.slice(from, to);
  if (gap.length > 300 || /["“”«»\n]/.test(gap)) return false;
  const words = gap.match(/[\p{L}’']+/gu) ?? [];
  if (/,\s*$/.test(gap)) return nextStartsLower && words.length <= 25;
  if (!/[.!?]\s*$/.test(gap)) return false;
  if (words.length <= 15 && !words.some((w) => cueEntry(w) !== undefined)) return true;
  // A longer tail (an appositive, a relative clause) must stay one sentence: no inner stop before a capital other than an abbreviation's.
  if (words.length > 45) return false;
  const body = gap.replace(/[.!?]\s*$/, '');
  for (const m of body.matchAll(/([\p{L}]*)[.!?]\s+\p{Lu}/gu)) {
    const w = m[1] ?? '';
    if (!(w.length <= 3 && /^\p{Lu}/u.test(w)) && !/^(?:Sen|Rep|Gov|Gen|Lt|Col|Sgt|Jr|Sr|St|Mt|Dr|Mr|Mrs|Ms|Prof)$/.test(w)) return false;
  }
  return true;
}

/** Whether only closing punctuation and whitespace separate two positions. */
function onlyPunctuation(text: string, from: number, to: number): boolean {
  return to >= from && /^[\s.,;:!?]*$/.test(text.slice(from, to));
}

export function findDirectQuotes(ctx: DocContext): { drafts: Draft[]; used: Set<number> } {
  const { text, spans } = ctx;
  const drafts: Draft[] = [];
  const used = new Set<number>();
  /** The draft each used span belongs to, and where its attribution ended. */
  let current: { draft: Draft; attrEnd: number; para: number } | null = null;
  for (let qi = 0; qi < spans.length; qi++) {
    const q = spans[qi]!;
    if (ctx.exclude.some((x) => q.start < x.end && x.start < q.end)) continue;
    const nextOpen = spans[qi + 1]?.open ?? text.length;
    const prevAfter = qi > 0 ? spans[qi - 1]!.after : 0;
    const words = wordCount(text, q);
    const right = words >= 1 ? attributionAfter(ctx, q, nextOpen) : null;
    const para = paragraphStart(ctx, q.open);
    // A passage that continues the current quote: over a paragraph break, or right after "X said." in the same paragraph.
    const follows =
      current !== null &&
      ((q.continues && used.has(qi - 1)) ||
        (para === current.para && !right && (onlyPunctuation(text, current.attrEnd, q.open) || attributionTail(text, current.attrEnd, q.open, /^\s*\p{Ll}/u.test(text.slice(q.start, q.start + 3))))));
    if (follows && current) {
      current.draft.parts.push({ start: q.start, end: q.end });
      current.attrEnd = q.after;
      used.add(qi);
      continue;
    }
    if (right) {
      // Earlier paragraphs of the same quote (opened, not closed, continued) belong to it too.
      const parts: Range[] = [{ start: q.start, end: q.end }];
      for (let b = qi; b > 0 && spans[b]!.continues && !spans[b - 1]!.closed && !used.has(b - 1); b--) {
        parts.unshift({ start: spans[b - 1]!.start, end: spans[b - 1]!.end });
        used.add(b - 1);
      }
      const d = draftOf(parts, right, 'direct-after');
      // "Teachers are “looking to see who …,” García said": the words before the quote belong to what is reported.
      const lead = leadIn(ctx, q, prevAfter);
      if (lead !== null && parts.length === 1) {
        parts[0] = { start: lead, end: q.end };
        d.kind = 'mixed';
      }
      drafts.push(d);
      used.add(qi);
      current = { draft: d, attrEnd: right.end, para };
      continue;
    }
    const left = words >= 2 ? attributionBefore(ctx, q, prevAfter) : null;
    if (left) {
      const d = draftOf([{ start: left.contentStart ?? q.start, end: q.end }], left, 'direct-before');
      if (left.contentStart !== undefined) d.kind = 'mixed';
      else {
        // "The club's investment in its facilities, Ms. Tanzer said, ''is a perfect example …''": the clause the quote
        // completes opened before the attribution, and belongs to what is reported.
        const opened = parentheticalLead(ctx, q, prevAfter, left);
        if (opened) {
          d.parts = [opened, { start: q.start, end: q.end }];
          d.kind = 'mixed';
        }
      }
      // "Sanders says “the wind is at our backs” despite his loss in Nevada.": the sentence goes on after the quote.
      const rest = sentenceRest(ctx, q, nextOpen);
      if (rest !== null && d.parts.length === 1) {
        d.parts = [{ start: d.parts[0]!.start, end: rest }];
        d.kind = 'mixed';
      }
      drafts.push(d);
      used.add(qi);
      current = { draft: d, attrEnd: q.after, para };
      continue;
    }
    // A whole-sentence quote with no attribution of its own, after an attributed one nearby: the same speaker goes on.
    const sIdx = sentenceIndexAt(ctx, q.open);
    const s = ctx.sentences[sIdx];
    const wholeSentence = s !== undefined && q.open <= s.start + 1 && onlyPunctuation(text, q.after, s.end);
    if (wholeSentence && words >= 4 && current && q.open - current.attrEnd < 600) {
      // The next paragraph goes on quoting the same speaker: one quote, another piece.
      current.draft.parts.push({ start: q.start, end: q.end });
      current.attrEnd = q.after;
      current.para = para;
      used.add(qi);
      continue;
    }
    if (wholeSentence) current = null;
  }
  return { drafts, used };
}

