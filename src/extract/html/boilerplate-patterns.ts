import type { BoilerplateReason, Paragraph } from '../../model/types.js';
import { ownString } from '../../util/bounded-memo.js';

/** Elements whose content is never article text. */
export const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas',
  'button', 'select', 'textarea', 'input', 'option', 'head', 'link', 'meta', 'video', 'audio', 'map',
  'dialog', 'title', 'base', 'style',
]);

/** Elements that start a new text block; everything else is inline. */
export const BLOCK_TAGS = new Set([
  'html', 'body', 'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'ul', 'ol',
  'li', 'dl', 'dt', 'dd', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'caption', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'blockquote', 'pre', 'figure', 'figcaption', 'form', 'fieldset', 'legend', 'hr',
  'address', 'center', 'details', 'summary', 'menu', 'hgroup', 'picture',
]);

/** Structural tags that mark page chrome, with the reason recorded when dropped. */
export const FLAG_TAGS: ReadonlyMap<string, BoilerplateReason> = new Map([
  ['nav', 'nav'],
  ['aside', 'sidebar-list'],
  ['footer', 'footer'],
  ['header', 'header'],
  ['figcaption', 'caption'],
]);

export function paragraphKind(tag: string): Paragraph['kind'] {
  switch (tag) {
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': return 'h';
    case 'li': case 'dt': case 'dd': return 'li';
    case 'blockquote': return 'blockquote';
    case 'pre': return 'pre';
    default: return 'p';
  }
}

/**
 * Class/id tokens that mark chrome. Tokens are the parts of a class or id split
 * at spaces, `-` and `_`, so `article-share` matches `share` but `shareholder`
 * does not. Ordered: the first matching group gives the reason.
 */
const NEGATIVE_TOKENS: ReadonlyArray<[BoilerplateReason, readonly string[]]> = [
  ['share', ['share', 'sharing', 'social', 'sharebar', 'socials', 'addthis', 'sharethis', 'shares', 'print', 'toolbar']],
  ['related', ['related', 'recommended', 'recommend', 'recommendations', 'outbrain', 'taboola', 'popular', 'trending',
    'more', 'readmore', 'read', 'teaser', 'teasers', 'promo', 'promos', 'rail', 'mostread', 'mostpopular', 'tags', 'tag',
    'keywords', 'topics', 'newsletter', 'signup', 'subscribe', 'subscription', 'paywall', 'comment', 'comments',
    'disqus', 'discussion', 'respond', 'reply', 'next', 'prev', 'previous', 'pagination', 'pager', 'carousel']],
  ['appeal', ['donate', 'donation', 'support', 'membership', 'cta', 'ad', 'ads', 'advert', 'advertisement',
    'adslot', 'adunit', 'dfp', 'gpt', 'sponsor', 'sponsored', 'banner', 'cookie', 'cookies', 'consent', 'gdpr', 'modal',
    'popup', 'overlay']],
  ['nav', ['nav', 'navbar', 'navigation', 'menu', 'breadcrumb', 'breadcrumbs', 'skip', 'masthead', 'topbar']],
  ['sidebar-list', ['sidebar', 'widget', 'widgets', 'aside', 'secondary']],
  ['footer', ['footer', 'foot', 'copyright', 'colophon']],
  ['header', ['header']],
  ['byline', ['byline', 'author', 'authors', 'bio', 'contributor']],
  ['caption', ['caption', 'credit', 'credits', 'figcaption', 'photo', 'gallery', 'slideshow']],
  ['other', ['hidden', 'hide', 'invisible', 'sr', 'offscreen', 'visually', 'noprint']],
];

const TOKEN_REASON = new Map<string, BoilerplateReason>();
for (const [reason, tokens] of NEGATIVE_TOKENS) for (const t of tokens) if (!TOKEN_REASON.has(t)) TOKEN_REASON.set(t, reason);

/** Tokens that say "this holds the article"; they veto a negative match on the same element. */
const POSITIVE_TOKENS = new Set([
  'article', 'articlebody', 'body', 'content', 'entry', 'main', 'post', 'story', 'text', 'blog', 'news', 'storybody',
  'articletext', 'richtext', 'prose',
]);

