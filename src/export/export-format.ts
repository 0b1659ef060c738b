/**
 * Serialisers for exported records. JSON lines carry every field; CSV carries
 * a fixed set of columns per kind (lists joined with "; ") for spreadsheets.
 *
 * Article text is untrusted: a CSV cell that starts with = + - @ (or a tab or
 * carriage return) would run as a formula in a spreadsheet, so such text cells
 * get a leading apostrophe. Numbers are written as numbers.
 */
import type { ExportRecord, ExportTarget } from './export-records.js';

export type ExportFormat = 'jsonl' | 'csv';

/** One JSON object per line. JSON.stringify escapes U+2028/9 as well as control characters, so lines never break. */
export function jsonLine(rec: ExportRecord): string {
  return `${JSON.stringify(rec)}\n`;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell (RFC 4180 quoting), with spreadsheet formulas neutralised. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  let s = Array.isArray(v) ? v.map((x) => (typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x))).join('; ') : typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

type Column = [header: string, value: (r: ExportRecord) => unknown];

const field = (name: string): Column => [name, (r) => r[name]];
const list = (r: ExportRecord, name: string): unknown[] => (Array.isArray(r[name]) ? (r[name] as unknown[]) : []);
const ids = (name: string, header: string): Column => [header, (r) => list(r, name).map((x) => (x as { id?: unknown }).id)];

/** The CSV columns of each kind. */
export const CSV_COLUMNS: Record<ExportTarget, Column[]> = {
  articles: [
    field('id'),
    field('url'),
    field('outlet'),
    field('title'),
    field('byline'),
    field('publishedAt'),
    field('dateConfidence'),
    field('language'),
    ['dateline', (r) => (r['dateline'] as { text?: string } | null)?.text ?? null],
    field('eventId'),
    field('provenance'),
    field('provenanceOf'),
    ['entities', (r) => [...new Set(list(r, 'entityTable').map((e) => (e as { name: string }).name))]],
    ['places', (r) => [...new Set(list(r, 'places').map((p) => (p as { name: string }).name))]],
    field('text'),
  ],
  events: [
    field('id'),
    field('storylineId'),
    field('label'),
    field('firstDate'),
    field('lastDate'),
    field('articleCount'),
    field('outlets'),
    field('keyEntities'),
    ids('articles', 'articleIds'),
    field('summary'),
  ],
  storylines: [field('id'), field('label'), field('firstDate'), field('lastDate'), field('eventCount'), field('articleCount'), field('outlets'), field('keyEntities'), ids('events', 'eventIds')],
  entities: [field('id'), field('name'), field('type'), field('aliases'), field('roles'), field('articleCount'), field('mentionCount'), ids('articles', 'articleIds')],
  statements: [
    field('id'),
    field('speaker'),
    field('speakerEntityId'),
    field('kind'),
    field('stance'),
    field('firstArticleId'),
    field('firstDate'),
    ['outlets', (r) => [...new Set(list(r, 'renderings').map((x) => (x as { outlet: string | null }).outlet ?? '?'))]],
    ['renderings', (r) => list(r, 'renderings').length],
    field('text'),
  ],
  provenance: [field('eventId'), field('from'), field('to'), field('kind'), field('score'), field('evidence')],
  rejections: [field('source'), field('reason'), field('detail'), field('at')],
};

export function csvHeader(target: ExportTarget): string {
  return `${CSV_COLUMNS[target].map(([h]) => csvCell(h)).join(',')}\r\n`;
}

export function csvRow(target: ExportTarget, rec: ExportRecord): string {
  return `${CSV_COLUMNS[target].map(([, value]) => csvCell(value(rec))).join(',')}\r\n`;
}

/** The export as text chunks: a header line for CSV, then one line per record. */
export async function* serialise(records: AsyncIterable<ExportRecord>, target: ExportTarget, format: ExportFormat): AsyncGenerator<string> {
  if (format === 'csv') yield csvHeader(target);
  for await (const rec of records) yield format === 'csv' ? csvRow(target, rec) : jsonLine(rec);
}
