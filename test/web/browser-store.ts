/**
 * The store the browser tests run against: the project's real SQLite store
 * filled by the real pipeline from the demo corpus (the tests add the seeds
 * after taking screenshots, so committed images show only text written for
 * the project), when those modules exist; otherwise the fake store.
 * STORYLINE_WEB_FAKE=1 forces the fake store.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RawDocument } from '../../src/model/types.js';
import type { Store, StoreReader } from '../../src/store/store-port.js';
import { createFakeStore } from './fake-store.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MODULES = {
  store: path.join(repoRoot, 'src/store/sqlite/sqlite-store.ts'),
  service: path.join(repoRoot, 'src/pipeline/ingest-service.ts'),
  reader: path.join(repoRoot, 'src/ingest/input-reader.ts'),
};
export const DEMO_DIR = path.join(repoRoot, 'demo/corpus');
export const SEEDS_DIR = path.resolve(repoRoot, '../shared/corpus/seeds');

export interface ChosenStore {
  store: StoreReader;
  label: string;
  real: boolean;
  /** The clock the pages should use (after the corpus's last article). */
  now: Date;
  /** Ingests more paths into the same store (a no-op for the fake store); returns a count summary. */
  ingestMore: (paths: string[]) => Promise<string>;
  close: () => Promise<void>;
}

export function realStoreAvailable(): boolean {
  return process.env['STORYLINE_WEB_FAKE'] !== '1' && Object.values(MODULES).every((m) => existsSync(m)) && existsSync(DEMO_DIR);
}

/** Ingests the demo corpus (or the given raw documents instead) into a fresh SQLite store through the real pipeline. */
export async function buildDemoStore(now = new Date('2026-03-05T09:00:00Z'), rawDocs?: RawDocument[]): Promise<ChosenStore> {
  const { openSqliteStore } = (await import(pathToFileURL(MODULES.store).href)) as { openSqliteStore: (f: string) => Store };
  const { IngestService } = (await import(pathToFileURL(MODULES.service).href)) as {
    IngestService: { open(s: Store, o: { now: () => Date }): Promise<{ ingestRaw(raw: RawDocument): Promise<{ status: string }> }> };
  };
  const { readInputs } = (await import(pathToFileURL(MODULES.reader).href)) as {
    readInputs(paths: string[]): AsyncIterable<{ ok: true; doc: RawDocument } | { ok: false; source: string; reason: string; detail?: string }>;
  };
  const dir = mkdtempSync(path.join(tmpdir(), 'storyline-web-demo-'));
  const store = openSqliteStore(path.join(dir, 'demo.db'));
  const service = await IngestService.open(store, { now: () => now });
  const ingestMore = async (paths: string[]): Promise<string> => {
    const counts = new Map<string, number>();
    for await (const item of readInputs(paths)) {
      const status = item.ok ? (await service.ingestRaw(item.doc)).status : (await store.reject(item.source, item.reason as never, item.detail), 'rejected');
      counts.set(status, (counts.get(status) ?? 0) + 1);
    }
    return [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
  };
  let summary: string;
  if (rawDocs) {
    const counts = new Map<string, number>();
    for (const raw of rawDocs) {
      const status = (await service.ingestRaw(raw)).status;
      counts.set(status, (counts.get(status) ?? 0) + 1);
    }
    summary = [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
  } else summary = await ingestMore([DEMO_DIR]);
  return {
    store,
    real: true,
    now,
    label: `SQLite store built by the pipeline from ${rawDocs ? `${rawDocs.length} raw documents` : 'demo/corpus'} (${summary})`,
    ingestMore,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function browserStore(): Promise<ChosenStore> {
  if (realStoreAvailable()) {
    const real = await buildDemoStore();
    if ((await real.store.stats()).articles > 0) return real;
    // The pipeline's own tests own that failure; the web tests still check the web on the fake store.
    const first = (await real.store.listRejections({ limit: 1 }))[0];
    console.warn(`[web] the pipeline stored no demo document (${real.label}${first ? `; first rejection: ${first.reason} ${first.detail ?? ''}` : ''}): falling back to the fake store`);
    await real.close();
  }
  return {
    store: createFakeStore(),
    real: false,
    now: new Date('2025-03-04T10:00:00Z'),
    label: 'fake in-memory store (test/web/fake-store.ts)',
    ingestMore: async () => 'nothing (fake store)',
    close: async () => undefined,
  };
}
