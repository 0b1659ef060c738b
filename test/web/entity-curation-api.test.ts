/**
 * The API's only writes: hand-made entity merges and splits, on the real
 * SQLite store through the real ingest service. Cross-site requests are
 * refused, bodies are validated, unknown entities are 404, and the decision
 * survives re-ingesting the same article and ingesting new ones.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawDocument } from '../../src/model/types.js';
import { IngestService } from '../../src/pipeline/ingest-service.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { EntityDetail, EntitySummary } from '../../src/store/store-port.js';
import { crossSiteReason } from '../../src/web/curation-routes.js';
import { createWebApp } from '../../src/web/web-app.js';

const dir = mkdtempSync(path.join(tmpdir(), 'storyline-curation-'));
const store = new SqliteStore(path.join(dir, 'curation.db'));
let service: IngestService;
const app = createWebApp(store, { now: () => new Date('2025-03-04T10:00:00Z') });

const doc = (id: string, title: string, content: string): RawDocument => ({
  source: `curation/${id}.txt`,
  kind: 'json',
  contentType: 'text/plain',
  outlet: 'Harbour Herald',
  title,
  publishedAt: '2025-02-0' + id.slice(-1),
  content,
});

const DOCS = {
  a1: doc('a1', 'Ferry link resumes after storm repairs', 'The ferry link to Marlow Island resumed on Monday after three weeks of repairs, port director Helena Voss said. The landing stage is stronger than before the storm, Voss told reporters at the harbour.'),
  a2: doc('a2', 'Harbour dredging to start in spring', 'Dredging of the inner harbour will start in April, chief engineer Marek Olsen said on Tuesday. The work will take six weeks and the fishing fleet will moor at the outer pier meanwhile, Olsen said.'),
  a3: doc('a3', 'Fishing fleet moves to the outer pier', 'The fishing fleet moved to the outer pier on Wednesday ahead of the dredging works, chief engineer Marek Olsen said. Crews were told the move would last until the end of May, Olsen added.'),
  b1: doc('b5', 'Library reopens with a seed exchange', 'The public library in Quillford reopened on Wednesday after a year of renovation, head librarian Ines Calder said. More than three hundred people came on the first morning, Calder said.'),
  b2: doc('b6', 'Cider press opens in Quillford', 'A cooperative of apple growers opened a shared cider press in Quillford on Tuesday, cooperative chair Tobias Renn said. The press can handle eight tonnes of apples a day, Renn said.'),
  b3: doc('b7', 'First pears pressed at the cooperative', 'The cooperative pressed its first pears on Friday in a trial run before the apple season, chair Tobias Renn said. Eleven people will work at the press in the autumn, Renn told growers.'),
};

const SAME_ORIGIN = { host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080', 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' };

function post(url: string, body: unknown, headers: Record<string, string> = SAME_ORIGIN): Promise<Response> {
  return Promise.resolve(app.request(url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }));
}
async function json<T>(r: Response | Promise<Response>): Promise<T> {
  return (await (await r).json()) as T;
}
const getEntity = (id: string) => json<EntityDetail>(app.request(`/api/entities/${encodeURIComponent(id)}`));

let voss: EntitySummary;
let olsen: EntitySummary;
let calder: EntitySummary;
let renn: EntitySummary;

beforeAll(async () => {
  service = await IngestService.open(store, { now: () => new Date('2025-03-04T10:00:00Z') });
  for (const d of [DOCS.a1, DOCS.a2, DOCS.b1, DOCS.b2]) expect((await service.ingestRaw(d)).status).toBe('stored');
  const people = (await json<{ entities: EntitySummary[] }>(app.request('/api/entities?type=PERSON'))).entities;
  const named = (name: string): EntitySummary => people.find((e) => e.name === name)!;
  [voss, olsen, calder, renn] = [named('Helena Voss'), named('Marek Olsen'), named('Ines Calder'), named('Tobias Renn')];
}, 120_000);

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('POST /api/entities/:id/merge and /split', () => {
  it('finds four separate people to work with', () => {
    for (const e of [voss, olsen, calder, renn]) expect(e?.id).toBeTruthy();
    expect(new Set([voss.id, olsen.id, calder.id, renn.id]).size).toBe(4);
  });

  it('refuses cross-site requests before reading the body', async () => {
    const attempts: Record<string, string>[] = [
      { ...SAME_ORIGIN, origin: 'https://evil.example' },
      { ...SAME_ORIGIN, origin: 'http://localhost:8080' }, // an allowed name, but not this server's origin
      { ...SAME_ORIGIN, origin: 'null' },
      { ...SAME_ORIGIN, 'sec-fetch-site': 'cross-site' },
      { ...SAME_ORIGIN, 'sec-fetch-site': 'same-site' }, // another port on the same machine
    ];
    for (const headers of attempts) {
      const r = await post(`/api/entities/${voss.id}/merge`, { other: olsen.id }, headers);
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect((await json<{ error: { code: string } }>(r)).error.code).toBe('cross-origin');
    }
    expect((await getEntity(olsen.id)).id).toBe(olsen.id); // nothing was merged
    // The read routes under /api/entities are not affected by the write guard.
    const read = await app.request(`/api/entities/${voss.id}`, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(read.status).toBe(200);
  });

  it('validates the body and names each problem with a code', async () => {
    const cases: [Record<string, string>, unknown, number, string][] = [
      [{ ...SAME_ORIGIN, 'content-type': 'text/plain' }, { other: olsen.id }, 415, 'unsupported-media-type'],
      [{ ...SAME_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }, `other=${olsen.id}`, 415, 'unsupported-media-type'],
      [SAME_ORIGIN, '{"other": ', 400, 'invalid-json'],
      [SAME_ORIGIN, ['other'], 400, 'bad-request'],
      [SAME_ORIGIN, {}, 400, 'bad-request'],
      [SAME_ORIGIN, { other: 42 }, 400, 'bad-request'],
      [SAME_ORIGIN, { other: olsen.id, admin: true }, 400, 'bad-request'],
      [SAME_ORIGIN, { other: 'x'.repeat(400) }, 400, 'bad-request'],
      [SAME_ORIGIN, JSON.stringify({ other: olsen.id, note: 'y'.repeat(20_000) }), 413, 'too-large'],
    ];
    for (const [headers, body, status, code] of cases) {
      const r = await post(`/api/entities/${voss.id}/merge`, body, headers);
      expect(r.status, `${String(body).slice(0, 40)} ${headers['content-type']}`).toBe(status);
      expect((await json<{ error: { code: string } }>(r)).error.code).toBe(code);
    }
    const get = await app.request(`/api/entities/${voss.id}/merge`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await getEntity(olsen.id)).id).toBe(olsen.id);
  });

  it('answers 404 for unknown entities (ids only, not names) and 409 for a merge into itself', async () => {
    const unknownKeep = await post('/api/entities/person-nobody/merge', { other: olsen.id });
    expect(unknownKeep.status).toBe(404);
    expect((await json<{ error: { code: string } }>(unknownKeep)).error.code).toBe('not-found');
    expect((await post(`/api/entities/${voss.id}/merge`, { other: 'person-nobody' })).status).toBe(404);
    expect((await post(`/api/entities/${voss.id}/merge`, { other: 'Marek Olsen' })).status).toBe(404);
    expect((await post('/api/entities/person-nobody/split', { alias: 'X' })).status).toBe(404);
    const self = await post(`/api/entities/${voss.id}/merge`, { other: voss.id });
    expect(self.status).toBe(409);
    expect((await json<{ error: { code: string } }>(self)).error.code).toBe('conflict');
  });

  it('merges by hand, and the merge survives re-ingestion of the same article and new articles', async () => {
    const r = await post(`/api/entities/${voss.id}/merge`, { other: olsen.id, note: 'test: same desk' });
    expect(r.status).toBe(200);
    const out = await json<{ merged: string; into: string; entity: EntityDetail }>(r);
    expect(out).toMatchObject({ merged: olsen.id, into: voss.id });
    expect(out.entity.aliases).toContain('Marek Olsen');
    expect(out.entity.articleCount).toBe(2);

    const viaOld = await getEntity(olsen.id);
    expect(viaOld.id).toBe(voss.id);
    expect(viaOld.mergedFrom).toContainEqual(expect.objectContaining({ id: olsen.id, reason: expect.stringContaining('test: same desk') }));

    // Re-ingesting the same article changes nothing.
    expect((await service.ingestRaw(DOCS.a2)).status).toBe('duplicate');
    expect((await getEntity(olsen.id)).id).toBe(voss.id);
    // A new article naming Olsen lands on the merged entity.
    expect((await service.ingestRaw(DOCS.a3)).status).toBe('stored');
    const after = await getEntity(voss.id);
    expect(after.articles.map((a) => a.title)).toContain(DOCS.a3.title);
    expect(after.articleCount).toBe(3);

    // An entity merged away cannot be merged again: the conflict names where it went.
    const again = await post(`/api/entities/${voss.id}/merge`, { other: olsen.id });
    expect(again.status).toBe(409);
    expect((await json<{ error: { message: string } }>(again)).error.message).toContain(voss.id);
  });

  it('keeps the kept entity\'s name and aliases when a new article names only the merged-away one', async () => {
    // After the merge above, a3 names only Marek Olsen: the kept entity must keep its own name and
    // gain the merged-away name as an alias (it once took the merged-away record wholesale).
    const kept = await getEntity(voss.id);
    expect(kept.name).toBe('Helena Voss');
    expect(kept.aliases).toContain('Marek Olsen');
  });

  it('splits an alias off by hand, and the split survives new articles and re-ingestion', async () => {
    expect((await post(`/api/entities/${calder.id}/merge`, { other: renn.id })).status).toBe(200);
    const notAlias = await post(`/api/entities/${calder.id}/split`, { alias: 'Someone Else' });
    expect(notAlias.status).toBe(422);
    expect((await json<{ error: { code: string } }>(notAlias)).error.code).toBe('unknown-alias');
    expect((await post(`/api/entities/${calder.id}/split`, { alias: 'Ines Calder' })).status).toBe(422);

    const r = await post(`/api/entities/${calder.id}/split`, { alias: 'Tobias Renn', note: 'test: two people' });
    expect(r.status).toBe(201);
    const out = await json<{ id: string; from: string; entity: EntityDetail }>(r);
    expect(out.from).toBe(calder.id);
    expect(out.entity.name).toBe('Tobias Renn');
    expect(out.entity.articles.map((a) => a.title)).toEqual([DOCS.b2.title]);
    const rest = await getEntity(calder.id);
    expect(rest.aliases).not.toContain('Tobias Renn');
    // Every mention of Renn in his article moves, the surname-only "Renn" too; Calder keeps only her own.
    expect(out.entity.mentionCount).toBe(2);
    expect(rest.mentionCount).toBe(2);

    // A new article naming Renn lands on the split entity, not on Calder.
    expect((await service.ingestRaw(DOCS.b3)).status).toBe('stored');
    expect((await getEntity(out.id)).articles.map((a) => a.title).sort()).toEqual([DOCS.b2.title, DOCS.b3.title].sort());
    expect((await getEntity(calder.id)).articles.map((a) => a.title)).not.toContain(DOCS.b3.title);
    // Re-ingesting an article already stored keeps everything where it is.
    expect((await service.ingestRaw(DOCS.b2)).status).toBe('duplicate');
    expect((await getEntity(out.id)).articleCount).toBe(2);
    expect((await getEntity(calder.id)).name).toBe('Ines Calder');
  });

  it('stays read-only when the app is given a read-only store or curation: false', async () => {
    const readOnly = createWebApp(store, { curation: false });
    const r = await readOnly.request(`/api/entities/${voss.id}/merge`, { method: 'POST', headers: SAME_ORIGIN, body: JSON.stringify({ other: 'x' }) });
    expect(r.status).toBe(405);
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

describe('crossSiteReason', () => {
  const hosts = ['localhost', '127.0.0.1', '[::1]'];
  it('lets same-origin and non-browser requests through', () => {
    expect(crossSiteReason({}, hosts)).toBeNull();
    expect(crossSiteReason({ origin: 'http://127.0.0.1:8080', host: '127.0.0.1:8080', secFetchSite: 'same-origin' }, hosts)).toBeNull();
    expect(crossSiteReason({ origin: 'http://[::1]:9000', host: '[::1]:9000' }, hosts)).toBeNull();
    expect(crossSiteReason({ secFetchSite: 'none' }, hosts)).toBeNull();
  });
  it('refuses other origins, other hosts and cross-site fetches', () => {
    expect(crossSiteReason({ origin: 'http://127.0.0.1:8081', host: '127.0.0.1:8080' }, hosts)).not.toBeNull();
    expect(crossSiteReason({ origin: 'http://news.example', host: 'news.example' }, hosts)).not.toBeNull();
    expect(crossSiteReason({ origin: 'http://news.example', host: 'news.example' }, 'any')).toBeNull();
    expect(crossSiteReason({ origin: 'http://evil.example', host: 'news.example' }, 'any')).not.toBeNull();
    expect(crossSiteReason({ origin: 'file://' }, hosts)).not.toBeNull();
    expect(crossSiteReason({ secFetchSite: 'cross-site' }, 'any')).not.toBeNull();
  });
});
