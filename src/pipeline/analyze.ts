/**
 * The analysis pipeline: the ONE place where the stage order lives.
 *
 *   extract (verbatim | text-cleaner | html) → sentences → entities → places
 *   → quotes → times → fingerprints
 *
 * Pure: takes a RawDocument, returns an Article or a reason. No I/O, no clock.
 */
import { contentHash, simhash64 } from '../dedup/index.js';
import { extractHtml } from '../extract/html/html-extractor.js';
import { parseDateline } from '../extract/dateline/dateline-parser.js';
import { cleanTextPage } from '../extract/text/text-page-cleaner.js';
import { detectLanguage } from '../extract/text/language-detect.js';
import { recognizeEntities } from '../enrich/entities/entity-recognizer.js';
import { resolvePlaces } from '../enrich/places/place-resolver.js';
import { extractQuotes } from '../enrich/quotes/quote-extractor.js';
import { linkPlacesToEntities } from '../enrich/places/place-linker.js';
import { splitSentences } from '../enrich/sentences/sentence-splitter.js';
import { extractTimes } from '../enrich/times/time-expressions.js';
import type { Article, ArticleId, ExtractedArticle, ExtractHints, Paragraph, RawDocument, Result } from '../model/types.js';

/** Shortest article body worth analysing (characters). */
export const MIN_TEXT = 80;

export function hintsOf(raw: RawDocument): ExtractHints {
  const hints: ExtractHints = { source: raw.source };
  if (raw.url) hints.url = raw.url;
  if (raw.title) hints.title = raw.title;
  if (raw.publishedAt) hints.publishedAt = raw.publishedAt;
  if (raw.outlet) hints.outlet = raw.outlet;
  if (raw.language) hints.language = raw.language;
  if (raw.capturedAt) hints.capturedAt = raw.capturedAt;
  return hints;
}

function paragraphsOf(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  let start = 0;
  for (const m of text.matchAll(/\n\s*\n/g)) {
    if (m.index > start) out.push({ start, end: m.index, kind: 'p' });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ start, end: text.length, kind: 'p' });
  return out;
}

/** `--verbatim`: the input is the article body; every offset indexes it exactly. */
export function extractVerbatim(raw: RawDocument): Result<ExtractedArticle> {
  const text = raw.content;
  if (text.trim().length === 0) return { ok: false, reason: 'empty-input' };
  const dateline = parseDateline(text);
  const hasDate = raw.publishedAt !== undefined;
  return {
    ok: true,
    value: {
      title: raw.title ?? null,
      outlet: raw.outlet ?? null,
      url: raw.url ?? null,
      byline: null,
      publishedAt: raw.publishedAt ?? null,
      dateConfidence: hasDate ? 'high' : 'none',
      dateSource: hasDate ? 'record' : null,
      dates: [],
      dateline: dateline
        ? { place: dateline.place, agency: dateline.agency, day: dateline.day, text: dateline.text, start: dateline.start, end: dateline.end }
        : null,
      wire: dateline?.agency != null && dateline.agency !== raw.outlet,
      language: raw.language ?? detectLanguage(text),
      text,
      paragraphs: paragraphsOf(text),
      removed: [],
      method: 'verbatim',
    },
  };
}

/** Picks the extractor for the input and applies what the container record asserts. */
export function extract(raw: RawDocument): Result<ExtractedArticle> {
  if (raw.verbatim) return extractVerbatim(raw);
  const hints = hintsOf(raw);
  const result = raw.contentType === 'text/html' ? extractHtml(raw.content, hints) : cleanTextPage(raw.content, hints);
  if (!result.ok) return result;
  const a = { ...result.value };
  // A record's own fields (JSON lines, feeds) are assertions by the source: they win.
  if (raw.title) a.title = raw.title;
  if (raw.outlet) a.outlet = raw.outlet;
  if (raw.url) a.url ??= raw.url;
  if (raw.publishedAt) {
    a.publishedAt = raw.publishedAt;
    a.dateConfidence = 'high';
    a.dateSource = `record:${raw.kind}`;
  }
  return { ok: true, value: a };
}

/** ISO day of a publication date when the year is known (`2021-05-27…`), else null. */
export function referenceDay(publishedAt: string | null): string | null {
  return publishedAt && /^\d{4}-\d{2}-\d{2}/.test(publishedAt) ? publishedAt.slice(0, 10) : null;
}

export function articleIdOf(hash: string): ArticleId {
  return `a${hash.slice(0, 15)}` as ArticleId;
}

/** Choices a user can make about the analysis. */
export interface AnalysisOptions {
  /**
   * Which attributions count as quotes: 'speech' (default, what the store keeps): who said or believes what;
   * 'all': PolNeAR's full definition, which adds generic attributions ("the Commission opened …",
   * "a poll showed …") and questions put to someone (docs/benchmarks/quotes.md has both scores).
   */
  attributions?: 'speech' | 'all';
}

/** Runs every enrichment stage on an extracted article. */
export function enrich(source: string, x: ExtractedArticle, options: AnalysisOptions = {}): Article {
  const text = x.text;
  const sentences = splitSentences(text);
  const exclude = x.dateline ? [{ start: x.dateline.start, end: x.dateline.end }] : [];
  const { mentions, entities } = recognizeEntities(text, sentences, { exclude });
  const { places, descriptions } = resolvePlaces(text, mentions, { dateline: x.dateline });
  // LOC entities get the GeoNames id their mentions resolved to, and descriptions ("Armenia's southernmost region") as aliases.
  const entityTable = linkPlacesToEntities(entities, mentions, places, descriptions);
  // Speech scope by default: who said (or believes) what. The wider PolNeAR scope also counts generic
  // attributions ("the Commission opened…"), which read badly as quotes in the store's views.
  const scope = options.attributions === 'all' ? 'all' : 'speech';
  const quotes = extractQuotes(text, sentences, mentions, entities, { outlet: x.outlet, exclude, scope });
  const times = extractTimes(text, { date: referenceDay(x.publishedAt) }, sentences);
  const hash = contentHash(text);
  return {
    ...x,
    id: articleIdOf(hash),
    source,
    contentHash: hash,
    sentences,
    entities: mentions,
    entityTable,
    quotes,
    places,
    times,
    simhash: simhash64(text),
  };
}

/** The whole analysis of one input document. */
export function analyzeDocument(raw: RawDocument, options: AnalysisOptions = {}): Result<Article> {
  const extracted = extract(raw);
  if (!extracted.ok) return extracted;
  if (extracted.value.text.trim().length < MIN_TEXT && !raw.verbatim) {
    return { ok: false, reason: 'too-short', detail: `${extracted.value.text.trim().length} characters of article text` };
  }
  return { ok: true, value: enrich(raw.source, extracted.value, options) };
}
