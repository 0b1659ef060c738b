/**
 * Parses RSS 0.9x/2.0, RSS 1.0 (RDF), Atom and JSON Feed into one shape.
 *
 * Entity expansion never happens: a document whose prolog declares a DOCTYPE
 * (the only place XML entities can be declared) is refused before parsing
 * (`feed-entity-expansion`), the XML parser runs with entity processing off,
 * and only the five predefined entities and numeric character references are
 * decoded here, in one linear pass.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import iconv from 'iconv-lite';
import type { Result } from '../model/types.js';

export interface FeedItem {
  /** guid / id / link: what identifies the item across polls. */
  id: string;
  url: string | null;
  title: string | null;
  /** ISO 8601 when the feed gave a parseable date. */
  publishedAt: string | null;
  summary: string | null;
}

export interface ParsedFeed {
  kind: 'rss' | 'rdf' | 'atom' | 'json';
  title: string | null;
  link: string | null;
  language: string | null;
  items: FeedItem[];
}

/** Feeds bigger than this are refused before parsing (the fetcher caps downloads too). */
const MAX_FEED_CHARS = 20 * 1024 * 1024;

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  cdataPropName: '__cdata',
  removeNSPrefix: false,
  isArray: (name) => ['item', 'entry', 'link', 'category'].includes(name),
});

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(ENTITY, (whole, dec: string | undefined, hex: string | undefined, named: string | undefined) => {
    if (named !== undefined) return PREDEFINED[named] ?? whole;
    const cp = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  });
}

/** Decodes bytes using the XML declaration's encoding, else the HTTP charset, else UTF-8. */
export function decodeFeedBytes(bytes: Uint8Array, httpCharset?: string | null): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  const head = buf.subarray(0, 200).toString('latin1');
  const declared = /^<\?xml[^>]{0,150}encoding=["']([A-Za-z0-9._-]{1,40})["']/.exec(head)?.[1] ?? httpCharset ?? 'utf-8';
  const charset = declared.toLowerCase();
  if (charset === 'utf-8' || charset === 'utf8' || !iconv.encodingExists(charset)) return buf.toString('utf8');
  return iconv.decode(buf, charset);
}

/**
 * True when the prolog (everything before the root element) holds a DOCTYPE or
 * ENTITY declaration. Comments and processing instructions are skipped so they
 * cannot hide one.
 */
export function declaresEntities(xml: string): boolean {
  let i = 0;
  const n = Math.min(xml.length, 1 << 20);
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0 || lt >= n) return false;
    const next = xml.slice(lt, lt + 9).toUpperCase();
    if (next.startsWith('<!DOCTYPE') || next.startsWith('<!ENTITY')) return true;
    if (next.startsWith('<!--')) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) return false;
      i = end + 3;
    } else if (next.startsWith('<?')) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) return false;
      i = end + 2;
    } else {
      return false; // the root element: no declarations can follow
    }
  }
  return false;
}

function asArray(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

/** Text content of a parsed node: plain string, or `#text` plus CDATA parts. */
function text(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return decodeEntities(v).trim() || null;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'object') {
    const o = v as Node;
    const parts: string[] = [];
    if (typeof o['#text'] === 'string' || typeof o['#text'] === 'number') parts.push(decodeEntities(String(o['#text'])));
    for (const c of asArray(o['__cdata'])) if (typeof c === 'string') parts.push(c);
    const joined = parts.join('').trim();
    return joined === '' ? null : joined;
  }
  return null;
}

