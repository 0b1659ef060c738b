/**
 * PhraseAnswers (quote-statements.ts): the phrase look-ups of `linkQuoteStatements`, remembered only where the store's
 * answer cannot have changed. Checked against a store that answers every look-up afresh.
 */
import { describe, expect, it } from 'vitest';
import { linkQuoteStatements, PhraseAnswers } from '../../src/pipeline/quote-statements.js';
import { PreparedCache } from '../../src/pipeline/statement-link.js';
import type { Article, ArticleId, Quote } from '../../src/model/types.js';
import type { Store } from '../../src/store/store-port.js';

/**
 * A store of word lists, stored in order: a phrase look-up gives the first `limit` articles carrying every phrase
 * (its words one after another), as SQLite's FTS5 and PostgreSQL's look-ups do. `asked` counts look-ups.
 */
class PhraseStore {
  readonly articles: { id: ArticleId; words: string[] }[] = [];
  asked = 0;
  /** Group commit as SQLite offers it: present, so the memo checks the cluster log head. */
  holdWrites = async (): Promise<void> => {};

  commit(id: string, text: string): void {
    this.articles.push({ id: id as ArticleId, words: text.toLowerCase().split(/\s+/u).filter(Boolean) });
  }

  /** The last `n` articles' writes lost (a group commit rolled back). */
  lose(n: number): void {
    this.articles.splice(this.articles.length - n, n);
  }

  async clusterHead(): Promise<number> {
    return this.articles.length;
  }

  async searchPhraseArticleIds(phrases: readonly (readonly string[])[], limit: number): Promise<ArticleId[]> {
    this.asked++;
    return this.fresh(phrases, limit);
  }

  /** The answer, without counting a look-up. */
  fresh(phrases: readonly (readonly string[])[], limit: number): ArticleId[] {
    const carries = (words: string[], phrase: readonly string[]): boolean =>
      words.some((_, i) => phrase.every((w, k) => words[i + k] === w.toLowerCase()));
    return this.articles.filter((a) => phrases.every((p) => carries(a.words, p))).slice(0, limit).map((a) => a.id);
  }
}

const P = [['keep', 'the', 'harbour', 'road', 'open']];

describe('PhraseAnswers', () => {
  it('asks again when a commit between two equal phrases adds a carrier', async () => {
    const store = new PhraseStore();
    store.commit('a1', 'we will keep the harbour road open');
    const memo = new PhraseAnswers(store);
    expect(await memo.article().search(P, 10)).toEqual(['a1']);
    store.commit('a2', 'they said we keep the harbour road open all year');
    // Fewer than 10 carriers: the commit may add one, and did.
    expect(await memo.article().search(P, 10)).toEqual(['a1', 'a2']);
    expect(store.asked).toBe(2);
  });

  it('keeps a full answer across later commits, which cannot change it', async () => {
    const store = new PhraseStore();
    for (let i = 0; i < 3; i++) store.commit(`a${i}`, 'keep the harbour road open');
    const memo = new PhraseAnswers(store);
    expect(await memo.article().search(P, 3)).toEqual(['a0', 'a1', 'a2']);
    store.commit('a3', 'keep the harbour road open');
    const again = await memo.article().search(P, 3);
    expect(again).toEqual(store.fresh(P, 3));
    expect(store.asked).toBe(1);
    expect(memo.size).toBe(1);
    // Another limit is another question.
    expect(await memo.article().search(P, 4)).toEqual(['a0', 'a1', 'a2', 'a3']);
    expect(store.asked).toBe(2);
  });

  it('asks once for a phrase one article repeats, full or not', async () => {
    const store = new PhraseStore();
    store.commit('a1', 'keep the harbour road open');
    const memo = new PhraseAnswers(store);
    const one = memo.article();
    expect(await one.search(P, 10)).toEqual(['a1']);
    expect(await one.search(P, 10)).toEqual(['a1']);
    expect(store.asked).toBe(1);
  });

  it('forgets every answer when the store lost writes', async () => {
    const store = new PhraseStore();
    store.commit('a0', 'keep the harbour road open');
    store.commit('a1', 'keep the harbour road open');
    const memo = new PhraseAnswers(store);
    expect(await memo.article().search(P, 2)).toEqual(['a0', 'a1']);
    // a1's group is lost, and another article stored in its place: the full answer named a1.
    store.lose(1);
    expect(await memo.article().search(P, 2)).toEqual(['a0']);
    store.commit('b1', 'keep the harbour road open');
    expect(await memo.article().search(P, 2)).toEqual(['a0', 'b1']);
    expect(store.asked).toBe(3);
  });

  it('gives the store\'s answer for random commits and look-ups', async () => {
    // Seeded pseudo-random words from a small vocabulary, so phrases repeat and carriers pile up past the limit.
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor(seed / 65536) % n;
    };
    const vocab = ['road', 'open', 'ferry', 'back', 'the', 'harbour', 'spring', 'until', 'service', 'next', 'keep', 'year'];
    const phraseOf = (): string[][] => {
      const parts = 1 + rand(2);
      return Array.from({ length: parts }, () => Array.from({ length: 1 + rand(2) }, () => vocab[rand(vocab.length)]!));
    };
    const store = new PhraseStore();
    const memo = new PhraseAnswers(store);
    let looks = 0;
    for (let step = 0; step < 600; step++) {
      const one = memo.article();
      for (let q = rand(4); q > 0; q--) {
        const phrases = phraseOf();
        const limit = 1 + rand(6);
        expect(await one.search(phrases, limit)).toEqual(store.fresh(phrases, limit));
        looks++;
      }
      if (rand(10) === 0 && store.articles.length > 2) store.lose(1 + rand(2));
      else store.commit(`a${step}`, Array.from({ length: 6 }, () => vocab[rand(vocab.length)]!).join(' '));
    }
    // Not vacuous: some look-ups were answered from memory, and most were asked.
    expect(store.asked).toBeLessThan(looks);
    expect(store.asked).toBeGreaterThan(looks / 4);
  });
});

