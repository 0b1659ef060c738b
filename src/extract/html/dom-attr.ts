/**
 * An attribute's raw value. linkedom's `getAttribute('class')` builds a
 * DOMTokenList and other names are HTML-escaped on every call; reading the
 * attribute node is several times cheaper and returns the value as written.
 */
export function attrOf(el: Element | null | undefined, name: string): string | null {
  if (el === null || el === undefined) return null;
  return el.getAttributeNode(name)?.value ?? null;
}
