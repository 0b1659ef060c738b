import { attrOf } from '../html/dom-attr.js';
import { LiteElement } from '../html/lite-dom.js';
import type { DateConfidence, DateFinding, DateSource } from '../../model/types.js';
import { articleNode, readJsonLd, type LdNode } from '../html/json-ld-reader.js';
import { readMetaTags, type MetaTags } from '../html/meta-tags.js';
import { isoDay, parseMachineDate } from './date-values.js';
import { dayDistance, isUtcStamp, shiftHours, siteUtcOffset } from './local-day.js';
import { datesInText } from './text-date.js';
import { dateFromUrl } from './url-date.js';

export interface DateHints {
  url?: string | null;
  /** A date the container (feed, JSON record) supplied. */
  publishedAt?: string | null;
  /** When the page was captured; later dates are impossible and dropped. */
  capturedAt?: string | null;
  language?: string | null;
  /** Already-parsed JSON-LD nodes, to avoid reading them twice. */
  ldNodes?: LdNode[];
  /** Already-read meta tags. */
  metaTags?: MetaTags;
  /** The element holding the article text, when the extractor knows it. */
  articleRoot?: Element | null;
  /** The page's markup before scripts were cut, for the last-resort stamp scan. */
  rawMarkup?: string | null;
}

export interface DateResult {
  publishedAt: string | null;
  modifiedAt: string | null;
  confidence: DateConfidence;
  source: DateSource | null;
  findings: DateFinding[];
}

const PUBLISHED_META = new Set([
  'article:published_time', 'article:published', 'og:published_time', 'og:article:published_time', 'published_time',
  'datepublished', 'publishdate', 'publish-date', 'publish_date', 'pubdate', 'dc.date', 'dc.date.issued', 'dcterms.date',
  'dcterms.issued', 'dcterms.created', 'dc.date.created', 'sailthru.date', 'parsely-pub-date', 'article.published',
  'article_date_original', 'original-publish-date', 'cxenseparse:recs:publishtime', 'publication_date', 'date_published',
  'datecreated', 'article:post_date', 'article.created', 'vr:published_time', 'ga_pub_date', 'displaydate',
  'rnews:datepublished', 'mediator_published_time', 'shareaholic:article_published_time', 'date', 'created',
  'content_create_date', 'article:published_date', 'pub_date', 'release_date', 'itemprop:datepublished',
  'og:pubdate', 'dc.created', 'citation_publication_date', 'citation_date', 'parsely-pub-date', 'article_publication_date',
]);

const MODIFIED_META = new Set([
  'article:modified_time', 'og:updated_time', 'datemodified', 'last-modified', 'dcterms.modified', 'dc.date.modified',
  'lastmod', 'article.updated', 'modified_time', 'article:modified', 'updated_time', 'dateupdated', 'revised',
]);

/** Class/id words that mark an element holding the page's own date. */
const DATE_CLASS = /date|time|publish|posted|byline|meta|stamp|fecha|datum|data-|data_|\bdata\b|created|tarih|datetime|pubdate|info/i;

/**
 * The elements the date finder reads, found in one walk over the document and one over the body instead
 * of one selector walk each (each list in document order, as `querySelectorAll` gives it).
 */
interface DocumentMarks {
  /** `[itemprop="datePublished"],[itemprop="dateModified"],[itemprop="dateCreated"]` */
  microdata: Element[];
  /** `time` */
  times: Element[];
}

interface BodyMarks {
  /** DATA_TIME_ATTRS as a selector (`[data-time],[data-timestamp],…`) */
  dataTime: Element[];
  /** `[class],[id]` */
  labelled: Element[];
}

const MICRODATA_DATES = new Set(['datePublished', 'dateModified', 'dateCreated']);
const ELEMENT_NODE = 1;

/** Every element below `root` (not `root` itself), in document order. */
function eachElementBelow(root: Node, visit: (el: Element) => void): void {
  let node: Node | null = root.firstChild;
  while (node !== null) {
    if (node.nodeType === ELEMENT_NODE) {
      visit(node as Element);
      if (node.firstChild !== null) {
        node = node.firstChild;
        continue;
      }
    }
    while (node !== null && node !== root && node.nextSibling === null) node = node.parentNode;
    node = node === null || node === root ? null : node.nextSibling;
  }
}

