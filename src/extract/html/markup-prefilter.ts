/**
 * Cut the bodies of `<script>`, `<style>`, `<svg>`, `<noscript>`, `<nav>`,
 * `<aside>`, `<select>`, `<template>`, comments, and `<link>` tags other than
 * the canonical one
 * out of the markup before parsing. They hold most of a modern page's bytes
 * and never article text, and building DOM nodes for them is a large part of
 * the parse time. JSON-LD scripts are kept (they carry dates and authors).
 * One linear pass with indexOf and case-insensitive comparisons in place (no
 * lowercased copy of the page); an unterminated element is cut to the end of
 * the input, as a browser would treat the rest as raw text anyway.
 */
// `nav`, `aside` and `select` are pure chrome (menus, sidebars, option lists)
// and over a quarter of a typical page's elements.
const RAW_ELEMENTS = ['script', 'style', 'svg', 'noscript', 'nav', 'aside', 'select', 'template'] as const;

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

function isDelimiter(c: number): boolean {
  return c === 62 || c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 12;
}

export function prefilterMarkup(html: string): string {
  const parts: string[] = [];
  let pos = 0;
  let i = html.indexOf('<', 0);
  while (i >= 0) {
    let end = -1;
    if (html.startsWith('<!--', i)) {
      const close = html.indexOf('-->', i + 4);
      end = close < 0 ? html.length : close + 3;
    } else if (startsWithCi(html, 'link', i + 1) && isDelimiter(html.charCodeAt(i + 5))) {
      // Stylesheets, preloads and icons: void tags, only rel=canonical matters.
      const close = html.indexOf('>', i);
      if (close > 0 && !/canonical/i.test(html.slice(i, Math.min(close, i + 500)))) end = close + 1;
    } else {
      for (const tag of RAW_ELEMENTS) {
        if (!startsWithCi(html, tag, i + 1) || !isDelimiter(html.charCodeAt(i + 1 + tag.length))) continue;
        const openEnd = html.indexOf('>', i);
        if (openEnd < 0) break;
        if (tag === 'script' && /ld\+json/i.test(html.slice(i, Math.min(openEnd, i + 300)))) break;
        const close = findClose(html, tag, openEnd);
        if (close < 0) {
          end = html.length;
        } else {
          const closeEnd = html.indexOf('>', close);
          end = closeEnd < 0 ? html.length : closeEnd + 1;
        }
        break;
      }
    }
    if (end > 0) {
      parts.push(html.slice(pos, i));
      pos = end;
      i = html.indexOf('<', end);
    } else {
      i = html.indexOf('<', i + 1);
    }
  }
  parts.push(html.slice(pos));
  return parts.join('');
}
