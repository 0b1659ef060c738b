/**
 * The NER features of ner-features.ts computed without building a feature
 * string per token: the model's feature names are indexed once at load time
 * (rows of a sparse weight matrix, looked up by lower-cased word, word shape
 * and affix, with nested maps for the word-pair templates), and what depends
 * on one word alone is worked out once per distinct word and cached. Emission
 * scores come out exactly as summing the rows of `sentenceFeatures(...)` in
 * order would give them (same non-zero weights, same order, same float32
 * rounding); test/ner/fast-tagger.test.ts checks that bit for bit.
 *
 * Keep in step with `sentenceFeatures`: a new feature there needs its
 * counterpart here (FEATURE_VERSION guards the model file, the equality test
 * guards this file).
 */
import { NUM_TAGS } from './perceptron-model.js';
import { shortShape, wordShape, type FeatureResources } from './ner-features.js';

/**
 * Feature name → row of a sparse weight matrix: row r's non-zero weights are
 * `values[k]` for tag `tags[k]`, k from rowStart[r] to rowStart[r + 1]
 * (three per row on average, of NUM_TAGS).
 */
export interface WeightTable {
  rowOf: Map<string, number>;
  rowStart: Int32Array;
  tags: Uint8Array;
  values: Float32Array;
  /** NUM_TAGS × NUM_TAGS (prev → next) */
  transitions: Float32Array;
}

type Inner = Map<string, number>;

/** Labels the second stage's history features use (ConllType plus "O"). */
const HISTORY_LABELS = ['O', 'PER', 'ORG', 'LOC', 'MISC'] as const;
const HISTORY_INDEX = new Map<string, number>(HISTORY_LABELS.map((l, i) => [l, i]));

/** One stage's weights with the indexes the fast feature path needs. */
export interface CompiledStage {
  table: WeightTable;
  /** features 'name=value' by template name: name → value → row */
  unary: Map<string, Inner>;
  /** unary.get('w') and unary.get('sh'), looked up once */
  wordRows: Inner;
  shapeRows: Inner;
  /** everything keyed by a lower-cased word, in one lookup */
  byLower: Map<string, LowerRows>;
  /** everything keyed by a short word shape */
  byShape: Map<string, ShapeRows>;
  /** prefix/suffix features by the affix: [row of 'p{n}=', row of 's{n}='] with n its length */
  affix: Map<string, [number, number]>;
  /** 'l-1|l=' a|b: a → b → row */
  llPrev: Map<string, Inner>;
  /** 'l|l+1=' a|b */
  llNext: Map<string, Inner>;
  /** 'l-1|ss=' a|b (a lower-cased word, b a short shape) */
  ls: Map<string, Inner>;
  /** 'ss|l+1=' a|b */
  sl: Map<string, Inner>;
  /** 'ss-1|ss|ss+1=' a|b|c */
  sss: Map<string, Map<string, Inner>>;
  bias: number;
  capsCommonLower: number;
  docCapMid: number;
  docSeenLower: number;
  endsDot: number;
  hist: Int32Array;
  /** [label × 2 + (first ? 1 : 0)] */
  histFirst: Int32Array;
  histPrev: Int32Array;
  histNext: Int32Array;
  /** per lexicon key (lexicon name + type, see CompiledLexicons.keys) × 4 positions U, B, I, L */
  lexPos: Int32Array;
  lexType: Int32Array;
  lexPrev: Int32Array;
  lexNext: Int32Array;
}

/** Rows and pair indexes of one lower-cased word (-1 / undefined: not in the model). */
interface LowerRows {
  l: number;
  l_1: number;
  l1: number;
  l_2: number;
  l2: number;
  allcapsL: number;
  /** 'l-1|l=' with this word on the left */
  llPrev: Inner | undefined;
  /** 'l|l+1=' with this word on the left */
  llNext: Inner | undefined;
  /** 'l-1|ss=' with this word on the left */
  ls: Inner | undefined;
}

/** Rows and pair indexes of one short word shape. */
interface ShapeRows {
  ss: number;
  ss_1: number;
  ss1: number;
  firstSs: number;
  allcapsSs: number;
  hyphenSs: number;
  /** 'ss|l+1=' with this shape on the left */
  sl: Inner | undefined;
  /** 'ss-1|ss|ss+1=' with this shape first */
  sss: Map<string, Inner> | undefined;
}