function documentMarks(doc: Document): DocumentMarks {
  const out: DocumentMarks = { microdata: [], times: [] };
  eachElementBelow(doc, (el) => {
    const prop = el.getAttribute('itemprop');
    if (prop !== null && MICRODATA_DATES.has(prop)) out.microdata.push(el);
    // Only a name of four letters lowercases to `time` (no other character lowercases to t, i, m or e).
    const name = el.localName;
    if (name.length === 4 && name.toLowerCase() === 'time') out.times.push(el);
  });
  return out;
}

function bodyMarks(body: Element): BodyMarks {
  const out: BodyMarks = { dataTime: [], labelled: [] };
  eachElementBelow(body, (el) => {
    if (hasDataTime(el)) out.dataTime.push(el);
    if (el.hasAttribute('class') || el.hasAttribute('id')) out.labelled.push(el);
  });
  return out;
}

/** The walks of one findPublicationDate call, each done on first use. */
class MarksOf {
  private docMarks: DocumentMarks | null = null;
  private bodyRead: { body: Element; marks: BodyMarks } | null = null;
  constructor(private readonly doc: Document) {}
  document(): DocumentMarks {
    return (this.docMarks ??= documentMarks(this.doc));
  }
  body(body: Element): BodyMarks {
    if (this.bodyRead === null || this.bodyRead.body !== body) this.bodyRead = { body, marks: bodyMarks(body) };
    return this.bodyRead.marks;
  }
}

interface Candidate {
  iso: string;
  text: string;
  source: string;
  role: DateFinding['role'];
  confidence: DateConfidence;
}

function notAfterCapture(iso: string, capturedAt: string | null | undefined): boolean {
  if (capturedAt === null || capturedAt === undefined) return true;
  const cap = parseMachineDate(capturedAt);
  return cap === null || iso.slice(0, 10) <= cap.slice(0, 10);
}

function insideChrome(el: Element): boolean {
  let e: Element | null = el;
  for (let i = 0; e !== null && i < 40; i++) {
    const t = e.localName;
    if (t === 'aside' || t === 'nav' || t === 'footer') return true;
    e = e.parentElement;
  }
  return false;
}

function insideFooter(el: Element): boolean {
  let e: Element | null = el;
  for (let i = 0; e !== null && i < 40; i++) {
    if (e.localName === 'footer' || /footer|copyright/i.test(`${attrOf(e, 'class') ?? ''} ${attrOf(e, 'id') ?? ''}`.slice(0, 200))) return true;
    e = e.parentElement;
  }
  return false;
}

/** A machine date, or — for CMSs that put "Wednesday, 07 October 2020" into a date field — the first full date in it. */
function structuredDate(value: string, lang: string | null): string | null {
  return parseMachineDate(value) ?? (value.length <= 120 ? (datesInText(value, lang)[0]?.iso ?? null) : null);
}

function structuredCandidates(tags: MetaTags, ld: LdNode[], lang: string | null): Candidate[] {
  const out: Candidate[] = [];
  const metaOut: Candidate[] = [];
  const art = articleNode(ld);
  const ldNodes = art === null ? ld : [art, ...ld.filter((n) => n !== art)];
  for (const n of ldNodes) {
    for (const [key, role] of [['datePublished', 'article'], ['dateCreated', 'article'], ['dateModified', 'modified']] as const) {
      const v = n[key];
      if (typeof v !== 'string') continue;
      const iso = structuredDate(v, lang);
      if (iso !== null) out.push({ iso, text: v, source: `json-ld:${key}`, role, confidence: 'high' });
    }
  }
  for (const [key, v] of tags) {
    const role = PUBLISHED_META.has(key) ? 'article' : MODIFIED_META.has(key) ? 'modified' : null;
    if (role === null) continue;
    const iso = structuredDate(v, lang);
    // Bare `date`/`created` names are common but less reliable than the named standards.
    if (iso !== null) metaOut.push({ iso, text: v, source: `meta:${key}`, role, confidence: key === 'date' || key === 'created' ? 'medium' : 'high' });
  }
  // JSON-LD first: measured on mediacloud-2020 it is the more accurate of the two.
  return [...out, ...metaOut];
}

