import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BLOCK_TAGS } from '../../src/extract/html/boilerplate-patterns.js';
import { prefilterMarkup } from '../../src/extract/html/markup-prefilter.js';
import { mulberry32 } from '../../src/util/seeded-random.js';

/**
 * The prefilter reads tag names without making a string of each (a hash and a comparison against the names it acts
 * on). Its output must be what the pass gave when it lowercased a copy of every name: that pass, kept verbatim
 * below as the reference, against the current one on generated markup and, when the shared sets are present, on
 * real pages.
 */
// ---- reference: the pass as it was (src/extract/html/markup-prefilter.ts before name hashing) ----
const RAW_ELEMENTS = ['script', 'style', 'svg', 'noscript', 'nav', 'aside', 'select', 'template'] as const;
const RAW_SET: ReadonlySet<string> = new Set(RAW_ELEMENTS);

/** Case-insensitive `text.startsWith(word, at)` for an ASCII lowercase `word`. */
function startsWithCi(text: string, word: string, at: number): boolean {
  if (at + word.length > text.length) return false;
  for (let k = 0; k < word.length; k++) {
    if ((text.charCodeAt(at + k) | 0x20) !== word.charCodeAt(k)) return false;
  }
  return true;
}

/** Index of `</tag` (any case) at or after `from`, or -1. */
function findClose(text: string, tag: string, from: number): number {
  let i = text.indexOf('</', from);
  while (i >= 0) {
    if (startsWithCi(text, tag, i + 2)) return i;
    i = text.indexOf('</', i + 2);
  }
  return -1;
}

/**
 * Tags next to which a whitespace-only text node carries nothing: block
 * boundaries already separate the text on either side (the block collector
 * flushes there), so the node would only cost a DOM node. About a third of
 * a typical page's nodes are such whitespace.
 */
const WHITESPACE_FREE = new Set([...BLOCK_TAGS, 'br', 'head', 'title', 'tbody']);
/** Elements whose whitespace is content. */
const VERBATIM = new Set(['pre', 'textarea', 'xmp', 'plaintext', 'listing']);

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 12;
}

/** Lowercase tag name starting at `at` (letters, then letters, digits, `-`, `:`; at most 24), or ''. */
function tagNameAt(html: string, at: number): string {
  let k = at;
  const stop = Math.min(html.length, at + 24);
  while (k < stop) {
    const raw = html.charCodeAt(k);
    const c = raw | 0x20;
    if (!((c >= 97 && c <= 122) || (k > at && ((raw >= 48 && raw <= 57) || raw === 45 || raw === 58)))) break;
    k++;
  }
  return k === at ? '' : html.slice(at, k).toLowerCase();
}

function referencePrefilter(html: string): string {
  const parts: string[] = [];
  let pos = 0;
  let prevWhitespaceFree = false;
  let verbatimUntil = -1;
  let i = html.indexOf('<', 0);
  while (i >= 0) {
    let end = -1;
    let next = -1;
    const closing = html.charCodeAt(i + 1) === 47;
    const name = tagNameAt(html, closing ? i + 2 : i + 1);
    const free = name.length > 0 && WHITESPACE_FREE.has(name);
    // Whitespace-only text between the previous tag and this one.
    if ((free || prevWhitespaceFree) && i > pos && i > verbatimUntil && isSpace(html.charCodeAt(i - 1))) {
      let j = i - 1;
      while (j > pos && isSpace(html.charCodeAt(j - 1))) j--;
      if (j > 0 && html.charCodeAt(j - 1) === 62) {
        parts.push(html.slice(pos, j));
        pos = i;
      }
    }
    prevWhitespaceFree = free;
    if (name === '' && html.startsWith('<!--', i)) {
      const close = html.indexOf('-->', i + 4);
      end = close < 0 ? html.length : close + 3;
    } else if (closing || name === '') {
      // a closing tag or a stray `<`: nothing to cut
    } else if (name === 'link') {
      // Stylesheets, preloads and icons: void tags, only rel=canonical matters.
      const close = html.indexOf('>', i);
      if (close > 0 && !/canonical/i.test(html.slice(i, Math.min(close, i + 500)))) end = close + 1;
    } else if (RAW_SET.has(name)) {
      const openEnd = html.indexOf('>', i);
      if (openEnd >= 0) {
        const close = findClose(html, name, openEnd);
        if (name === 'script' && /ld\+json/i.test(html.slice(i, Math.min(openEnd, i + 300)))) {
          // Kept (it carries dates and authors); its text is not markup.
          next = close;
        } else if (close < 0) {
          end = html.length;
        } else {
          const closeEnd = html.indexOf('>', close);
          end = closeEnd < 0 ? html.length : closeEnd + 1;
        }
      }
    } else if (VERBATIM.has(name)) {
      const close = findClose(html, name, i + 1);
      verbatimUntil = close < 0 ? html.length : close;
    }
    if (end > 0) {
      parts.push(html.slice(pos, i));
      pos = end;
      prevWhitespaceFree = false;
      i = html.indexOf('<', end);
    } else {
      i = next > i ? next : html.indexOf('<', i + 1);
    }
  }
  parts.push(html.slice(pos));
  return parts.join('');
}

