/**
 * The cross-speaker look-up of `linkQuoteStatements`: a quote's middle six words, as a phrase, find the articles
 * carrying it, and their statements become candidates (the same words under another or an unnamed speaker).
 */
import { describe, expect, it } from 'vitest';
import { linkQuoteStatements, middlePhrases } from '../../src/pipeline/quote-statements.js';
import { PreparedCache } from '../../src/pipeline/statement-link.js';
import type { Article, ArticleId, Quote } from '../../src/model/types.js';
import type { StatementRecord, Store } from '../../src/store/store-port.js';

const TEXT = 'we will keep the harbour road open until the ferry is back in service next spring';
const known: StatementRecord & { renderings: string[] } = {
  id: 'st-known',
  speaker: 'he',
  speakerEntityId: null,
  text: TEXT,
  kind: 'direct',
  stance: 'neutral',
  firstArticleId: 'a-first' as ArticleId,
  firstDate: '2025-05-01',
  renderings: [TEXT],
};

function quote(text: string, kind: Quote['kind'] = 'direct'): Quote {
  return { start: 0, end: text.length, text, kind, cue: { start: 0, end: 4, text: 'said', stance: 'neutral' }, speaker: { start: 0, end: 2, text: 'he', entityId: null, name: null } };
}

function article(quotes: Quote[]): Article {
  return { id: 'a-new', publishedAt: '2025-06-01', quotes } as unknown as Article;
}

/** A store whose phrase look-up finds `a-first` for the quote's middle words; `asked` records every look-up. */
function store(asked: unknown[][], phrase = true): Store {
  const s: Partial<Store> = {
    statementsBySpeakers: async () => [],
    statementsOfArticles: async (ids: string[]) => (ids.includes('a-first') ? [known] : []),
    searchArticleIds: async (query: string, limit: number) => {
      asked.push(['words', query, limit]);
      return [];
    },
  };
  if (phrase) {
    s.searchPhraseArticleIds = async (phrases: readonly (readonly string[])[], limit: number) => {
      asked.push(['phrase', phrases.map((p) => [...p]), limit]);
      return phrases.map((p) => p.join(' ')).join(' | ') === 'road open until the ferry is' ? ['a-first' as ArticleId] : [];
    };
  }
  return s as Store;
}

describe('linkQuoteStatements cross-speaker look-up', () => {
  it('links a repeated quote to the statement of the article carrying its middle phrase', async () => {
    const asked: unknown[][] = [];
    const r = await linkQuoteStatements(store(asked), new PreparedCache(), article([quote(TEXT), quote('short one here'), quote(TEXT, 'indirect')]), new Map());
    // One look-up: short and indirect quotes are not searched; the middle six words of 17, as a phrase.
    expect(asked).toEqual([['phrase', [['road', 'open', 'until', 'the', 'ferry', 'is']], 10]]);
    expect(r.quoteStatements[0]).toEqual({ statementId: 'st-known', match: 'verbatim' });
    // The known statement keeps its first article (it is not re-declared by the later one).
    expect(r.statements.find((s) => s.id === 'st-known')).toBeUndefined();
  });

  it('falls back to every word when the store has no phrase look-up', async () => {
    const asked: unknown[][] = [];
    const r = await linkQuoteStatements(store(asked, false), new PreparedCache(), article([quote(TEXT)]), new Map());
    expect(asked).toEqual([['words', 'road open until the ferry is', 10]]);
    expect(r.quoteStatements[0]!.match).toBe('first');
  });

  it('splits the six words where the parts of an interrupted quote meet', () => {
    // "We will keep the harbour road open," he said, "until the ferry is back." — the text joins the parts.
    const first = 'We will keep the harbour road open,';
    const second = 'until the ferry is back.';
    const parts = [
      { start: 1, end: 1 + first.length },
      { start: 50, end: 50 + second.length },
    ];
    expect(middlePhrases({ text: `${first} ${second}`, parts })).toEqual([
      ['the', 'harbour', 'road', 'open'],
      ['until', 'the'],
    ]);
    // One part, or parts that do not add up to the text: one phrase, as before.
    expect(middlePhrases({ text: `${first} ${second}` })).toEqual([['the', 'harbour', 'road', 'open', 'until', 'the']]);
    expect(middlePhrases({ text: `${first} ${second}`, parts: [parts[0]!, { start: 50, end: 52 }] })).toEqual([['the', 'harbour', 'road', 'open', 'until', 'the']]);
    expect(middlePhrases({ text: 'only seven words in this short quote' })).toEqual([]);
  });
});
