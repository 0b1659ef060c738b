/**
 * `storyline follow` settles every hour in one process. A settle after this process's own replay leaves the events
 * nothing has touched since as that replay wrote them (publicationOrderChange's `settled`); the store must end
 * exactly as a full settle of the same store leaves it.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IngestService } from '../../src/pipeline/ingest-service.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { digest } from '../../bench/ingest/store-digest.js';
import { copyStoreFiles, demoDocs, twoBatches, useTempDirs } from './demo-store.js';

const now = () => new Date('2026-11-24T00:00:00Z');

describe('a second settle in the same process', () => {
  const tempDir = useTempDirs('storyline-settle-again-');

  it('leaves the store as a full settle does', async () => {
    const docs = await demoDocs();
    const { first, second } = twoBatches(docs);
    const dir = tempDir();
    const file = path.join(dir, 'a.db');
    const store = new SqliteStore(file);
    const following = await IngestService.open(store, { now });
    for (const doc of first) await following.ingestRaw(doc);
    expect((await following.settle()).replayed).toBe(true);
    for (const doc of second) await following.ingestRaw(doc);
    // The store before the second settle, settled in full (not trusting the recorded settled state) by another service.
    copyStoreFiles(file, path.join(dir, 'b.db'));
    const again = await following.settle();
    expect(again.replayed).toBe(true);
    const copy = new SqliteStore(path.join(dir, 'b.db'));
    const full = await (await IngestService.open(copy, { now })).settle({ full: true });
    expect(full).toMatchObject({ replayed: true, moved: again.moved, eventsChanged: again.eventsChanged, eventsRetired: again.eventsRetired, eventsUnchanged: 0 });
    // The second settle did leave events as the first wrote them.
    expect(again.eventsUnchanged).toBeGreaterThan(0);
    expect(await digest(store)).toBe(await digest(copy));
    await store.close();
    await copy.close();
  });
});