function microdataCandidates(marks: MarksOf): Candidate[] {
  const out: Candidate[] = [];
  for (const el of marks.document().microdata) {
    if (el.localName === 'meta') continue;
    const prop = attrOf(el, 'itemprop') ?? '';
    const v = attrOf(el, 'datetime') ?? attrOf(el, 'content') ?? (el.textContent ?? '').slice(0, 200);
    const iso = parseMachineDate(v);
    if (iso !== null) out.push({ iso, text: v, source: `microdata:${prop}`, role: prop === 'dateModified' ? 'modified' : 'article', confidence: 'high' });
  }
  return out;
}

function timeCandidates(marks: MarksOf, root: Element | null): Candidate[] {
  const out: Candidate[] = [];
  for (const t of marks.document().times.slice(0, 50)) {
    const v = attrOf(t, 'datetime') ?? '';
    const iso = parseMachineDate(v);
    if (iso === null) continue;
    const cls = `${attrOf(t, 'class') ?? ''} ${attrOf(t, 'itemprop') ?? ''}`.toLowerCase();
    // The label is often on a wrapper: <div class="published"><span class="date"><time …>.
    const p1 = t.parentElement;
    const p2 = p1?.parentElement ?? null;
    const around = `${attrOf(p1, 'class') ?? ''} ${attrOf(p2, 'class') ?? ''}`.toLowerCase().slice(0, 300);
    const marked = t.hasAttribute('pubdate') || /publish|pubdate|posted|created/.test(cls) || /publish|posted|byline|article-date|entry-date|post-date/.test(around);
    const modified = /update|modif/.test(cls);
    const inArticle = root !== null && (root.contains(t) || t.contains(root) || isBefore(t, root));
    if (insideChrome(t) && !marked) continue;
    out.push({
      iso,
      text: v,
      source: marked ? 'time:pubdate' : 'time:datetime',
      role: modified ? 'modified' : 'article',
      confidence: marked || inArticle ? 'medium' : 'low',
    });
  }
  return out;
}

/** Attributes in which templates keep a machine timestamp next to the rendered date. */
const DATA_TIME_ATTRS = ['data-time', 'data-timestamp', 'data-time-ms', 'data-utime', 'data-datetime', 'data-published', 'data-date'];

/** `DATA_TIME_ATTRS.some((a) => el.hasAttribute(a))` without a closure per element. */
function hasDataTime(el: Element): boolean {
  // All of them start with `data-`: on the extractor's own tree, one pass over the names rules most elements out.
  if (el instanceof LiteElement && !el.hasAttributeStartingWith('data-')) return false;
  for (let k = 0; k < DATA_TIME_ATTRS.length; k++) if (el.hasAttribute(DATA_TIME_ATTRS[k]!)) return true;
  return false;
}

/**
 * The first machine timestamp kept in a `data-*` attribute (`data-time=
 * "1594448702"`). The visible text next to it is often rendered in the
 * reader's zone by script; the attribute is the publisher's own value. Unix
 * times are instants, so they are written back as UTC stamps.
 */
function dataTimeCandidates(doc: Document, marks: MarksOf, root: Element | null): Candidate[] {
  const body = doc.body;
  if (body === null) return [];
  let n = 0;
  for (const el of marks.body(body).dataTime) {
    if (++n > 50) break;
    if (insideChrome(el)) continue;
    for (const a of DATA_TIME_ATTRS) {
      const v = (attrOf(el, a) ?? '').trim();
      if (v.length < 8) continue;
      const iso = parseMachineDate(v);
      if (iso === null) continue;
      const epoch = /^\d{10}(?:\d{3})?$/.test(v);
      const text = epoch ? new Date(v.length === 13 ? Number(v) : Number(v) * 1000).toISOString() : v;
      const near = root === null || root.contains(el) || isBefore(el, root);
      return [{ iso, text, source: 'time:data-attr', role: 'article', confidence: near ? 'medium' : 'low' }];
    }
  }
  return [];
}

