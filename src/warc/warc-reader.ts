/**
 * Streams HTTP response records out of a `.warc` or `.warc.gz` file with
 * warcio. Records are parsed one at a time from a file stream, so a
 * multi-gigabyte archive never sits in memory; one record's body is capped
 * (`maxRecordBytes`) and an oversized record is reported, not buffered.
 */
import { createReadStream } from 'node:fs';
import { WARCParser } from 'warcio';
import type { RawDocument, ReasonCode, Result } from '../model/types.js';
import { decodeBytes } from '../ingest/decode.js';

export interface WarcResponse {
  url: string;
  /** WARC-Date: when the page was captured (ISO 8601). */
  date: string | null;
  /** HTTP Content-Type media type of the captured response, lower case, no parameters. */
  contentType: string;
  /** The charset named in the HTTP Content-Type, when any. */
  charset: string | null;
  status: number;
  /** The decoded payload (de-chunked and decompressed by warcio). */
  body: Uint8Array;
  /** Byte offset of the record in the file (compressed offset for .warc.gz): `source` is `file#offset`. */
  offset: number;
}

export type WarcItem =
  | { ok: true; record: WarcResponse }
  | { ok: false; offset: number; url: string | null; reason: ReasonCode; detail: string };

export interface WarcReadOptions {
  /** Largest decoded body kept; bigger records are reported `too-large`. Default 10 MiB. */
  maxRecordBytes?: number;
  /** Media types yielded as records. Default: HTML, XHTML and plain text. */
  contentTypes?: readonly string[];
  /**
   * Also yield refusals for responses that are not articles (images, scripts,
   * error statuses). Default false: a crawl holds thousands of those and they
   * are not inputs the user asked for.
   */
  reportSkipped?: boolean;
}

const DEFAULT_TYPES = ['text/html', 'application/xhtml+xml', 'text/plain'];

function mediaType(v: string | null | undefined): { type: string; charset: string | null } {
  const raw = v ?? '';
  const type = raw.split(';')[0]?.trim().toLowerCase() ?? '';
  const charset = /charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})/i.exec(raw)?.[1] ?? null;
  return { type, charset };
}

/** Reads response records from any byte source warcio accepts (a Node stream, an async iterable of chunks). */
export async function* readWarcStream(source: AsyncIterable<Uint8Array>, opts: WarcReadOptions = {}): AsyncGenerator<WarcItem> {
  const maxBytes = opts.maxRecordBytes ?? 10 * 1024 * 1024;
  const types = opts.contentTypes ?? DEFAULT_TYPES;
  const parser = new WARCParser(source);
  for (;;) {
    let record;
    try {
      record = await parser.parse();
    } catch (err) {
      yield { ok: false, offset: parser.offset, url: null, reason: 'unreadable', detail: `WARC: ${(err as Error).message}` };
      return; // the stream position is lost: nothing after this can be trusted
    }
    if (record === null) return;
    const offset = parser.offset;
    if (record.warcType !== 'response') {
      await record.skipFully();
      continue;
    }
    const url = record.warcTargetURI ?? null;
    const status = Number(record.httpHeaders?.statusCode ?? 0);
    const { type, charset } = mediaType(record.httpHeaders?.headers.get('content-type'));
    const skip = (reason: ReasonCode, detail: string): WarcItem => ({ ok: false, offset, url, reason, detail });
    if (url === null) {
      await record.skipFully();
      yield skip('fetch-bad-url', 'response record without WARC-Target-URI');
      continue;
    }
    if (status < 200 || status > 299 || !types.includes(type)) {
      await record.skipFully();
      if (opts.reportSkipped === true) {
        yield status < 200 || status > 299 ? skip('fetch-bad-status', `HTTP ${status}`) : skip('unsupported-type', type === '' ? 'no Content-Type' : type);
      }
      continue;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    let tooLarge = false;
    // Iterating the record yields the decoded payload chunk by chunk; past the cap the rest is drained, not kept.
    for await (const chunk of record) {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      else chunks.push(chunk);
    }
    if (tooLarge) {
      yield skip('too-large', `record body of ${size} bytes exceeds ${maxBytes}`);
      continue;
    }
    yield {
      ok: true,
      record: { url, date: record.warcDate ?? null, contentType: type, charset, status, body: Buffer.concat(chunks), offset },
    };
  }
}

/** Reads response records from a `.warc` / `.warc.gz` file (gzip members are detected by warcio). */
export function readWarcFile(path: string, opts: WarcReadOptions = {}): AsyncGenerator<WarcItem> {
  return readWarcStream(createReadStream(path, { highWaterMark: 256 * 1024 }), opts);
}

/** Turns one WARC response into the pipeline's input record (kind `warc`, source `file#offset`). */
export function warcResponseToDocument(file: string, rec: WarcResponse): Result<RawDocument> {
  const html = rec.contentType !== 'text/plain';
  const decoded = decodeBytes(rec.body, { html, declaredCharset: rec.charset });
  if (!decoded.ok) return decoded;
  if (decoded.value.text.trim() === '') return { ok: false, reason: 'empty-input' };
  const doc: RawDocument = {
    source: `${file}#${rec.offset}`,
    kind: 'warc',
    contentType: html ? 'text/html' : 'text/plain',
    content: decoded.value.text,
    encoding: { charset: decoded.value.charset, basis: decoded.value.basis },
    url: rec.url,
  };
  if (rec.date !== null) doc.capturedAt = rec.date;
  return { ok: true, value: doc };
}
