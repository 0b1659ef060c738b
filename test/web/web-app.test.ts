import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { createWebApp, CONTENT_SECURITY_POLICY } from '../../src/web/web-app.js';
import { createFakeStore } from './fake-store.js';

const app = createWebApp(createFakeStore(), { now: () => new Date('2025-03-04T10:00:00Z') });

async function get(path: string, init?: RequestInit): Promise<{ status: number; headers: Headers; body: string; doc: Document }> {
  const r = await app.request(path, init);
  const body = await r.text();
  return { status: r.status, headers: r.headers, body, doc: parseHTML(body).document as unknown as Document };
}

const texts = (doc: Document, sel: string): string[] => [...doc.querySelectorAll(sel)].map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim());

const PAGES = ['/', '/events', '/events?sort=most-covered&outlet=Kavkaz%20Daily', '/search?q=border', '/event/ev-2021-briefing', '/storyline/sl-border', '/entity/irina-voronova', '/place/Yerevan', '/outlet/Kavkaz%20Daily', '/article/a-cw-2021', '/outlets', '/entities', '/rejections'];

describe('every page', () => {
  it.each(PAGES)('%s renders on the server with security headers and no inline script or style', async (path) => {
    const { status, headers, body, doc } = await get(path);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^text\/html/);
    expect(headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    const scripts = [...doc.querySelectorAll('script')];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]?.getAttribute('src')).toMatch(/^\/assets\/app\.js\?v=[0-9a-f]{12}$/);
    expect(scripts[0]?.textContent).toBe('');
    expect(doc.querySelectorAll('[style], style').length).toBe(0);
    for (const el of doc.querySelectorAll('*')) for (const a of el.getAttributeNames()) expect(a.startsWith('on')).toBe(false);
    expect(body).toContain('<main id="main"');
  });

  it('sends the headers on 404s, API errors and assets too', async () => {
    for (const path of ['/nope', '/event/missing', '/api/events/missing', '/api/nope', '/assets/app.css']) {
      const r = await get(path);
      expect(r.headers.get('content-security-policy'), path).toBe(CONTENT_SECURITY_POLICY);
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    expect((await get('/event/missing')).status).toBe(404);
    expect((await get('/assets/../web-app.ts')).status).toBe(404);
  });

  it('serves the assets with their types and a long cache only for the hashed URL', async () => {
    const front = await get('/');
    const css = front.doc.querySelector('link[rel=stylesheet]')?.getAttribute('href') ?? '';
    const r = await get(css);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/css/);
    expect(r.headers.get('cache-control')).toContain('immutable');
    expect((await get('/assets/app.css')).headers.get('cache-control')).toBe('no-cache');
    expect((await get('/assets/app.js')).headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('refuses unexpected Host headers (DNS rebinding) and non-GET methods', async () => {
    expect((await get('/', { headers: { host: 'evil.example' } })).status).toBe(400);
    expect((await get('/', { headers: { host: '127.0.0.1:4173' } })).status).toBe(200);
    expect((await get('/', { headers: { host: '[::1]:4173' } })).status).toBe(200);
    const post = await get('/api/stats', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(JSON.parse(post.body)).toEqual({ error: { code: 'bad-request', message: expect.any(String) } });
  });
});

describe('front page', () => {
  it('shows story lines, Latest (newest first) and Most covered (largest first)', async () => {
    const { doc } = await get('/');
    expect(texts(doc, '.storylines h3')).toContain('Russia and the Armenia–Azerbaijan border, 2021–2025');
    const latest = texts(doc, '.latest h3');
    expect(latest[0]).toBe('Moscow denies border drawdown');
    expect(latest.indexOf('Strike ends with a wage deal')).toBeLessThan(latest.indexOf('Voronova briefing on the border incident'));
    expect(texts(doc, '.most-covered h3')[0]).toBe('Voronova briefing on the border incident');
    expect(texts(doc, '.stats')[0]).toContain('13 articles');
  });
  it('filters by outlet, entity, place and date range through the URL', async () => {
    expect(texts((await get('/?outlet=Black%20Sea%20Times')).doc, '.latest h3').sort()).toEqual(['Dockworkers walk out at Constanța', 'Strike ends with a wage deal']);
    expect(texts((await get('/?entity=Pavel%20Belov')).doc, '.latest h3')).toEqual(['Embassy offers help with demarcation']);
    expect(texts((await get('/?place=Ijevan')).doc, '.latest h3').sort()).toEqual(['Embassy offers help with demarcation', 'Voronova briefing on the border incident']);
    expect(texts((await get('/?from=2024-09-01&to=2024-12-31')).doc, '.latest h3').sort()).toEqual(['Dockworkers walk out at Constanța', 'Strike ends with a wage deal']);
    const chip = (await get('/?outlet=Black%20Sea%20Times')).doc.querySelector('.active-filters .chip');
    expect(chip?.textContent).toContain('outlet: Black Sea Times');
  });
  it('pages through all events from "More events"', async () => {
    const front = (await get('/')).doc;
    const more = front.querySelector('.latest a.more')?.getAttribute('href') ?? '';
    expect(more).toBe('/events?sort=latest');
    const { doc } = await get(more);
    expect(texts(doc, '.event-card h3')).toHaveLength(6);
    expect(texts(doc, '.event-card h3')[0]).toBe('Moscow denies border drawdown');
    expect(texts((await get('/events?sort=most-covered')).doc, '.event-card h3')[0]).toBe('Voronova briefing on the border incident');
    expect((await get('/events?sort=sideways')).status).toBe(400);
  });
  it('answers a malformed date with 400, not a crash', async () => {
    expect((await get('/?from=yesterday')).status).toBe(400);
  });
});

describe('event page', () => {
  it('shows the timeline, outlets side by side with badges, who said what, entities, map and provenance graph', async () => {
    const { doc } = await get('/event/ev-2021-briefing');
    expect(texts(doc, 'h1')[0]).toBe('Voronova briefing on the border incident');
    const tl = texts(doc, '.timeline-list li');
    expect(tl).toHaveLength(3);
    expect(tl[0]).toContain('27 May 2021, 09:24');
    expect(tl[2]).toContain('Anon Digest');
    expect(texts(doc, '.outlet-col h3')).toEqual(['Caspian Wire', 'Kavkaz Daily', 'Anon Digest']);
    expect(texts(doc, '.outlet-col .badge')).toEqual(['original', 'wire copy', 'rewrite']);
    const rows = [...doc.querySelectorAll('table.who-said-what tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim()));
    expect(rows).toHaveLength(2);
    const restraint = rows.find((r) => r[1]?.includes('show restraint'));
    expect(restraint?.[0]).toBe('Irina Voronova');
    expect(restraint?.[2]).toBe('said');
    expect(restraint?.[3]).toBe('Caspian Wire, Kavkaz Daily, Anon Digest');
    expect(restraint?.[4]).toBe('27 May 2021');
    expect(rows.find((r) => r[1]?.includes('withdrawn'))?.[2]).toBe('denied');
    const renderings = [...doc.querySelectorAll('table.who-said-what details.renderings li')].map((li) => (li.textContent ?? '').replace(/\s+/g, ' ').trim());
    expect(renderings).toEqual([
      expect.stringMatching(/^first Caspian Wire, 27 May 2021: "We call on both sides/),
      expect.stringMatching(/^verbatim Kavkaz Daily, 27 May 2021: /),
      expect.stringMatching(/^paraphrase Anon Digest, 28 May 2021: both capitals should exercise restraint/),
    ]);
    expect(texts(doc, 'header .chips a')).toContain('Irina Voronova');
    expect(doc.querySelectorAll('.map-svg path.country').length).toBeGreaterThan(3);
    expect(texts(doc, '.map-svg .place-mark text').sort()).toEqual(['Ijevan', 'Moscow']);
    expect(doc.querySelectorAll('.provenance-graph .node').length).toBe(3);
    expect([...doc.querySelectorAll('.provenance-graph path.edge')].map((e) => e.getAttribute('class'))).toEqual(['edge edge-wire', 'edge edge-rewrite']);
    const ext = doc.querySelector('.outlet-col a.external');
    expect(ext?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(ext?.getAttribute('target')).toBe('_blank');
  });
});

describe('story line page', () => {
  it('draws a zoomable timeline with an events lane and actor lanes, and a coverage chart', async () => {
    const { doc } = await get('/storyline/sl-border');
    const lanes = texts(doc, '.tl-lane-label');
    expect(lanes[0]).toBe('Events');
    expect(lanes).toContain('Irina Voronova');
    expect(lanes).toContain('Pavel Belov');
    expect(doc.querySelectorAll('.tl-lane-items[data-lane="0"] .tl-item').length).toBe(3);
    expect(texts(doc, '.tl-tick text')).toEqual(expect.arrayContaining(['2022', '2023', '2024', '2025']));
    expect(texts(doc, '.storyline-events li a')).toEqual(['Voronova briefing on the border incident', 'Embassy offers help with demarcation', 'Moscow denies border drawdown']);
    expect(doc.querySelector('.timeline')?.getAttribute('data-t0')).toMatch(/^\d+$/);
    expect(doc.querySelectorAll('.coverage-chart rect').length).toBeGreaterThan(3);
    expect(texts(doc, '.coverage-chart .legend li')).toEqual(expect.arrayContaining(['Caspian Wire', 'Kavkaz Daily', 'Baku Ledger']));
    expect(texts(doc, '#h-actors ~ h3')[0]).toBe('Irina Voronova');
  });
});

describe('entity, place, outlet, article and search pages', () => {
  it('entity: roles, aliases, statements, co-occurring', async () => {
    const { doc } = await get('/entity/Irina%20Voronova');
    expect(texts(doc, '.roles li')).toEqual(['spokesperson, Russian Foreign Ministry']);
    expect(texts(doc, '.aliases li')).toEqual(['Voronova']);
    expect(doc.querySelectorAll('table.who-said-what tbody tr').length).toBe(5);
    expect(texts(doc, '.co-occurring a')).toContain('Russian Foreign Ministry');
  });
  it('place: a map focused on the place and the events there', async () => {
    const { doc } = await get('/place/Yerevan');
    expect(doc.querySelector('.place-mark.focus text')?.textContent).toBe('Yerevan');
    expect(texts(doc, '.event-card h3').sort()).toEqual(['Embassy offers help with demarcation', 'Moscow denies border drawdown']);
    expect((await get('/place/Atlantis')).status).toBe(404);
  });
  it('outlet: original versus copied', async () => {
    const { doc, body } = await get('/outlet/Kavkaz%20Daily');
    expect(texts(doc, '.page-head .meta')[0]).toContain('4 articles · 1 original · 3 copies');
    expect(body).toContain('25% original');
  });
  it('article: highlighted text and the removed boilerplate with reasons', async () => {
    const { doc } = await get('/article/a-cw-2021');
    expect(texts(doc, '.article-text .hl-entity.ent-PERSON')).toEqual(['Irina Voronova', 'Voronova']);
    expect(doc.querySelector('.article-text .hl-entity.ent-PERSON')?.getAttribute('href')).toBe('/entity/Irina%20Voronova');
    expect(texts(doc, '.article-text .hl-place')).toEqual(['Moscow', 'Ijevan']);
    expect(texts(doc, '.article-text .quote')[0]).toContain('We call on both sides');
    expect(texts(doc, '.article-text .dateline')[0]).toBe('MOSCOW, May 27. /Caspian Wire/.');
    expect(texts(doc, '.removed-blocks .reason')).toEqual(['sidebar-list a sidebar list of other headlines']);
    expect(doc.querySelector('details.removed pre')?.textContent).toContain('Grain prices steady');
    // The reader's text is exactly the article text, markup aside.
    expect((doc.querySelector('.article-text')?.textContent ?? '').replace(/\s+/g, '')).toBe(
      'MOSCOW, May 27. /Caspian Wire/. Russia is ready to help Armenia and Azerbaijan settle the incident on their border, Russian Foreign Ministry spokesperson Irina Voronova said on Thursday."We call on both sides to show restraint and to return to the negotiating table," Voronova told a briefing in Moscow.She denied reports that Russian border guards had withdrawn from positions near Ijevan, calling them "information that does not correspond to reality".'.replace(/\s+/g, ''),
    );
  });
  it('search: hits with highlights and facets that refine through the URL', async () => {
    const { doc } = await get('/search?q=strike');
    expect(texts(doc, '.search-hit .headline').length).toBe(3);
    expect(texts(doc, '.search-hit mark')[0]?.toLowerCase()).toBe('strike');
    expect(texts(doc, '.facet h3')).toEqual(['Outlets', 'Entities', 'Years']);
    const facet = doc.querySelector('.facet a')?.getAttribute('href') ?? '';
    expect(facet).toMatch(/^\/search\?q=strike&outlet=/);
    expect((doc.querySelector('#site-q') as unknown as { getAttribute(n: string): string }).getAttribute('value')).toBe('strike');
    const refined = await get(facet);
    expect(texts(refined.doc, '.search-hit').length).toBeLessThan(3);
    expect((await get('/search')).status).toBe(200);
  });
});

describe('JSON API', () => {
  const json = async (path: string): Promise<{ status: number; body: any }> => {
    const r = await app.request(path);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    return { status: r.status, body: await r.json() };
  };
  it('mirrors the views', async () => {
    expect((await json('/api/stats')).body).toMatchObject({ articles: 13, events: 6, storylines: 3 });
    expect((await json('/api/storylines')).body.storylines).toHaveLength(3);
    expect((await json('/api/storylines/sl-border')).body.statements.length).toBeGreaterThan(3);
    expect((await json('/api/events?sort=most-covered&limit=1')).body.events.map((e: any) => e.id)).toEqual(['ev-2021-briefing']);
    expect((await json('/api/events?place=Constan%C8%9Ba')).body.events).toHaveLength(2);
    const ev = (await json('/api/events/ev-2021-briefing')).body;
    expect(ev.articles).toHaveLength(3);
    expect(ev.statements.map((s: any) => s.id).sort()).toEqual(['st-no-withdrawal', 'st-restraint']);
    expect((await json('/api/articles/a-cw-2021')).body.article.title).toContain('Voronova');
    expect((await json('/api/articles?outlet=Baku%20Ledger')).body.articles).toHaveLength(1);
    expect((await json('/api/search?q=glaciers')).body.total).toBe(2);
    expect((await json('/api/statements?speaker=Mihai%20Stoica')).body.statements).toHaveLength(2);
    expect((await json('/api/entities?type=ORG')).body.entities.every((e: any) => e.type === 'ORG')).toBe(true);
    expect((await json('/api/entities/pavel-belov')).body.name).toBe('Pavel Belov');
    expect((await json('/api/outlets')).body.outlets[0].name).toBe('Kavkaz Daily');
    expect((await json('/api/outlets/Caspian%20Wire')).body.articleCount).toBe(2);
    expect((await json('/api/places/Baku')).body.place).toMatchObject({ name: 'Baku' });
    expect((await json('/api/rejections')).body.rejections).toHaveLength(2);
  });
  it('answers errors as {error: {code, message}} with statuses from the reason table', async () => {
    expect(await json('/api/events/nope')).toEqual({ status: 404, body: { error: { code: 'not-found', message: expect.any(String) } } });
    expect(await json('/api/search')).toEqual({ status: 400, body: { error: { code: 'bad-request', message: expect.stringContaining('q') } } });
    expect((await json('/api/events?limit=100000')).status).toBe(400);
    expect((await json('/api/events?limit=-1')).status).toBe(400);
    expect((await json('/api/entities?type=ALIEN')).status).toBe(400);
    expect((await json('/api/events?from=2024-13')).status).toBe(400);
    expect((await json('/api/unknown')).status).toBe(404);
  });
  it('reports an internal failure as internal-error without leaking the message', async () => {
    const errors: unknown[] = [];
    const broken = createWebApp({ ...createFakeStore(), stats: async () => { throw new Error('secret /path/db'); } }, { onError: (e) => errors.push(e) });
    const r = await broken.request('/api/stats');
    expect(r.status).toBe(500);
    const body = await r.text();
    expect(JSON.parse(body).error.code).toBe('internal-error');
    expect(body).not.toContain('secret');
    expect((await broken.request('/')).status).toBe(500);
    expect(errors).toHaveLength(2);
  });
});