const noLower = (): LowerRows => ({ l: -1, l_1: -1, l1: -1, l_2: -1, l2: -1, allcapsL: -1, llPrev: undefined, llNext: undefined, ls: undefined });
const noShape = (): ShapeRows => ({ ss: -1, ss_1: -1, ss1: -1, firstSs: -1, allcapsSs: -1, hyphenSs: -1, sl: undefined, sss: undefined });
const NO_LOWER: Readonly<LowerRows> = noLower();
const NO_SHAPE: Readonly<ShapeRows> = noShape();

interface LexNode {
  /** lexicon keys (indexes into CompiledLexicons.keys) of an entry, in the entry's type order; null for a bare prefix */
  keys: number[] | null;
  /** whether some entry starts with this phrase followed by a space */
  extends: boolean;
}

export interface CompiledLexicons {
  /** "name:type" for each lexicon key */
  keys: string[];
  /** in Object.entries(resources.lexicons) order */
  lexicons: { maxLen: number; nodes: Map<string, LexNode> }[];
}

/** What one distinct token contributes, independent of its position. */
interface WordInfo {
  w: string;
  l: string;
  sh: string;
  ss: string;
  cap: boolean;
  lowerStart: boolean;
  hasLetter: boolean;
  upper: boolean;
  lexStart: boolean;
  commonLowerCap: boolean;
  endsDot: boolean;
  hyphen: boolean;
  capForm: string | undefined;
  rows: (StageRows | undefined)[];
  /** Each lexicon's entry for the word alone (undefined: none), looked up on first use. */
  lexFirst: (LexNode | undefined)[] | undefined;
}

interface StageRows {
  /**
   * The bias row then the word's own rows ('w=', 'l=', 'sh=', 'ss=', 'p1=', 's1=', … in sentenceFeatures
   * order, those present in the model) summed into one score vector, in that order and with the same
   * float32 rounding as adding them one by one into a zeroed emission row (so copying it is exact).
   */
  ownScores: Float32Array;
  lo: Readonly<LowerRows>;
  sh: Readonly<ShapeRows>;
  histSs: Int32Array | undefined;
}

function addPair(target: Map<string, Inner>, a: string, b: string, row: number): void {
  let inner = target.get(a);
  if (inner === undefined) target.set(a, (inner = new Map()));
  inner.set(b, row);
}

/**
 * Every way to cut `v` at one '|' (a word may itself hold a '|': all cuts
 * produce the same feature string, so indexing each keeps lookups exact).
 */
function pipeCuts(v: string): number[] {
  const out: number[] = [];
  for (let p = v.indexOf('|'); p >= 0; p = v.indexOf('|', p + 1)) out.push(p);
  return out;
}

