/**
 * The one contract suite every Store backend passes (SQLite, PostgreSQL):
 * the same articles ingested through the same IngestService, the same reads.
 * Call `storeContract(label, open)` from a backend's test file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestService } from '../src/pipeline/ingest-service.js';
import { settleRules } from '../src/pipeline/settle-replay.js';
import type { RawDocument } from '../src/model/types.js';
import type { Store } from '../src/store/store-port.js';
import { exportRecords, type ExportTarget } from '../src/export/export-records.js';

const CLOCK = () => new Date('2026-11-23T00:00:00Z');

/** Short articles written for these tests: two outlets on one event, a wire copy, and an unrelated one. */
export const CONTRACT_DOCS: RawDocument[] = [
  {
    source: 'contract/harbor-1.txt',
    kind: 'json',
    contentType: 'text/plain',
    outlet: 'Harbor Times',
    title: 'Port of Valmora closes after crane collapse',
    publishedAt: '2025-03-10T08:00',
    url: 'https://harbor.example/valmora-crane',
    content:
      'VALMORA, March 10 (Harbor Times) — The Port of Valmora closed its container terminal on Monday after a crane collapsed during a storm, port director Elena Marsh said.\n\n"Nobody was hurt, but the terminal will stay shut until engineers have inspected every crane," Marsh told reporters.\n\nShipping company Nordline said it would divert three vessels to the port of Castell.',
  },
  {
    source: 'contract/coast-1.txt',
    kind: 'json',
    contentType: 'text/plain',
    outlet: 'Coast Daily',
    title: 'Crane collapse shuts Valmora container terminal',
    publishedAt: '2025-03-10T15:30',
    content:
      'A crane collapse during a storm has shut the container terminal at the Port of Valmora, port director Elena Marsh said on Monday.\n\nMarsh said engineers would inspect every crane before the terminal reopens. "Nobody was hurt," she added.\n\nNordline, a shipping company, is diverting three vessels to Castell, according to a company spokesperson.',
  },
  {
    source: 'contract/garden.txt',
    kind: 'json',
    contentType: 'text/plain',
    outlet: 'City Weekly',
    title: 'Botanic garden opens new glasshouse for desert plants',
    publishedAt: '2025-06-02',
    content:
      'The municipal botanic garden opened a glasshouse for desert plants on Saturday, curator Tomas Lind said. The building holds more than four hundred species of cactus and succulent.\n\n"We wanted visitors to feel the heat of the Atacama in the middle of winter," Lind said, adding that entry would be free for children.',
  },
];

