import type { Result } from '../../model/types.js';

/** Limits applied before and during parsing; a caller may tighten or loosen them. */
export interface HtmlLimits {
  /** Longest accepted input, in UTF-16 code units. */
  maxChars: number;
  /** Deepest accepted element nesting after parsing. */
  maxDepth: number;
}

export const DEFAULT_HTML_LIMITS: HtmlLimits = {
  // Real article pages rarely pass 3 MB; 30 MB pages are mostly inlined assets
  // and would cost seconds of parsing for no text.
  maxChars: 12_000_000,
  // Browsers cap nesting near 512 for layout; real pages stay far below this.
  maxDepth: 1_500,
};

/**
 * Reject inputs that cannot be a page and clean the bytes that would poison
 * the text: NUL and other C0 controls (except tab/newline/CR) become spaces.
 * A page where such characters are more than 2% of the first 64 KB is binary.
 */
export function guardHtmlInput(html: string, limits: HtmlLimits): Result<string> {
  if (html.length > limits.maxChars) {
    return { ok: false, reason: 'too-large', detail: `${html.length} chars > ${limits.maxChars}` };
  }
  if (html.trim().length === 0) return { ok: false, reason: 'empty-input' };
  const head = html.slice(0, 65_536);
  // eslint-disable-next-line no-control-regex
  const stray = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
  // Almost every page has none of these characters at all: one native scan answers that.
  if (!stray.test(html)) return { ok: true, value: html };
  let controls = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) controls++;
  }
  if (controls > head.length * 0.02) {
    return { ok: false, reason: 'binary-content', detail: `${controls} control characters in the first ${head.length}` };
  }
  // eslint-disable-next-line no-control-regex
  return { ok: true, value: html.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ' ') };
}
