/**
 * `storyline settle` in a new process leaves the events nothing touched since the last settle as that settle wrote
 * them (the store records it); `settle --full` replays every event. Both must end with the same events.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IngestService } from '../../src/pipeline/ingest-service.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { copyStoreFiles, demoDocs, twoBatches, useTempDirs } from '../pipeline/demo-store.js';
import { jsonLines, runCli } from './cli-helpers.js';

describe('storyline settle, and settle --full', () => {
  const tempDir = useTempDirs('storyline-settle-full-');

  it('a new process trusts the recorded settle; --full replays everything; the events are the same', async () => {
    const docs = await demoDocs();
    // The CLI takes files: the second batch is drawn from single-article files (a JSON-lines record is file#n).
    const { first, second } = twoBatches(docs, (d) => !d.source.includes('#'));
    const firstFiles = [...new Set(first.map((d) => d.source.replace(/#\d+$/, '')))];
    const dir = tempDir();
    const a = path.join(dir, 'a.db');
    const b = path.join(dir, 'b.db');
    const ingest = runCli(['ingest', '--json', '--db', a, ...firstFiles]);
    expect(ingest.status, ingest.stderr).toBe(0);
    // The second batch is ingested without a settle (as workers leave it), by another process than the settles below.
    const store = new SqliteStore(a);
    const service = await IngestService.open(store, { now: () => new Date('2026-11-24T00:00:00Z') });
    for (const doc of second) await service.ingestRaw(doc);
    await store.close();
    copyStoreFiles(a, b);

    const trusted = runCli(['settle', '--json', '--db', a]);
    expect(trusted.status, trusted.stderr).toBe(0);
    const full = runCli(['settle', '--full', '--json', '--db', b]);
    expect(full.status, full.stderr).toBe(0);
    const [t, f] = [jsonLines(trusted.stdout)[0]!, jsonLines(full.stdout)[0]!];
    expect(t).toMatchObject({ replayed: true });
    expect(f).toMatchObject({ replayed: true, moved: t['moved'], eventsChanged: t['eventsChanged'], eventsRetired: t['eventsRetired'] });
    expect(t['eventsUnchanged']).toBeGreaterThan(0);
    expect(f['eventsUnchanged'] ?? 0).toBe(0);
    expect(t['trustedReplay']).toBeGreaterThan(0);
    expect(f['trustedReplay']).toBeUndefined();

    const events = (db: string) => jsonLines(runCli(['stories', '--json', '--limit', '100', '--db', db]).stdout).map((e) => JSON.stringify(e));
    expect(events(a)).toEqual(events(b));
    expect(runCli(['settle', '--help']).stdout).toContain('--full');
  }, 240_000);
});