export function storeContract(label: string, open: () => Promise<Store>): void {
  describe(`Store contract: ${label}`, () => {
    let store: Store;
    let service: IngestService;
    beforeAll(async () => {
      store = await open();
      service = await IngestService.open(store, { now: CLOCK });
      for (const doc of CONTRACT_DOCS) await service.ingestRaw(doc);
    });
    afterAll(async () => {
      await store?.close();
    });

    it('stores every input once and recognises re-ingestion as duplicates', async () => {
      expect((await store.stats()).articles).toBe(3);
      const again = await service.ingestRaw(CONTRACT_DOCS[0]!);
      expect(again).toMatchObject({ status: 'duplicate', reason: 'duplicate-content' });
      expect((await store.stats()).articles).toBe(3);
    });

    it('records rejections with their reason', async () => {
      const o = await store.reject('contract/empty.txt', 'empty-input');
      expect(o).toEqual({ status: 'rejected', source: 'contract/empty.txt', reason: 'empty-input' });
      const rows = await store.listRejections();
      expect(rows.map((r) => [r.source, r.reason])).toContainEqual(['contract/empty.txt', 'empty-input']);
    });

    it('groups the two reports of the crane collapse into one event, apart from the garden', async () => {
      const events = await store.listEvents({ sort: 'most-covered' });
      const crane = events.find((e) => e.articleCount === 2);
      expect(crane).toBeDefined();
      expect(crane!.outlets.sort()).toEqual(['Coast Daily', 'Harbor Times']);
      const detail = await store.getEvent(crane!.id);
      expect(detail!.articles.map((a) => a.title).sort()).toEqual(['Crane collapse shuts Valmora container terminal', 'Port of Valmora closes after crane collapse']);
      expect(detail!.membership.every((m) => m.reason.length > 0)).toBe(true);
      expect(detail!.history.some((h) => h.action === 'create')).toBe(true);
      expect(events.some((e) => e.label.includes('glasshouse'))).toBe(true);
    });

    it('finds articles by full-text search, with outlet facets, and ignores query syntax', async () => {
      const r = await store.search('crane terminal');
      expect(r.total).toBe(2);
      expect(r.facets.outlets.map((f) => f.value).sort()).toEqual(['Coast Daily', 'Harbor Times']);
      expect((await store.search('glasshouse OR "cactus')).total).toBe(0);
      expect((await store.search('glasshouse')).hits[0]?.article.outlet).toBe('City Weekly');
      expect((await store.search('')).total).toBe(0);
    });

    it('links a person across articles and lists what they said', async () => {
      const marsh = await store.getEntity('Elena Marsh');
      expect(marsh?.type).toBe('PERSON');
      expect(marsh?.articleCount).toBe(2);
      const said = await store.listStatements({ speaker: 'Marsh' });
      expect(said.length).toBeGreaterThan(0);
      expect(said.some((s) => s.text.includes('Nobody was hurt'))).toBe(true);
    });

    it('finds an entity by its name in any case, then by part of its name, and answers null for an unknown one', async () => {
      const marsh = await store.getEntity('Elena Marsh');
      expect((await store.getEntity('elena MARSH'))?.id).toBe(marsh!.id);
      expect((await store.getEntity('ena Mar'))?.id).toBe(marsh!.id);
      expect(await store.getEntity('Zzyzx Quorble')).toBeNull();
      // A search filtered by entity takes the name the same way.
      const ids = async (entity: string): Promise<string[]> => (await store.search('crane', { entity })).hits.map((h) => h.article.id).sort();
      const byName = await ids('Elena Marsh');
      expect(byName).toHaveLength(2);
      expect(await ids('ELENA marsh')).toEqual(byName);
      expect(await ids(marsh!.id)).toEqual(byName);
      expect(await ids('Zzyzx Quorble')).toEqual([]);
    });

    it('returns stored articles with their raw input and outlets with counts', async () => {
      const list = await store.listArticles({ outlet: 'City Weekly' });
      expect(list).toHaveLength(1);
      const stored = await store.getArticle(list[0]!.id);
      expect(stored?.raw.source).toBe('contract/garden.txt');
      expect(stored?.article.text).toContain('Atacama');
      const outlets = await store.listOutlets();
      expect(outlets.map((o) => o.name).sort()).toEqual(['City Weekly', 'Coast Daily', 'Harbor Times']);
      expect(await store.getArticle('nope')).toBeNull();
      expect(await store.getEvent('nope')).toBeNull();
    });

    it('keeps a manual entity merge across re-ingestion', async () => {
      const lind = await store.getEntity('Tomas Lind');
      const marsh = await store.getEntity('Elena Marsh');
      expect(lind && marsh).toBeTruthy();
      await store.mergeEntities(marsh!.id, lind!.id, 'test merge');
      const merged = await store.getEntity(lind!.id);
      expect(merged?.id).toBe(marsh!.id);
      expect(merged?.mergedFrom.map((m) => m.id)).toContain(lind!.id);
      // A new article naming Lind lands on the merged entity.
      await service.ingestRaw({
        source: 'contract/garden-2.txt',
        kind: 'json',
        contentType: 'text/plain',
        outlet: 'City Weekly',
        title: 'Glasshouse draws record crowds',
        publishedAt: '2025-06-09',
        content: 'More than ten thousand people visited the new desert glasshouse in its first week, curator Tomas Lind said on Sunday. The garden will extend its opening hours in July, Lind said.',
      });
      const after = await store.getEntity(marsh!.id);
      expect(after?.articles.some((a) => a.title === 'Glasshouse draws record crowds')).toBe(true);
    });

    it('logs every clustered article, and a reopened service resumes from the log', async () => {
      const head = await store.clusterHead();
      const log = await store.clusterLog(0, 100);
      expect(log).toHaveLength(4);
      expect(log.at(-1)?.seq).toBe(head);
      for (const e of log) {
        const stored = await store.getArticle(e.doc.id);
        expect(e.doc.text).toBe(stored?.article.text);
        expect(e.eventId).toBe(stored?.eventId);
      }
      // No checkpoint was due yet: a new service replays the whole log, then assigns on top of it.
      const reopened = await IngestService.open(store, { now: CLOCK });
      const o = await reopened.ingestRaw({
        source: 'contract/coast-2.txt',
        kind: 'json',
        contentType: 'text/plain',
        outlet: 'Coast Daily',
        title: 'Valmora terminal reopens after crane inspection',
        publishedAt: '2025-03-12T09:00',
        content:
          'The container terminal at the Port of Valmora reopened on Wednesday after engineers inspected every crane following the collapse during the storm, port director Elena Marsh said. Nordline said its three diverted vessels would return from Castell.',
      });
      expect(o.status).toBe('stored');
      const crane = (await store.listEvents({ sort: 'most-covered' }))[0]!;
      expect(crane.articleCount).toBe(3);
    });

    it('re-forms events in publication order when an earlier article arrives late (settle)', async () => {
      const before = (await store.listEvents({ sort: 'most-covered' }))[0]!;
      const late = await service.ingestRaw({
        source: 'contract/harbor-0.txt',
        kind: 'json',
        contentType: 'text/plain',
        outlet: 'Harbor Times',
        title: 'Storm topples crane at Port of Valmora',
        publishedAt: '2025-03-09T22:00',
        content:
          'VALMORA, March 9 (Harbor Times) — A crane collapsed at the container terminal of the Port of Valmora late on Sunday as a storm hit the coast, port director Elena Marsh said. Shipping company Nordline said vessels could be diverted to Castell.',
      });
      expect(late.status).toBe('stored');
      expect((await store.getEvent(before.id))?.articleCount).toBe(4);
      const settledBefore = await store.settledSeq();
      expect(settledBefore).toBeLessThan(await store.clusterHead());
      const report = await service.settle();
      expect(report).toMatchObject({ replayed: true, articles: 6 });
      // Streamed by date, the crane event starts with the late article: its id follows, the old id is merged into it.
      const events = await store.listEvents({ sort: 'most-covered' });
      const crane = events[0]!;
      expect(crane.articleCount).toBe(4);
      expect(crane.id).not.toBe(before.id);
      expect(events.some((e) => e.id === before.id)).toBe(false);
      expect((await store.getEvent(crane.id))?.history.some((h) => h.detail.includes('re-sequenced in publication order'))).toBe(true);
      const total = events.reduce((n, e) => n + e.articleCount, 0);
      expect(total).toBe((await store.stats()).articles);
      for (const e of await store.clusterLog(0, 100)) expect(events.map((x) => x.id)).toContain(e.eventId);
      expect(await service.settle()).toMatchObject({ replayed: false, note: 'nothing new since the last settle' });
      expect(await store.loadClusterState()).toMatchObject({ seq: await store.clusterHead(), settledSeq: await store.clusterHead() });
      // The settled position alone (what a running ingest service reads to notice another process's settle).
      expect(await store.settledSeq()).toBe(await store.clusterHead());
      // What a settle in another process may trust: this replay, its rules, no places re-read since.
      expect(await store.settledState()).toEqual({ rules: settleRules(40), replaySeq: await store.clusterHead(), placesChanged: [] });
    });

    it('splits a name off by hand with every mention of it, surname-only ones too', async () => {
      const merged = (await store.getEntity('Elena Marsh'))!; // Lind was merged into Marsh by hand above
      const lindArticles = merged.articles.filter((a) => a.outlet === 'City Weekly');
      let lindMentions = 0;
      for (const a of lindArticles) lindMentions += (await store.getArticle(a.id))!.article.entities.filter((m) => /^(Tomas )?Lind$/.test(m.text)).length;
      expect(lindArticles.length).toBeGreaterThan(0);
      expect(lindMentions).toBeGreaterThan(lindArticles.length); // "curator Tomas Lind" and "Lind said" in each
      const split = await store.splitEntity(merged.id, 'Tomas Lind', 'contract test: two people');
      expect((await store.getEntity(split))!.mentionCount).toBe(lindMentions);
      expect((await store.getEntity(merged.id))!.mentionCount).toBe(merged.mentionCount - lindMentions);
    });

    it('lists an outlet\'s articles newest first and replaces an article\'s places', async () => {
      const harbor = await store.outletArticles('Harbor Times', 10);
      expect(harbor.length).toBeGreaterThanOrEqual(2);
      expect(harbor.every((a) => a.outlet === 'Harbor Times')).toBe(true);
      const a = harbor[0]!;
      expect(a.places.length).toBeGreaterThan(0);
      const moved = a.places.map((p) => ({ ...p, lat: 10.5, lon: 20.25, geonameId: null }));
      await store.replacePlaces([{ articleId: a.id, places: moved, entityTable: a.entityTable }]);
      expect((await store.getArticle(a.id))!.article.places.map((p) => [p.lat, p.lon])).toEqual(moved.map(() => [10.5, 20.25]));
      const ev = (await store.getArticle(a.id))!.eventId!;
      expect((await store.getEvent(ev))!.places.some((p) => p.name === moved[0]!.name)).toBe(true);
      await store.replacePlaces([{ articleId: a.id, places: a.places, entityTable: a.entityTable }]);
      expect((await store.getArticle(a.id))!.article.places).toEqual(a.places);
      // Recorded with the settled state (once), an unknown article not.
      await store.replacePlaces([{ articleId: 'no-such-article' as typeof a.id, places: a.places, entityTable: a.entityTable }]);
      expect((await store.settledState())?.placesChanged).toEqual([a.id]);
    });

    it('narrows statements to one event', async () => {
      const events = await store.listEvents({ limit: 100 });
      let seen = 0;
      for (const ev of events) {
        const members = new Set((await store.getEvent(ev.id))!.articles.map((a) => a.id));
        const rows = await store.listStatements({ eventId: ev.id, limit: 500 });
        for (const r of rows) expect(r.renderings.some((x) => members.has(x.articleId))).toBe(true);
        seen += rows.length;
      }
      expect(seen).toBeGreaterThan(0);
      expect(seen).toBeLessThanOrEqual((await store.listStatements({ limit: 500 })).length);
      expect(await store.listStatements({ eventId: 'ev-none' })).toEqual([]);
    });

    it('exports every live record once, in id order, across pages (merged events left out)', async () => {
      const stats = await store.stats();
      const ids = async (kind: ExportTarget): Promise<string[]> => {
        const out: string[] = [];
        for await (const r of exportRecords(store, kind, { pageSize: 1 })) out.push(String(r['id']));
        return out;
      };
      const articles = await ids('articles');
      expect(articles).toHaveLength(stats.articles);
      expect([...articles].sort()).toEqual(articles);
      expect(new Set(articles).size).toBe(articles.length);
      const events = await ids('events');
      expect(events).toHaveLength(stats.events);
      expect((await store.listEvents({ limit: 100 })).map((e) => e.id).sort()).toEqual(events);
      expect(await ids('statements')).toHaveLength(stats.statements);
      expect(await ids('entities')).toHaveLength(stats.entities);
      const first = (await exportRecords(store, 'articles').next()).value as Record<string, unknown>;
      expect(first).toMatchObject({ id: articles[0] });
      expect(typeof first['text']).toBe('string');
      expect(first).not.toHaveProperty('raw');
      expect(first).not.toHaveProperty('sentences');
      const edges: Record<string, unknown>[] = [];
      for await (const e of exportRecords(store, 'provenance')) edges.push(e);
      const fromEvents = (await Promise.all(events.map((id) => store.getEvent(id)))).reduce((n, ev) => n + (ev?.provenance.length ?? 0), 0);
      expect(edges).toHaveLength(fromEvents);
    });

    it('keeps what a later settle may trust: carried by a settle of arrivals in order, forgotten by a change that is no replay', async () => {
      const before = (await store.settledState())!;
      expect(before.rules).toBe(settleRules(40));
      const replaySeq = before.replaySeq;
      expect(replaySeq).toBeGreaterThan(0);
      // A later-dated article, then a settle that replays nothing (arrivals in publication order): the state moves
      // along with the settled position, with the places it re-read added.
      const later = await service.ingestRaw({
        source: 'contract/garden-3.txt',
        kind: 'json',
        contentType: 'text/plain',
        outlet: 'City Weekly',
        title: 'Glasshouse to stay open late in July',
        publishedAt: '2026-01-05',
        content: 'The desert glasshouse at the botanic garden will stay open until nine in the evening through July, curator Tomas Lind said, after record crowds in its first weeks.',
      });
      expect(later.status).toBe('stored');
      expect(await service.settle()).toMatchObject({ replayed: false, note: 'arrivals were in publication order' });
      expect(await store.settledSeq()).toBe(await store.clusterHead());
      const carried = (await store.settledState())!;
      expect(carried).toMatchObject({ rules: settleRules(40), replaySeq });
      expect(carried.placesChanged).toEqual(expect.arrayContaining(before.placesChanged));
      expect([...carried.placesChanged].sort()).toEqual(carried.placesChanged);
      // A re-clustering that rewrites something and is not a replay: nothing left to trust.
      const cp = (await store.loadClusterState())!;
      const ev = (await store.listEvents({ limit: 1 }))[0]!.id;
      const none = { moves: [], events: [], retired: [], storylines: [], retiredStorylines: [], provenance: [], at: CLOCK().toISOString() };
      await store.applyClustering({ ...none, history: [{ eventId: ev, action: 'add', detail: 'contract: a change that is no replay' }], checkpoint: { snapshot: cp.snapshot, seq: cp.seq } });
      expect(await store.settledState()).toBeNull();
      // An empty change does not bring it back; a replay does, with no places re-read since.
      await store.applyClustering({ ...none, history: [], checkpoint: { snapshot: cp.snapshot, seq: cp.seq } });
      expect(await store.settledState()).toBeNull();
      await store.applyClustering({ ...none, history: [], checkpoint: { snapshot: cp.snapshot, seq: cp.seq }, replayed: { rules: 'contract rules' } });
      expect(await store.settledState()).toEqual({ rules: 'contract rules', replaySeq: cp.seq, placesChanged: [] });
    });
  });
}
