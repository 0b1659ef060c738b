import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { parseLiteHtml, type LiteElement, type LiteNode } from '../../src/extract/html/lite-dom.js';
import { attrOf } from '../../src/extract/html/dom-attr.js';

/** The extractor's tree must answer exactly as linkedom's did (extraction output is pinned to it). */
const PAGES = [
  '<!doctype html><html lang="en-GB"><head><title>T &amp; co</title><meta property="og:title" content="A &quot;b&quot;"></head>'
    + '<body><div class="  main  main article-body x "><h1>Head</h1><p>One <a href="/x">link</a> two.</p>'
    + '<p>Three<br>four &eacute; <b>bold</b></p><time datetime="2021-05-27">May 27</time></div>'
    + '<footer class="site-footer">© 2021</footer></body></html>',
  // No <head>/<body>: linkedom's `body` adds empty ones.
  '<html><div id="a"><p class="byline">By Jane Doe</p><p>Text</p></div></html>',
  // Content after </html>, stray closing tags, unclosed <p>, attributes in upper case, duplicate attributes.
  '<html><head></head><body><p>a<p>b</div><span CLASS="Up" class="low" class="dup">c</span></body></html><p>tail</p>',
  // Top-level text first, comments, CDATA-looking text, nested articles.
  'lead text<!-- c --><article><article><p itemprop="author"><span itemprop="name">N</span></p></article></article><![CDATA[x]]>',
  '<html><body><ul><li><a href="#">x</a></li><li>y</li></ul><div><div><span class="date">1</span></div><em>2</em></div></body></html>',
];

const SELECTORS = [
  'meta', 'script', 'title', 'h1', 'article', 'time', 'p, span, time, div, small, em, strong, li', '[class],[id]',
  '[rel="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"]',
  '.byline, .author-name, .article-author, .by-author, [class*="byline"]', 'footer, [class*="footer"], [id*="footer"]',
  'link[rel="canonical"]', 'img[src]', '[itemprop="datePublished"],[itemprop="dateModified"],[itemprop="dateCreated"]',
];

/** A path of child indexes from the document, the same for both trees when they agree. */
function pathOf(node: { parentNode: unknown } | null): string {
  const parts: number[] = [];
  let n = node as { parentNode: { childNodes: ArrayLike<unknown> } | null } | null;
  while (n !== null && n.parentNode !== null) {
    parts.push(Array.prototype.indexOf.call(n.parentNode.childNodes, n));
    n = n.parentNode as unknown as typeof n;
  }
  return parts.reverse().join('/');
}

function dump(node: LiteNode | Node): string {
  const n = node as unknown as { nodeType: number; localName?: string; data?: string; firstChild: unknown; nextSibling: unknown };
  if (n.nodeType === 1) {
    const el = node as unknown as Element;
    const attrs = ['class', 'CLASS', 'id', 'href', 'itemprop', 'lang'].map((a) => `${a}=${attrOf(el, a)}`).join(',');
    let inner = '';
    for (let c = n.firstChild as LiteNode | null; c !== null; c = c.nextSibling) inner += dump(c);
    return `<${n.localName} ${attrs}>${inner}</>`;
  }
  return `[${n.nodeType}:${n.data ?? ''}]`;
}

describe('lite-dom matches linkedom', () => {
  for (const [i, html] of PAGES.entries()) {
    it(`page ${i}: tree, queries, text, positions`, () => {
      const lite = parseLiteHtml(html);
      const { document: ref } = parseHTML(html) as unknown as { document: Document };
      const liteTop = (lite.childNodes).map((c) => dump(c)).join('');
      const refTop = Array.from(ref.childNodes).map((c) => dump(c)).join('');
      expect(liteTop).toBe(refTop);
      expect(pathOf(lite.documentElement)).toBe(pathOf(ref.documentElement));
      for (const sel of SELECTORS) {
        const a = lite.querySelectorAll(sel).map(pathOf);
        const b = Array.from(ref.querySelectorAll(sel)).map(pathOf);
        expect(a, sel).toEqual(b);
        expect(pathOf(lite.querySelector(sel)), sel).toBe(pathOf(ref.querySelector(sel)));
        const liteEls = lite.querySelectorAll(sel);
        const refEls = Array.from(ref.querySelectorAll(sel));
        liteEls.forEach((el, k) => {
          expect(el.textContent).toBe(refEls[k]!.textContent);
          expect(pathOf(el.closest('article'))).toBe(pathOf(refEls[k]!.closest('article')));
          expect(pathOf(el.parentElement)).toBe(pathOf(refEls[k]!.parentElement));
        });
      }
      const all = lite.querySelectorAll('*') as LiteElement[];
      const refAll = Array.from(ref.querySelectorAll('*'));
      expect(all.length).toBe(refAll.length);
      for (let x = 0; x < all.length; x++) {
        for (let y = 0; y < all.length; y += 2) {
          expect(all[x]!.compareDocumentPosition(all[y]!)).toBe(refAll[x]!.compareDocumentPosition(refAll[y]!));
          expect(all[x]!.contains(all[y]!)).toBe(refAll[x]!.contains(refAll[y]!));
        }
      }
      // `body` may insert <head>/<body>; both trees must change the same way.
      expect(lite.body.textContent).toBe(ref.body.textContent);
      expect(lite.childNodes.map((c) => dump(c)).join('')).toBe(Array.from(ref.childNodes).map((c) => dump(c)).join(''));
    });
  }

  it('class values are rewritten as linkedom rewrites them', () => {
    const lite = parseLiteHtml('<div class=" b  a b\tc "></div>');
    expect(attrOf(lite.querySelector('div') as unknown as Element, 'class')).toBe('b a c');
    expect(attrOf(lite.querySelector('div') as unknown as Element, 'constructor')).toBeNull();
  });

  it('a document without elements has no documentElement, and body throws as linkedom does', () => {
    const lite = parseLiteHtml('just text');
    expect(lite.documentElement).toBeNull();
    expect(() => lite.body).toThrow(TypeError);
  });

  it('walks ten thousand levels without recursion', () => {
    const html = '<div>'.repeat(10_000) + 'deep' + '</div>'.repeat(10_000);
    const lite = parseLiteHtml(html);
    expect(lite.documentElement!.textContent).toBe('deep');
    expect(lite.querySelectorAll('div').length).toBe(10_000);
  });
});
