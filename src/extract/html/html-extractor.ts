import type { Dateline, DateFinding, ExtractHints, ExtractedArticle, Paragraph, RemovedBlock, Result } from '../../model/types.js';
import { detectCreditedAgency, parseDateline } from '../dateline/dateline-parser.js';
import { findPublicationDate, type DateResult } from '../dates/date-finder.js';
import { collectBlocks, type TextBlock } from './block-collector.js';
import { findLeadingBylineLine, type BylineLine } from './byline-line.js';
import { LOOSE, STRICT, selectContent, type Selection } from './content-scorer.js';
import { DEFAULT_HTML_LIMITS, guardHtmlInput, type HtmlLimits } from './html-input-guard.js';
import { articleNode, ldString, readJsonLd, type LdNode } from './json-ld-reader.js';
import { parseLiteHtml } from './lite-dom.js';
import { prefilterMarkup } from './markup-prefilter.js';
import { readMetaTags, type MetaTags } from './meta-tags.js';
import { readMetadata } from './metadata-reader.js';
import { detectLanguage } from '../text/language-detect.js';
import { pickOneArticle } from './multi-article.js';
import { trimSelection } from './selection-trim.js';

/** Below this many characters of prose a page holds no article. */
const MIN_PROSE_CHARS = 100;
/** A scorer result with less prose than this is retried by the next method. */
const CONFIDENT_PROSE_CHARS = 400;

function assemble(blocks: readonly TextBlock[]): { text: string; paragraphs: Paragraph[] } {
  const paragraphs: Paragraph[] = [];
  let text = '';
  for (const b of blocks) {
    if (text.length > 0) text += '\n\n';
    paragraphs.push({ start: text.length, end: text.length + b.text.length, kind: b.kind });
    text += b.text;
  }
  return { text, paragraphs };
}

function proseChars(blocks: readonly TextBlock[]): number {
  let n = 0;
  for (const b of blocks) if (b.chars >= 40 && b.linkChars < b.chars * 0.35) n += b.chars - b.linkChars;
  return n;
}

/**
 * An index page or link hub: the best region is a list of links with short
 * teasers, not running prose.
 */
function looksLikeIndex(sel: Selection): boolean {
  let longest = 0;
  let plain = 0;
  for (const b of sel.kept) {
    longest = Math.max(longest, b.chars - b.linkChars);
    plain += b.chars - b.linkChars;
  }
  return longest < 350 && sel.linkChars > plain * 1.5;
}

/** The fallback of last resort: every block of the page that is not a link list or a chrome tag. */
function wholeBody(blocks: readonly TextBlock[]): TextBlock[] {
  return blocks.filter((b) => b.linkChars < b.chars * 0.5 && b.tag !== 'h1' && !b.flags.some((f) => f.el.localName === f.reason));
}

interface Chosen {
  kept: TextBlock[];
  method: string;
  container: Element | null;
  dropped: Selection['dropped'];
}

function chooseText(blocks: TextBlock[], root: Element, titleHint: string | null): Result<Chosen> {
  const order = new Map<TextBlock, number>(blocks.map((b, i) => [b, i]));
  let indexLike = false;
  let fallback: Chosen | null = null;
  for (const [opts, method] of [[STRICT, 'html-scorer'], [LOOSE, 'html-scorer-loose']] as const) {
    const sel0 = selectContent(blocks, root, opts);
    if (sel0 === null) continue;
    const sel = trimSelection(pickOneArticle(sel0, blocks, root, opts), order, titleHint);
    if (looksLikeIndex(sel)) {
      indexLike = true;
      continue;
    }
    const prose = proseChars(sel.kept);
    const chosen = { kept: sel.kept, method, container: sel.container, dropped: sel.dropped };
    if (prose >= CONFIDENT_PROSE_CHARS) return { ok: true, value: chosen };
    // A short article (a brief, a photo caption story) is still an article;
    // keep the strict result unless the loose pass finds a confident one.
    if (fallback === null && prose >= MIN_PROSE_CHARS) fallback = chosen;
  }
  if (fallback !== null) return { ok: true, value: fallback };
  const body = wholeBody(blocks);
  const prose = proseChars(body);
  if (indexLike || prose < MIN_PROSE_CHARS) {
    return { ok: false, reason: 'no-article', detail: indexLike ? 'the page is a list of links (index page)' : `only ${prose} characters of prose` };
  }
  return { ok: true, value: { kept: body, method: 'body-text', container: null, dropped: [] } };
}