/** True when `a` comes before `b` in document order and shares a near ancestor (the article header). */
function isBefore(a: Element, b: Element): boolean {
  const parent = b.parentElement?.parentElement ?? null;
  return parent !== null && parent.contains(a) && (a.compareDocumentPosition(b) & 4) !== 0;
}

function textCandidates(doc: Document, marks: MarksOf, root: Element | null, lang: string | null): Candidate[] {
  const out: Candidate[] = [];
  const body = doc.body;
  if (body === null) return out;
  // Elements whose class/id says "date": the byline/meta line of most templates.
  let scanned = 0;
  for (const el of marks.body(body).labelled) {
    if (scanned > 400) break;
    const label = `${attrOf(el, 'class') ?? ''} ${attrOf(el, 'id') ?? ''}`.slice(0, 200);
    if (!DATE_CLASS.test(label)) continue;
    const text = (el.textContent ?? '').trim();
    if (text.length < 6 || text.length > 250) continue;
    scanned++;
    if (insideChrome(el)) continue;
    const inArticle = root !== null && root.contains(el);
    // The top bar's "today" date is the capture day, not the article's.
    if (!inArticle && /header|topbar|top-bar|today|current|weather|clock/i.test(label)) continue;
    const found = datesInText(text, lang);
    const first = found[0];
    if (first === undefined) continue;
    const near = root === null || inArticle || isBefore(el, root);
    out.push({ iso: first.iso, text: text.slice(first.index, first.index + first.length), source: `text:.${label.trim().split(/\s+/)[0] ?? 'date'}`, role: 'article', confidence: near ? 'medium' : 'low' });
    if (out.length >= 5) break;
  }
  if (out.length > 0) return out;
  // Listings sites put the date in the title: "Ambulance naar Hoge Zand | 9 oktober 2020 11:12".
  const title = (doc.querySelector('title')?.textContent ?? '').slice(0, 300);
  const inTitle = datesInText(title, lang)[0];
  if (inTitle !== undefined) {
    out.push({ iso: inTitle.iso, text: title.slice(inTitle.index, inTitle.index + inTitle.length), source: 'text:title', role: 'article', confidence: 'medium' });
    return out;
  }
  // A line that is nothing but a date ("January 18, 2020") in the article area.
  if (root !== null) {
    let n = 0;
    for (const el of Array.from((root.parentElement ?? root).querySelectorAll('p, span, time, div, small, em, strong, li'))) {
      if (++n > 600) break;
      const text = (el.textContent ?? '').trim();
      if (text.length < 6 || text.length > 60) continue;
      const found = datesInText(text, lang)[0];
      if (found !== undefined && found.length >= text.length * 0.6) {
        out.push({ iso: found.iso, text, source: 'text:date-line', role: 'article', confidence: 'medium' });
        return out;
      }
    }
  }
  // Last resort: the first full date in the article area (low confidence);
  // then a date in the footer (the only date of some pages: low); then the
  // first date anywhere, kept as a finding but never published — a sidebar
  // or "today" date would be a guess, and "undateable" is the honest answer.
  if (root !== null) {
    const text = ((root.parentElement ?? root).textContent ?? '').slice(0, 30_000).replace(/\s+/g, ' ').slice(0, 4000);
    const first = datesInText(text, lang)[0];
    if (first !== undefined) {
      out.push({ iso: first.iso, text: text.slice(first.index, first.index + first.length), source: 'text:article', role: 'article', confidence: 'low' });
      return out;
    }
  }
  for (const f of Array.from(body.querySelectorAll('footer, [class*="footer"], [id*="footer"]')).slice(0, 5)) {
    const text = (f.textContent ?? '').slice(0, 2000).replace(/\s+/g, ' ');
    const first = datesInText(text, lang)[0];
    if (first !== undefined && insideFooter(f)) {
      out.push({ iso: first.iso, text: text.slice(first.index, first.index + first.length), source: 'text:footer', role: 'page', confidence: 'low' });
      return out;
    }
  }
  const text = (body.textContent ?? '').slice(0, 30_000).replace(/\s+/g, ' ').slice(0, 4000);
  const first = datesInText(text, lang)[0];
  if (first !== undefined) out.push({ iso: first.iso, text: text.slice(first.index, first.index + first.length), source: 'text:page', role: 'page', confidence: 'none' });
  return out;
}

