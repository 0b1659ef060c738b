import { attrOf } from './dom-attr.js';
/**
 * JSON-LD blocks of a page, flattened into plain objects (`@graph` and arrays
 * unpacked), with helpers to read the article node. Malformed blocks are
 * skipped: pages routinely ship broken JSON-LD.
 */
export type LdNode = Record<string, unknown>;

const ARTICLE_TYPES = new Set([
  'article', 'newsarticle', 'reportagenewsarticle', 'analysisnewsarticle', 'opinionnewsarticle', 'backgroundnewsarticle',
  'reviewnewsarticle', 'blogposting', 'socialmediaposting', 'liveblogposting', 'techarticle', 'scholarlyarticle',
  'report', 'webpage', 'creativework', 'posting', 'satiricalarticle', 'advertisercontentarticle', 'medicalwebpage',
  'itempage', 'videoobject',
]);

/** Preference among article-like types: a NewsArticle beats the WebPage that wraps it. */
function typeRank(node: LdNode): number {
  const t = node['@type'];
  const types = (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase());
  let best = 0;
  for (const x of types) {
    if (!ARTICLE_TYPES.has(x)) continue;
    const r = x === 'webpage' || x === 'itempage' || x === 'creativework' || x === 'medicalwebpage' ? 1 : x === 'videoobject' ? 0.5 : 2;
    best = Math.max(best, r);
  }
  return best;
}

function pushNodes(value: unknown, out: LdNode[], depth: number): void {
  if (depth > 6 || out.length > 200) return;
  if (Array.isArray(value)) {
    for (const v of value) pushNodes(v, out, depth + 1);
  } else if (value !== null && typeof value === 'object') {
    const node = value as LdNode;
    out.push(node);
    if (Array.isArray(node['@graph'])) pushNodes(node['@graph'], out, depth + 1);
    const main = node['mainEntity'] ?? node['mainEntityOfPage'];
    if (main !== null && typeof main === 'object' && !Array.isArray(main) && '@type' in (main as LdNode)) pushNodes(main, out, depth + 1);
  }
}

/**
 * The first complete object or array of `text` (by bracket balance, outside
 * strings), or null when it never closes. One linear pass.
 */
export function firstJsonValue(text: string): string | null {
  const open = text.charCodeAt(0);
  if (open !== 123 && open !== 91) return null;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 123 || c === 91) {
      depth++;
    } else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) return i + 1 < text.length ? text.slice(0, i + 1) : null;
    }
  }
  return null;
}

export function readJsonLd(doc: Document): LdNode[] {
  const out: LdNode[] = [];
  let n = 0;
  for (const s of Array.from(doc.querySelectorAll('script'))) {
    if (!(attrOf(s, 'type') ?? '').toLowerCase().includes('ld+json')) continue;
    if (++n > 30) break;
    const raw = (s.textContent ?? '').trim();
    if (raw.length === 0 || raw.length > 1_000_000) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      // The usual breakage: raw newlines/tabs inside strings, an HTML comment
      // wrapper, or stray characters after the object (an extra `}`).
      const cleaned = raw.replace(/^<!--|-->$/g, '').replace(/[\u0000-\u001f]+/g, ' ').trim();
      try {
        parsed = JSON.parse(cleaned);
      } catch {
        const first = firstJsonValue(cleaned);
        if (first === null) continue;
        try {
          parsed = JSON.parse(first);
        } catch {
          continue;
        }
      }
    }
    pushNodes(parsed, out, 0);
  }
  return out;
}

/** The node most likely to describe the article itself, or null. */
export function articleNode(nodes: LdNode[]): LdNode | null {
  let best: LdNode | null = null;
  let bestRank = 0;
  for (const n of nodes) {
    let r = typeRank(n);
    if (r === 0 && typeof n['datePublished'] === 'string') r = 0.8;
    if (r > bestRank) {
      best = n;
      bestRank = r;
    }
  }
  return best;
}

export function ldString(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    for (const v of value) {
      const s = ldString(v);
      if (s !== null) return s;
    }
  }
  if (value !== null && typeof value === 'object') {
    const o = value as LdNode;
    return ldString(o['name'] ?? o['url'] ?? o['@value'] ?? null);
  }
  return null;
}

/** Names of `author`/`creator` values: strings, Person objects or arrays of them. */
export function ldNames(value: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 3 || out.length >= 20) return;
    if (typeof v === 'string') {
      const t = v.trim();
      if (t.length > 0 && t.length < 120 && !/^https?:/.test(t)) out.push(t);
    } else if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
    } else if (v !== null && typeof v === 'object') {
      const name = (v as LdNode)['name'];
      if (name !== undefined) visit(name, depth + 1);
    }
  };
  visit(value, 0);
  return [...new Set(out)];
}