describe('linkQuoteStatements phrase answers', () => {
  const TEXT = 'we will keep the harbour road open until the ferry is back in service next spring';
  const quote = (text: string): Quote => ({ start: 0, end: text.length, text, kind: 'direct', cue: { start: 0, end: 4, text: 'said', stance: 'neutral' }, speaker: { start: 0, end: 2, text: 'he', entityId: null, name: null } });
  const article = (id: string, quotes: Quote[]): Article => ({ id, publishedAt: '2025-06-01', quotes }) as unknown as Article;
  const storeOf = (phrases: PhraseStore, ofArticles: string[][]): Store =>
    ({
      statementsBySpeakers: async () => [],
      statementsOfArticles: async (ids: string[]) => {
        ofArticles.push(ids);
        return [];
      },
      clusterHead: () => phrases.clusterHead(),
      holdWrites: phrases.holdWrites,
      searchPhraseArticleIds: (p: readonly (readonly string[])[], limit: number) => phrases.searchPhraseArticleIds(p, limit),
    }) as unknown as Store;

  it('finds the carrier committed between two articles quoting the same words', async () => {
    const phrases = new PhraseStore();
    const ofArticles: string[][] = [];
    const store = storeOf(phrases, ofArticles);
    await linkQuoteStatements(store, new PreparedCache(), article('a-1', [quote(TEXT), quote(TEXT)]), new Map());
    // The same quote twice in one article: one look-up, nothing carries it yet.
    expect(phrases.asked).toBe(1);
    expect(ofArticles).toEqual([]);
    phrases.commit('a-1', `he said ${TEXT}`);
    await linkQuoteStatements(store, new PreparedCache(), article('a-2', [quote(TEXT)]), new Map());
    expect(phrases.asked).toBe(2);
    expect(ofArticles).toEqual([['a-1']]);
  });

  it('does not ask again for words ten earlier articles carry', async () => {
    const phrases = new PhraseStore();
    const ofArticles: string[][] = [];
    const store = storeOf(phrases, ofArticles);
    for (let i = 0; i < 10; i++) phrases.commit(`c${i}`, TEXT);
    await linkQuoteStatements(store, new PreparedCache(), article('a-1', [quote(TEXT)]), new Map());
    phrases.commit('a-1', TEXT);
    await linkQuoteStatements(store, new PreparedCache(), article('a-2', [quote(TEXT)]), new Map());
    expect(phrases.asked).toBe(1);
    const first10 = Array.from({ length: 10 }, (_, i) => `c${i}`);
    expect(ofArticles).toEqual([first10, first10]);
  });
});
