/** Builds analysed articles from short texts we write ourselves (no pipeline needed). */
import type { Article, ArticleId, Entity, EntityMention, Quote, RawDocument } from '../../src/model/types.js';
import { contentHash, simhash64 } from '../../src/dedup/index.js';

export interface ArticleSpec {
  id: string;
  title: string;
  text: string;
  outlet?: string;
  url?: string | null;
  publishedAt?: string | null;
  language?: string;
  /** Names (PERSON) mentioned once each at their first occurrence in the text. */
  people?: string[];
  quote?: { text: string; speaker: string };
  wire?: boolean;
}

/** An analysed input as the worker's store step receives it. */
export interface AnalysedInput {
  raw: RawDocument;
  article: Article;
}

export function makeWrite(spec: ArticleSpec): AnalysedInput {
  const entities: EntityMention[] = [];
  const table: Entity[] = [];
  for (const [i, name] of (spec.people ?? []).entries()) {
    const start = Math.max(0, spec.text.indexOf(name));
    entities.push({ start, end: start + name.length, text: name, type: 'PERSON', entityId: `d${i}`, name });
    table.push({ id: `d${i}`, name, type: 'PERSON', aliases: [], roles: [] });
  }
  const quotes: Quote[] = [];
  if (spec.quote !== undefined) {
    const qs = Math.max(0, spec.text.indexOf(spec.quote.text));
    const speakerIdx = (spec.people ?? []).indexOf(spec.quote.speaker);
    quotes.push({
      start: qs,
      end: qs + spec.quote.text.length,
      text: spec.quote.text,
      kind: 'direct',
      cue: { start: 0, end: 4, text: 'said', stance: 'neutral' },
      speaker: { start: 0, end: spec.quote.speaker.length, text: spec.quote.speaker, entityId: speakerIdx >= 0 ? `d${speakerIdx}` : null, name: spec.quote.speaker },
    });
  }
  const article: Article = {
    id: spec.id as ArticleId,
    source: `test:${spec.id}`,
    contentHash: contentHash(spec.text),
    simhash: simhash64(spec.text),
    title: spec.title,
    outlet: spec.outlet ?? 'Test Outlet',
    url: spec.url === undefined ? `https://news.example/${spec.id}` : spec.url,
    byline: null,
    publishedAt: spec.publishedAt === undefined ? '2021-05-27' : spec.publishedAt,
    dateConfidence: 'high',
    dateSource: 'test',
    dates: [],
    dateline: null,
    wire: spec.wire ?? false,
    language: spec.language ?? 'en',
    text: spec.text,
    paragraphs: [{ start: 0, end: spec.text.length, kind: 'p' }],
    removed: [],
    method: 'test',
    sentences: [{ start: 0, end: spec.text.length }],
    entities,
    entityTable: table,
    quotes,
    places: [],
    times: [],
  };
  const raw: RawDocument = { source: `test:${spec.id}`, kind: 'text', contentType: 'text/plain', content: spec.text };
  return { raw, article };
}
