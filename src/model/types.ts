/**
 * The Storyline data model, in one place.
 *
 * Every stage takes and returns these values. `docs/schema.json` is generated
 * from this file (`npm run schema`) and a test checks that it is up to date.
 * Offsets are JavaScript string indices (UTF-16 code units) into
 * `Article.text`, end exclusive.
 */

/** Nominal ids so that a StoryId cannot be passed where an ArticleId is expected. */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type ArticleId = Brand<string, 'ArticleId'>;
export type EntityId = Brand<string, 'EntityId'>;
export type EventId = Brand<string, 'EventId'>;
export type StorylineId = Brand<string, 'StorylineId'>;
export type OutletId = Brand<string, 'OutletId'>;
export type StatementId = Brand<string, 'StatementId'>;

/** How an input entered the system. */
export type SourceKind = 'text' | 'html' | 'json' | 'stdin' | 'url' | 'feed' | 'warc';

/**
 * One input document before extraction: decoded text plus what its container
 * told us. Produced by the ingest readers (files, stdin, JSON lines, feeds, WARC).
 */
export interface RawDocument {
  /** Where it came from: a file path, `path#line`, `stdin`, a URL or `warc#offset`. */
  source: string;
  kind: SourceKind;
  /** `text/plain` for scraped text pages, `text/html` for HTML. */
  contentType: 'text/plain' | 'text/html';
  /** The decoded content. */
  content: string;
  /** The charset used to decode the bytes and how it was chosen. */
  encoding?: { charset: string; basis: 'bom' | 'http-header' | 'meta' | 'detected' | 'utf8-valid' | 'declared' };
  /** Optional metadata that came with the record (JSON/feeds/WARC). */
  url?: string;
  title?: string;
  publishedAt?: string;
  outlet?: string;
  language?: string;
  /** When the page was captured (WARC-Date, feed fetch time, file mtime is NOT used). */
  capturedAt?: string;
  /** `--verbatim`: the content is already the article body; no cleaning. */
  verbatim?: boolean;
}

export type DateConfidence = 'high' | 'medium' | 'low' | 'none';

/** Where a date value came from; free text after the colon records the basis. */
export type DateSource = string;

/** A date found on a page, with the role it plays. */
export interface DateFinding {
  /** ISO 8601 as precise as known: `2021-05-27T09:24`, `2021-05-27`, `--06-04` (month-day, year unknown). */
  value: string;
  text: string;
  role: 'article' | 'modified' | 'page' | 'capture' | 'sidebar' | 'mentioned';
  source: DateSource;
  /** Offsets into the original raw content (not the cleaned text), when known. */
  rawStart?: number;
  rawEnd?: number;
}

export interface Dateline {
  /** The place as written, e.g. `Yerevan` (normalised case). */
  place: string | null;
  /** The wire agency credited, e.g. `TASS`, `AP`, `Reuters`. */
  agency: string | null;
  /** Day as `--MM-DD` when the dateline gives only month and day; ISO date when it gives a year. */
  day: string | null;
  /** The dateline exactly as it appears at the start of the text. */
  text: string;
  /** Offsets of the dateline within `Article.text`. */
  start: number;
  end: number;
}

/** A block of removed page chrome, kept so users can see what was dropped and why. */
export interface RemovedBlock {
  text: string;
  reason: BoilerplateReason;
}

export type BoilerplateReason =
  | 'nav'
  | 'sidebar-list'
  | 'appeal'
  | 'related'
  | 'caption'
  | 'logo'
  | 'footer'
  | 'header'
  | 'title'
  | 'subtitle'
  | 'byline'
  | 'date'
  | 'share'
  | 'other';

export interface Paragraph {
  start: number;
  end: number;
  kind: 'p' | 'h' | 'li' | 'blockquote' | 'pre';
}

/** Extraction output, before enrichment. */
export interface ExtractedArticle {
  title: string | null;
  subtitle?: string | null;
  outlet: string | null;
  url: string | null;
  canonicalUrl?: string | null;
  byline: string | null;
  authors?: string[];
  publishedAt: string | null;
  dateConfidence: DateConfidence;
  dateSource: DateSource | null;
  modifiedAt?: string | null;
  dates: DateFinding[];
  dateline: Dateline | null;
  /** True when the text is identified as wire copy (a credited agency that is not the outlet). */
  wire: boolean;
  language: string | null;
  leadImage?: string | null;
  text: string;
  paragraphs: Paragraph[];
  removed: RemovedBlock[];
  /** Which method produced the text, e.g. `text-cleaner`, `html-scorer`, `readability-fallback`, `verbatim`. */
  method: string;
}