export function compileStage(table: WeightTable, lex: CompiledLexicons): CompiledStage {
  const row = (name: string): number => table.rowOf.get(name) ?? -1;
  const st: CompiledStage = {
    table,
    unary: new Map(),
    wordRows: new Map(),
    shapeRows: new Map(),
    byLower: new Map(),
    byShape: new Map(),
    affix: new Map(),
    llPrev: new Map(),
    llNext: new Map(),
    ls: new Map(),
    sl: new Map(),
    sss: new Map(),
    bias: row('b'),
    capsCommonLower: row('caps-common-lower'),
    docCapMid: row('doc-cap-mid'),
    docSeenLower: row('doc-seen-lower'),
    endsDot: row('ends-dot'),
    hist: Int32Array.from(HISTORY_LABELS, (h) => row('hist=' + h)),
    histFirst: Int32Array.from(HISTORY_LABELS.flatMap((h) => [row('hist|first=' + h + '|0'), row('hist|first=' + h + '|1')])),
    histPrev: Int32Array.from(HISTORY_LABELS, (h) => row('hist-1=' + h)),
    histNext: Int32Array.from(HISTORY_LABELS, (h) => row('hist+1=' + h)),
    lexPos: Int32Array.from(lex.keys.flatMap((k) => ['U', 'B', 'I', 'L'].map((p) => row(`${k}:${p}`)))),
    lexType: Int32Array.from(lex.keys, (k) => row(k)),
    lexPrev: Int32Array.from(lex.keys, (k) => row('prev|' + k)),
    lexNext: Int32Array.from(lex.keys, (k) => row('next|' + k)),
  };
  const pairTemplates: [string, Map<string, Inner>][] = [
    ['l-1|l=', st.llPrev],
    ['l|l+1=', st.llNext],
    ['l-1|ss=', st.ls],
    ['ss|l+1=', st.sl],
  ];
  for (const [name, r] of table.rowOf) {
    // Template names hold no '=', so the first one ends the template.
    const eq = name.indexOf('=');
    if (eq >= 0) addPair(st.unary, name.slice(0, eq), name.slice(eq + 1), r);
    if (name.startsWith('ss-1|ss|ss+1=')) {
      const v = name.slice('ss-1|ss|ss+1='.length);
      const cuts = pipeCuts(v);
      for (let x = 0; x < cuts.length; x++)
        for (let y = x + 1; y < cuts.length; y++) {
          const a = v.slice(0, cuts[x]);
          const b = v.slice(cuts[x]! + 1, cuts[y]);
          const c = v.slice(cuts[y]! + 1);
          let mid = st.sss.get(a);
          if (mid === undefined) st.sss.set(a, (mid = new Map()));
          addPair(mid, b, c, r);
        }
      continue;
    }
    for (const [prefix, target] of pairTemplates) {
      if (!name.startsWith(prefix)) continue;
      const v = name.slice(prefix.length);
      for (const p of pipeCuts(v)) addPair(target, v.slice(0, p), v.slice(p + 1), r);
      break;
    }
  }
  st.wordRows = st.unary.get('w') ?? st.wordRows;
  st.shapeRows = st.unary.get('sh') ?? st.shapeRows;
  const lower = (v: string): LowerRows => {
    let x = st.byLower.get(v);
    if (x === undefined) st.byLower.set(v, (x = noLower()));
    return x;
  };
  const shape = (v: string): ShapeRows => {
    let x = st.byShape.get(v);
    if (x === undefined) st.byShape.set(v, (x = noShape()));
    return x;
  };
  const each = (template: string, f: (value: string, row: number) => void): void => {
    for (const [v, r] of st.unary.get(template) ?? []) f(v, r);
  };
  each('l', (v, r) => (lower(v).l = r));
  each('l-1', (v, r) => (lower(v).l_1 = r));
  each('l+1', (v, r) => (lower(v).l1 = r));
  each('l-2', (v, r) => (lower(v).l_2 = r));
  each('l+2', (v, r) => (lower(v).l2 = r));
  each('allcaps|l', (v, r) => (lower(v).allcapsL = r));
  for (const [v, inner] of st.llPrev) lower(v).llPrev = inner;
  for (const [v, inner] of st.llNext) lower(v).llNext = inner;
  for (const [v, inner] of st.ls) lower(v).ls = inner;
  each('ss', (v, r) => (shape(v).ss = r));
  each('ss-1', (v, r) => (shape(v).ss_1 = r));
  each('ss+1', (v, r) => (shape(v).ss1 = r));
  each('first|ss', (v, r) => (shape(v).firstSs = r));
  each('allcaps|ss', (v, r) => (shape(v).allcapsSs = r));
  each('hyphen|ss', (v, r) => (shape(v).hyphenSs = r));
  for (const [v, inner] of st.sl) shape(v).sl = inner;
  for (const [v, mid] of st.sss) shape(v).sss = mid;
  for (let k = 1; k <= 4; k++) {
    const slot = (v: string): [number, number] => {
      let x = st.affix.get(v);
      if (x === undefined) st.affix.set(v, (x = [-1, -1]));
      return x;
    };
    // An affix of n code units only ever comes from p{n}/s{n}.
    each(PREFIX[k]!, (v, r) => {
      if (v.length === k) slot(v)[0] = r;
    });
    each(SUFFIX[k]!, (v, r) => {
      if (v.length === k) slot(v)[1] = r;
    });
  }
  return st;
}

export function compileLexicons(res: FeatureResources): CompiledLexicons {
  const keys: string[] = [];
  const keyIndex = new Map<string, number>();
  const lexicons = Object.entries(res.lexicons).map(([name, lex]) => {
    const nodes = new Map<string, LexNode>();
    const node = (p: string): LexNode => {
      let n = nodes.get(p);
      if (n === undefined) nodes.set(p, (n = { keys: null, extends: false }));
      return n;
    };
    for (const [phrase, types] of lex.phrases) {
      node(phrase).keys = types.map((t) => {
        const k = `${name}:${t}`;
        let i = keyIndex.get(k);
        if (i === undefined) {
          i = keys.length;
          keyIndex.set(k, i);
          keys.push(k);
        }
        return i;
      });
      for (let p = phrase.indexOf(' '); p >= 0; p = phrase.indexOf(' ', p + 1)) node(phrase.slice(0, p)).extends = true;
    }
    return { maxLen: lex.maxLen, nodes };
  });
  return { keys, lexicons };
}

