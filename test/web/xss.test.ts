import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { createWebApp } from '../../src/web/web-app.js';
import { createFakeStore } from './fake-store.js';
import { HOSTILE_URLS, PAYLOADS, XSS_PAGES, xssCorpus } from './xss-corpus.js';

const app = createWebApp(createFakeStore(xssCorpus()), { now: () => new Date('2025-03-04T10:00:00Z') });


/** Attributes whose value is a URL the browser would follow or load. */
const URL_ATTRS = ['href', 'src', 'xlink:href', 'action', 'formaction', 'data', 'poster', 'srcset'];

describe('hostile article content is inert', () => {
  it.each(XSS_PAGES)('%s: no injected element, handler or dangerous URL', async (path) => {
    const r = await app.request(path);
    expect(r.status, path).toBe(200);
    const body = await r.text();
    const { document } = parseHTML(body);
    const scripts = [...document.querySelectorAll('script')];
    expect(scripts.map((s) => s.getAttribute('src'))).toEqual([expect.stringMatching(/^\/assets\/app\.js\?v=/)]);
    expect(document.querySelectorAll('iframe, object, embed, img, style, base, meta[http-equiv], textarea').length).toBe(0);
    for (const el of document.querySelectorAll('*')) {
      for (const name of el.getAttributeNames()) {
        expect(name.startsWith('on'), `${el.tagName} ${name}`).toBe(false);
        if (name === 'autofocus') throw new Error(`injected autofocus on ${el.tagName}`);
        if (URL_ATTRS.includes(name)) {
          const v = el.getAttribute(name) ?? '';
          const ok = /^#[a-z][a-z0-9-]*$/.test(v) || (v.startsWith('/') && !v.startsWith('//')) || /^https?:\/\//i.test(v) || v.startsWith('url(#') || v === '';
          expect(ok, `${el.tagName} ${name}=${v}`).toBe(true);
        }
      }
    }
    // The raw markup never carries a payload unescaped.
    for (const p of [PAYLOADS.script, PAYLOADS.img, PAYLOADS.svg, PAYLOADS.titleBreak, PAYLOADS.iframe, PAYLOADS.attrBreak]) expect(body).not.toContain(p);
    expect(body).not.toMatch(/<script>window/);
  });

  it('shows hostile text as text (the title break stays inside <title>)', async () => {
    const { document } = parseHTML(await (await app.request('/article/x-0')).text());
    expect(document.title).toContain('</title><script>window.__pwned=4</script>');
    expect(document.querySelector('h1')?.textContent).toContain(PAYLOADS.script);
    expect(document.querySelector('.byline')?.textContent).toContain(PAYLOADS.attrBreak);
  });

  it('never makes javascript:, data: or protocol-relative article URLs clickable', async () => {
    for (let i = 0; i < HOSTILE_URLS.length; i++) {
      const { document } = parseHTML(await (await app.request(`/article/x-${i}`)).text());
      const ext = [...document.querySelectorAll('a.external')];
      const url = HOSTILE_URLS[i] ?? '';
      if (/^https:\/\//.test(url)) {
        expect(ext).toHaveLength(1);
        expect(ext[0]?.getAttribute('href')).toBe('https://ok.example/a?q=%22%3E%3Cscript%3Ewindow.__pwned=16%3C/script%3E');
        expect(ext[0]?.getAttribute('rel')).toBe('noopener noreferrer');
      } else {
        expect(ext, url).toHaveLength(0);
        expect(document.querySelector('.url-unsafe')?.textContent, url).toBe(url);
      }
    }
  });

  it('returns hostile text verbatim in JSON (the API is data, not markup)', async () => {
    const r = await app.request('/api/articles/x-0');
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const body = (await r.json()) as { article: { title: string; url: string } };
    expect(body.article.title).toContain(PAYLOADS.script);
    expect(body.article.url).toBe(HOSTILE_URLS[0]);
  });
});