/**
 * The page's publication and modification dates, each with where it came from
 * and how far to trust it. Order of trust: JSON-LD and named meta tags, the
 * container's own date, `<time>` markup, the URL, then visible text. A date
 * later than the capture time is impossible and ignored.
 */
export function findPublicationDate(doc: Document, hints: DateHints): DateResult {
  const ld = hints.ldNodes ?? readJsonLd(doc);
  const tags = hints.metaTags ?? readMetaTags(doc);
  const root = hints.articleRoot ?? null;
  const lang = hints.language ?? null;
  const ok = (c: Candidate): boolean => notAfterCapture(c.iso, hints.capturedAt);
  const marks = new MarksOf(doc);
  const all: Candidate[] = structuredCandidates(tags, ld, lang).filter(ok);
  const urlDate = hints.url ? dateFromUrl(hints.url) : null;
  let published = all.find((c) => c.role === 'article' && c.confidence === 'high') ?? null;
  if (published === null) {
    all.push(...microdataCandidates(marks).filter(ok));
    published = all.find((c) => c.role === 'article' && c.confidence === 'high') ?? null;
  }
  const modified = all.find((c) => c.role === 'modified') ?? null;

  if (published === null && hints.publishedAt) {
    const iso = parseMachineDate(hints.publishedAt);
    if (iso !== null) {
      published = { iso, text: hints.publishedAt, source: 'container:publishedAt', role: 'article', confidence: 'high' };
      all.push(published);
    }
  }
  if (published === null) {
    const times = [...timeCandidates(marks, root), ...dataTimeCandidates(doc, marks, root)].filter(ok);
    all.push(...times);
    const medium = all.find((c) => c.role === 'article' && c.confidence === 'medium') ?? null;
    if (urlDate !== null && notAfterCapture(urlDate.iso, hints.capturedAt)) {
      const agrees = all.some((c) => c.iso.slice(0, 10) === urlDate.iso);
      const u: Candidate = { iso: urlDate.iso, text: urlDate.text, source: 'url', role: 'article', confidence: agrees ? 'high' : 'medium' };
      all.push(u);
      // A more precise agreeing value (with time) beats the bare URL day.
      published = agrees ? (all.find((c) => c.iso.slice(0, 10) === urlDate.iso && c.iso.length > 10) ?? u) : u;
      if (agrees) published = { ...published, confidence: 'high' };
    } else if (medium !== null) {
      published = medium;
    }
  }
  if (published === null) {
    const allTexts = textCandidates(doc, marks, root, lang).filter(ok);
    all.push(...allTexts);
    const texts = allTexts.filter((c) => c.source !== 'text:page');
    // A date line near the article beats a bare <time>; a bare <time> beats
    // the first date anywhere on the page.
    published = texts.find((c) => c.confidence === 'medium')
      ?? all.find((c) => c.role === 'article' && c.source.startsWith('time:'))
      ?? texts[0] ?? all.find((c) => c.role === 'article' && c.source !== 'text:page') ?? null;
  }
  if (published === null && hints.rawMarkup) {
    const stamp = soleMarkupStamp(hints.rawMarkup);
    if (stamp !== null && ok(stamp)) {
      all.push(stamp);
      published = stamp;
    }
  }
  if (published !== null) published = toLocalDay(published, urlDate, hints.url ?? null, localeOf(doc, tags));
  const findings: DateFinding[] = [];
  const seen = new Set<string>();
  for (const c of all) {
    const key = `${c.iso}|${c.source}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({ value: c.iso, text: c.text.slice(0, 200), role: c.role, source: c.source });
  }
  if (urlDate !== null && !seen.has(`${urlDate.iso}|url`)) findings.push({ value: urlDate.iso, text: urlDate.text, role: 'article', source: 'url' });
  return {
    publishedAt: published?.iso ?? null,
    modifiedAt: modified?.iso ?? null,
    confidence: published?.confidence ?? 'none',
    source: published?.source ?? null,
    findings,
  };
}

/**
 * A date with a clock time (`2020/04/17 01:43:09`, `2020-04-17T01:43`) anywhere in markup, scripts included, right
 * after `>` or `(` (with an optional quote) and at most three white-space characters. The look-behind follows the
 * century digits, reading them again, rather than opening the pattern (`(?<=(?:>|\(["']?)\s{0,3})((?:19|20)\d{2})…`,
 * the same matches): a pattern that opens with a look-behind is tried at every position of the page, one that opens
 * with `19`/`20` only where those digits are (about nine times faster on the dragnet pages).
 */
export const MARKUP_STAMP = /((?:19|20)(?<=(?:>|\(["']?)\s{0,3}(?:19|20))\d{2})([-/])(\d{1,2})\2(\d{1,2})(?:T|\s{1,2})(\d{1,2}):(\d{2})(?![\d])/g;

/**
 * Last resort when nothing else dated the page: templates that write the
 * date with script (`showDate("2020/04/17 01:43:09")`) leave it only in the
 * markup. Taken only when every date-with-time stamp in the first 2 MB names
 * the same day — one stamp among others could be anything. Only stamps that
 * open an element's text or a function call's argument count: JSON fields
 * and attribute lists (`"mod_date":"…"`, `createTime`) are record-keeping,
 * not the page's date.
 */
function soleMarkupStamp(markup: string): Candidate | null {
  const text = markup.length > 2_000_000 ? markup.slice(0, 2_000_000) : markup;
  MARKUP_STAMP.lastIndex = 0;
  let found: Candidate | null = null;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = MARKUP_STAMP.exec(text)) !== null) {
    if (++n > 50) return null;
    const iso = isoDay(Number(m[1]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
    if (iso === null) continue;
    if (found !== null && found.iso.slice(0, 10) !== iso.slice(0, 10)) return null;
    found ??= { iso, text: m[0], source: 'markup:stamp', role: 'article', confidence: 'low' };
  }
  return found;
}

function localeOf(doc: Document, tags: MetaTags): string | null {
  return tags.get('og:locale') ?? attrOf(doc.documentElement, 'lang') ?? null;
}

/**
 * A UTC timestamp names the publisher's day only after moving it to the
 * site's zone; a day written in the URL, when one day away, is the
 * publisher's own statement and wins.
 */
function toLocalDay(c: Candidate, urlDate: { iso: string } | null, url: string | null, locale: string | null): Candidate {
  if (c.source === 'url' || c.iso.length <= 10 || !isUtcStamp(c.text)) return c;
  if (urlDate !== null && dayDistance(c.iso, urlDate.iso) === 0) return c;
  let offset = siteUtcOffset(url, null);
  if (offset === null && urlDate !== null) {
    // No country domain: a URL day one off is believable only when the UTC
    // hour could fall on that day somewhere in the Americas or Asia.
    const gap = dayDistance(c.iso, urlDate.iso);
    const hour = Number(c.iso.slice(11, 13));
    if ((gap === -1 && hour < 8) || (gap === 1 && hour >= 16)) return { ...c, iso: urlDate.iso, source: `${c.source}+url-day` };
  }
  offset ??= siteUtcOffset(null, locale);
  if (offset === null || offset === 0) return c;
  const shifted = shiftHours(c.iso, offset);
  return shifted.slice(0, 10) === c.iso.slice(0, 10) ? { ...c, iso: shifted } : { ...c, iso: shifted, source: `${c.source}+utc${offset >= 0 ? '+' : ''}${offset}` };
}
