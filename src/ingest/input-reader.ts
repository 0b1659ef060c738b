/**
 * Reading inputs from the file system and stdin (an I/O edge). Yields one item
 * per input document: a decoded RawDocument, or a refusal with a reason code.
 * Nothing is dropped silently: unknown file types are refused too.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { gunzipSync } from 'node:zlib';
import type { RawDocument, ReasonCode } from '../model/types.js';
import { decodeBytes } from './decode.js';

export type InputItem =
  | { ok: true; doc: RawDocument }
  | { ok: false; source: string; reason: ReasonCode; detail?: string };

export interface ReadLimits {
  /** Largest accepted document (bytes, after decompression). */
  maxDocumentBytes: number;
}

export const DEFAULT_LIMITS: ReadLimits = { maxDocumentBytes: 10 * 1024 * 1024 };

type FileKind = 'text' | 'html' | 'json' | 'jsonl' | 'warc';

export function classifyPath(file: string): { kind: FileKind; gzip: boolean } | null {
  const lower = file.toLowerCase();
  const gzip = lower.endsWith('.gz');
  const base = gzip ? lower.slice(0, -3) : lower;
  const ext = path.extname(base);
  if (ext === '.warc') return { kind: 'warc', gzip };
  if (ext === '.txt' || ext === '.text') return { kind: 'text', gzip };
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return { kind: 'html', gzip };
  if (ext === '.jsonl' || ext === '.ndjson') return { kind: 'jsonl', gzip };
  if (ext === '.json') return { kind: 'json', gzip };
  return null;
}

/** An argument that names a page on the web rather than a file. */
export function isWebAddress(arg: string): boolean {
  return /^https?:\/\//i.test(arg);
}

function refuse(source: string, reason: ReasonCode, detail?: string): InputItem {
  return detail === undefined ? { ok: false, source, reason } : { ok: false, source, reason, detail };
}

/** Turns decoded content into a RawDocument, refusing empty input. */
export function makeDocument(source: string, kind: 'text' | 'html' | 'stdin', bytes: Uint8Array, opts: { verbatim?: boolean; url?: string }): InputItem {
  const isHtml = kind === 'html';
  const decoded = decodeBytes(bytes, { html: isHtml });
  if (!decoded.ok) return refuse(source, decoded.reason, decoded.detail);
  const content = decoded.value.text;
  if (content.trim().length === 0) return refuse(source, 'empty-input');
  const html = isHtml || (kind === 'stdin' && /^\s*</.test(content));
  const doc: RawDocument = {
    source,
    kind: html ? 'html' : kind === 'stdin' ? 'stdin' : 'text',
    contentType: html ? 'text/html' : 'text/plain',
    content,
    encoding: { charset: decoded.value.charset, basis: decoded.value.basis },
  };
  if (opts.verbatim) doc.verbatim = true;
  if (opts.url) doc.url = opts.url;
  return { ok: true, doc };
}

const RECORD_FIELDS = ['url', 'title', 'publishedAt', 'outlet', 'language'] as const;

/** One JSON record (`{text|html, url?, title?, publishedAt?, outlet?}`) to a RawDocument. */
export function recordToItem(source: string, value: unknown, limits: ReadLimits, verbatim: boolean): InputItem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return refuse(source, 'invalid-json', 'a record must be a JSON object');
  const rec = value as Record<string, unknown>;
  const html = typeof rec['html'] === 'string' ? rec['html'] : null;
  const text = typeof rec['text'] === 'string' ? rec['text'] : null;
  const content = text ?? html;
  if (content === null) return refuse(source, 'missing-content', 'the JSON record has neither a "text" nor an "html" string field');
  if (content.trim().length === 0) return refuse(source, 'empty-input');
  if (Buffer.byteLength(content) > limits.maxDocumentBytes) return refuse(source, 'too-large', `record exceeds ${limits.maxDocumentBytes} bytes`);
  const doc: RawDocument = {
    source,
    kind: 'json',
    contentType: text !== null ? 'text/plain' : 'text/html',
    content,
  };
  for (const field of RECORD_FIELDS) {
    const v = rec[field];
    if (typeof v === 'string' && v.length > 0) doc[field] = v;
  }
  if (verbatim) doc.verbatim = true;
  return { ok: true, doc };
}

