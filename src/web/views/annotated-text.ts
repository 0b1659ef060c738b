/**
 * Renders article text with quotes, entities and places marked up. Offsets
 * come from the analysis and are trusted only after clamping; every character
 * of text goes through the escaping template.
 */
import type { Article, Paragraph } from '../../model/types.js';
import { html, pathTo, trustedRaw, type SafeHtml } from '../html-template.js';

interface Span {
  start: number;
  end: number;
}

interface OuterSpan extends Span {
  className: string;
  title: string;
}

interface LinkSpan extends Span {
  href: string;
  className: string;
  title: string;
}

/** Greedy left-to-right choice of non-overlapping spans; at equal starts the longer wins. */
export function nonOverlapping<T extends Span>(spans: readonly T[], textLength: number): T[] {
  const valid = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end <= textLength && s.start < s.end);
  valid.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: T[] = [];
  let lastEnd = -1;
  for (const s of valid) {
    if (s.start < lastEnd) continue;
    out.push(s);
    lastEnd = s.end;
  }
  return out;
}

export function annotations(article: Article): { outer: OuterSpan[]; links: LinkSpan[] } {
  const len = article.text.length;
  const outer: OuterSpan[] = article.quotes.map((q) => ({
    start: q.start,
    end: q.end,
    className: `quote quote-${q.kind} stance-${q.cue.stance}`,
    title: `${q.kind} quote${q.speaker ? ` — ${q.speaker.name ?? q.speaker.text}${q.speaker.anonymous ? ' (anonymous)' : ''}${q.speaker.via ? `, via ${q.speaker.via}` : ''}` : ', speaker unknown'} (${q.cue.text})`,
  }));
  if (article.dateline) {
    outer.push({ start: article.dateline.start, end: article.dateline.end, className: 'dateline', title: 'dateline' });
  }
  // Places first so that a place wins over the same span tagged as a LOC entity.
  const placeLinks: LinkSpan[] = article.places.map((p) => ({
    start: p.start,
    end: p.end,
    href: pathTo('place', p.name),
    className: 'hl-place',
    title: `${p.name}${p.country ? `, ${p.country}` : ''} (${p.lat.toFixed(2)}, ${p.lon.toFixed(2)})`,
  }));
  const placeKeys = new Set(placeLinks.map((p) => `${p.start}:${p.end}`));
  const entityLinks: LinkSpan[] = article.entities
    .filter((e) => !placeKeys.has(`${e.start}:${e.end}`))
    .map((e) => ({ start: e.start, end: e.end, href: pathTo('entity', e.name), className: `hl-entity ent-${e.type}`, title: `${e.name} (${e.type})` }));
  const links = nonOverlapping([...placeLinks, ...entityLinks], len);
  return { outer: nonOverlapping(outer, len), links };
}

function renderRange(text: string, from: number, to: number, outer: readonly OuterSpan[], links: readonly LinkSpan[]): SafeHtml {
  const cuts = new Set<number>([from, to]);
  const inRange = <T extends Span>(list: readonly T[]): T[] => list.filter((s) => s.end > from && s.start < to);
  const o = inRange(outer), l = inRange(links);
  for (const s of [...o, ...l]) {
    cuts.add(Math.max(s.start, from));
    cuts.add(Math.min(s.end, to));
  }
  const points = [...cuts].sort((a, b) => a - b);
  let openOuter: OuterSpan | null = null;
  let openLink: LinkSpan | null = null;
  let out = '';
  const closeLink = (): void => {
    if (openLink) out += '</a>';
    openLink = null;
  };
  const closeOuter = (): void => {
    closeLink();
    if (openOuter) out += '</span>';
    openOuter = null;
  };
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as number, b = points[i + 1] as number;
    const curOuter = o.find((s) => s.start <= a && s.end >= b) ?? null;
    const curLink = l.find((s) => s.start <= a && s.end >= b) ?? null;
    if (curOuter !== openOuter) {
      closeOuter();
      if (curOuter) out += html`<span class="${curOuter.className}" title="${curOuter.title}">`.value;
      openOuter = curOuter;
    }
    if (curLink !== openLink) {
      closeLink();
      if (curLink) out += html`<a class="${curLink.className}" href="${curLink.href}" title="${curLink.title}">`.value;
      openLink = curLink;
    }
    out += html`${text.slice(a, b)}`.value;
  }
  closeOuter();
  // `out` was assembled only from escaped text and tags built by `html` above.
  return trustedRaw(out);
}

/** Paragraph ranges: the analysis's, or blank-line separated blocks when it gave none. */
export function paragraphsOf(article: Article): Paragraph[] {
  const len = article.text.length;
  const given = article.paragraphs.filter((p) => p.start >= 0 && p.end <= len && p.start < p.end);
  if (given.length > 0) return [...given].sort((a, b) => a.start - b.start);
  const out: Paragraph[] = [];
  // Line by line (no regex over the whole text): a blank line ends a paragraph.
  let start = -1;
  let end = -1;
  let pos = 0;
  const text = article.text;
  while (pos <= len) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? len : nl;
    const blank = text.slice(pos, lineEnd).trim() === '';
    if (blank) {
      if (start !== -1) out.push({ start, end, kind: 'p' });
      start = -1;
    } else {
      if (start === -1) start = pos;
      end = lineEnd;
    }
    if (nl === -1) break;
    pos = nl + 1;
  }
  if (start !== -1) out.push({ start, end, kind: 'p' });
  return out;
}

export function renderAnnotatedText(article: Article): SafeHtml {
  const { outer, links } = annotations(article);
  const blocks = paragraphsOf(article).map((p) => {
    const inner = renderRange(article.text, p.start, p.end, outer, links);
    switch (p.kind) {
      case 'h':
        return html`<h2 class="para-h">${inner}</h2>`;
      case 'blockquote':
        return html`<blockquote>${inner}</blockquote>`;
      case 'pre':
        return html`<pre>${inner}</pre>`;
      case 'li':
        return html`<p class="para-li">${inner}</p>`;
      default:
        return html`<p>${inner}</p>`;
    }
  });
  return html`<div class="article-text">${blocks}</div>`;
}
