/**
 * Who said what in one article: direct quotes, reported speech and mixed
 * quotes, each with its content, cue (and the cue's stance) and resolved
 * speaker. Pure: text, sentences and entity mentions in, quotes out.
 *
 * When `mentions` is empty the extractor finds capitalised names itself, so
 * it works before (or without) the NER stage.
 */
import type { CueStance, Entity, EntityMention, EntityType, Quote, Sentence } from '../../model/types.js';
import { phraseStance } from './cue-lexicon.js';
import { findDirectQuotes } from './direct-quotes.js';
import { findNames } from './name-finder.js';
import { findQuotedSpans } from './quote-marks.js';
import { findReportedSpeech } from './reported-speech.js';
import { candidateFeatures, defaultCandidateModel, keepScored, scoreFeatures, type CandidateModel } from './candidate-model.js';
import { splitAtNestedClauses } from './clause-split.js';
import { lowercaseHeadlineCues } from './headline-case.js';
import { defaultRuleFilter, genericForms, keepCandidate, type RuleFilter } from './rule-filter.js';
import { resolveSpeaker, type ResolveContext, type Speaker, type SpeakerHistoryItem } from './speaker-resolver.js';
import { isHead, isPhraseToken, sourceAfter } from './source-phrase.js';
import { tokenize } from './tokens.js';
import { lineBreaks, overlaps, sentenceIndexAt, wordCount, type DocContext, type Draft, type Range } from './attribution-draft.js';

export interface QuoteContext {
  /** The article's outlet. Not used by the rules yet (kept in the signature the pipeline calls). */
  outlet: string | null;
  /** Spans that are never part of a quote, e.g. the dateline. */
  exclude?: { start: number; end: number }[];
  /** The learned rule filter; default: models/quote-rule-filter.json when present; null: keep every candidate. */
  ruleFilter?: RuleFilter | null;
  /**
   * 'all' (default): every attribution PolNeAR counts, including the generic rule's ("Spain tightens the rules",
   * "X backed Y"). 'speech': only reporting and belief verbs of the lexicon, no generic rule.
   */
  scope?: 'all' | 'speech';
  /**
   * The learned candidate classifier (`candidate-model.ts`) instead of the rule filter. Off by default: on PolNeAR
   * it matches the rule filter's F1 with better speakers, but it drops statements of the seed articles.
   */
  candidateModel?: CandidateModel | null;
}

function clip(parts: Range[], exclude: readonly Range[]): Range[] {
  const out: Range[] = [];
  for (const p of parts) {
    let { start, end } = p;
    for (const x of exclude) {
      if (!overlaps(x, { start, end })) continue;
      if (x.start <= start) start = Math.max(start, x.end);
      else end = Math.min(end, x.start);
    }
    if (end > start) out.push({ start, end });
  }
  return out;
}

/** Cue lemmas that introduce a question, and the words that open an indirect question. */
const QUESTION_CUES = new Set(['ask', 'inquire', 'enquire', 'wonder']);
const INDIRECT_QUESTION = /^(?:whether|if|why|how|what|when|where|who|which)\b/i;
/**
 * "Students had asked for longer hours …": a request for something, with no clause, is not a statement. PolNeAR
 * counts "ask for + noun phrase" as an attribution 14 times in 35 on train (`bench/quotes/cue-context-stats.ts`),
 * so only the speech scope drops it.
 */
