import { LiteElement } from './lite-dom.js';

/**
 * An attribute's raw value. On the extractor's own tree (lite-dom) a property
 * read; on a linkedom element, the attribute node (linkedom's
 * `getAttribute('class')` builds a DOMTokenList and other names are
 * HTML-escaped on every call).
 */
export function attrOf(el: Element | null | undefined, name: string): string | null {
  if (el === null || el === undefined) return null;
  if (el instanceof LiteElement) return el.attr(name);
  return el.getAttributeNode(name)?.value ?? null;
}