// ---- end of reference ----


const PIECES = [
  '<div>', '</DIV>', '<Div class=x>', '<p>', '</p>', '<P>', '<br>', '<BR/>', '<h1>', '</H2>', '<h7>', '<script>', '</SCRIPT>',
  '<script type="application/ld+json">', '<Style>', '</style>', '<svg>', '</svg >', '<noscript>', '<nav>', '</nav>', '<nav-menu>',
  '<aside>', '</aside>', '<select>', '</select>', '<template>', '</template>', '<pre>', '</pre>', '<textarea>', '</TEXTAREA>',
  '<xmp>', '</xmp>', '<plaintext>', '<listing>', '<link rel=stylesheet>', '<LINK rel="canonical" href=x>', '<link', '<li>', '<td>',
  '<tbody>', '<title>', '<head>', '<HEAD>', '<custom-el>', '<a:b>', '<x1-2>', '<', '</', '<!--', '-->', '<!-- c -->', '>', ' ', '\n',
  '  ', '\t', 'text', 'é', '<ab', '<abcdefghijklmnopqrstuvwxyz0123>', '<divx>', '<di>', '<span>', '</span>', '<İnput>',
];

describe('prefilterMarkup reads tag names as the lowercasing pass did', () => {
  it('gives the reference output on 20,000 generated pages', () => {
    const next = mulberry32(3);
    for (let k = 0; k < 20_000; k++) {
      let html = '';
      const n = 1 + Math.floor(next() * 30);
      for (let j = 0; j < n; j++) html += PIECES[Math.floor(next() * PIECES.length)]!;
      expect(prefilterMarkup(html), JSON.stringify(html)).toBe(referencePrefilter(html));
    }
  });

  it('names every tag the pass acts on in any case, and no longer or shorter name', () => {
    for (const name of [...BLOCK_TAGS, 'br', 'head', 'title', 'tbody', 'script', 'style', 'svg', 'noscript', 'nav', 'aside', 'select', 'template', 'pre', 'textarea', 'xmp', 'plaintext', 'listing', 'link']) {
      for (const n of [name, name.toUpperCase(), name[0]!.toUpperCase() + name.slice(1), `${name}x`, name.slice(0, -1), `${name}-1`]) {
        const html = `<div>\n<${n} a="1">\n  <b>x</b>\n</${n}>\n <p>y</p></div>`;
        expect(prefilterMarkup(html), html).toBe(referencePrefilter(html));
      }
    }
  });

  const DRAGNET = path.resolve(import.meta.dirname, '../../../shared/bench/extraction/dragnet_data/input');
  it.skipIf(!existsSync(DRAGNET))('gives the reference output on 300 dragnet pages', () => {
    const files = readdirSync(DRAGNET).filter((f) => f.endsWith('.html.gz')).sort().slice(0, 300);
    for (const f of files) {
      const html = gunzipSync(readFileSync(path.join(DRAGNET, f))).toString('latin1');
      expect(prefilterMarkup(html) === referencePrefilter(html), f).toBe(true);
    }
  });
});
