/**
 * The JSON API under /api, mirroring the views. Errors are
 * `{error: {code, message}}` with the status from the reason-code table.
 */
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { describeReason, httpStatus } from '../model/reasons.js';
import type { ReasonCode, StorylineId } from '../model/types.js';
import type { StoreReader } from '../store/store-port.js';
import { serialise } from '../export/export-format.js';
import { EXPORT_TARGETS, exportRecords, isExportTarget } from '../export/export-records.js';
import { eventsAtPlace, eventWithStatements, storylineData } from './page-data.js';
import { collect, enumParam, intParam, optDate, optText, type Params } from './request-params.js';

export function apiError(c: Context, code: ReasonCode, message?: string): Response {
  return c.json({ error: { code, message: message ?? describeReason(code) } }, httpStatus(code) as ContentfulStatusCode);
}

const ENTITY_TYPES = ['PERSON', 'ORG', 'LOC', 'MISC'] as const;

function page(q: Params) {
  return { limit: intParam(q, 'limit', 50, 1, 500), offset: intParam(q, 'offset', 0, 0, 1_000_000) };
}

export function createApiRoutes(store: StoreReader): Hono {
  const api = new Hono();

  api.get('/', (c) =>
    c.json({
      endpoints: [
        '/api/stats', '/api/storylines', '/api/storylines/:id', '/api/events?outlet=&entity=&place=&from=&to=&sort=latest|most-covered&storyline=',
        '/api/events/:id', '/api/articles?outlet=', '/api/articles/:id', '/api/search?q=&outlet=&entity=&from=&to=', '/api/statements?speaker=',
        '/api/entities?type=&q=', '/api/entities/:id', '/api/outlets', '/api/outlets/:name', '/api/places/:name', '/api/rejections',
        '/api/export/:kind?format=jsonl|csv&raw=1 (kind: articles, events, storylines, entities, statements, provenance, rejections; every record, streamed)',
        'POST /api/entities/:id/merge {"other": id, "note"?}', 'POST /api/entities/:id/split {"alias": name, "note"?}',
      ],
      writes: 'entity merges and splits only, same-origin, Content-Type: application/json; they survive re-ingestion',
      paging: 'limit (1-500, default 50) and offset on every list',
      errors: '{error: {code, message}} with the HTTP status of the reason code',
    }),
  );

  api.get('/stats', async (c) => c.json(await store.stats()));

  api.get('/storylines', async (c) => {
    const p = collect(page(c.req.query()));
    if (!p.ok) return apiError(c, p.reason, p.detail);
    return c.json({ storylines: await store.listStorylines(p.value) });
  });

  api.get('/storylines/:id', async (c) => {
    const d = await storylineData(store, c.req.param('id'));
    if (!d) return apiError(c, 'not-found', 'no story line with this id');
    return c.json(d);
  });

  api.get('/events', async (c) => {
    const q = c.req.query();
    const p = collect({
      ...page(q),
      outlet: optText(q, 'outlet'),
      entity: optText(q, 'entity'),
      place: optText(q, 'place'),
      from: optDate(q, 'from'),
      to: optDate(q, 'to'),
      sort: enumParam(q, 'sort', ['latest', 'most-covered'] as const),
      storylineId: optText(q, 'storyline'),
    });
    if (!p.ok) return apiError(c, p.reason, p.detail);
    const { place, storylineId, ...filter } = p.value;
    if (place) return c.json({ events: (await eventsAtPlace(store, place, { ...filter })).events });
    return c.json({ events: await store.listEvents({ ...filter, ...(storylineId ? { storylineId: storylineId as StorylineId } : {}) }) });
  });

  api.get('/events/:id', async (c) => {
    const d = await eventWithStatements(store, c.req.param('id'));
    if (!d) return apiError(c, 'not-found', 'no event with this id');
    return c.json({ ...d.event, statements: d.statements });
  });

  api.get('/articles', async (c) => {
    const q = c.req.query();
    const p = collect({ ...page(q), outlet: optText(q, 'outlet') });
    if (!p.ok) return apiError(c, p.reason, p.detail);
    return c.json({ articles: await store.listArticles(p.value) });
  });

  api.get('/articles/:id', async (c) => {
    const a = await store.getArticle(c.req.param('id'));
    if (!a) return apiError(c, 'not-found', 'no article with this id');
    return c.json(a);
  });

  api.get('/search', async (c) => {
    const q = c.req.query();
    const p = collect({ ...page(q), q: optText(q, 'q', 500), outlet: optText(q, 'outlet'), entity: optText(q, 'entity'), from: optDate(q, 'from'), to: optDate(q, 'to') });
    if (!p.ok) return apiError(c, p.reason, p.detail);
    const { q: text, ...opts } = p.value;
    if (!text) return apiError(c, 'bad-request', 'the query parameter q is required');
    return c.json({ query: text, ...(await store.search(text, opts)) });
  });

  api.get('/statements', async (c) => {
    const q = c.req.query();
    const p = collect({ ...page(q), speaker: optText(q, 'speaker') });
    if (!p.ok) return apiError(c, p.reason, p.detail);
    return c.json({ statements: await store.listStatements(p.value) });
  });

  api.get('/entities', async (c) => {
    const q = c.req.query();
    const p = collect({ ...page(q), type: enumParam(q, 'type', ENTITY_TYPES), query: optText(q, 'q') });
    if (!p.ok) return apiError(c, p.reason, p.detail);
    return c.json({ entities: await store.listEntities(p.value) });
  });

  api.get('/entities/:id', async (c) => {
    const e = await store.getEntity(c.req.param('id'));
    if (!e) return apiError(c, 'not-found', 'no entity with this id or name');
    return c.json(e);
  });

  api.get('/outlets', async (c) => c.json({ outlets: await store.listOutlets() }));

  api.get('/outlets/:name', async (c) => {
    const o = await store.getOutlet(c.req.param('name'));
    if (!o) return apiError(c, 'not-found', 'no outlet with this name');
    return c.json(o);
  });

  api.get('/places/:name', async (c) => {
    const d = await eventsAtPlace(store, c.req.param('name'));
    if (d.events.length === 0) return apiError(c, 'not-found', 'no event names this place');
    return c.json(d);
  });

  api.get('/rejections', async (c) => {
    const p = collect(page(c.req.query()));
    if (!p.ok) return apiError(c, p.reason, p.detail);
    return c.json({ rejections: await store.listRejections(p.value) });
  });

  api.get('/export/:kind', async (c) => {
    const kind = c.req.param('kind');
    if (!isExportTarget(kind)) return apiError(c, 'not-found', `no export kind ${kind} (one of: ${EXPORT_TARGETS.join(', ')})`);
    const q = c.req.query();
    const p = collect({ format: enumParam(q, 'format', ['jsonl', 'csv'] as const), raw: enumParam(q, 'raw', ['0', '1'] as const) });
    if (!p.ok) return apiError(c, p.reason, p.detail);
    const format = p.value.format ?? 'jsonl';
    const chunks = serialise(exportRecords(store, kind, { withRaw: p.value.raw === '1' && kind === 'articles' }), kind, format);
    const encoder = new TextEncoder();
    // Pull-based: the next store page is read only when the client has taken the previous lines.
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    c.header('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="storyline-${kind}.${format}"`);
    return c.body(body);
  });

  api.all('*', (c) => apiError(c, 'not-found', 'no such API endpoint'));
  return api;
}