async function* readJsonLines(file: string, gzip: boolean, limits: ReadLimits, verbatim: boolean): AsyncGenerator<InputItem> {
  const lines = gzip
    ? gunzipSync(await readFile(file)).toString('utf8').split('\n')
    : createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim().length === 0) continue;
    const source = `${file}#${n}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      yield refuse(source, 'invalid-json', (err as Error).message);
      continue;
    }
    yield recordToItem(source, value, limits, verbatim);
  }
}

async function readBytes(file: string, gzip: boolean, limits: ReadLimits): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: ReasonCode; detail?: string }> {
  try {
    const raw = await readFile(file);
    if (!gzip) return { ok: true, bytes: raw };
    const bytes = gunzipSync(raw, { maxOutputLength: limits.maxDocumentBytes + 1 });
    if (bytes.length > limits.maxDocumentBytes) return { ok: false, reason: 'too-large', detail: 'decompressed size exceeds the limit' };
    return { ok: true, bytes };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || code === 'ERR_OUT_OF_RANGE') return { ok: false, reason: 'too-large', detail: 'decompressed size exceeds the limit' };
    return { ok: false, reason: 'unreadable', detail: (err as Error).message };
  }
}

export interface ReadOptions {
  limits?: ReadLimits;
  verbatim?: boolean;
  url?: string;
  /** Reads WARC archives; injected so the reader stays independent of the WARC module. */
  readWarc?: (file: string) => AsyncIterable<InputItem>;
  /** Fetches an `http(s)://` argument; injected so the reader stays independent of the network. */
  fetchUrl?: (url: string) => Promise<InputItem>;
  stdin?: () => Promise<Uint8Array>;
}

async function* readFileItem(file: string, opts: ReadOptions): AsyncGenerator<InputItem> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const cls = classifyPath(file);
  if (!cls) {
    yield refuse(file, 'unsupported-type', `unknown extension "${path.extname(file)}"`);
    return;
  }
  if (cls.kind === 'warc') {
    if (!opts.readWarc) {
      yield refuse(file, 'unsupported-type', 'WARC reading is not available in this command');
      return;
    }
    yield* opts.readWarc(file);
    return;
  }
  if (cls.kind === 'jsonl') {
    yield* readJsonLines(file, cls.gzip, limits, opts.verbatim ?? false);
    return;
  }
  const info = await stat(file);
  if (info.size === 0) {
    yield refuse(file, 'empty-input');
    return;
  }
  if (!cls.gzip && info.size > limits.maxDocumentBytes) {
    yield refuse(file, 'too-large', `${info.size} bytes; the limit is ${limits.maxDocumentBytes}`);
    return;
  }
  const read = await readBytes(file, cls.gzip, limits);
  if (!read.ok) {
    yield refuse(file, read.reason, read.detail);
    return;
  }
  if (cls.kind === 'json') {
    const decoded = decodeBytes(read.bytes, { html: false });
    if (!decoded.ok) {
      yield refuse(file, decoded.reason, decoded.detail);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(decoded.value.text);
    } catch (err) {
      yield refuse(file, 'invalid-json', (err as Error).message);
      return;
    }
    const records = Array.isArray(value) ? value : [value];
    for (const [i, rec] of records.entries()) yield recordToItem(records.length > 1 ? `${file}#${i + 1}` : file, rec, limits, opts.verbatim ?? false);
    return;
  }
  const docOpts: { verbatim?: boolean; url?: string } = {};
  if (opts.verbatim) docOpts.verbatim = true;
  if (opts.url) docOpts.url = opts.url;
  yield makeDocument(file, cls.kind, read.bytes, docOpts);
}

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(full);
    else if (e.isFile()) yield full;
  }
}

/** Reads every path (files, folders recursively, `-` for stdin, `http(s)://` addresses when `fetchUrl` is given), in a stable order. */
export async function* readInputs(paths: string[], opts: ReadOptions = {}): AsyncGenerator<InputItem> {
  for (const p of paths) {
    if (p === '-') {
      const bytes = opts.stdin ? await opts.stdin() : await readStdin();
      const text = new TextDecoder().decode(bytes.subarray(0, 64));
      if (/^\s*\{/.test(text)) {
        const decoded = decodeBytes(bytes, { html: false });
        if (!decoded.ok) {
          yield refuse('stdin', decoded.reason, decoded.detail);
          continue;
        }
        let n = 0;
        for (const line of decoded.value.text.split('\n')) {
          n++;
          if (line.trim().length === 0) continue;
          try {
            yield recordToItem(`stdin#${n}`, JSON.parse(line), opts.limits ?? DEFAULT_LIMITS, opts.verbatim ?? false);
          } catch (err) {
            yield refuse(`stdin#${n}`, 'invalid-json', (err as Error).message);
          }
        }
        continue;
      }
      const docOpts: { verbatim?: boolean; url?: string } = {};
      if (opts.verbatim) docOpts.verbatim = true;
      if (opts.url) docOpts.url = opts.url;
      yield makeDocument('stdin', 'stdin', bytes, docOpts);
      continue;
    }
    if (isWebAddress(p)) {
      yield opts.fetchUrl ? await opts.fetchUrl(p) : refuse(p, 'unsupported-type', 'this command does not fetch URLs');
      continue;
    }
    let info;
    try {
      info = await stat(p);
    } catch (err) {
      yield refuse(p, 'unreadable', (err as Error).message);
      continue;
    }
    if (info.isDirectory()) {
      for await (const file of walk(p)) {
        try {
          yield* readFileItem(file, opts);
        } catch (err) {
          yield refuse(file, 'unreadable', (err as Error).message);
        }
      }
    } else {
      try {
        yield* readFileItem(p, opts);
      } catch (err) {
        yield refuse(p, 'unreadable', (err as Error).message);
      }
    }
  }
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
