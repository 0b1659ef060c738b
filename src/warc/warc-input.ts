/**
 * WARC records as ingest inputs: plugs into `readInputs(paths, { readWarc })`
 * so `storyline ingest archive.warc.gz` streams one input per response record
 * (`source` = `file#offset`), each decoded, or refused with its reason.
 */
import type { InputItem } from '../ingest/input-reader.js';
import { readWarcFile, warcResponseToDocument, type WarcReadOptions } from './warc-reader.js';

export async function* readWarcInputs(file: string, opts: WarcReadOptions = {}): AsyncGenerator<InputItem> {
  for await (const item of readWarcFile(file, opts)) {
    if (!item.ok) {
      yield { ok: false, source: `${file}#${item.offset}`, reason: item.reason, detail: item.url === null ? item.detail : `${item.url}: ${item.detail}` };
      continue;
    }
    const doc = warcResponseToDocument(file, item.record);
    if (doc.ok) yield { ok: true, doc: doc.value };
    else yield { ok: false, source: `${file}#${item.record.offset}`, reason: doc.reason, ...(doc.detail !== undefined ? { detail: doc.detail } : {}) };
  }
}