/** Tokens that are chrome even next to a positive word (`article-share`, `post-comments`). */
const STRONG_TOKENS = new Set([
  'share', 'sharing', 'social', 'related', 'comment', 'comments', 'newsletter', 'subscribe', 'ad', 'ads', 'advert',
  'advertisement', 'sidebar', 'nav', 'navigation', 'menu', 'breadcrumb', 'breadcrumbs', 'footer', 'cookie', 'promo',
  'taboola', 'outbrain', 'recommended', 'tags', 'popular', 'trending', 'byline', 'author', 'caption', 'hidden',
  'disqus', 'paywall', 'donate', 'widget', 'header',
]);

const SPLIT = /[\s\-_:.]+/;

/** Tokens that describe page layout: `layout-right-sidebar`, `has-sidebar`, `col-main-with-nav`. */
const LAYOUT_TOKENS = new Set(['layout', 'has', 'with', 'col', 'cols', 'column', 'columns', 'grid', 'template']);

/**
 * The reason a class/id marks the element as chrome, or null. Looks only at the
 * first 300 characters of each attribute so hostile values cost nothing.
 */
export function classReason(className: string | null, id: string | null): BoilerplateReason | null {
  return REASON_CACHE.get(className ?? '', id ?? '', (c, i) => reasonOf(`${c.slice(0, 300)} ${i.slice(0, 300)}`.toLowerCase()));
}

/**
 * Templates repeat the same class/id pairs on every page: answers are remembered per pair (by class, then id, so
 * no joined string is built for a lookup), up to a total number of pairs after which the cache starts over
 * (bounded memory in long runs and on hostile pages).
 */
class PairCache<T> {
  private readonly byClass = new Map<string, Map<string, T>>();
  private entries = 0;
  constructor(private readonly limit: number) {}

  get(c: string, i: string, compute: (c: string, i: string) => T): T {
    let byId = this.byClass.get(c);
    const known = byId?.get(i);
    if (known !== undefined) return known;
    const value = compute(c, i);
    if (this.entries >= this.limit) {
      this.byClass.clear();
      this.entries = 0;
      byId = undefined;
    }
    // Own copies of the keys: they are slices of the page, which a cached slice would keep alive.
    if (byId === undefined) this.byClass.set(ownString(c), (byId = new Map()));
    byId.set(ownString(i), value);
    this.entries++;
    return value;
  }
}

const CACHE_LIMIT = 20_000;
const REASON_CACHE = new PairCache<BoilerplateReason | null>(CACHE_LIMIT);
const POSITIVE_CACHE = new PairCache<boolean>(CACHE_LIMIT);

function reasonOf(joined: string): BoilerplateReason | null {
  if (joined.length < 3) return null;
  let negative: BoilerplateReason | null = null;
  let strong = false;
  let positive = false;
  let layout = false;
  for (const raw of joined.split(SPLIT)) {
    if (raw.length === 0) continue;
    if (LAYOUT_TOKENS.has(raw)) layout = true;
    // camelCase ids such as `articleBody` or `shareBar` arrive lowercased; the
    // whole word is checked, then the split parts.
    const reason = TOKEN_REASON.get(raw);
    if (reason !== undefined) {
      if (negative === null) negative = reason;
      if (STRONG_TOKENS.has(raw)) strong = true;
    } else if (POSITIVE_TOKENS.has(raw)) {
      positive = true;
    }
  }
  if (negative === null) return null;
  if (layout) return null;
  if (positive && !strong) return null;
  return negative;
}

export function isPositiveContainer(className: string | null, id: string | null): boolean {
  return POSITIVE_CACHE.get(className ?? '', id ?? '', (c, i) => {
    for (const raw of `${c.slice(0, 300)} ${i.slice(0, 300)}`.toLowerCase().split(SPLIT)) if (POSITIVE_TOKENS.has(raw)) return true;
    return false;
  });
}

/** Short lines that are chrome whatever element holds them. */
const CHROME_LINE = /^(?:advertisement|advertising|anzeige|publicité|реклама|share(?: this| on| via)?\b|read more\b|read next\b|continue reading\b|sign up\b|subscribe\b|follow us\b|click here\b|related(?: articles| stories| content)?:?$|recommended\b|more from\b|copyright\b|©|all rights reserved|photo:|image:|getty images|ap photo|reuters\/|watch:|listen\b|skip to|advertisement - scroll)/i;

export function isChromeLine(text: string): boolean {
  return text.length < 160 && CHROME_LINE.test(text);
}