export type EntityType = 'PERSON' | 'ORG' | 'LOC' | 'MISC';

export interface EntityMention {
  start: number;
  end: number;
  text: string;
  type: EntityType;
  /** Document-local id until the store assigns a corpus-wide one. */
  entityId: string;
  /** Canonical name of the entity the mention refers to. */
  name: string;
}

export interface EntityRole {
  /** e.g. `spokesperson`, `ambassador`, `governor`. */
  role: string;
  /** e.g. `Russian Foreign Ministry`, `Russia`. */
  affiliation?: string | null;
  /** e.g. `Yerevan` for "Ambassador to Yerevan". */
  postedTo?: string | null;
  /** The text the role was read from. */
  evidence: string;
}

export interface Entity {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  roles: EntityRole[];
  /** For LOC entities resolved to a gazetteer place. */
  geonameId?: number | null;
}

export type CueStance = 'neutral' | 'emphatic' | 'contested' | 'denial' | 'refusal' | 'promise' | 'warning';

export interface Quote {
  start: number;
  end: number;
  text: string;
  kind: 'direct' | 'indirect' | 'mixed';
  /** Content pieces when the quote is interrupted ("A," she said. "B.") or runs over paragraphs; `text` joins them with a space. */
  parts?: { start: number; end: number }[];
  cue: { start: number; end: number; text: string; stance: CueStance };
  speaker: {
    start: number;
    end: number;
    text: string;
    entityId: string | null;
    name: string | null;
    /** Anonymous sources: "a defence official" with the outlet told, when given. */
    anonymous?: boolean;
    via?: string | null;
    /** For an organisation speaking ("the embassy said in a statement"), the person the text names as its voice. */
    person?: string | null;
  } | null;
}

export interface PlaceMention {
  start: number;
  end: number;
  text: string;
  name: string;
  lat: number;
  lon: number;
  country: string | null;
  region?: string | null;
  geonameId: number | null;
}

export interface TimeExpression {
  start: number;
  end: number;
  text: string;
  /** ISO 8601 value as precise as the text allows; `--MM-DD` when no year is known; a season as `2020-FA`. */
  value: string;
}

export interface Sentence {
  start: number;
  end: number;
}

/** A fully analysed article: extraction plus enrichment. This is the `analyze --json` payload. */
export interface Article extends ExtractedArticle {
  id: ArticleId;
  source: string;
  contentHash: string;
  sentences: Sentence[];
  entities: EntityMention[];
  entityTable: Entity[];
  quotes: Quote[];
  places: PlaceMention[];
  times: TimeExpression[];
  /** 64-bit SimHash of the text, as 16 hex digits. */
  simhash: string;
}

export interface Outlet {
  id: OutletId;
  name: string;
  articleCount: number;
}

export interface Event {
  id: EventId;
  storylineId: StorylineId | null;
  label: string;
  summary: string;
  firstDate: string | null;
  lastDate: string | null;
  articleIds: ArticleId[];
  outlets: string[];
  keyEntities: string[];
}

export interface Storyline {
  id: StorylineId;
  label: string;
  eventIds: EventId[];
  firstDate: string | null;
  lastDate: string | null;
  keyEntities: string[];
}

/** The outcome of one input: every input ends up in exactly one of these. */
export type IngestOutcome =
  | { status: 'stored'; source: string; articleId: ArticleId }
  | { status: 'duplicate'; source: string; duplicateOf: ArticleId; reason: ReasonCode }
  | { status: 'rejected'; source: string; reason: ReasonCode; detail?: string };

/** Expected failures are values. See `reasons.ts` for the table. */
export type Result<T> = { ok: true; value: T } | { ok: false; reason: ReasonCode; detail?: string };

import type { ReasonCode } from './reasons.js';
export type { ReasonCode };

/** What the container told us about a document, passed to the extractors. */
export interface ExtractHints {
  source: string;
  url?: string;
  title?: string;
  publishedAt?: string;
  outlet?: string;
  language?: string;
  capturedAt?: string;
}
