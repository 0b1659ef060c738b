import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IngestService } from '../../src/pipeline/ingest-service.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { CONTRACT_DOCS } from '../store-contract.js';

const dir = mkdtempSync(path.join(tmpdir(), 'storyline-overrides-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite entity overrides (kept between ingests)', () => {
  it('sees a merge and a split made through another connection before the next ingest', async () => {
    const file = path.join(dir, 'two-connections.db');
    const ingesting = new SqliteStore(file);
    const curating = new SqliteStore(file); // as a second process would (the CLI while a worker ingests)
    const service = await IngestService.open(ingesting, { now: () => new Date('2026-11-23T00:00:00Z') });
    for (const doc of CONTRACT_DOCS) await service.ingestRaw(doc);
    expect(await ingesting.entityOverrides()).toEqual([]);

    const marsh = (await curating.getEntity('Elena Marsh'))!;
    const lind = (await curating.getEntity('Tomas Lind'))!;
    await curating.mergeEntities(marsh.id, lind.id, 'one person');
    const seen = await ingesting.entityOverrides();
    expect(seen).toEqual([{ action: 'merge', entityId: marsh.id, other: lind.id }]);
    // The caller's copy is its own: changing it does not change what the store answers next.
    seen[0]!.other = 'changed';
    expect((await ingesting.entityOverrides())[0]!.other).toBe(lind.id);

    // The ingesting connection honours the merge made elsewhere.
    await service.ingestRaw({
      source: 'overrides/garden-2.txt',
      kind: 'json',
      contentType: 'text/plain',
      outlet: 'City Weekly',
      title: 'Glasshouse draws record crowds',
      publishedAt: '2025-06-09',
      content:
        'More than ten thousand people visited the new desert glasshouse in its first week, curator Tomas Lind said on Sunday. ' +
        'The garden will extend its opening hours in July, Lind said, and a second glasshouse for mountain plants is planned.',
    });
    const kept = (await ingesting.getEntity(marsh.id))!;
    expect(kept.articles.some((a) => a.title === 'Glasshouse draws record crowds')).toBe(true);

    const splitId = await curating.splitEntity(marsh.id, 'Tomas Lind', 'two people after all');
    expect((await ingesting.entityOverrides()).map((o) => o.action)).toEqual(['merge', 'split']);
    await service.ingestRaw({
      source: 'overrides/garden-3.txt',
      kind: 'json',
      contentType: 'text/plain',
      outlet: 'City Weekly',
      title: 'Glasshouse extends its hours',
      publishedAt: '2025-06-10',
      content:
        'The desert glasshouse will stay open until nine in the evening through July and August, curator Tomas Lind said on Monday. ' +
        'Evening tours for schools start next week, Lind said, after more than ten thousand visitors came in the first week.',
    });
    const split = (await ingesting.getEntity(splitId))!;
    expect(split.articles.some((a) => a.title === 'Glasshouse extends its hours')).toBe(true);
    await curating.close();
    await ingesting.close();
  });
});
