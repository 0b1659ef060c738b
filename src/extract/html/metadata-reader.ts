import { attrOf } from './dom-attr.js';
import type { MetaTags } from './meta-tags.js';
import { articleNode, ldNames, ldString, type LdNode } from './json-ld-reader.js';

export interface PageMetadata {
  title: string | null;
  outlet: string | null;
  canonicalUrl: string | null;
  byline: string | null;
  authors: string[];
  leadImage: string | null;
  /** Declared language (html lang, meta, JSON-LD), normalised to a primary subtag. */
  declaredLanguage: string | null;
}

function meta(tags: MetaTags, names: readonly string[]): string | null {
  for (const name of names) {
    const v = tags.get(name);
    if (v !== undefined && v.length > 0) return v;
  }
  return null;
}

function clean(s: string | null | undefined, max = 500): string | null {
  if (s === null || s === undefined) return null;
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length === 0 ? null : t.slice(0, max);
}

export function resolveUrl(href: string | null, base: string | null | undefined): string | null {
  if (href === null || href.trim().length === 0) return null;
  try {
    return new URL(href.trim(), base ?? undefined).href;
  } catch {
    return null;
  }
}

/** `en-US`, `en_GB` → `en`; rejects values that are not language tags. */
export function primaryLanguage(tag: string | null | undefined): string | null {
  if (tag === null || tag === undefined) return null;
  const m = /^\s*([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]{1,8}){0,3}\s*$/.exec(tag.slice(0, 40));
  return m === null ? null : m[1]!.toLowerCase();
}

function titleFromDoc(doc: Document, tags: MetaTags, article: LdNode | null, root: Element | null): string | null {
  const og = clean(meta(tags, ['og:title', 'twitter:title']));
  const ld = clean(ldString(article?.['headline'] ?? null));
  const h1El = (root?.parentElement ?? doc).querySelector('h1') ?? doc.querySelector('h1');
  const h1 = clean(h1El?.textContent);
  const docTitle = clean(doc.querySelector('title')?.textContent);
  // The visible headline is the article's own; og:title and <title> often carry a site suffix.
  if (h1 !== null && h1.length >= 10 && [og, ld, docTitle].some((t) => t !== null && t.includes(h1.slice(0, 40)))) return h1;
  return ld ?? og ?? h1 ?? (docTitle === null ? null : docTitle.split(/\s+[|–—·»]\s+|\s+-\s+/)[0] ?? docTitle);
}

function bylineFromDoc(doc: Document, tags: MetaTags, article: LdNode | null): { byline: string | null; authors: string[] } {
  const ldAuthors = article === null ? [] : ldNames(article['author'] ?? article['creator'] ?? null);
  const metaAuthor = clean(meta(tags, ['author', 'article:author', 'byl', 'sailthru.author', 'parsely-author', 'dc.creator']), 200);
  if (ldAuthors.length > 0) return { byline: ldAuthors.join(', '), authors: ldAuthors };
  if (metaAuthor !== null && !/^https?:/.test(metaAuthor)) {
    const authors = metaAuthor.split(/\s*(?:,|\band\b|&)\s*/).filter((a) => a.length > 1);
    return { byline: metaAuthor, authors };
  }
  // Only now walk the page for a byline element: the structured sources above cover most sites.
  const relAuthor = clean(doc.querySelector('[rel="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"]')?.textContent, 200);
  const bylineEl = clean(doc.querySelector('.byline, .author-name, .article-author, .by-author, [class*="byline"]')?.textContent, 200);
  const authors = relAuthor !== null ? [relAuthor] : [];
  const byline = bylineEl ?? relAuthor;
  return { byline, authors };
}

/** Title, outlet, canonical URL, byline, lead image and declared language. */
export function readMetadata(doc: Document, tags: MetaTags, ld: LdNode[], baseUrl: string | null, root: Element | null): PageMetadata {
  const article = articleNode(ld);
  const publisher = article === null ? null : ldString((article['publisher'] as LdNode | undefined)?.['name'] ?? null);
  const orgName = ld.map((n) => (String(n['@type'] ?? '').match(/Organization|NewsMediaOrganization|WebSite/) ? ldString(n['name'] ?? null) : null)).find((x) => x !== null) ?? null;
  const outlet = clean(meta(tags, ['og:site_name', 'application-name', 'twitter:site'])) ?? clean(publisher) ?? clean(orgName);
  const canonicalHref = attrOf(doc.querySelector('link[rel="canonical"]'), 'href') ?? meta(tags, ['og:url']);
  const imageHref = meta(tags, ['og:image', 'og:image:url', 'twitter:image', 'twitter:image:src'])
    ?? ldString(article?.['image'] ?? null)
    ?? attrOf(root?.querySelector('img[src]'), 'src') ?? null;
  const { byline, authors } = bylineFromDoc(doc, tags, article);
  const declared = primaryLanguage(attrOf(doc.documentElement, 'lang'))
    ?? primaryLanguage(attrOf(doc.documentElement, 'xml:lang'))
    ?? primaryLanguage(meta(tags, ['content-language', 'language', 'dc.language']))
    ?? primaryLanguage(meta(tags, ['og:locale']))
    ?? primaryLanguage(ldString(article?.['inLanguage'] ?? null));
  return {
    title: titleFromDoc(doc, tags, article, root),
    outlet: outlet === null ? null : outlet.replace(/^@/, ''),
    canonicalUrl: resolveUrl(canonicalHref, baseUrl),
    byline,
    authors,
    leadImage: resolveUrl(imageHref, baseUrl),
    declaredLanguage: declared,
  };
}
