import { BLOCK_TAGS } from './boilerplate-patterns.js';
/**
 * Cut the bodies of `<script>`, `<style>`, `<svg>`, `<noscript>`, `<nav>`,
 * `<aside>`, `<select>`, `<template>`, comments, and `<link>` tags other than
 * the canonical one
 * out of the markup before parsing. They hold most of a modern page's bytes
 * and never article text, and building DOM nodes for them is a large part of
 * the parse time. JSON-LD scripts are kept (they carry dates and authors).
 * Whitespace-only text next to a block tag is dropped too (outside `<pre>`
 * and `<textarea>`): it separates nothing the block boundary does not.
 * One linear pass with indexOf and case-insensitive comparisons in place (no
 * lowercased copy of the page); an unterminated element is cut to the end of
 * the input, as a browser would treat the rest as raw text anyway.
 */
// `nav`, `aside` and `select` are pure chrome (menus, sidebars, option lists)
// and over a quarter of a typical page's elements.
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

/** The names the pass acts on, and what it does with each. */
interface KnownTag {
  name: string;
  whitespaceFree: boolean;
  raw: boolean;
  verbatim: boolean;
}

const KNOWN_NAMES = [...new Set([...WHITESPACE_FREE, ...RAW_ELEMENTS, ...VERBATIM, 'link'])];
/** Known names by `nameHash` (a list, in case two share one). */
const KNOWN = new Map<number, KnownTag[]>();
for (const name of KNOWN_NAMES) {
  const tag: KnownTag = { name, whitespaceFree: WHITESPACE_FREE.has(name), raw: RAW_SET.has(name), verbatim: VERBATIM.has(name) };
  const h = nameHash(name, 0, name.length);
  const list = KNOWN.get(h);
  if (list === undefined) KNOWN.set(h, [tag]);
  else list.push(tag);
}
/** A tag name the pass has nothing to do with. */
const OTHER: KnownTag = { name: '', whitespaceFree: false, raw: false, verbatim: false };

/** A hash of the name's characters, upper-case ASCII letters read as lower case. */
function nameHash(text: string, from: number, to: number): number {
  let h = to - from;
  for (let k = from; k < to; k++) {
    const raw = text.charCodeAt(k);
    h = (Math.imul(h, 31) + (raw >= 65 && raw <= 90 ? raw | 0x20 : raw)) | 0;
  }
  return h;
}

/**
 * The tag name starting at `at` (letters, then letters, digits, `-`, `:`; at most 24; any case): null when there
 * is none, the known tag it names, or `OTHER`. No string is made for it (a page has thousands of tags).
 */
function tagAt(html: string, at: number): KnownTag | null {
  let k = at;
  const stop = Math.min(html.length, at + 24);
  while (k < stop) {
    const raw = html.charCodeAt(k);
    const c = raw | 0x20;
    if (!((c >= 97 && c <= 122) || (k > at && ((raw >= 48 && raw <= 57) || raw === 45 || raw === 58)))) break;
    k++;
  }
  if (k === at) return null;
  const list = KNOWN.get(nameHash(html, at, k));
  if (list === undefined) return OTHER;
  const n = k - at;
  for (const tag of list) {
    if (tag.name.length !== n) continue;
    let j = 0;
    while (j < n) {
      const raw = html.charCodeAt(at + j);
      if ((raw >= 65 && raw <= 90 ? raw | 0x20 : raw) !== tag.name.charCodeAt(j)) break;
      j++;
    }
    if (j === n) return tag;
  }
  return OTHER;
}

export function prefilterMarkup(html: string): string {
  const parts: string[] = [];
  let pos = 0;
  let prevWhitespaceFree = false;
  let verbatimUntil = -1;
  let i = html.indexOf('<', 0);
  while (i >= 0) {
    let end = -1;
    let next = -1;
    const closing = html.charCodeAt(i + 1) === 47;
    const tag = tagAt(html, closing ? i + 2 : i + 1);
    const name = tag === null ? '' : tag.name;
    const free = tag !== null && tag.whitespaceFree;
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
    if (tag === null && html.startsWith('<!--', i)) {
      const close = html.indexOf('-->', i + 4);
      end = close < 0 ? html.length : close + 3;
    } else if (closing || tag === null || tag === OTHER) {
      // a closing tag or a stray `<`: nothing to cut
    } else if (name === 'link') {
      // Stylesheets, preloads and icons: void tags, only rel=canonical matters.
      const close = html.indexOf('>', i);
      if (close > 0 && !/canonical/i.test(html.slice(i, Math.min(close, i + 500)))) end = close + 1;
    } else if (tag.raw) {
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
    } else if (tag.verbatim) {
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
