/**
 * A fetched page as the analysis reads it: its bytes decoded (the charset the
 * server declared, else what the page says or what the bytes show) into a
 * RawDocument of the fetch's final address. One way for every path that fetches
 * pages (feed items, queued URLs). Pure.
 */
import { decodeBytes } from '../ingest/decode.js';
import type { RawDocument, Result } from '../model/types.js';
import type { FetchResponse } from './safe-fetcher.js';

/** The charset a Content-Type header declares (`text/html; charset=windows-1251`), or null. */
export function declaredCharset(headers: Readonly<Record<string, string>>): string | null {
  return /charset=["']?([A-Za-z0-9._-]{1,40})/i.exec(headers['content-type'] ?? '')?.[1] ?? null;
}

/** What the fetching path knows of the page beyond its bytes (a feed item's title and date, a job's outlet…). */
export type FetchedFields = Partial<Pick<RawDocument, 'outlet' | 'language' | 'title' | 'publishedAt' | 'capturedAt'>>;

/** The page as a RawDocument of `kind`, or the decoder's reason (binary content, undecodable bytes). */
export function fetchedDocument(res: FetchResponse, kind: RawDocument['kind'], fields: FetchedFields = {}): Result<RawDocument> {
  const isHtml = res.contentType !== 'text/plain';
  const decoded = decodeBytes(res.body, { html: isHtml, declaredCharset: declaredCharset(res.headers) });
  if (!decoded.ok) return decoded;
  const doc: RawDocument = {
    source: res.url,
    kind,
    contentType: isHtml ? 'text/html' : 'text/plain',
    content: decoded.value.text,
    encoding: { charset: decoded.value.charset, basis: decoded.value.basis },
    url: res.url,
  };
  for (const k of ['outlet', 'language', 'title', 'publishedAt', 'capturedAt'] as const) {
    const v = fields[k];
    if (v !== undefined) doc[k] = v;
  }
  return { ok: true, value: doc };
}