function isoDate(v: string | null): string | null {
  if (v === null) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function absolutise(link: string | null, base: string | null | undefined): string | null {
  if (link === null) return null;
  try {
    return new URL(link, base ?? undefined).toString();
  } catch {
    return null;
  }
}

function rssItem(it: Node, base: string | null): FeedItem | null {
  const link = absolutise(text(it['link']), base);
  const guidNode = it['guid'];
  const guid = text(guidNode);
  const guidIsLink = typeof guidNode === 'object' && guidNode !== null && (guidNode as Node)['@isPermaLink'] !== 'false';
  const url = link ?? (guid !== null && guidIsLink ? absolutise(guid, base) : null);
  const id = guid ?? url ?? text(it['title']);
  if (id === null) return null;
  return {
    id,
    url,
    title: text(it['title']),
    publishedAt: isoDate(text(it['pubDate']) ?? text(it['dc:date']) ?? text(it['a10:updated'])),
    summary: text(it['description']) ?? text(it['content:encoded']),
  };
}

function atomLink(links: unknown[], base: string | null): string | null {
  let fallback: string | null = null;
  for (const l of links) {
    if (typeof l === 'string') {
      fallback ??= l;
      continue;
    }
    const o = l as Node;
    const href = typeof o['@href'] === 'string' ? o['@href'] : null;
    const rel = typeof o['@rel'] === 'string' ? o['@rel'] : 'alternate';
    if (href === null) continue;
    if (rel === 'alternate') return absolutise(href, base);
    fallback ??= href;
  }
  return absolutise(fallback, base);
}

function atomItem(e: Node, base: string | null): FeedItem | null {
  const url = atomLink(asArray(e['link']), base);
  const id = text(e['id']) ?? url;
  if (id === null) return null;
  return {
    id,
    url,
    title: text(e['title']),
    publishedAt: isoDate(text(e['published']) ?? text(e['updated']) ?? text(e['issued'])),
    summary: text(e['summary']) ?? text(e['content']),
  };
}

function parseXmlFeed(xml: string, baseUrl: string | null): Result<ParsedFeed> {
  if (declaresEntities(xml)) {
    return { ok: false, reason: 'feed-entity-expansion', detail: 'DOCTYPE/ENTITY declaration in the feed prolog' };
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    return { ok: false, reason: 'feed-malformed', detail: `XML: ${valid.err.msg} (line ${valid.err.line})`.slice(0, 300) };
  }
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (err) {
    return { ok: false, reason: 'feed-malformed', detail: `XML: ${(err as Error).message}`.slice(0, 300) };
  }
  const rss = doc['rss'] as Node | undefined;
  if (rss !== undefined && typeof rss === 'object') {
    const ch = (asArray(rss['channel'])[0] ?? {}) as Node;
    const link = absolutise(text(ch['link']), baseUrl);
    const items = asArray(ch['item']).flatMap((i) => rssItem(i as Node, link ?? baseUrl) ?? []);
    return { ok: true, value: { kind: 'rss', title: text(ch['title']), link, language: text(ch['language']), items } };
  }
  const rdf = doc['rdf:RDF'] as Node | undefined;
  if (rdf !== undefined && typeof rdf === 'object') {
    const ch = (asArray(rdf['channel'])[0] ?? {}) as Node;
    const link = absolutise(text(ch['link']), baseUrl);
    // RSS 1.0 items are siblings of the channel, not children.
    const items = asArray(rdf['item']).flatMap((i) => rssItem(i as Node, link ?? baseUrl) ?? []);
    return { ok: true, value: { kind: 'rdf', title: text(ch['title']), link, language: text(ch['dc:language']), items } };
  }
  const feed = doc['feed'] as Node | undefined;
  if (feed !== undefined && typeof feed === 'object') {
    const link = atomLink(asArray(feed['link']), baseUrl);
    const items = asArray(feed['entry']).flatMap((e) => atomItem(e as Node, link ?? baseUrl) ?? []);
    const lang = typeof feed['@xml:lang'] === 'string' ? feed['@xml:lang'] : null;
    return { ok: true, value: { kind: 'atom', title: text(feed['title']), link, language: lang, items } };
  }
  return { ok: false, reason: 'feed-malformed', detail: 'no rss, rdf:RDF or feed root element' };
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : null;
}

function parseJsonFeed(json: string, baseUrl: string | null): Result<ParsedFeed> {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (err) {
    return { ok: false, reason: 'feed-malformed', detail: `JSON: ${(err as Error).message}`.slice(0, 300) };
  }
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as Node)['items'])) {
    return { ok: false, reason: 'feed-malformed', detail: 'JSON Feed without an items array' };
  }
  const d = doc as Node;
  const link = absolutise(str(d['home_page_url']), baseUrl);
  const items: FeedItem[] = [];
  for (const raw of d['items'] as unknown[]) {
    if (typeof raw !== 'object' || raw === null) continue;
    const it = raw as Node;
    const url = absolutise(str(it['url']) ?? str(it['external_url']), link ?? baseUrl);
    const id = str(it['id']) ?? url;
    if (id === null) continue;
    items.push({
      id,
      url,
      title: str(it['title']),
      publishedAt: isoDate(str(it['date_published']) ?? str(it['date_modified'])),
      summary: str(it['summary']) ?? str(it['content_text']) ?? str(it['content_html']),
    });
  }
  return { ok: true, value: { kind: 'json', title: str(d['title']), link, language: str(d['language']), items } };
}

/**
 * Parses a feed document. `baseUrl` (the feed's own URL) resolves relative
 * item links. Never throws: malformed input is `feed-malformed`.
 */
export function parseFeed(input: string | Uint8Array, opts: { baseUrl?: string | null; charset?: string | null } = {}): Result<ParsedFeed> {
  const doc = typeof input === 'string' ? input : decodeFeedBytes(input, opts.charset);
  if (doc.length > MAX_FEED_CHARS) return { ok: false, reason: 'too-large', detail: `feed of ${doc.length} characters` };
  const trimmed = doc.replace(/^\uFEFF/, '').trimStart();
  if (trimmed === '') return { ok: false, reason: 'feed-malformed', detail: 'empty document' };
  const base = opts.baseUrl ?? null;
  return trimmed.startsWith('{') ? parseJsonFeed(trimmed, base) : parseXmlFeed(trimmed, base);
}