/**
 * A module-local copy: under tsx an imported binding is read through a getter
 * call, which in the innermost loop cost more than the arithmetic.
 */
const T: number = NUM_TAGS;

const PREFIX = ['', 'p1', 'p2', 'p3', 'p4'];
const SUFFIX = ['', 's1', 's2', 's3', 's4'];

/** Adds weight row `r` (none when negative or undefined) to the scores of the token at offset `o`. */
function addRow(em: Float32Array, o: number, W: WeightTable, r: number | undefined): void {
  if (r === undefined || r < 0) return;
  const tags = W.tags;
  const values = W.values;
  const end = W.rowStart[r + 1]!;
  for (let k = W.rowStart[r]!; k < end; k++) em[o + tags[k]!]! += values[k]!;
}

/**
 * Distinct words kept at most: a bound on memory in long runs (about 630 bytes
 * a word on dragnet pages, so under 20 MB per thread); refilling costs a few
 * microseconds a word. (Also the bound on interned shapes.)
 */
const WORD_CACHE_LIMIT = 30_000;
/**
 * The word cache is two generations of half the limit each: when the newer
 * one is full it becomes the older one (the previous older one is dropped), and
 * a word found only in the older one moves into the newer. Frequent words
 * survive a turnover instead of all being rebuilt after a clear (replaying the
 * NER tokens of the first 1,250 dragnet articles through both rules: 62,306
 * words built instead of 71,616 with one map cleared at 30,000; 48,079 distinct).
 */
const WORD_GENERATION = WORD_CACHE_LIMIT / 2;

/**
 * Computes emission scores for the sentences of one document. Holds a cache
 * of per-word values for one model (pure: the values depend on the word and
 * the model only).
 */
export class FeatureScorer {
  private words = new Map<string, WordInfo>();
  private olderWords = new Map<string, WordInfo>();
  private readonly shapes = new Map<string, string>();
  /**
   * Affix → [prefix row, suffix row] of each stage in turn (-1: none), as `stages[s].affix` holds them
   * (an affix a stage lacks adds nothing either way).
   */
  private readonly affixRows = new Map<string, Int32Array>();
  /** Scores buffer of `emissions(…, reuse)`. */
  private buffer = new Float32Array(256 * T);
  private readonly bos: WordInfo;
  private readonly eos: WordInfo;

  constructor(
    private readonly stages: readonly CompiledStage[],
    private readonly lex: CompiledLexicons,
    private readonly res: FeatureResources,
  ) {
    // Every stage's affix rows in one map: a new word's affixes are looked up once for all stages.
    for (let s = 0; s < stages.length; s++) {
      for (const [affix, [prefixRow, suffixRow]] of stages[s]!.affix) {
        let v = this.affixRows.get(affix);
        if (v === undefined) this.affixRows.set(affix, (v = new Int32Array(2 * stages.length).fill(-1)));
        v[2 * s] = prefixRow;
        v[2 * s + 1] = suffixRow;
      }
    }
    this.bos = this.sentinel('<s>');
    this.eos = this.sentinel('</s>');
  }

  private sentinel(pad: string): WordInfo {
    const info = this.make(pad);
    info.l = pad;
    info.ss = pad;
    return info;
  }

  private make(w: string): WordInfo {
    const l = w.toLowerCase();
    const c = w[0];
    const cap = c !== undefined && /\p{Lu}/u.test(c);
    const sh = this.intern(wordShape(w));
    return {
      w,
      l: l === w ? w : l,
      sh,
      ss: this.intern(shortShape(w, sh)),
      cap,
      lowerStart: /^\p{Ll}/u.test(w),
      hasLetter: /\p{L}/u.test(w),
      upper: w === w.toUpperCase(),
      lexStart: /^[\p{Lu}\p{N}]/u.test(w),
      commonLowerCap: cap && this.res.commonLower.has(l),
      endsDot: w.length > 1 && w.endsWith('.'),
      hyphen: w.includes('-'),
      capForm: undefined,
      rows: [],
      lexFirst: undefined,
    };
  }

