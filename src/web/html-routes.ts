/** Server-rendered pages: every view is complete on the first response, at a shareable URL. */
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { httpStatus } from '../model/reasons.js';
import type { Result } from '../model/types.js';
import type { StoreReader } from '../store/store-port.js';
import type { HtmlValue } from './html-template.js';
import { eventsAtPlace, eventWithStatements, storylineData } from './page-data.js';
import { collect, enumParam, intParam, optDate, optText } from './request-params.js';
import type { WorldShapes } from './svg/world-map-svg.js';
import { articlePageBody } from './views/article-page-view.js';
import { entityIndexBody, entityPageBody } from './views/entity-page-view.js';
import { eventPageBody } from './views/event-page-view.js';
import { frontPageBody } from './views/front-page-view.js';
import { renderPage, type PageContext, type PageParts } from './views/layout-view.js';
import { errorBody, eventsPageBody, rejectionsBody } from './views/misc-views.js';
import { outletIndexBody, outletPageBody, placePageBody } from './views/place-outlet-views.js';
import { searchPageBody } from './views/search-page-view.js';
import { storylinePageBody } from './views/storyline-page-view.js';

export interface HtmlDeps {
  store: StoreReader;
  now: () => Date;
  cssHref: string;
  jsHref: string;
  shapes: () => WorldShapes;
}

const FRONT_EVENTS = 15;
const FRONT_STORYLINES = 9;
const EVENTS_PAGE = 30;

export function createHtmlRoutes(d: HtmlDeps): Hono {
  const app = new Hono();
  const { store } = d;
  const ctx = (query?: string): PageContext => ({ cssHref: d.cssHref, jsHref: d.jsHref, now: d.now(), ...(query !== undefined ? { query } : {}) });
  const page = (c: Context, parts: PageParts, query?: string, status: ContentfulStatusCode = 200): Response => c.html(renderPage(ctx(query), parts), status);
  const fail = (c: Context, r: Extract<Result<unknown>, { ok: false }>): Response =>
    page(c, { title: 'Error', body: errorBody(httpStatus(r.reason), r.detail ?? r.reason) }, undefined, httpStatus(r.reason) as ContentfulStatusCode);
  const notFound = (c: Context, what: string): Response => page(c, { title: 'Not found', body: errorBody(404, `No ${what} here. It may have been merged or removed.`) }, undefined, 404);

  app.get('/', async (c) => {
    const q = c.req.query();
    const p = collect({ outlet: optText(q, 'outlet'), entity: optText(q, 'entity'), place: optText(q, 'place'), from: optDate(q, 'from'), to: optDate(q, 'to') });
    if (!p.ok) return fail(c, p);
    const { place, ...filter } = p.value;
    const events = async (sort: 'latest' | 'most-covered') =>
      place ? (await eventsAtPlace(store, place, { ...filter, sort })).events.slice(0, FRONT_EVENTS) : store.listEvents({ ...filter, sort, limit: FRONT_EVENTS });
    const [stats, storylines, latest, mostCovered, outlets] = await Promise.all([
      store.stats(),
      store.listStorylines({ limit: FRONT_STORYLINES }),
      events('latest'),
      events('most-covered'),
      store.listOutlets(),
    ]);
    const body = frontPageBody({ stats, storylines, latest, mostCovered, outlets, filters: p.value, now: d.now() });
    return page(c, { title: 'Front page', body, section: 'front', description: 'Story lines and the latest events' });
  });

  app.get('/events', async (c) => {
    const q = c.req.query();
    const p = collect({
      outlet: optText(q, 'outlet'), entity: optText(q, 'entity'), from: optDate(q, 'from'), to: optDate(q, 'to'),
      sort: enumParam(q, 'sort', ['latest', 'most-covered'] as const), offset: intParam(q, 'offset', 0, 0, 1_000_000),
    });
    if (!p.ok) return fail(c, p);
    const events = await store.listEvents({ ...p.value, limit: EVENTS_PAGE + 1 });
    return page(c, { title: 'Events', body: eventsPageBody({ ...p.value, sort: p.value.sort ?? 'latest' }, events.slice(0, EVENTS_PAGE), events.length > EVENTS_PAGE, EVENTS_PAGE, d.now()) });
  });

  app.get('/search', async (c) => {
    const q = c.req.query();
    const p = collect({ q: optText(q, 'q', 500), outlet: optText(q, 'outlet'), entity: optText(q, 'entity'), from: optDate(q, 'from'), to: optDate(q, 'to'), offset: intParam(q, 'offset', 0, 0, 100_000) });
    if (!p.ok) return fail(c, p);
    const { q: text, ...rest } = p.value;
    const params = { ...rest, q: text ?? '', limit: 20 };
    const result = text ? await store.search(text, { outlet: rest.outlet, entity: rest.entity, from: rest.from, to: rest.to, offset: rest.offset, limit: 20 }) : null;
    return page(c, { title: text ? `Search: ${text}` : 'Search', body: searchPageBody(params, result), section: 'search' }, text);
  });

  app.get('/event/:id', async (c) => {
    const data = await eventWithStatements(store, c.req.param('id'));
    if (!data) return notFound(c, 'event');
    return page(c, { title: data.event.label, body: eventPageBody({ ...data, shapes: d.shapes }), description: data.event.summary });
  });

  app.get('/storyline/:id', async (c) => {
    const data = await storylineData(store, c.req.param('id'));
    if (!data) return notFound(c, 'story line');
    return page(c, { title: data.storyline.label, body: storylinePageBody(data) });
  });

  app.get('/entity/:id', async (c) => {
    const e = await store.getEntity(c.req.param('id'));
    if (!e) return notFound(c, 'entity');
    return page(c, { title: e.name, body: entityPageBody(e), section: 'entities' });
  });

  app.get('/entities', async (c) => {
    const p = optText(c.req.query(), 'q', 200);
    if (!p.ok) return fail(c, p);
    const entities = await store.listEntities({ limit: 200, ...(p.value ? { query: p.value } : {}) });
    return page(c, { title: 'Entities', body: entityIndexBody(entities, p.value), section: 'entities' });
  });

  app.get('/place/:name', async (c) => {
    const data = await eventsAtPlace(store, c.req.param('name'));
    if (data.events.length === 0 && data.place === null) return notFound(c, 'place');
    return page(c, { title: data.name, body: placePageBody({ ...data, shapes: d.shapes }) });
  });

  app.get('/outlet/:name', async (c) => {
    const o = await store.getOutlet(c.req.param('name'));
    if (!o) return notFound(c, 'outlet');
    return page(c, { title: o.name, body: outletPageBody(o), section: 'outlets' });
  });

  app.get('/outlets', async (c) => page(c, { title: 'Outlets', body: outletIndexBody(await store.listOutlets()), section: 'outlets' }));

  app.get('/article/:id', async (c) => {
    const stored = await store.getArticle(c.req.param('id'));
    if (!stored) return notFound(c, 'article');
    return page(c, { title: stored.article.title ?? 'Article', body: articlePageBody({ stored, shapes: d.shapes }) });
  });

  app.get('/rejections', async (c) => page(c, { title: 'Rejected inputs', body: rejectionsBody(await store.listRejections({ limit: 500 })) }));

  return app;
}

export function errorPage(d: Pick<HtmlDeps, 'cssHref' | 'jsHref' | 'now'>, status: number, message: string, body?: HtmlValue): string {
  return renderPage({ cssHref: d.cssHref, jsHref: d.jsHref, now: d.now() }, { title: 'Error', body: body ?? errorBody(status, message) });
}
