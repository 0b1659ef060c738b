import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { decodeBytes } from '../../src/ingest/decode.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const mediacloudDir = path.resolve(repoRoot, '../shared/bench/dates/mediacloud-2020');

export interface DatePage {
  url: string;
  file: string;
  /** Null when the set marks the page as undateable (`NaN` in eval.json). */
  date: string | null;
  html: string;
}

/** Pages in URL order (a fixed order, so "the first 40" is stable). */
export function loadDatePages(limit = Infinity): DatePage[] {
  // eval.json writes undateable pages as a bare `NaN`, which JSON does not allow.
  const raw = fs.readFileSync(path.join(mediacloudDir, 'eval.json'), 'utf8').replace(/:\s*NaN\b/g, ': null');
  const gold = JSON.parse(raw) as Record<string, { file: string; date: string | null }>;
  return Object.keys(gold).sort().slice(0, limit).map((url) => {
    const g = gold[url]!;
    const bytes = zlib.gunzipSync(fs.readFileSync(path.join(mediacloudDir, 'pages', `${g.file}.gz`)));
    const decoded = decodeBytes(bytes, { html: true });
    const html = decoded.ok ? decoded.value.text : bytes.toString('latin1');
    return { url, file: g.file, date: g.date, html };
  });
}
