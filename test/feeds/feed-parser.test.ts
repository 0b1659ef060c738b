import { describe, expect, it } from 'vitest';
import { declaresEntities, parseFeed } from '../../src/feeds/feed-parser.js';
import { ATOM, BILLION_LAUGHS, JSON_FEED, MALFORMED, RSS1, rss2 } from './feed-samples.js';

describe('parseFeed', () => {
  it('reads RSS 2.0 items with guid, link, date and CDATA summary', () => {
    const r = parseFeed(rss2([{ id: 'g1', link: 'https://wire.example/a', title: 'Lavrov &amp; Mirzoyan meet' }]));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.kind).toBe('rss');
    expect(r.value.language).toBe('en');
    expect(r.value.items).toEqual([
      { id: 'g1', url: 'https://wire.example/a', title: 'Lavrov & Mirzoyan meet', publishedAt: '2021-05-27T09:24:00.000Z', summary: '<p>Lavrov &amp; Mirzoyan meet &amp; more</p>' },
    ]);
  });

  it('reads RSS 1.0 (RDF) items beside the channel and resolves relative links', () => {
    const r = parseFeed(RSS1);
    expect(r.ok && r.value.kind).toBe('rdf');
    if (!r.ok) return;
    expect(r.value.items.map((i) => i.url)).toEqual(['https://rdf.example/a1', 'https://rdf.example/a2']);
    expect(r.value.items[1]?.title).toBe('Border \u201ccommission\u201d');
    expect(r.value.items[0]?.publishedAt).toBe('2022-03-01T10:00:00.000Z');
  });

  it('reads Atom with the alternate link, xml:lang and offsets in dates', () => {
    const r = parseFeed(ATOM);
    expect(r.ok && r.value.kind).toBe('atom');
    if (!r.ok) return;
    expect(r.value.language).toBe('ru');
    expect(r.value.items[0]).toMatchObject({ id: 'tag:atom.example,2021:1', url: 'https://atom.example/news/1', publishedAt: '2021-05-27T09:00:00.000Z' });
    expect(r.value.items[1]?.url).toBe('https://atom.example/news/2');
  });

  it('reads JSON Feed', () => {
    const r = parseFeed(new TextEncoder().encode(JSON_FEED));
    expect(r.ok && r.value.kind).toBe('json');
    if (!r.ok) return;
    expect(r.value.items.map((i) => i.url)).toEqual(['https://json.example/j1', 'https://json.example/j2']);
  });

  it('refuses a billion-laughs bomb without expanding anything', () => {
    const t0 = performance.now();
    expect(parseFeed(BILLION_LAUGHS)).toMatchObject({ ok: false, reason: 'feed-entity-expansion' });
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('refuses any DOCTYPE, even one hidden behind comments and PIs', () => {
    expect(declaresEntities('<?xml version="1.0"?><!-- x --><?pi y?><!doctype rss SYSTEM "file:///etc/passwd"><rss/>')).toBe(true);
    expect(declaresEntities('<rss><channel><description>&lt;!DOCTYPE in text is fine</description></channel></rss>')).toBe(false);
  });

  it('reports malformed XML and JSON', () => {
    expect(parseFeed(MALFORMED)).toMatchObject({ ok: false, reason: 'feed-malformed' });
    expect(parseFeed('{"items": [')).toMatchObject({ ok: false, reason: 'feed-malformed' });
    expect(parseFeed('<html><body>not a feed</body></html>')).toMatchObject({ ok: false, reason: 'feed-malformed' });
    expect(parseFeed('')).toMatchObject({ ok: false, reason: 'feed-malformed' });
  });

  it('decodes a declared legacy encoding', () => {
    const xml = '<?xml version="1.0" encoding="windows-1251"?><rss><channel><item><guid>1</guid><title>\u041c\u043e\u0441\u043a\u0432\u0430</title></item></channel></rss>';
    // encode by hand: windows-1251 for the Cyrillic letters
    const bytes = Buffer.from(xml.replace('\u041c\u043e\u0441\u043a\u0432\u0430', '\u0000'), 'latin1');
    const word = Buffer.from([0xcc, 0xee, 0xf1, 0xea, 0xe2, 0xe0]);
    const i = bytes.indexOf(0);
    const full = Buffer.concat([bytes.subarray(0, i), word, bytes.subarray(i + 1)]);
    const r = parseFeed(new Uint8Array(full));
    expect(r.ok && r.value.items[0]?.title).toBe('\u041c\u043e\u0441\u043a\u0432\u0430');
  });
});
