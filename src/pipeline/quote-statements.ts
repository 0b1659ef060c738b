/**
 * The statements a new article's quotes render: each quote is linked to a
 * known statement of its speaker (or, for the same words, of another name that
 * carried them) or starts a new one. Decided in the ingest service, per article.
 */
import { createHash } from 'node:crypto';
import type { Article, Quote } from '../model/types.js';
import type { ArticleId } from '../model/types.js';
import type { CorpusEntity, IngestBundle, StatementRecord, Store } from '../store/store-port.js';
import { CandidateIndex, type PreparedCache } from './statement-link.js';
import { uniq } from '../util/uniq.js';
import { ownString } from '../util/bounded-memo.js';

const hash = (s: string, n = 12) => createHash('sha256').update(s).digest('hex').slice(0, n);

/**
 * The article's statements (new ones, and known ones it now dates first) and, per quote in order, the statement
 * it renders and how. `mark` is told when each step ends (profiling).
 */
export async function linkQuoteStatements(
  store: Store,
  prepared: PreparedCache,
  a: Article,
  corpusOf: Map<string, CorpusEntity>,
  mark: (phase: string) => void = () => {},
): Promise<Pick<IngestBundle, 'statements' | 'quoteStatements'>> {
  const speakerOf = (q: Article['quotes'][number]) =>
    (q.speaker?.entityId ? corpusOf.get(q.speaker.entityId)?.name : undefined) ?? q.speaker?.name ?? q.speaker?.text ?? null;
  // Only named speakers pick up earlier statements by speaker: "he", "officials" or "a spokesman" are not one
  // speaker across the corpus, and their pool would grow with it (every article compared with all of them).
  const named = a.quotes.filter((q) => q.speaker?.entityId != null || (q.speaker?.name ?? null) !== null);
  const speakers = uniq(named.map(speakerOf).filter((s): s is string => s !== null));
  const candidates = await store.statementsBySpeakers(speakers);
  mark('statements-by-speaker');
  // The same words may be quoted under another name elsewhere: look for articles carrying them.
  if (store.statementsOfArticles) {
    const known = new Set(candidates.map((c) => c.id));
    const carriers = new Set<string>();
    // Phrase answers remembered (see PhraseAnswers): the same answers as asking the store each time.
    const answers = store.searchPhraseArticleIds ? phraseAnswers(store).article() : null;
    for (const q of a.quotes) {
      if (q.kind === 'indirect') continue;
      const phrases = middlePhrases(q);
      if (phrases.length === 0) continue;
      const words = phrases.flat().join(' ');
      // The articles carrying the six words as a phrase (a phrase per part when the quote's attribution interrupts
      // them). Every one of the words somewhere in an article, the fallback, is in hundreds of articles for common
      // words: ten of those, best ranked, can miss the one carrying the quote. Only the ids are needed: a store that
      // can rank without the hits' documents, totals and facets does so.
      const ids = answers
        ? await answers.search(phrases, PHRASE_LIMIT)
        : store.searchArticleIds
          ? await store.searchArticleIds(words, 10)
          : (await store.search(words, { limit: 10 })).hits.map((h) => h.article.id);
      for (const id of ids) carriers.add(id);
    }
    mark('statements-search');
    if (carriers.size > 0) for (const c of await store.statementsOfArticles([...carriers])) if (!known.has(c.id)) candidates.push(c);
    mark('statements-of-carriers');
  }
  const statements = new Map<string, StatementRecord>();
  const quoteStatements: IngestBundle['quoteStatements'] = [];
  // Each statement's distinct texts, in first-seen order: a rendering carried by many articles is compared once
  // (the same text scores the same, so the best match and its kind do not change).
  // Indexed, so that each quote is compared only with the texts that can match it (same result as comparing all).
  const index = new CandidateIndex(prepared);
  for (const c of candidates) index.add(c.id, uniq([c.text, ...c.renderings]));
  for (const q of a.quotes) {
    const speaker = speakerOf(q);
    const pool = candidates;
    const linked = index.best(q.text, (i) => pool[i]!.speaker === speaker);
    const speakerEntityId = q.speaker?.entityId ? (corpusOf.get(q.speaker.entityId)?.id ?? null) : null;
    if (linked) {
      const existing = pool.find((c) => c.id === linked.id)!;
      const earlier = a.publishedAt !== null && (existing.firstDate === null || a.publishedAt < existing.firstDate);
      if (earlier) {
        const rec: StatementRecord = { ...existing, text: q.text, firstArticleId: a.id, firstDate: a.publishedAt };
        statements.set(rec.id, rec);
      }
      quoteStatements.push({ statementId: linked.id, match: earlier ? 'first' : linked.match });
      continue;
    }
    const rec: StatementRecord = {
      id: `st-${hash(`${speaker ?? ''}\n${q.text}`)}`,
      speaker,
      speakerEntityId,
      text: q.text,
      kind: q.kind,
      stance: q.cue.stance,
      firstArticleId: a.id,
      firstDate: a.publishedAt,
    };
    statements.set(rec.id, rec);
    candidates.push({ ...rec, renderings: [] });
    index.add(rec.id, [rec.text]);
    quoteStatements.push({ statementId: rec.id, match: 'first' });
  }
  mark('statements-link');
  return { statements: [...statements.values()], quoteStatements };
}

