/**
 * Feature extraction for the NER tagger. Training and inference call the same
 * function, so the shipped model and this file must change together (the
 * model records FEATURE_VERSION and refuses a mismatch).
 */

export const FEATURE_VERSION = 4;

/** Named phrase lists (gazetteers) the features look up, keyed by source tag. */
export interface PhraseLexicon {
  /** phrase (tokens joined by one space) → entity types it is listed under, e.g. "LOC" */
  phrases: Map<string, string[]>;
  maxLen: number;
}

/** What the features know about the whole document (non-local evidence). */
export interface DocumentContext {
  /** Words seen capitalised somewhere other than at a sentence start. */
  capitalisedMidSentence: Set<string>;
  /** Lower-cased forms of words seen in lower case in the document. */
  seenLowercase: Set<string>;
  /**
   * Second pass only: the entity type the first pass gave each capitalised word
   * most often in this document ("O" when mostly outside any entity).
   */
  labelHistory?: Map<string, string>;
}

/** Majority first-pass label of each capitalised word across one document. */
export function buildLabelHistory(sentences: readonly (readonly string[])[], spans: readonly (readonly { start: number; end: number; type: string }[])[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  sentences.forEach((tokens, si) => {
    const labels = tokens.map(() => 'O');
    for (const sp of spans[si] ?? []) for (let k = sp.start; k < sp.end; k++) labels[k] = sp.type;
    tokens.forEach((w, i) => {
      if (!isCapitalised(w)) return;
      const c = counts.get(w) ?? new Map<string, number>();
      c.set(labels[i]!, (c.get(labels[i]!) ?? 0) + 1);
      counts.set(w, c);
    });
  });
  const out = new Map<string, string>();
  for (const [w, c] of counts) {
    let best = 'O';
    let n = -1;
    for (const [t, k] of c) if (k > n || (k === n && t !== 'O')) [best, n] = [t, k];
    out.set(w, best);
  }
  return out;
}

export interface FeatureResources {
  /** Gazetteers by source name ("tr" = names from the training data, "ext" = GeoNames / country lists). */
  lexicons: Record<string, PhraseLexicon>;
  /** Words that are mostly lower case in ordinary text (learned from the training data). */
  commonLower: Set<string>;
}

/** Upper case → X, lower case → x, digit → d, anything else kept; at most 12 characters. */
export function wordShape(w: string): string {
  let out = '';
  for (const ch of w) {
    if (out.length >= 12) break;
    const c = ch.charCodeAt(0);
    if (c < 128) {
      // ASCII: the same classes as the Unicode tests below, without a regex per character.
      if (c >= 65 && c <= 90) out += 'X';
      else if (c >= 97 && c <= 122) out += 'x';
      else if (c >= 48 && c <= 57) out += 'd';
      else out += ch;
    } else if (/\p{Lu}/u.test(ch)) out += 'X';
    else if (/\p{Ll}/u.test(ch)) out += 'x';
    else if (/\p{N}/u.test(ch)) out += 'd';
    else out += ch;
  }
  return out;
}

export function shortShape(w: string, full: string = wordShape(w)): string {
  let out = '';
  for (const ch of full) if (out[out.length - 1] !== ch) out += ch;
  return out;
}

function isCapitalised(w: string): boolean {
  const c = w[0];
  return c !== undefined && /\p{Lu}/u.test(c);
}

function isLowerWord(w: string): boolean {
  return /^\p{Ll}/u.test(w);
}

/** Document-level evidence from all sentences of one document. */
export function buildDocumentContext(sentences: readonly (readonly string[])[]): DocumentContext {
  const capitalisedMidSentence = new Set<string>();
  const seenLowercase = new Set<string>();
  for (const s of sentences) {
    const allCaps = isAllCapsSentence(s);
    s.forEach((w, i) => {
      if (isLowerWord(w)) seenLowercase.add(w);
      else if (i > 0 && !allCaps && isCapitalised(w)) capitalisedMidSentence.add(w);
    });
  }
  return { capitalisedMidSentence, seenLowercase };
}

/** Headlines in wire copy are often all capitals; shapes mean little there. */
export function isAllCapsSentence(tokens: readonly string[]): boolean {
  let letters = 0;
  let upperWords = 0;
  for (const w of tokens) {
    if (!/\p{L}/u.test(w)) continue;
    letters++;
    if (w === w.toUpperCase()) upperWords++;
  }
  return letters >= 2 && upperWords === letters;
}

/** Gazetteer matches: for each token, features like "tr:LOC:B". */
function lexiconFeatures(tokens: readonly string[], name: string, lex: PhraseLexicon, out: string[][], typeLevel: string[][]): void {
  const n = tokens.length;
  for (let i = 0; i < n; i++) {
    if (!/^[\p{Lu}\p{N}]/u.test(tokens[i]!)) continue;
    let phrase = '';
    for (let len = 1; len <= lex.maxLen && i + len <= n; len++) {
      phrase = len === 1 ? tokens[i]! : phrase + ' ' + tokens[i + len - 1]!;
      const types = lex.phrases.get(phrase);
      if (types === undefined) continue;
      for (const t of types) {
        for (let k = i; k < i + len; k++) {
          const pos = len === 1 ? 'U' : k === i ? 'B' : k === i + len - 1 ? 'L' : 'I';
          out[k]!.push(`${name}:${t}:${pos}`);
          typeLevel[k]!.push(`${name}:${t}`);
        }
      }
    }
  }
}

/**
 * Feature strings for every token of one sentence.
 */
export function sentenceFeatures(tokens: readonly string[], doc: DocumentContext, res: FeatureResources): string[][] {
  const n = tokens.length;
  const lower = tokens.map((w) => w.toLowerCase());
  const shapes = tokens.map((w) => shortShape(w));
  const allCaps = isAllCapsSentence(tokens);
  const out: string[][] = tokens.map(() => []);
  const at = (arr: readonly string[], i: number, pad: string): string => (i < 0 ? '<s>' : i >= n ? '</s>' : arr[i] ?? pad);
  for (let i = 0; i < n; i++) {
    const w = tokens[i]!;
    const l = lower[i]!;
    const f = out[i]!;
    const sh = shapes[i]!;
    f.push('b', 'w=' + w, 'l=' + l, 'sh=' + wordShape(w), 'ss=' + sh);
    for (let k = 1; k <= 4 && k <= l.length; k++) {
      f.push(`p${k}=${l.slice(0, k)}`, `s${k}=${l.slice(-k)}`);
    }
    f.push('l-1=' + at(lower, i - 1, ''), 'l+1=' + at(lower, i + 1, ''), 'l-2=' + at(lower, i - 2, ''), 'l+2=' + at(lower, i + 2, ''));
    f.push('ss-1=' + at(shapes, i - 1, ''), 'ss+1=' + at(shapes, i + 1, ''));
    f.push('ss-1|ss|ss+1=' + at(shapes, i - 1, '') + '|' + sh + '|' + at(shapes, i + 1, ''));
    f.push('l-1|l=' + at(lower, i - 1, '') + '|' + l, 'l|l+1=' + l + '|' + at(lower, i + 1, ''));
    f.push('l-1|ss=' + at(lower, i - 1, '') + '|' + sh, 'ss|l+1=' + sh + '|' + at(lower, i + 1, ''));
    if (i === 0) f.push('first|ss=' + sh);
    if (allCaps) f.push('allcaps|ss=' + sh, 'allcaps|l=' + l);
    if (isCapitalised(w)) {
      if (res.commonLower.has(l)) f.push('caps-common-lower');
      if (i === 0 || allCaps) {
        if (doc.capitalisedMidSentence.has(w) || (allCaps && doc.capitalisedMidSentence.has(w[0] + l.slice(1))))
          f.push('doc-cap-mid');
        if (doc.seenLowercase.has(l)) f.push('doc-seen-lower');
      }
    }
    if (w.length > 1 && w.endsWith('.')) f.push('ends-dot');
    if (doc.labelHistory) {
      const h = doc.labelHistory.get(w);
      if (h !== undefined) f.push('hist=' + h, 'hist|ss=' + h + '|' + sh, 'hist|first=' + h + '|' + (i === 0 ? 1 : 0));
      const hp = doc.labelHistory.get(tokens[i - 1] ?? '');
      const hn = doc.labelHistory.get(tokens[i + 1] ?? '');
      if (hp !== undefined) f.push('hist-1=' + hp);
      if (hn !== undefined) f.push('hist+1=' + hn);
    }
    if (w.includes('-')) f.push('hyphen|ss=' + sh);
  }
  const typeLevel: string[][] = tokens.map(() => []);
  for (const [name, lex] of Object.entries(res.lexicons)) lexiconFeatures(tokens, name, lex, out, typeLevel);
  // Neighbours' gazetteer evidence helps multi-word names ("New York Stock Exchange").
  for (let i = 0; i < n; i++) {
    const own = new Set(typeLevel[i]);
    for (const g of own) out[i]!.push(g);
    for (const g of new Set(typeLevel[i - 1] ?? [])) out[i]!.push('prev|' + g);
    for (const g of new Set(typeLevel[i + 1] ?? [])) out[i]!.push('next|' + g);
  }
  return out;
}
