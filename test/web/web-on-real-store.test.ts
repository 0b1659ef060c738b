/**
 * The web app over the project's real Store implementations: the invented
 * sample corpus and the hostile XSS corpus are ingested through the project's
 * IngestService (so clustering, statements and search are the real ones), then every page
 * reachable from the listings must render safely and the API must answer.
 * Runs on PostgreSQL when STORYLINE_TEST_PG is set and on SQLite once
 * `src/store/sqlite/sqlite-store.ts` exports `openStore`; skips otherwise.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article, RawDocument } from '../../src/model/types.js';
import type { Store } from '../../src/store/store-port.js';
import { createWebApp } from '../../src/web/web-app.js';
import { buildArticle } from './fake-store.js';
import { PAYLOADS, xssCorpus } from './xss-corpus.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PG_URL = process.env['STORYLINE_TEST_PG'] ?? '';
const SQLITE_MODULE = path.join(repoRoot, 'src/store/sqlite/sqlite-store.ts');
const SERVICE_MODULE = path.join(repoRoot, 'src/pipeline/ingest-service.ts');

interface Backend {
  name: string;
  available: boolean;
  open: () => Promise<{ store: Store; cleanup: () => Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'postgres',
    available: PG_URL !== '',
    open: async () => {
      const { openPostgresStore } = await import('../../src/store/postgres/postgres-store.js');
      const schema = `t_web_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
      const store = await openPostgresStore({ url: PG_URL, schema, now: () => '2025-03-04T10:00:00Z' });
      return {
        store,
        cleanup: async () => {
          await store.close();
          const pg = (await import('pg')).default;
          const c = new pg.Client({ connectionString: PG_URL });
          await c.connect();
          await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          await c.end();
        },
      };
    },
  },
  {
    name: 'sqlite',
    available: existsSync(SQLITE_MODULE),
    open: async () => {
      const mod = (await import(pathToFileURL(SQLITE_MODULE).href)) as { openStore?: (p: string) => Promise<Store> | Store; openSqliteStore?: (p: string) => Store };
      const open = mod.openSqliteStore ?? mod.openStore;
      if (!open) throw new Error('src/store/sqlite/sqlite-store.ts exports neither openSqliteStore nor openStore');
      const dir = mkdtempSync(path.join(tmpdir(), 'storyline-web-store-'));
      const store = await open(path.join(dir, 'web.db'));
      return { store, cleanup: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
    },
  },
];

for (const b of backends) if (!b.available) console.warn(`[web] web-on-${b.name} tests skipped: ${b.name === 'postgres' ? 'STORYLINE_TEST_PG is not set' : 'src/store/sqlite/sqlite-store.ts does not exist yet'}`);

const URL_ATTRS = ['href', 'src', 'xlink:href', 'action', 'formaction'];

/** The invariants every HTML page must hold, whatever the data. */
function checkPage(pathname: string, body: string): void {
  const { document } = parseHTML(body);
  expect([...document.querySelectorAll('script')].map((s) => s.getAttribute('src')), pathname).toEqual([expect.stringMatching(/^\/assets\/app\.js\?v=/)]);
  expect(document.querySelectorAll('iframe, object, embed, img, style, base').length, pathname).toBe(0);
  for (const el of document.querySelectorAll('*')) {
    for (const name of el.getAttributeNames()) {
      expect(name.startsWith('on') || name === 'style', `${pathname}: ${el.tagName} ${name}`).toBe(false);
      if (URL_ATTRS.includes(name)) {
        const v = el.getAttribute(name) ?? '';
        expect(/^#[a-z-]+$/.test(v) || (v.startsWith('/') && !v.startsWith('//')) || /^https?:\/\//i.test(v) || v.startsWith('url(#'), `${pathname}: ${name}=${v}`).toBe(true);
      }
    }
  }
  for (const p of [PAYLOADS.script, PAYLOADS.img, PAYLOADS.svg, PAYLOADS.titleBreak, PAYLOADS.iframe]) expect(body, pathname).not.toContain(p);
}

for (const backend of backends) {
  describe.skipIf(!backend.available)(`web app on the ${backend.name} store`, () => {
    let store: Store;
    let cleanup: () => Promise<void> = async () => undefined;
    let unusable = '';
    const corpus = xssCorpus();

    beforeAll(async () => {
      ({ store, cleanup } = await backend.open());
      if (!existsSync(SERVICE_MODULE)) {
        // The ingest service decides what the store commits; without it there is nothing to test.
        unusable = 'src/pipeline/ingest-service.ts does not exist yet';
        console.warn(`[web] web-on-${backend.name} tests skipped: ${unusable}`);
        return;
      }
      const { IngestService } = (await import(pathToFileURL(SERVICE_MODULE).href)) as {
        IngestService: { open(s: Store, o: { now: () => Date }): Promise<{ ingestArticle(raw: RawDocument, a: Article): Promise<unknown> }> };
      };
      const service = await IngestService.open(store, { now: () => new Date('2025-03-04T10:00:00Z') });
      for (const spec of corpus.articles) {
        const article = buildArticle(spec);
        await service.ingestArticle(
          { source: article.source, kind: 'text', contentType: 'text/plain', content: spec.raw ?? article.text, url: spec.url, title: spec.title, outlet: spec.outlet },
          article,
        );
      }
      for (const r of corpus.rejections) await store.reject(r.source, r.reason, r.detail ?? undefined);
    }, 120_000);

    afterAll(async () => {
      await cleanup();
    });

    it('renders every page reachable from the listings, safely', async (ctx) => {
      if (unusable) ctx.skip();
      const app = createWebApp(store, { now: () => new Date('2025-03-04T10:00:00Z') });
      const stats = await store.stats();
      expect(stats.articles).toBeGreaterThan(10);
      const events = await store.listEvents({ limit: 100 });
      const storylines = await store.listStorylines({ limit: 100 });
      const entities = await store.listEntities({ limit: 20 });
      const outlets = await store.listOutlets();
      const articles = await store.listArticles({ limit: 100 });
      expect(events.length).toBeGreaterThan(1);
      const pages = [
        '/', '/outlets', '/entities', '/rejections', '/search?q=border', '/search?q=' + encodeURIComponent(PAYLOADS.script), '/?place=Yerevan',
        ...events.map((e) => `/event/${encodeURIComponent(e.id)}`),
        ...storylines.map((s) => `/storyline/${encodeURIComponent(s.id)}`),
        ...entities.map((e) => `/entity/${encodeURIComponent(e.id)}`),
        ...outlets.map((o) => `/outlet/${encodeURIComponent(o.name)}`),
        ...articles.map((a) => `/article/${encodeURIComponent(a.id)}`),
      ];
      for (const p of pages) {
        const r = await app.request(p);
        expect(r.status, p).toBe(200);
        checkPage(p, await r.text());
      }
      // The sample's facts survive the real store: the denial is in the who-said-what of its event.
      const front = parseHTML(await (await app.request('/')).text()).document;
      expect(front.querySelectorAll('.latest .event-card').length).toBeGreaterThan(0);
      const voronova = await store.getEntity('Irina Voronova');
      if (voronova) {
        const r = await app.request(`/entity/${encodeURIComponent(voronova.id)}`);
        expect(await r.text()).toContain('Irina Voronova');
      }
    }, 120_000);

    it('answers the API with JSON and the error shape', async (ctx) => {
      if (unusable) ctx.skip();
      const app = createWebApp(store);
      for (const p of ['/api/stats', '/api/storylines', '/api/events', '/api/events?sort=most-covered', '/api/articles', '/api/search?q=strike', '/api/statements', '/api/entities', '/api/outlets', '/api/rejections']) {
        const r = await app.request(p);
        expect(r.status, p).toBe(200);
        expect(r.headers.get('content-type'), p).toMatch(/^application\/json/);
      }
      const missing = await app.request('/api/events/does-not-exist');
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ error: { code: 'not-found', message: expect.any(String) } });
    });
  });
}