const REQUEST_CUES = new Set(['ask', 'appeal', 'plead']);
const REQUEST_OBJECT = /^for\b/i;
/** A content that is only a determiner and a noun ("the decision", "his plan"); three words may be a clause ("the plan failed"). */
const BARE_OBJECT = /^(?:the|a|an|these|those|his|her|its|their|our|my|your)\s+[\p{L}’'-]+[.!]?$/iu;

function stanceOf(text: string, d: Draft, parts: Range[]): CueStance {
  const own = d.entry.stance;
  const said = text.slice(d.cue.start, d.cue.end) + ' ' + parts.map((p) => text.slice(p.start, p.end)).join(' ');
  const phrase = phraseStance(said);
  if (phrase && (own === 'neutral' || own === 'emphatic' || own === 'contested')) return phrase;
  return own;
}

/** A quote with the rule that found it and its cue lemma: what the learned rule filter keys on. */
export interface QuoteCandidate {
  quote: Quote;
  rule: string;
  lemma: string;
}

/**
 * Every attribution the rules propose, before the learned rule filter
 * (`rule-filter.ts`) drops the (rule, cue) kinds that were mostly wrong on
 * PolNeAR train. The filter's training script reads these.
 */
export function extractQuoteCandidates(
  original: string,
  sentences: Sentence[],
  mentions: EntityMention[],
  entities: Entity[],
  ctx: QuoteContext,
): QuoteCandidate[] {
  const exclude = ctx.exclude ?? [];
  const filter = ctx.ruleFilter === undefined ? defaultRuleFilter() : ctx.ruleFilter;
  const forms = ctx.scope === 'speech' ? new Set<string>() : genericForms(filter);
  // The rules read a copy whose title-case headline has lowercase cue words (same offsets); output text is the original's.
  const text = lowercaseHeadlineCues(original, forms);
  const spans = findQuotedSpans(text);
  const doc: DocContext = { text, sentences, spans, exclude, tokenCache: new Map(), breaks: lineBreaks(text), genericForms: forms, speech: ctx.scope === 'speech' };
  const { drafts: direct, used } = findDirectQuotes(doc);
  const reported = findReportedSpeech(doc, direct);
  const found = [...direct, ...reported.drafts];
  const follow = followOnQuotes(doc, used, found);
  const drafts = [...found, ...follow, ...orphanQuotes(doc, used, [...found, ...follow])].sort((a, b) => anchor(a) - anchor(b));

  const names = mentions.length > 0 ? { mentions, entities } : findNames(text, sentences);
  const sortedMentions = [...names.mentions].sort((a, b) => a.start - b.start);
  const history: SpeakerHistoryItem[] = [];
  const rctx: ResolveContext = {
    text,
    mentions: sortedMentions,
    entities: new Map(names.entities.map((e) => [e.id, e])),
    history,
    statementMakers: [],
  };
  const makers = reported.statementSources.map((src) => ({ at: src.start, ...resolveSpeaker(rctx, src, src.start) }));
  rctx.statementMakers = makers;

  const resolved = new Map<Draft, { speaker: Speaker; type: EntityType | null }>();
  const quotes: QuoteCandidate[] = [];
  for (const d of drafts) {
    const parts = clip(d.parts, exclude);
    if (parts.length === 0) continue;
    // "The Ledger asked Boreal Metals whether …": a question put to someone is not a statement of the asker.
    if (ctx.scope === 'speech' && d.rule === 'asked-passive') continue;
    if (ctx.scope === 'speech' && d.kind === 'indirect' && QUESTION_CUES.has(d.entry.lemma) && INDIRECT_QUESTION.test(text.slice(parts[0]!.start, parts[0]!.end))) continue;
    if (ctx.scope === 'speech' && d.kind === 'indirect' && REQUEST_CUES.has(d.entry.lemma) && REQUEST_OBJECT.test(text.slice(parts[0]!.start, parts[0]!.end))) continue;
    // "Aila Magga welcomed the decision": a reaction to a thing, with no clause, says nothing a reader could quote.
    if (ctx.scope === 'speech' && d.kind === 'indirect' && parts.length === 1 && BARE_OBJECT.test(text.slice(parts[0]!.start, parts[0]!.end))) continue;
    let who: { speaker: Speaker; type: EntityType | null } | null = null;
    if (d.inherit) who = resolved.get(d.inherit) ?? null;
    else if (d.source) who = resolveSpeaker(rctx, d.source, anchor(d));
    if (who) {
      if (d.via && !who.speaker.via) who = { ...who, speaker: { ...who.speaker, via: d.via } };
      resolved.set(d, who);
      history.push({ at: Math.max(d.cue.end, parts.at(-1)!.end), speaker: who.speaker, type: who.type, statement: d.statement });
      if (d.statement) makers.push({ at: d.cue.start, ...who });
    }
    if (who && d.source && /\b(?:statement|communiqu|release)/i.test(text.slice(d.source.start, d.source.end))) {
      const person = statementVoice(doc, makers, resolved, anchor(d));
      if (person && person !== who.speaker.name) who = { ...who, speaker: { ...who.speaker, person } };
    }
    const first = parts[0]!;
    const last = parts.at(-1)!;
    const quote: Quote = {
      start: first.start,
      end: last.end,
      text: parts.map((p) => original.slice(p.start, p.end)).join(' '),
      kind: d.kind,
      cue: { start: d.cue.start, end: d.cue.end, text: original.slice(d.cue.start, d.cue.end), stance: stanceOf(text, d, parts) },
      speaker: who ? { ...who.speaker } : null,
    };
    if (quote.speaker && text !== original && quote.speaker.end > quote.speaker.start && quote.speaker.text === text.slice(quote.speaker.start, quote.speaker.end)) {
      quote.speaker.text = original.slice(quote.speaker.start, quote.speaker.end);
    }
    if (parts.length > 1) quote.parts = parts;
    quotes.push({ quote, rule: d.rule ?? 'other', lemma: d.entry.lemma });
  }
  return quotes.sort((a, b) => a.quote.start - b.quote.start);
}

export function extractQuotes(
  text: string,
  sentences: Sentence[],
  mentions: EntityMention[],
  entities: Entity[],
  ctx: QuoteContext,
): Quote[] {
  const candidates = extractQuoteCandidates(text, sentences, mentions, entities, ctx);
  // The learned candidate classifier only when asked for (an experiment: it drops seed statements the rule filter keeps).
  if (ctx.candidateModel) {
    const model = ctx.candidateModel;
    const chosen = candidates.map((c, i) => keepScored(model, c.rule, scoreFeatures(model, candidateFeatures(text, candidates, i))));
    return splitAtNestedClauses(text, candidates, chosen).map((c) => c.quote);
  }
  const filter = ctx.ruleFilter === undefined ? defaultRuleFilter() : ctx.ruleFilter;
  // Full scope only: generic-rule candidates the rule filter drops are kept when the classifier is confident of them
  // (its features see the speaker's shape, which the per-rule filter cannot).
  const rescue = ctx.ruleFilter === undefined && ctx.scope !== 'speech' ? defaultCandidateModel() : null;
  const kept = candidates.map((c, i) => {
    if (filter === null || keepCandidate(filter, c.rule, c.lemma)) return true;
    if (!rescue || rescue.genericRescue === undefined || rescue.genericRescue > 1 || !c.rule.startsWith('generic')) return false;
    return scoreFeatures(rescue, candidateFeatures(text, candidates, i)) >= rescue.genericRescue;
  });
  // With no filter every candidate is kept, nested ones too: cutting contents at them would only duplicate.
  if (filter === null) return candidates.map((c) => c.quote);
  return splitAtNestedClauses(text, candidates, kept).map((c) => c.quote);
}

/**
 * A whole-sentence quote with no attribution of its own, shortly after an
 * attributed statement, continues it: "Zakharova said that it was ‘…’.
 * ‘There is no connection …’."
 */
function followOnQuotes(doc: DocContext, used: ReadonlySet<number>, drafts: readonly Draft[]): Draft[] {
  const out: Draft[] = [];
  const { text } = doc;
  doc.spans.forEach((q, qi) => {
    if (used.has(qi) || wordCount(text, q) < 4) return;
    if (doc.exclude.some((x) => overlaps(x, q))) return;
    if (drafts.some((d) => d.parts.some((p) => overlaps(p, q)))) return;
    const s = doc.sentences[sentenceIndexAt(doc, q.open)];
    if (!s || q.open > s.start + 1 || !/^[\s.,;:!?]*$/.test(text.slice(q.after, s.end))) return;
    let prev: Draft | null = null;
    let prevEnd = -1;
    for (const d of [...drafts, ...out]) {
      const end = Math.max(d.cue.end, d.parts.at(-1)!.end);
      if (end <= q.open && end > prevEnd) {
        prev = d;
        prevEnd = end;
      }
    }
    if (!prev || q.open - prevEnd > 600) return;
    out.push({ parts: [{ start: q.start, end: q.end }], kind: 'direct', cue: prev.cue, entry: prev.entry, source: null, via: prev.via, inherit: prev.inherit ?? prev, statement: false, rule: 'follow-on' });
  });
  return out;
}

/**
 * A long quotation that opens a sentence or follows a colon or comma, with no attribution the rules could read,
 * is still somebody's words: the source phrase right after it in its sentence ("…,” election law expert Rick Hasen
 * tweeted Monday) or right before its colon ("Republican pollster Daron Shaw: “…”"); else, when an attribution
 * came shortly before, it is kept unattributed (rule "orphan-unattributed": a quotation, but no speaker).
 */
function orphanQuotes(doc: DocContext, used: ReadonlySet<number>, drafts: readonly Draft[]): Draft[] {
  const out: Draft[] = [];
  const { text } = doc;
  doc.spans.forEach((q, qi) => {
    if (used.has(qi) || wordCount(text, q) < ORPHAN_MIN_WORDS) return;
    if (doc.exclude.some((x) => overlaps(x, q))) return;
    if (drafts.some((d) => d.parts.some((p) => overlaps(p, q)))) return;
    const before = text.slice(Math.max(0, q.open - 3), q.open);
    if (!/(?:^|[.!?:,\n])\s*$/.test(before)) return;
    // "…, adding that Khovaev, the envoy, ‘is ready to come …’": a quotation opening in lowercase completes a clause.
    if (!/^[\s…."“‘'«\[(]*[\p{Lu}\p{N}]/u.test(text.slice(q.start, q.start + 6))) return;
    const local = localSource(doc, q, qi, /:\s*$/.test(before));
    if (!local) {
      let prev: Draft | null = null;
      let prevEnd = -1;
      for (const d of drafts) {
        const end = Math.max(d.cue.end, d.parts.at(-1)!.end);
        if (end <= q.open && end > prevEnd && d.kind !== 'indirect') {
          prev = d;
          prevEnd = end;
        }
      }
      if (!prev || q.open - prevEnd > ORPHAN_INHERIT) return;
      // Taking the speaker of the attribution before was right for one in five of these on train: leave it unattributed.
      out.push({ parts: [{ start: q.start, end: q.end }], kind: 'direct', cue: { start: q.open, end: q.open }, entry: { lemma: '', stance: 'neutral' }, source: null, via: null, inherit: null, statement: false, rule: 'orphan-unattributed' });
      return;
    }
    out.push({ parts: [{ start: q.start, end: q.end }], kind: 'direct', cue: local.cue, entry: { lemma: local.lemma, stance: 'neutral' }, source: local.source, via: null, inherit: null, statement: false, rule: 'orphan' });
  });
  return out;
}

function localSource(doc: DocContext, q: { open: number; after: number }, qi: number, colon: boolean): { source: Range; cue: Range; lemma: string } | null {
  const { text } = doc;
  if (colon) {
    const lineStart = text.lastIndexOf('\n', q.open - 1) + 1;
    const from = Math.max(lineStart, q.open - 160, doc.spans[qi - 1]?.after ?? 0);
    const tokens = tokenize(text, from, q.open);
    let i = tokens.length - 1;
    if (tokens[i]?.text !== ':') return null;
    i--;
    if (i < 0 || !isHead(tokens[i]!, false)) return null;
    let s = i;
    while (s - 1 >= 0 && i - s < 8 && isPhraseToken(tokens[s - 1]!) && tokens[s - 1]!.word) s--;
    while (s < i && !tokens[s]!.cap && !isHead(tokens[s]!, false)) s++;
    const colonTok = tokens.at(-1)!;
    return { source: { start: tokens[s]!.start, end: tokens[i]!.end }, cue: { start: colonTok.start, end: colonTok.end }, lemma: ':' };
  }
  const nextOpen = doc.spans[qi + 1]?.open ?? text.length;
  const lineEnd = text.indexOf('\n', q.after);
  const to = Math.min(nextOpen, q.after + 200, lineEnd < 0 ? text.length : lineEnd);
  const tokens = tokenize(text, q.after, to);
  for (let m = 0; m < Math.min(tokens.length, 10); m++) {
    const t = tokens[m]!;
    if (/^[.!?;]$/.test(t.text)) return null;
    if (!t.word || !isHead(t, false)) continue;
    const src = sourceAfter(tokens, m, Math.min(tokens.length, m + 16));
    if (!src) continue;
    // The verb: a lowercase word right after the phrase ("Hasen tweeted") or right before it ("said the 46-year-old").
    const after = tokens[src.last + 1];
    const beforeTok = tokens[src.first - 1];
    const verb = after && after.word && !after.cap ? after : beforeTok && beforeTok.word && !beforeTok.cap ? beforeTok : null;
    if (!verb) return null;
    return { source: { start: tokens[src.first]!.start, end: tokens[src.last]!.end }, cue: { start: verb.start, end: verb.end }, lemma: verb.lower };
  }
  return null;
}

const ORPHAN_MIN_WORDS = 6;
/** How far after an attribution an unattributed orphan quotation is still taken (in characters). */
const ORPHAN_INHERIT = 3000;

/**
 * "Ambassador Kopyrkin said …, the Russian embassy said in a statement": the
 * person the statement's own sentence quotes is the organisation's voice.
 */
function statementVoice(
  doc: DocContext,
  makers: readonly { at: number }[],
  resolved: ReadonlyMap<Draft, { speaker: Speaker; type: EntityType | null }>,
  at: number,
): string | null {
  const maker = [...makers].reverse().find((m) => m.at <= at);
  if (!maker) return null;
  const sentence = sentenceIndexAt(doc, maker.at);
  for (const [d, r] of resolved) {
    if (r.type === 'PERSON' && r.speaker.name && sentenceIndexAt(doc, d.cue.start) === sentence) return r.speaker.name;
  }
  return null;
}

function anchor(d: Draft): number {
  return Math.min(d.cue.start, d.source?.start ?? d.cue.start, d.parts[0]?.start ?? d.cue.start);
}
