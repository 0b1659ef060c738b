/**
 * A synthetic corpus for the worker tests and the Postgres ingest benchmark:
 * `stories` stories of `perStory` articles, each text drawn from a fixed
 * vocabulary with a seeded generator (distinct enough that no two are
 * near-duplicates), plus the pipeline steps and a clusterer for it.
 */
import type { Article, ArticleId, RawDocument, Result } from '../../src/model/types.js';
import type { ClusterEngine } from '../../src/store/postgres/cluster-engine.js';
import { contentHash, simhash64 } from '../../src/dedup/index.js';

const WORDS = (
  'border talks minister ministry envoy commission summit ceasefire treaty village road bridge river mountain convoy ' +
  'delegation statement briefing agency parliament election vote budget harvest drought flood railway pipeline gas oil ' +
  'trade tariff export import market currency bank loan school hospital doctor teacher student court judge lawyer police ' +
  'protest square crowd banner march strike union factory worker mine port ship cargo airport flight pilot weather storm ' +
  'snow spring summer autumn winter morning evening night capital province district region valley plateau lake coast'
).split(' ');

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    s ^= s + Math.imul(s ^ (s >>> 7), 61);
    return ((s ^ (s >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticDocs(stories: number, perStory: number): RawDocument[] {
  const docs: RawDocument[] = [];
  for (let s = 0; s < stories; s++) {
    for (let k = 0; k < perStory; k++) {
      const r = rng(s * 100_003 + k * 7919 + 1);
      const words = Array.from({ length: 80 }, () => WORDS[Math.floor(r() * WORDS.length)] ?? 'news');
      const title = `story${s} report ${k}`;
      docs.push({
        source: `synthetic/${s}/${k}`,
        kind: 'text',
        contentType: 'text/plain',
        content: `${title}\n\n${words.join(' ')}.`,
        outlet: `Outlet ${k % 7}`,
        url: `https://synthetic.example/${s}/${k}`,
      });
    }
  }
  return docs;
}

/** A few milliseconds of real work per step so that a killed worker dies mid-job. */
function burn(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    /* spin */
  }
}

export const syntheticSteps = {
  extract(doc: RawDocument): Result<{ title: string; text: string }> {
    burn(2);
    const [title, ...rest] = doc.content.split('\n\n');
    const text = rest.join('\n\n').trim();
    if (text === '') return { ok: false, reason: 'no-article' };
    return { ok: true, value: { title: title ?? '', text } };
  },
  enrich(doc: RawDocument, extracted: unknown): Result<Article> {
    burn(2);
    const { title, text } = extracted as { title: string; text: string };
    const article: Article = {
      id: `a_${contentHash(doc.source).slice(0, 16)}` as ArticleId,
      source: doc.source,
      contentHash: contentHash(text),
      simhash: simhash64(text),
      title,
      outlet: doc.outlet ?? null,
      url: doc.url ?? null,
      byline: null,
      publishedAt: '2024-03-01',
      dateConfidence: 'high',
      dateSource: 'synthetic',
      dates: [],
      dateline: null,
      wire: false,
      language: 'en',
      text,
      paragraphs: [{ start: 0, end: text.length, kind: 'p' }],
      removed: [],
      method: 'synthetic',
      sentences: [{ start: 0, end: text.length }],
      entities: [],
      entityTable: [],
      quotes: [],
      places: [],
      times: [],
    };
    return { ok: true, value: article };
  },
};

/**
 * Clusters by the `storyN` token of the title. The event id is the id of the
 * first article seen for the story, so two workers assigning without a shared
 * lock and state would open two different events for one story.
 */
export function storyKeyEngine(): ClusterEngine {
  let events: Record<string, string> = {};
  return {
    load: (s) => void (events = { ...((s as Record<string, string> | null) ?? {}) }),
    assign(doc) {
      const key = /story\d+/.exec(doc.title ?? '')?.[0] ?? doc.id;
      const existing = events[key];
      if (existing !== undefined) return { eventId: existing, storylineId: `sl_${key}`, isNewEvent: false, reason: `same story key ${key}` };
      const id = `ev_${doc.id}`;
      events[key] = id;
      return { eventId: id, storylineId: `sl_${key}`, isNewEvent: true, reason: `first article of ${key}` };
    },
    snapshot: () => events,
  };
}
