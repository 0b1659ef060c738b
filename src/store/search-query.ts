/**
 * Turns a user's search box text into a safe full-text query: words only
 * (quoted), with an optional trailing `*` prefix match. Operators and syntax
 * characters from the user never reach the FTS engine.
 */
export function searchTerms(input: string): { term: string; prefix: boolean }[] {
  const out: { term: string; prefix: boolean }[] = [];
  for (const m of input.slice(0, 500).matchAll(/[\p{L}\p{N}_]+(\*)?/gu)) {
    out.push({ term: m[0].replace(/\*$/, ''), prefix: m[1] !== undefined });
    if (out.length >= 20) break;
  }
  return out;
}

/** FTS5 MATCH expression: every term must occur. Empty string when there is nothing to search. */
export function ftsQuery(input: string): string {
  return searchTerms(input)
    .map((t) => `"${t.term}"${t.prefix ? '*' : ''}`)
    .join(' ');
}
