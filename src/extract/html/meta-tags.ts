import { attrOf } from './dom-attr.js';
/**
 * All `<meta>` name/property → content pairs of a page, read in one pass
 * (querying the DOM once per wanted name is the slow part on large pages).
 * Keys are lowercased; the first value of a key wins.
 */
export type MetaTags = ReadonlyMap<string, string>;

export function readMetaTags(doc: Document): MetaTags {
  const out = new Map<string, string>();
  for (const m of Array.from(doc.querySelectorAll('meta'))) {
    const content = attrOf(m, 'content');
    if (content === null) continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = attrOf(m, attr);
      if (key === null) continue;
      const k = key.trim().toLowerCase();
      if (k.length > 0 && !out.has(k)) out.set(k, content.trim());
    }
  }
  return out;
}