  /** Shapes repeat across thousands of words: one string each. */
  private intern(x: string): string {
    const y = this.shapes.get(x);
    if (y !== undefined) return y;
    if (this.shapes.size < WORD_CACHE_LIMIT) this.shapes.set(x, x);
    return x;
  }

  word(w: string): WordInfo {
    let info = this.words.get(w);
    if (info === undefined) {
      info = this.olderWords.get(w) ?? this.make(w);
      if (this.words.size >= WORD_GENERATION) {
        this.olderWords = this.words;
        this.words = new Map();
      }
      this.words.set(w, info);
    }
    return info;
  }

  /** Small enough to inline into the per-token loop; the first sight of a word goes to `buildRows`. */
  private rows(info: WordInfo, s: number): StageRows {
    return info.rows[s] ?? this.buildRows(info)[s]!;
  }

  /** Every stage's rows of a word at once: the word's affixes are cut once for all stages. */
  private buildRows(info: WordInfo): (StageRows | undefined)[] {
    const { w, l, sh, ss } = info;
    const n = Math.min(4, l.length);
    const prefixes: (Int32Array | undefined)[] = [];
    const suffixes: (Int32Array | undefined)[] = [];
    for (let k = 1; k <= n; k++) {
      prefixes.push(this.affixRows.get(l.slice(0, k)));
      suffixes.push(this.affixRows.get(l.slice(-k)));
    }
    for (let s = 0; s < this.stages.length; s++) {
      const st = this.stages[s]!;
      const W = st.table;
      const lo = st.byLower.get(l) ?? NO_LOWER;
      const shp = st.byShape.get(ss) ?? NO_SHAPE;
      // The bias row, then the word's own rows one by one in sentenceFeatures order (absent rows add nothing).
      const ownScores = new Float32Array(T);
      addRow(ownScores, 0, W, st.bias);
      addRow(ownScores, 0, W, st.wordRows.get(w));
      addRow(ownScores, 0, W, lo.l);
      addRow(ownScores, 0, W, st.shapeRows.get(sh));
      addRow(ownScores, 0, W, shp.ss);
      for (let k = 0; k < n; k++) {
        addRow(ownScores, 0, W, prefixes[k]?.[2 * s]);
        addRow(ownScores, 0, W, suffixes[k]?.[2 * s + 1]);
      }
      info.rows[s] = { ownScores, lo, sh: shp, histSs: undefined };
    }
    return info.rows;
  }

  private histSs(info: WordInfo, r: StageRows, s: number, h: number): number {
    if (r.histSs === undefined) {
      const rowOf = this.stages[s]!.table.rowOf;
      r.histSs = Int32Array.from(HISTORY_LABELS, (lab) => rowOf.get('hist|ss=' + lab + '|' + info.ss) ?? -1);
    }
    return r.histSs[h]!;
  }

  /** Per-document state shared by both stages. */
  document(sentences: readonly (readonly string[])[]): ScoredDocument {
    const infos = sentences.map((s) => s.map((w) => this.word(w)));
    const allCaps = infos.map((ws) => {
      let letters = 0;
      let upperWords = 0;
      for (const x of ws) {
        if (!x.hasLetter) continue;
        letters++;
        if (x.upper) upperWords++;
      }
      return letters >= 2 && upperWords === letters;
    });
    const capitalisedMidSentence = new Set<string>();
    const seenLowercase = new Set<string>();
    infos.forEach((ws, si) => {
      ws.forEach((x, i) => {
        if (x.lowerStart) seenLowercase.add(x.w);
        else if (i > 0 && !allCaps[si] && x.cap) capitalisedMidSentence.add(x.w);
      });
    });
    return { sentences, infos, allCaps, capitalisedMidSentence, seenLowercase };
  }

