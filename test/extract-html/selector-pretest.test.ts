import { describe, expect, it } from 'vitest';
import { compileSelector, parseLiteHtml, subjectNeeds, type LiteElement } from '../../src/extract/html/lite-dom.js';

/** The extractor's selectors (html/, dates/): each gets a pre-test, and the pre-test never changes an answer. */
const EXTRACTOR_SELECTORS = [
  'meta', 'script', 'title', 'h1', 'article', 'time', 'p, span, time, div, small, em, strong, li', '[class],[id]',
  '[rel="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"]',
  '.byline, .author-name, .article-author, .by-author, [class*="byline"]', 'footer, [class*="footer"], [id*="footer"]',
  'link[rel="canonical"]', 'img[src]', '[itemprop="datePublished"],[itemprop="dateModified"],[itemprop="dateCreated"]',
];

/** Selectors outside the pre-test's grammar, and a few inside it that the extractor does not use. */
const OTHER_SELECTORS = [
  'div p', 'div.byline', '#main', '.a', '.byline', '[itemprop]', 'p.a.b', '[data-x="1"] span', 'section [class*="foot"]', 'a[href]', '*', 'div > p',
  'p:not(.a)', 'DIV', '[class="a b"]', '[class="a,b"]', 'li:first-child', 'p + p', '[rel="AUTHOR" i]', '[itemprop^="date"]', '[rel="author"]', '[class="a"]', '[class*="yl"]', '#footer-1', '[class*=""]', '[class=""]',
];

/** A deterministic pseudo-random page: nested tags with attributes drawn from small sets (names in mixed case too). */
function randomPage(seed: number): string {
  let x = seed;
  const next = (n: number): number => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
  const tags = ['div', 'p', 'span', 'article', 'section', 'footer', 'li', 'ul', 'time', 'a', 'em', 'h1', 'img', 'link', 'meta', 'DIV', 'Span'];
  const attrs: Array<[string, string[]]> = [
    ['class', ['a', 'b', 'a b', 'byline', 'post-byline', 'Byline', 'author-name', 'site-footer', 'footer', 'x', '']],
    ['id', ['main', 'footer-1', 'top']],
    ['rel', ['author', 'AUTHOR', 'canonical', 'nofollow']],
    ['itemprop', ['author', 'name', 'datePublished', 'dateModified', 'headline']],
    ['ITEMPROP', ['author', 'name']],
    ['Class', ['byline', 'a']],
    ['src', ['x.png', '']],
    ['href', ['/x']],
    ['data-x', ['1', '2']],
  ];
  let out = '';
  const open: string[] = [];
  for (let i = 0; i < 120; i++) {
    const r = next(10);
    if (r < 3 && open.length > 0) out += `</${open.pop()}>`;
    else if (r < 5) out += `text ${i} `;
    else {
      const tag = tags[next(tags.length)]!;
      let a = '';
      for (const [name, values] of attrs) if (next(4) === 0) a += ` ${name}="${values[next(values.length)]}"`;
      out += `<${tag}${a}>`;
      open.push(tag);
    }
  }
  return out;
}

describe('selector pre-test', () => {
  it('reads what the subject must have', () => {
    expect(subjectNeeds('meta')).toEqual({ tags: new Set(['meta']), attrs: [], onlyTags: true });
    expect(subjectNeeds('p, span, time')).toEqual({ tags: new Set(['p', 'span', 'time']), attrs: [], onlyTags: true });
    // `rel` values compare without case in css-select: only its presence is asked for.
    expect(subjectNeeds('[rel="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"]')).toEqual({
      tags: new Set(),
      attrs: [{ name: 'rel', part: null }, { name: 'itemprop', part: 'name' }, { name: 'itemprop', part: 'author' }],
      onlyTags: false,
    });
    expect(subjectNeeds('.byline, .author-name, [class*="byline"]')).toEqual({
      tags: new Set(),
      attrs: [{ name: 'class', part: 'byline' }, { name: 'class', part: 'author-name' }],
      onlyTags: false,
    });
    expect(subjectNeeds('footer, [class*="footer"], [id*="footer"]')).toEqual({
      tags: new Set(['footer']),
      attrs: [{ name: 'class', part: 'footer' }, { name: 'id', part: 'footer' }],
      onlyTags: false,
    });
    expect(subjectNeeds('link[rel="canonical"]')).toEqual({ tags: new Set(['link']), attrs: [], onlyTags: false });
    expect(subjectNeeds('div p')).toEqual({ tags: new Set(['p']), attrs: [], onlyTags: false });
    expect(subjectNeeds('#main')).toEqual({ tags: new Set(), attrs: [{ name: 'id', part: 'main' }], onlyTags: false });
    expect(subjectNeeds('[class],[data-x="1"]')).toEqual({ tags: new Set(), attrs: [{ name: 'class', part: null }, { name: 'data-x', part: null }], onlyTags: false });
  });

  it('gives no pre-test outside its grammar', () => {
    for (const sel of ['*', 'div > p', 'p:not(.a)', 'DIV', '[class="a b"]', '[class="a,b"]', 'p + p', '[rel="author" i]', '[a^="x"]', 'a,', "[a='x']"]) {
      expect(subjectNeeds(sel), sel).toBeNull();
    }
  });

  it('answers every query as css-select alone does', () => {
    let checked = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const doc = parseLiteHtml(randomPage(seed));
      const all = doc.querySelectorAll('*') as LiteElement[];
      for (const sel of [...EXTRACTOR_SELECTORS, ...OTHER_SELECTORS]) {
        const full = compileSelector(sel);
        const expected = all.filter((e) => full(e));
        expect(doc.querySelectorAll(sel), `${sel} on page ${seed}`).toEqual(expected);
        expect(doc.querySelector(sel)).toBe(expected[0] ?? null);
        for (const e of all) expect(e.closest(sel)).toBe(closestBy(e, full));
        checked += expected.length;
      }
    }
    // The pages hold matches for the selectors (the comparison is not over empty answers only).
    expect(checked).toBeGreaterThan(2000);
  });
});

function closestBy(e: LiteElement, test: (e: LiteElement) => boolean): LiteElement | null {
  let p: LiteElement | null = e;
  while (p !== null && !test(p)) p = p.parentElement;
  return p;
}