/** Carriers asked for per quote phrase. */
const PHRASE_LIMIT = 10;
/** Full phrase answers remembered per store (the most recent: a key of some 100 characters and 10 ids each). */
const MAX_FULL_ANSWERS = 20_000;

/**
 * A store's full phrase answers: `searchPhraseArticleIds` gives the first `limit` carriers in storing order, and a
 * store only adds articles (later in that order; no article is removed and no text changes), so once an answer
 * holds `limit` articles no later commit can change it, and the same phrases are not asked again. An answer with
 * fewer may grow with any commit: it is asked again, except within one article (`article()`), while nothing is
 * committed (the ingest lock is held). A store that holds writes in a group (holdWrites) can lose the group's
 * writes, articles an answer may name: when its cluster log head is found lower than the last one seen (checked
 * once per article that asks), everything remembered is dropped.
 */
export class PhraseAnswers {
  private readonly full = new Map<string, readonly ArticleId[]>();
  private head = -1;

  constructor(
    private readonly store: Pick<Store, 'searchPhraseArticleIds' | 'clusterHead' | 'holdWrites'>,
    private readonly max = MAX_FULL_ANSWERS,
  ) {}

  /** The answers for one article's phrases: call while nothing is committed (one article's decision). */
  article(): { search(phrases: readonly (readonly string[])[], limit: number): Promise<readonly ArticleId[]> } {
    const asked = new Map<string, readonly ArticleId[]>();
    let checked = this.store.holdWrites === undefined;
    return {
      search: async (phrases, limit) => {
        if (!checked) {
          checked = true;
          const head = await this.store.clusterHead();
          if (head < this.head) this.full.clear();
          this.head = head;
        }
        const key = `${limit}\u0000${JSON.stringify(phrases)}`;
        const known = asked.get(key) ?? this.full.get(key);
        if (known !== undefined) return known;
        const ids = await this.store.searchPhraseArticleIds!(phrases, limit);
        asked.set(key, ids);
        if (ids.length >= limit) {
          if (this.full.size >= this.max) this.full.delete(this.full.keys().next().value as string);
          this.full.set(ownString(key), ids);
        }
        return ids;
      },
    };
  }

  /** Full answers remembered. */
  get size(): number {
    return this.full.size;
  }
}

const answersOf = new WeakMap<Store, PhraseAnswers>();
function phraseAnswers(store: Store): PhraseAnswers {
  let m = answersOf.get(store);
  if (m === undefined) answersOf.set(store, (m = new PhraseAnswers(store)));
  return m;
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Six words from the middle of a direct quote of 8 words or more (none for shorter ones), split where the quote's
 * parts meet: its text joins them with a space ("A," she said. "B." reads "A B"), and in an article the words on
 * either side of that space are apart.
 */
export function middlePhrases(q: Pick<Quote, 'text' | 'parts'>): string[][] {
  const partWords = partTexts(q).map((t) => t.match(WORD) ?? []);
  const total = partWords.reduce((n, w) => n + w.length, 0);
  if (total < 8) return [];
  const mid = Math.max(0, Math.floor(total / 2) - 3);
  const phrases: string[][] = [];
  let at = 0;
  for (const words of partWords) {
    const from = Math.max(mid, at);
    const to = Math.min(mid + 6, at + words.length);
    if (from < to) phrases.push(words.slice(from - at, to - at));
    at += words.length;
  }
  return phrases;
}

/** The quote's parts as its text holds them (joined by one space); the whole text when they do not add up to it. */
function partTexts(q: Pick<Quote, 'text' | 'parts'>): string[] {
  if (q.parts === undefined || q.parts.length < 2) return [q.text];
  const out: string[] = [];
  let at = 0;
  for (const p of q.parts) {
    const len = p.end - p.start;
    if (len < 0 || (at > 0 && q.text[at - 1] !== ' ')) return [q.text];
    out.push(q.text.slice(at, at + len));
    at += len + 1;
  }
  return at - 1 === q.text.length ? out : [q.text];
}
