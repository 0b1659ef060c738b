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
