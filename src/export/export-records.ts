/**
 * Unlimited export: every stored record of one kind, streamed page by page
 * (keyset paging on ids, so the cost stays linear in the store's size and
 * memory stays at one page). The same generator feeds `storyline export` and
 * the API's /api/export routes; the serialisers (JSON lines, CSV) live in
 * ./export-format.ts.
 */
import type { ExportKind, StoreReader } from '../store/store-port.js';

/** Everything `storyline export` can write: the id-paged kinds plus provenance edges and rejected inputs. */
export const EXPORT_TARGETS = ['articles', 'events', 'storylines', 'entities', 'statements', 'provenance', 'rejections'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

export function isExportTarget(s: string): s is ExportTarget {
  return (EXPORT_TARGETS as readonly string[]).includes(s);
}

export interface ExportOptions {
  /** Ids (or rejections) fetched per store round trip. */
  pageSize?: number;
  /** Articles: include the raw input (HTML or text) as stored. Off by default: it is most of the bytes. */
  withRaw?: boolean;
}

export type ExportRecord = Record<string, unknown>;

async function* idPages(store: StoreReader, kind: ExportKind, pageSize: number): AsyncGenerator<string[]> {
  let after: string | null = null;
  for (;;) {
    const ids = await store.exportIds(kind, after, pageSize);
    if (ids.length === 0) return;
    yield ids;
    after = ids[ids.length - 1] ?? null;
    if (ids.length < pageSize) return;
  }
}

async function* articles(store: StoreReader, pageSize: number, withRaw: boolean): AsyncGenerator<ExportRecord> {
  for await (const ids of idPages(store, 'articles', pageSize)) {
    for (const id of ids) {
      const stored = await store.getArticle(id);
      if (stored === null) continue; // removed between the id page and this read
      const { sentences: _sentences, ...article } = stored.article;
      yield {
        ...article,
        eventId: stored.eventId,
        provenance: stored.provenance,
        provenanceOf: stored.provenanceOf,
        ...(withRaw ? { raw: stored.raw } : {}),
      };
    }
  }
}

/** Records fetched one id at a time through a reader's detail call. */
async function* details<T extends object>(store: StoreReader, kind: ExportKind, pageSize: number, get: (id: string) => Promise<T | null>): AsyncGenerator<T> {
  for await (const ids of idPages(store, kind, pageSize)) {
    for (const id of ids) {
      const rec = await get(id);
      if (rec !== null) yield rec;
    }
  }
}

async function* statements(store: StoreReader, pageSize: number): AsyncGenerator<ExportRecord> {
  for await (const ids of idPages(store, 'statements', pageSize)) {
    const rows = await store.listStatements({ ids, limit: ids.length });
    rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    yield* rows as unknown as ExportRecord[];
  }
}

async function* provenance(store: StoreReader, pageSize: number): AsyncGenerator<ExportRecord> {
  for await (const ev of details(store, 'events', pageSize, (id) => store.getEvent(id))) {
    for (const e of ev.provenance) yield { eventId: ev.id, ...e };
  }
}

async function* rejections(store: StoreReader, pageSize: number): AsyncGenerator<ExportRecord> {
  // Rejections have no ids; their listing order (newest first, by insertion) is unique, so offsets are stable
  // unless inputs are rejected while the export runs (those may then appear twice).
  for (let offset = 0; ; offset += pageSize) {
    const page = await store.listRejections({ limit: pageSize, offset });
    yield* page as unknown as ExportRecord[];
    if (page.length < pageSize) return;
  }
}

/** Every record of `target`, in id order (rejections: newest first). */
export async function* exportRecords(store: StoreReader, target: ExportTarget, opts: ExportOptions = {}): AsyncGenerator<ExportRecord> {
  const pageSize = Math.max(1, Math.min(opts.pageSize ?? 500, 1000));
  switch (target) {
    case 'articles':
      return yield* articles(store, pageSize, opts.withRaw === true);
    case 'events':
      return yield* details(store, 'events', pageSize, (id) => store.getEvent(id)) as AsyncGenerator<ExportRecord>;
    case 'storylines':
      return yield* details(store, 'storylines', pageSize, (id) => store.getStoryline(id)) as AsyncGenerator<ExportRecord>;
    case 'entities':
      return yield* details(store, 'entities', pageSize, (id) => store.getEntity(id)) as AsyncGenerator<ExportRecord>;
    case 'statements':
      return yield* statements(store, pageSize);
    case 'provenance':
      return yield* provenance(store, pageSize);
    case 'rejections':
      return yield* rejections(store, pageSize);
  }
}
