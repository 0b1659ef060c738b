/**
 * The settle's replay streams the whole cluster log through a fresh clusterer, so the clusterer's per-article work
 * was made cheaper: word runs read by a scan instead of a pattern, capitalised words found from their capital,
 * top-k selections instead of full sorts, and an article's IDFs read once per assign. Each must give exactly what
 * it replaces (the replay's decisions must not change): checked here against the replaced code, kept as reference.
 */
import { describe, expect, it } from 'vitest';
import { demoTexts } from '../provenance/demo-texts.js';
import { mulberry32 } from '../../src/util/seeded-random.js';
import { tokenize } from '../../src/dedup/text-normalizer.js';
import { contentTokens, docFeatures, isStopword, properNounCounts, stem, wordRuns } from '../../src/cluster/term-features.js';
import { TopK, topIndices } from '../../src/cluster/sparse-vector.js';
import { DocumentFrequencies, addIntoWithNorms, addPreparedWithNorms, prepareVector, topPrepared, topTerms, type SparseVector } from '../cluster/string-vectors.js';

/** The code these replace, as it was. */
const reference = {
  contentTokens(text: string, limit = Infinity): string[] {
    const out: string[] = [];
    for (const t of tokenize(text)) {
      if (t.length < 2 || isStopword(t)) continue;
      out.push(stem(t));
      if (out.length >= limit) break;
    }
    return out;
  },
  properNounCounts(text: string, limitChars = 20_000): Map<string, number> {
    const CAP_RE = /(^|[^\p{L}\p{N}])(\p{Lu}[\p{L}'’-]{1,40})/gu;
    const t = text.length > limitChars ? text.slice(0, limitChars) : text;
    const counts = new Map<string, number>();
    const mid = new Set<string>();
    for (const m of t.matchAll(CAP_RE)) {
      const word = m[2]!;
      const idx = (m.index ?? 0) + m[1]!.length;
      let j = idx - 1;
      while (j >= 0 && (t[j] === ' ' || t[j] === '"' || t[j] === '“' || t[j] === '‘' || t[j] === "'" || t[j] === '(')) j--;
      const atStart = j < 0 || t[j] === '.' || t[j] === '!' || t[j] === '?' || t[j] === '\n' || t[j] === ':';
      const key = word.toLowerCase().replace(/['’]s$/, '');
      if (key.length < 2 || isStopword(key)) continue;
      if (!atStart) mid.add(key);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const out = new Map<string, number>();
    for (const k of mid) out.set(k, counts.get(k)!);
    return out;
  },
  topTerms(v: SparseVector, dfs: DocumentFrequencies, k: number): string[] {
    return [...v]
      .map(([t, x]) => [t, x * dfs.idf(t)] as const)
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, k)
      .map(([t]) => t);
  },
};

// Characters that make word runs and capitalised words hard: combining marks, digits of other scripts, letters
// outside the BMP (a capital among them), lone surrogates, apostrophes, hyphens, quotes, ligatures, Greek sigma.
const PIECES = [
  'a', 'B', 'z', 'Q', '7', ' ', ' ', '\n', '.', '!', '?', ':', '(', '"', '“', '‘', "'", '’', '-', '—', 'é', 'É', 'e\u0301', '\u0301',
  '٣', '߀', 'ß', 'Σ', 'σ', 'ﬁ', 'Ⅻ', '中', '\u{1D400}', '\u{10400}', '\u{1F600}', '\ud800', '\udc00', '\u00a0', 'İ', "'s", '’S',
  'Mc', 'Donald', 'X-Ray', 'Ab'.repeat(25),
];

function hostileText(r: () => number): string {
  const n = Math.floor(r() * 120);
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(r() * PIECES.length)]!;
  return s;
}

const r = mulberry32(20261124);
const hostile = Array.from({ length: 400 }, () => hostileText(r));
// Words cut at 41 characters right after a hyphen or apostrophe, followed by a capital (the pattern cannot reuse
// the cut word's last character), at the start and after spaces.
const cut = ['A' + 'b'.repeat(39) + '-Cd', ' X' + 'y'.repeat(39) + "'Zed and", '\u{10400}' + 'q'.repeat(38) + '-Ab', 'Ab'.repeat(30) + '-Cd Ef'];
const texts = [...demoTexts, ...hostile, ...cut, '', 'A', 'Ab', ' Ab', 'ab Cd ef Gh. Ij'];

describe('the replay’s cheaper clusterer steps', () => {
  it('read the same word runs and content tokens as the pattern', () => {
    for (const t of texts) {
      expect(wordRuns(t)).toEqual(t.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []);
      for (const limit of [Infinity, 600, 9, 1, 0]) expect(contentTokens(t, limit)).toEqual(reference.contentTokens(t, limit));
    }
  });

  it('find the same capitalised names, counted the same', () => {
    let names = 0;
    for (const t of texts) {
      const expected = reference.properNounCounts(t);
      expect([...properNounCounts(t)]).toEqual([...expected]);
      expect([...properNounCounts(t, 50)]).toEqual([...reference.properNounCounts(t, 50)]);
      names += expected.size;
    }
    expect(names).toBeGreaterThan(500);
    // The cut words: the part after the hyphen is a name only where the pattern could start again.
    expect([...properNounCounts('x ' + cut[0]!)]).toEqual([...reference.properNounCounts('x ' + cut[0]!)]);
  });

  it('rank the same top terms, ties by term, without sorting every term', () => {
    const dfs = new DocumentFrequencies();
    const docs = demoTexts.map((text) => docFeatures({ title: null, text, entities: [], places: [] }));
    for (const f of docs) dfs.addDoc(f.keys());
    for (const f of docs) {
      for (const k of [0, 1, 6, 15, 30, 400, f.size, f.size + 5, -3]) expect(topTerms(f, dfs, k)).toEqual(reference.topTerms(f, dfs, k));
      expect(topPrepared(prepareVector(f, dfs), 30)).toEqual(reference.topTerms(f, dfs, 30));
    }
    // Many equal weights: the order among them is the terms' order.
    const flat: SparseVector = new Map(Array.from({ length: 50 }, (_, i) => [`t${(i * 37) % 50}`, i % 3 === 0 ? 2 : 1]));
    for (const k of [1, 10, 17, 18, 49]) expect(topTerms(flat, dfs, k)).toEqual(reference.topTerms(flat, dfs, k));
    const weights = Float64Array.from([3, -0, 0, 1, 1, 2, -1, 3]);
    const keys = ['h', 'g', 'f', 'e', 'd', 'c', 'b', 'a'];
    const sorted = keys.map((_, i) => i).sort((a, b) => weights[b]! - weights[a]! || (keys[a]! < keys[b]! ? -1 : 1));
    for (let k = 0; k <= keys.length; k++) expect(topIndices(weights, keys, k)).toEqual(sorted.slice(0, k));
  });

  it('keep the same top contributions one offer at a time', () => {
    const rand = mulberry32(5);
    for (let round = 0; round < 50; round++) {
      const entries: [string, number][] = Array.from({ length: Math.floor(rand() * 40) }, (_, i) => [`k${i}`, Math.floor(rand() * 5) / 4]);
      const top = new TopK(6);
      for (const [k, v] of entries) top.offer(k, v);
      const expected = [...entries].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 6).map(([k]) => k);
      expect(top.keys()).toEqual(expected);
    }
  });

  it('add an article to a centroid with the same sums and norms from its prepared form', () => {
    const dfs = new DocumentFrequencies();
    const docs = demoTexts.map((text) => docFeatures({ title: null, text, entities: ['Acme Corp'], places: ['Kyiv'] }));
    const a: SparseVector = new Map();
    const b: SparseVector = new Map();
    let na: [number, number] | null = [0, 0];
    let nb: [number, number] | null = [0, 0];
    docs.forEach((f, i) => {
      dfs.addDoc(f.keys());
      // Unknown norms now and then (after pruning), as the clusterer has them.
      if (i % 7 === 3) na = nb = null;
      na = addIntoWithNorms(a, f, dfs, na);
      nb = addPreparedWithNorms(b, prepareVector(f, dfs), nb);
      expect(nb).toEqual(na);
      if (i % 7 === 4) na = nb = [0, 0];
    });
    expect([...b]).toEqual([...a]);
  });
});