  /**
   * Everything `emissions(doc, si, 0)` reads about the document beyond sentence `si`'s own tokens: the two
   * document tests ('doc-cap-mid', 'doc-seen-lower') of each token they are asked for, one character per such
   * token ('a' + 1 for cap-mid + 2 for seen-lower), in token order. With the sentence's tokens, this fixes the
   * stage-1 scores, so (tokens, facts) is an exact memo key for them. Must ask exactly what `emissions` asks:
   * test/ner/chunk-memo.test.ts checks documents where only these facts differ.
   */
  documentFacts(doc: ScoredDocument, si: number): string {
    const ws = doc.infos[si]!;
    const allCaps = doc.allCaps[si]!;
    const capMid = doc.capitalisedMidSentence;
    let out = '';
    for (let i = 0; i < ws.length; i++) {
      const cur = ws[i]!;
      if (!cur.cap || (i !== 0 && !allCaps)) continue;
      const mid = capMid.has(cur.w) || (allCaps && capMid.has((cur.capForm ??= cur.w[0]! + cur.l.slice(1))));
      out += String.fromCharCode(97 + (mid ? 1 : 0) + (doc.seenLowercase.has(cur.l) ? 2 : 0));
    }
    return out;
  }

  /**
   * What `emissions(doc, si, 1, history)` reads from the label history: each token's label, one character per
   * token (its index in HISTORY_LABELS, '-' for none). Null when a label is not one the features know (the
   * emissions then throw).
   */
  historyFacts(doc: ScoredDocument, si: number, history: ReadonlyMap<string, string>): string | null {
    const tokens = doc.sentences[si]!;
    let out = '';
    for (let i = 0; i < tokens.length; i++) {
      const h = history.get(tokens[i]!);
      if (h === undefined) out += '-';
      else {
        const k = HISTORY_INDEX.get(h);
        if (k === undefined) return null;
        out += String.fromCharCode(48 + k);
      }
    }
    return out;
  }

