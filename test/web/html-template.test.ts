import { describe, expect, it } from 'vitest';
import { escapeHtml, externalLink, html, joinHtml, pathTo, queryString, safeExternalUrl, trustedRaw } from '../../src/web/html-template.js';
import { clipRing, viewFor } from '../../src/web/svg/world-map-svg.js';
import { binCoverage } from '../../src/web/svg/coverage-chart-svg.js';
import { timeTicks } from '../../src/web/svg/time-scale.js';
import { formatDate, isoToTime } from '../../src/web/format-helpers.js';
import { highlightSnippet, highlightTerms } from '../../src/web/views/search-page-view.js';

describe('html tagged template', () => {
  it('escapes every interpolated string, including quotes and backticks', () => {
    const v = `<script>"x" & 'y' \`z\`</script>`;
    expect(html`<p title="${v}">${v}</p>`.value).toBe(
      '<p title="&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39; &#96;z&#96;&lt;/script&gt;">&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39; &#96;z&#96;&lt;/script&gt;</p>',
    );
  });
  it('passes nested html and arrays through once, never double-escaping', () => {
    const inner = html`<b>${'a<b'}</b>`;
    expect(html`<div>${[inner, '&', null, undefined, false, 3]}</div>`.value).toBe('<div><b>a&lt;b</b>&amp;3</div>');
    expect(joinHtml(['<x>', trustedRaw('<br>')], ', ').value).toBe('&lt;x&gt;, <br>');
  });
  it('escapeHtml leaves ordinary text alone', () => {
    expect(escapeHtml('Ереван – 27 May')).toBe('Ереван – 27 May');
  });
});

describe('safeExternalUrl / externalLink', () => {
  it.each([
    'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>', 'vbscript:x', '//evil.example/', '/relative', 'ftp://x.example/', 'https://user:pw@x.example/', '',
  ])('refuses %j', (url) => {
    expect(safeExternalUrl(url)).toBeNull();
    expect(externalLink(url).value).not.toContain('href');
  });
  it('accepts http(s) and opens it without opener or referrer', () => {
    expect(safeExternalUrl('https://example.org/a b')).toBeNull();
    const link = externalLink('https://example.org/news?a=1&b="2"', 'original').value;
    expect(link).toBe('<a class="external" href="https://example.org/news?a=1&amp;b=%222%22" rel="noopener noreferrer" target="_blank">original</a>');
  });
  it('builds internal paths with encoded segments', () => {
    expect(pathTo('entity', 'a/b?c')).toBe('/entity/a%2Fb%3Fc');
    expect(queryString({ q: 'x y', a: undefined, b: '' })).toBe('?q=x+y');
  });
});

describe('search highlighting', () => {
  it('marks query terms in escaped text and honours store markers', () => {
    expect(highlightSnippet('the <b>border</b> talks', highlightTerms('border')).value).toBe('the &lt;b&gt;<mark>border</mark>&lt;/b&gt; talks');
    expect(highlightSnippet('a \u0002hit\u0003 <x>', []).value).toBe('a <mark>hit</mark> &lt;x&gt;');
    expect(highlightTerms('a (.*)+ b')).toEqual([]);
    // PostgreSQL-style « » markers around a matching word, but real guillemet quotes stay quotes.
    expect(highlightSnippet('their «borders» and «a fair deal»', highlightTerms('border')).value).toBe('their <mark>borders</mark> and «a fair deal»');
  });
});

describe('dates and scales', () => {
  it('formats dates at the precision known, never inventing a year', () => {
    expect(formatDate('2021-05-27T09:24')).toBe('27 May 2021, 09:24');
    expect(formatDate('--06-04')).toBe('4 Jun (year unknown)');
    expect(formatDate(null)).toBe('undated');
    expect(isoToTime('--06-04')).toBeNull();
  });
  it('makes yearly ticks for multi-year spans and monthly ticks for months', () => {
    const years = timeTicks(Date.UTC(2021, 4, 1), Date.UTC(2025, 2, 1)).map((t) => t.label);
    expect(years).toEqual(['2022', '2023', '2024', '2025']);
    const months = timeTicks(Date.UTC(2024, 0, 15), Date.UTC(2024, 5, 15)).map((t) => t.label);
    expect(months[0]).toBe('Feb 2024');
    expect(months).toContain('Jun');
  });
  it('bins coverage by outlet with empty bins kept', () => {
    const r = binCoverage([
      { outlet: 'A', publishedAt: '2024-01-10' }, { outlet: 'B', publishedAt: '2024-01-20' }, { outlet: 'A', publishedAt: '2024-04-02' }, { outlet: 'A', publishedAt: null },
    ]);
    expect(r.bins.map((b) => b.label)).toEqual(['Jan 2024', 'Feb 2024', 'Mar 2024', 'Apr 2024']);
    expect(r.bins.map((b) => b.total)).toEqual([2, 0, 0, 1]);
    expect(r.outlets).toEqual(['A', 'B']);
    expect(r.undated).toBe(1);
  });
});

describe('map geometry', () => {
  it('clips a ring to the frame', () => {
    const out = clipRing([[-10, -10], [10, -10], [10, 10], [-10, 10]], 0, 0, 5, 5);
    expect(out.every(([x, y]) => x >= 0 && x <= 5 && y >= 0 && y <= 5)).toBe(true);
    expect(out.length).toBeGreaterThanOrEqual(4);
  });
  it('zooms to the places with padding', () => {
    const v = viewFor([{ name: 'Yerevan', lat: 40.18, lon: 44.51, count: 1 }, { name: 'Baku', lat: 40.41, lon: 49.87, count: 1 }], 640, 400);
    expect(v.minLon).toBeLessThan(44.51);
    expect(v.maxLon).toBeGreaterThan(49.87);
    expect(v.maxLon - v.minLon).toBeLessThan(20);
  });
});

describe('statement display', () => {
  it('drops surrounding quote marks and a trailing comma, keeps sentence punctuation', async () => {
    const { statementDisplay } = await import('../../src/web/views/card-views.js');
    expect(statementDisplay('"The figures are clear,"')).toBe('The figures are clear');
    expect(statementDisplay('“We will act”')).toBe('We will act');
    expect(statementDisplay('"Yes?"')).toBe('Yes?');
    // A backtracking implementation would hang here (and hit the test timeout).
    const hostile = `a${' '.repeat(200_000)}b`;
    expect(statementDisplay(hostile)).toBe(hostile);
  });
});
