/**
 * The one table of reason codes. Every refused or skipped input carries one of
 * these; the HTTP API maps them to statuses through `httpStatus`.
 */
export const REASONS = {
  // input-level
  'empty-input': { http: 422, text: 'the input is empty or holds only whitespace' },
  'binary-content': { http: 415, text: 'the input looks binary (NUL bytes or control characters), not text or HTML' },
  'too-large': { http: 413, text: 'the input exceeds the size limit' },
  'invalid-encoding': { http: 422, text: 'the bytes are not valid in any supported encoding' },
  'unsupported-type': { http: 415, text: 'the file type is not one Storyline reads' },
  'unreadable': { http: 500, text: 'the file could not be read' },
  'invalid-json': { http: 400, text: 'a JSON record could not be parsed' },
  'missing-content': { http: 422, text: 'a JSON record has neither `text` nor `html`' },
  // extraction
  'no-article': { http: 422, text: 'no article text was found (index page, login wall or empty shell)' },
  'too-short': { http: 422, text: 'the extracted text is too short to be an article' },
  'too-deep': { http: 422, text: 'the HTML nesting exceeds the depth limit' },
  // duplicates
  'duplicate-content': { http: 409, text: 'the same text is already stored' },
  'duplicate-url': { http: 409, text: 'an article with the same URL is already stored' },
  'near-duplicate': { http: 409, text: 'a near-identical article is already stored' },
  // fetching
  'fetch-forbidden-address': { http: 403, text: 'the URL resolves to a private, loopback or link-local address' },
  'fetch-bad-url': { http: 400, text: 'the URL is malformed or uses a scheme other than http(s)' },
  'fetch-timeout': { http: 504, text: 'the server did not answer within the time limit' },
  'fetch-too-large': { http: 413, text: 'the response body exceeds the size limit' },
  'fetch-too-many-redirects': { http: 508, text: 'too many redirects' },
  'fetch-bad-status': { http: 502, text: 'the server answered with an error status' },
  'fetch-bad-content-type': { http: 415, text: 'the response is not HTML, text or a feed' },
  'fetch-decompression-bomb': { http: 413, text: 'the compressed body expands beyond the limit' },
  'fetch-network-error': { http: 502, text: 'the connection failed' },
  'fetch-robots-disallowed': { http: 403, text: 'robots.txt disallows this URL' },
  'feed-malformed': { http: 422, text: 'the feed XML or JSON could not be parsed' },
  'feed-entity-expansion': { http: 422, text: 'the feed declares XML entities (refused: entity expansion)' },
  // generic
  'internal-error': { http: 500, text: 'an unexpected error; the detail says what' },
  'not-found': { http: 404, text: 'no such item' },
  'bad-request': { http: 400, text: 'the request is malformed' },
} as const satisfies Record<string, { http: number; text: string }>;

export type ReasonCode = keyof typeof REASONS;

export function isReasonCode(value: string): value is ReasonCode {
  return Object.hasOwn(REASONS, value);
}

export function httpStatus(code: ReasonCode): number {
  return REASONS[code].http;
}

export function describeReason(code: ReasonCode): string {
  return REASONS[code].text;
}