  /**
   * Emission scores (n × NUM_TAGS) of sentence `si` for stage `s`.
   * `history` (stage 2): the document's majority first-pass label per word.
   * `reuse`: the scores are written into the scorer's own buffer (no new array; read the first
   * n × NUM_TAGS of it before the next call, which overwrites it).
   */
  emissions(doc: ScoredDocument, si: number, s: number, history?: ReadonlyMap<string, string>, reuse = false): Float32Array {
    const st = this.stages[s]!;
    const W = st.table;
    const tokens = doc.sentences[si]!;
    const ws = doc.infos[si]!;
    const allCaps = doc.allCaps[si]!;
    const n = ws.length;
    let em: Float32Array;
    if (reuse) {
      // The scorer's own buffer, zeroed as a new array would be (its first n × NUM_TAGS scores are the answer).
      if (this.buffer.length < n * T) this.buffer = new Float32Array(Math.max(n * T, this.buffer.length * 2));
      em = this.buffer;
      em.fill(0, 0, n * T);
    } else em = new Float32Array(n * T);
    let hist: Int8Array | null = null;
    if (history !== undefined) {
      hist = new Int8Array(n).fill(-1);
      for (let i = 0; i < n; i++) {
        const h = history.get(tokens[i]!);
        if (h !== undefined) hist[i] = HISTORY_INDEX.get(h) ?? -2;
      }
      if (hist.includes(-2)) throw new Error('label history holds a label the NER features do not know');
    }
    const bos = this.rows(this.bos, s);
    const eos = this.rows(this.eos, s);
    const rs = new Array<StageRows>(n);
    for (let i = 0; i < n; i++) rs[i] = this.rows(ws[i]!, s);
    const capMid = doc.capitalisedMidSentence;
    for (let i = 0; i < n; i++) {
      const o = i * T;
      const cur = ws[i]!;
      const next = i + 1 < n ? ws[i + 1]! : this.eos;
      const rc = rs[i]!;
      const rp = i > 0 ? rs[i - 1]! : bos;
      const rn = i + 1 < n ? rs[i + 1]! : eos;
      const rp2 = i > 1 ? rs[i - 2]! : bos;
      const rn2 = i + 2 < n ? rs[i + 2]! : eos;
      // The row is still all zeros here: bias + own rows as one precomputed vector (exact, see StageRows),
      // copied score by score (float32 to float32: exact; cheaper than `set` for one row).
      const own = rc.ownScores;
      for (let t = 0; t < T; t++) em[o + t] = own[t]!;
      addRow(em, o, W, rp.lo.l_1);
      addRow(em, o, W, rn.lo.l1);
      addRow(em, o, W, rp2.lo.l_2);
      addRow(em, o, W, rn2.lo.l2);
      addRow(em, o, W, rp.sh.ss_1);
      addRow(em, o, W, rn.sh.ss1);
      const sss = rp.sh.sss;
      if (sss !== undefined) {
        const mid = sss.get(cur.ss);
        if (mid !== undefined) addRow(em, o, W, mid.get(next.ss));
      }
      if (rp.lo.llPrev !== undefined) addRow(em, o, W, rp.lo.llPrev.get(cur.l));
      if (rc.lo.llNext !== undefined) addRow(em, o, W, rc.lo.llNext.get(next.l));
      if (rp.lo.ls !== undefined) addRow(em, o, W, rp.lo.ls.get(cur.ss));
      if (rc.sh.sl !== undefined) addRow(em, o, W, rc.sh.sl.get(next.l));
      if (i === 0) addRow(em, o, W, rc.sh.firstSs);
      if (allCaps) {
        addRow(em, o, W, rc.sh.allcapsSs);
        addRow(em, o, W, rc.lo.allcapsL);
      }
      if (cur.cap) {
        if (cur.commonLowerCap) addRow(em, o, W, st.capsCommonLower);
        if (i === 0 || allCaps) {
          if (capMid.has(cur.w) || (allCaps && capMid.has((cur.capForm ??= cur.w[0]! + cur.l.slice(1))))) addRow(em, o, W, st.docCapMid);
          if (doc.seenLowercase.has(cur.l)) addRow(em, o, W, st.docSeenLower);
        }
      }
      if (cur.endsDot) addRow(em, o, W, st.endsDot);
      if (hist !== null) {
        const h = hist[i]!;
        if (h >= 0) {
          addRow(em, o, W, st.hist[h]);
          addRow(em, o, W, this.histSs(cur, rc, s, h));
          addRow(em, o, W, st.histFirst[h * 2 + (i === 0 ? 1 : 0)]);
        }
        const hp = i > 0 ? hist[i - 1]! : -1;
        const hn = i + 1 < n ? hist[i + 1]! : -1;
        if (hp >= 0) addRow(em, o, W, st.histPrev[hp]);
        if (hn >= 0) addRow(em, o, W, st.histNext[hn]);
      }
      if (cur.hyphen) addRow(em, o, W, rc.sh.hyphenSs);
    }
    // Gazetteer matches, then the type-level evidence of each token and its neighbours.
    let typeLevel: (number[] | undefined)[] | null = null;
    const lexicons = this.lex.lexicons;
    for (let li = 0; li < lexicons.length; li++) {
      const lex = lexicons[li]!;
      for (let i = 0; i < n; i++) {
        const info = ws[i]!;
        if (!info.lexStart) continue;
        let phrase = '';
        for (let len = 1; len <= lex.maxLen && i + len <= n; len++) {
          let node: LexNode | undefined;
          if (len === 1) {
            // The word alone: its entry in each lexicon depends on the word only (remembered with it).
            phrase = tokens[i]!;
            node = (info.lexFirst ??= lexicons.map((x) => x.nodes.get(info.w)))[li];
          } else {
            phrase = phrase + ' ' + tokens[i + len - 1]!;
            node = lex.nodes.get(phrase);
          }
          if (node === undefined) break;
          if (node.keys !== null) {
            typeLevel ??= new Array<number[] | undefined>(n);
            for (const key of node.keys) {
              for (let k = i; k < i + len; k++) {
                const pos = len === 1 ? 0 : k === i ? 1 : k === i + len - 1 ? 3 : 2;
                addRow(em, k * T, W, st.lexPos[key * 4 + pos]);
                (typeLevel[k] ??= []).push(key);
              }
            }
          }
          if (!node.extends) break;
        }
      }
    }
    if (typeLevel !== null) {
      const tl = typeLevel;
      // Each lexicon key of token i once, in first-seen order: its row from `rows` into token o's scores.
      const addDistinct = (i: number, o: number, rows: Int32Array): void => {
        const a = i >= 0 && i < n ? tl[i] : undefined;
        if (a === undefined) return;
        for (let j = 0; j < a.length; j++) if (a.indexOf(a[j]!) === j) addRow(em, o, W, rows[a[j]!]);
      };
      for (let i = 0; i < n; i++) {
        addDistinct(i, i * T, st.lexType);
        addDistinct(i - 1, i * T, st.lexPrev);
        addDistinct(i + 1, i * T, st.lexNext);
      }
    }
    return em;
  }
}

export interface ScoredDocument {
  sentences: readonly (readonly string[])[];
  infos: WordInfo[][];
  allCaps: boolean[];
  capitalisedMidSentence: Set<string>;
  seenLowercase: Set<string>;
}
