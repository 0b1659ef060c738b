/**
 * The one escaping helper of the web UI. Every view builds markup with the
 * `html` tagged template: interpolated values are escaped unless they are
 * already `SafeHtml` (produced only by `html` itself or by `trustedRaw` on
 * constant markup). Article text, titles, bylines and URLs are plain strings
 * and therefore always escaped — there is no way to forget.
 */

export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for element content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);
}

function renderValue(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (value === null || value === undefined || value === false || value === true) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'string') return escapeHtml(value);
  let out = '';
  for (const v of value) out += renderValue(v);
  return out;
}

/** Tagged template: literal parts pass through, interpolations are escaped. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    out += renderValue(values[i] as HtmlValue) + (strings[i + 1] ?? '');
  }
  return new SafeHtml(out);
}

/** For markup the code itself generated (never for data). */
export function trustedRaw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

export function joinHtml(parts: readonly HtmlValue[], separator: HtmlValue = ''): SafeHtml {
  const sep = renderValue(separator);
  return new SafeHtml(parts.map(renderValue).join(sep));
}

/**
 * Returns the URL normalised when it is an absolute http(s) URL, else null.
 * Only these are ever made clickable: `javascript:`, `data:`, `vbscript:`,
 * relative and protocol-relative URLs from articles stay plain text.
 */
export function safeExternalUrl(url: string | null | undefined): string | null {
  if (url === null || url === undefined) return null;
  const trimmed = url.trim();
  if (trimmed.length === 0 || trimmed.length > 4096) return null;
  // Control characters and whitespace inside a URL are a classic scheme-smuggling trick.
  if (/[\u0000-\u0020\u007f-\u009f]/.test(trimmed)) return null;
  if (!/^https?:\/\//i.test(trimmed)) return null;
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}

/** A link to an original article: clickable only for http(s), opened without opener or referrer. */
export function externalLink(url: string | null | undefined, label?: HtmlValue): SafeHtml {
  const safe = safeExternalUrl(url);
  const text = label ?? url ?? '';
  if (safe === null) {
    return url ? html`<span class="url-unsafe" title="not a web link">${text}</span>` : html``;
  }
  return html`<a class="external" href="${safe}" rel="noopener noreferrer" target="_blank">${text}</a>`;
}

/** Builds an internal path with every dynamic segment percent-encoded. */
export function pathTo(...segments: string[]): string {
  return '/' + segments.map((s, i) => (i === 0 ? s : encodeURIComponent(s))).join('/');
}

/** Builds a query string from defined, non-empty values. */
export function queryString(params: Record<string, string | number | null | undefined>): string {
  const usp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === '') continue;
    usp.set(k, String(v));
  }
  const s = usp.toString();
  return s === '' ? '' : `?${s}`;
}
