/** Test scaffolding shared by the pipeline tests that ingest the bundled demo corpus into SQLite files. */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { readInputs } from '../../src/ingest/input-reader.js';
import type { RawDocument } from '../../src/model/types.js';

const demoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../demo/corpus');

/** Every readable input of the demo corpus, in the order the reader lists them. */
export async function demoDocs(): Promise<RawDocument[]> {
  const docs: RawDocument[] = [];
  for await (const item of readInputs([demoDir])) if (item.ok) docs.push(item.doc);
  return docs;
}

/**
 * The demo corpus in two batches for settle tests: latest names first (names sort by outlet and date), so that both
 * settles replay; the second batch (every fifth input, those `inSecond` accepts) joins some events of the first and
 * leaves the others alone.
 */
export function twoBatches(docs: readonly RawDocument[], inSecond: (d: RawDocument) => boolean = () => true): { first: RawDocument[]; second: RawDocument[] } {
  const byName = [...docs].sort((a, b) => (a.source < b.source ? 1 : -1));
  const second = byName.filter((d, i) => i % 5 === 4 && inSecond(d));
  return { first: byName.filter((d) => !second.includes(d)), second };
}

/** A maker of temporary directories, each removed after the test that made it. */
export function useTempDirs(prefix: string): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
}

/** Copies a SQLite store as it stands, its WAL files included (a consistent copy while no write is running). */
export function copyStoreFiles(from: string, to: string): void {
  for (const ext of ['', '-wal', '-shm']) if (existsSync(from + ext)) copyFileSync(from + ext, to + ext);
}