/** The headline as the page's metadata states it, used to find where the article starts. */
function titleHint(tags: MetaTags, ld: LdNode[]): string | null {
  return tags.get('og:title') ?? ldString(articleNode(ld)?.['headline'] ?? null) ?? tags.get('twitter:title') ?? null;
}

/** Letters and digits only, lowercased: `ТАСС`, `tass.ru` and `TASS` compare by their core. */
function nameKey(s: string): string {
  return s.toLowerCase().replace(/^www\./, '').replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The dateline at the top of the text (or a closing credit) and whether the
 * text is wire copy: an agency is credited and it is not the outlet itself
 * (TASS crediting TASS on tass.com is the agency's own story).
 */
function readWire(text: string, outlet: string | null, url: string | null): { dateline: Dateline | null; wire: boolean } {
  const parsed = parseDateline(text);
  const dateline: Dateline | null = parsed === null ? null
    : { place: parsed.place, agency: parsed.agency, day: parsed.day, text: parsed.text, start: parsed.start, end: parsed.end };
  const credit = dateline?.agency ?? detectCreditedAgency(text)?.agency ?? null;
  if (credit === null) return { dateline, wire: false };
  let host: string | null = null;
  try {
    host = url === null ? null : new URL(url).hostname.replace(/^www\./, '').split('.')[0] ?? null;
  } catch {
    host = null;
  }
  const c = nameKey(credit);
  const owners = [outlet, host].filter((x): x is string => x !== null).map(nameKey).filter((k) => k.length > 0);
  // Without an outlet or URL there is nothing to differ from.
  if (owners.length === 0) return { dateline, wire: false };
  const own = owners.some((o) => o.includes(c) || c.includes(o));
  return { dateline, wire: !own };
}

/** The date of a byline/date line as a finding of the article's own date. */
function bylineLineDate(line: BylineLine): DateFinding | null {
  if (line.date === null) return null;
  return { value: line.date.value, text: line.date.text, role: 'article', source: 'text:byline-line' };
}

/** `Jane Doe and John Roe` → two authors, split the way the text-page cleaner splits its byline. */
function bylineAuthors(byline: string | null): string[] {
  return byline === null ? [] : byline.split(/,\s|\sand\s|\s&\s/).map((s) => s.trim()).filter((s) => s.length > 0);
}

/**
 * Extract the article of an HTML page: main text as paragraphs plus title,
 * byline, dates (with source and confidence), outlet, canonical URL, language
 * and lead image. Methods are tried in order — strict scorer, loose scorer
 * (class/id hints ignored), whole-body text — and `method` says which one
 * produced the text. Hostile input is refused with a reason, never a throw.
 */
export function extractHtml(html: string, hints: ExtractHints, limits: HtmlLimits = DEFAULT_HTML_LIMITS): Result<ExtractedArticle> {
  const guarded = guardHtmlInput(html, limits);
  if (!guarded.ok) return guarded;
  try {
    return extractParsed(guarded.value, hints, limits);
  } catch (err) {
    // A parser or DOM bug on a hostile page must not take the pipeline down.
    return { ok: false, reason: 'internal-error', detail: `html extraction failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function extractParsed(html: string, hints: ExtractHints, limits: HtmlLimits): Result<ExtractedArticle> {
  const document = parseLiteHtml(prefilterMarkup(html)) as unknown as Document;
  // The whole document, not <body>: the tree is htmlparser2's, not an HTML5 tree builder's, and
  // leaves content after a stray </head> or a late <body> outside the body.
  const root = document.documentElement ?? document.body;
  if (root === null) return { ok: false, reason: 'no-article', detail: 'the document has no elements' };
  const collected = collectBlocks(root, limits.maxDepth);
  if (!collected.ok) return { ok: false, reason: 'too-deep', detail: `nesting deeper than ${limits.maxDepth}` };
  const ld = readJsonLd(document);
  const tags = readMetaTags(document);
  const chosen = chooseText(collected.blocks, root, titleHint(tags, ld) ?? hints.title ?? null);
  if (!chosen.ok) return chosen;
  const { method, container, dropped } = chosen.value;
  // A byline/date line opening the text is page header, not article: dropped, and read for its author and date.
  const lead = findLeadingBylineLine(chosen.value.kept);
  const kept = lead === null ? chosen.value.kept : chosen.value.kept.filter((_, i) => i !== lead.index);
  const leadRemoved: RemovedBlock[] = lead === null ? []
    : [{ text: chosen.value.kept[lead.index]?.text.slice(0, 500) ?? '', reason: lead.line.byline === null ? 'date' : 'byline' }];
  const { text, paragraphs } = assemble(kept);

  const baseUrl = hints.url ?? null;
  const meta = readMetadata(document, tags, ld, baseUrl, container);
  const language = meta.declaredLanguage ?? hints.language ?? detectLanguage(text);
  const dates = findPublicationDate(document, {
    url: hints.url ?? meta.canonicalUrl,
    publishedAt: hints.publishedAt ?? null,
    capturedAt: hints.capturedAt ?? null,
    language,
    ldNodes: ld,
    metaTags: tags,
    articleRoot: container,
    rawMarkup: html,
  });
  const removed: RemovedBlock[] = [...leadRemoved, ...dropped.slice(0, 200).map((d) => ({ text: d.block.text.slice(0, 500), reason: d.reason }))];
  const outlet = meta.outlet ?? hints.outlet ?? null;
  const wireInfo = readWire(text, outlet, hints.url ?? meta.canonicalUrl);
  const findings: DateFinding[] = [...dates.findings];
  let { publishedAt, confidence, source } = { publishedAt: dates.publishedAt, confidence: dates.confidence, source: dates.source };
  const lineDate = lead === null ? null : bylineLineDate(lead.line);
  if (lineDate !== null) {
    findings.push(lineDate);
    // Below JSON-LD and meta: the line's date is taken only when the markup gave none, or only a weak one.
    if ((publishedAt === null || confidence === 'low' || confidence === 'none') && /^\d{4}-\d{2}-\d{2}/.test(lineDate.value)) {
      publishedAt = lineDate.value;
      confidence = 'medium';
      source = lineDate.source;
    }
  }
  if (wireInfo.dateline?.day) {
    findings.push({ value: wireInfo.dateline.day, text: wireInfo.dateline.text, role: 'article', source: 'dateline' });
    // A dateline with a full year is the article's own date; month-day alone never gets a year invented.
    if ((publishedAt === null || source === 'markup:stamp') && /^\d{4}-\d{2}-\d{2}$/.test(wireInfo.dateline.day)) {
      publishedAt = wireInfo.dateline.day;
      confidence = 'medium';
      source = 'dateline';
    }
  }

  return {
    ok: true,
    value: {
      title: meta.title ?? hints.title ?? null,
      outlet,
      url: hints.url ?? meta.canonicalUrl,
      canonicalUrl: meta.canonicalUrl,
      byline: meta.byline ?? lead?.line.byline ?? null,
      authors: meta.authors.length > 0 || meta.byline !== null ? meta.authors : bylineAuthors(lead?.line.byline ?? null),
      publishedAt,
      dateConfidence: confidence,
      dateSource: source,
      modifiedAt: dates.modifiedAt,
      dates: findings,
      dateline: wireInfo.dateline,
      wire: wireInfo.wire,
      language,
      leadImage: meta.leadImage,
      text,
      paragraphs,
      removed,
      method,
    },
  };
}

/**
 * Only the dates of a page, also when it holds no extractable article (a
 * JavaScript shell still carries its JSON-LD and meta dates). Same sources and
 * confidence rules as `extractHtml`.
 */
export function extractPageDates(html: string, hints: ExtractHints, limits: HtmlLimits = DEFAULT_HTML_LIMITS): Result<DateResult> {
  const guarded = guardHtmlInput(html, limits);
  if (!guarded.ok) return guarded;
  try {
    const document = parseLiteHtml(prefilterMarkup(guarded.value)) as unknown as Document;
    const root = document.documentElement ?? document.body;
    let container: Element | null = null;
    if (root !== null) {
      const collected = collectBlocks(root, limits.maxDepth);
      if (!collected.ok) return { ok: false, reason: 'too-deep', detail: `nesting deeper than ${limits.maxDepth}` };
      container = selectContent(collected.blocks, root, STRICT)?.container ?? null;
    }
    const tags = readMetaTags(document);
    const ld = readJsonLd(document);
    const language = readMetadata(document, tags, ld, hints.url ?? null, container).declaredLanguage ?? hints.language ?? null;
    return {
      ok: true,
      value: findPublicationDate(document, {
        url: hints.url ?? null,
        publishedAt: hints.publishedAt ?? null,
        capturedAt: hints.capturedAt ?? null,
        language,
        ldNodes: ld,
        metaTags: tags,
        articleRoot: container,
        rawMarkup: guarded.value,
      }),
    };
  } catch (err) {
    return { ok: false, reason: 'internal-error', detail: `date extraction failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}
