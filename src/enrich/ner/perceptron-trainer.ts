/**
 * Averaged structured perceptron (Collins 2002) for the linear-chain NER
 * model. Features are extracted once and cached as integer ids, so an epoch
 * is only Viterbi plus sparse updates.
 */
import { FEATURE_VERSION, buildDocumentContext, sentenceFeatures, type FeatureResources } from './ner-features.js';
import type { NerModelFile } from './ner-tagger.js';
import { NUM_TAGS, TAGS, spansFromTags, tagsFromSpans, viterbi, type TagSpan } from './perceptron-model.js';
import { mulberry32 as rng } from '../../util/seeded-random.js';

export interface TrainingSentence {
  tokens: string[];
  spans: TagSpan[];
}

export interface EncodedSentence {
  /** index of the document the sentence belongs to */
  doc: number;
  n: number;
  /** feature ids of token i are ids[offsets[i] .. offsets[i+1]) */
  offsets: Int32Array;
  ids: Int32Array;
  gold: number[];
}

export interface TrainOptions {
  epochs: number;
  seed: number;
  /** Drop weights whose magnitude is below this after averaging (keeps the file small). */
  pruneBelow: number;
  log?: (line: string) => void;
  /** Called after each epoch with the averaged model, e.g. to score a dev set. */
  onEpoch?: (epoch: number, file: NerModelFile) => void;
}


export class FeatureIndex {
  readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  id(name: string): number {
    let i = this.ids.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.ids.set(name, i);
      this.names.push(name);
    }
    return i;
  }
}

/**
 * Encodes documents; `resourcesFor(docIndex)` lets the caller give each
 * document its own gazetteer (jackknifing the training-data name lists).
 */
export function encodeDocuments(
  docs: readonly (readonly TrainingSentence[])[],
  resourcesFor: (docIndex: number) => FeatureResources,
  index: FeatureIndex,
  historyFor?: (docIndex: number) => Map<string, string>,
): EncodedSentence[] {
  const out: EncodedSentence[] = [];
  docs.forEach((doc, d) => {
    const res = resourcesFor(d);
    const base = buildDocumentContext(doc.map((s) => s.tokens));
    const ctx = historyFor ? { ...base, labelHistory: historyFor(d) } : base;
    for (const s of doc) {
      const feats = sentenceFeatures(s.tokens, ctx, res);
      const offsets = new Int32Array(s.tokens.length + 1);
      const ids: number[] = [];
      feats.forEach((f, i) => {
        offsets[i] = ids.length;
        for (const name of f) ids.push(index.id(name));
      });
      offsets[s.tokens.length] = ids.length;
      out.push({ doc: d, n: s.tokens.length, offsets, ids: Int32Array.from(ids), gold: tagsFromSpans(s.tokens.length, s.spans) });
    }
  });
  return out;
}

export interface TrainedWeights {
  /** averaged weights, numFeatures × NUM_TAGS */
  emission: Float32Array;
  transitions: Float32Array;
}

export function trainPerceptron(
  data: readonly EncodedSentence[],
  numFeatures: number,
  opts: TrainOptions,
  toFile?: (w: TrainedWeights) => NerModelFile,
): TrainedWeights {
  const T = NUM_TAGS;
  const w = new Float32Array(numFeatures * T);
  const u = new Float32Array(numFeatures * T);
  const tw = new Float32Array(T * T);
  const tu = new Float32Array(T * T);
  let c = 1;
  const order = data.map((_, i) => i);
  const random = rng(opts.seed);
  const averaged = (): TrainedWeights => {
    const emission = new Float32Array(w.length);
    for (let k = 0; k < w.length; k++) emission[k] = w[k]! - u[k]! / c;
    const transitions = new Float32Array(tw.length);
    for (let k = 0; k < tw.length; k++) transitions[k] = tw[k]! - tu[k]! / c;
    return { emission, transitions };
  };
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let errors = 0;
    let tokens = 0;
    for (const si of order) {
      const s = data[si]!;
      const em = new Float32Array(s.n * T);
      for (let i = 0; i < s.n; i++) {
        for (let k = s.offsets[i]!; k < s.offsets[i + 1]!; k++) {
          const base = s.ids[k]! * T;
          for (let t = 0; t < T; t++) em[i * T + t]! += w[base + t]!;
        }
      }
      const pred = viterbi(em, s.n, tw);
      tokens += s.n;
      for (let i = 0; i < s.n; i++) {
        const g = s.gold[i]!;
        const p = pred[i]!;
        if (g !== p) {
          errors++;
          for (let k = s.offsets[i]!; k < s.offsets[i + 1]!; k++) {
            const base = s.ids[k]! * T;
            w[base + g]! += 1;
            u[base + g]! += c;
            w[base + p]! -= 1;
            u[base + p]! -= c;
          }
        }
        if (i > 0) {
          const gk = s.gold[i - 1]! * T + g;
          const pk = pred[i - 1]! * T + p;
          if (gk !== pk) {
            tw[gk]! += 1;
            tu[gk]! += c;
            tw[pk]! -= 1;
            tu[pk]! -= c;
          }
        }
      }
      c++;
    }
    opts.log?.(`epoch ${epoch}: token errors ${errors}/${tokens} (${((100 * errors) / tokens).toFixed(2)}%)`);
    if (opts.onEpoch && toFile) opts.onEpoch(epoch, toFile(averaged()));
  }
  return averaged();
}

/** Decodes encoded sentences with trained weights (used for jackknifed first-pass labels). */
export function predictEncoded(data: readonly EncodedSentence[], w: TrainedWeights): TagSpan[][] {
  const T = NUM_TAGS;
  return data.map((s) => {
    const em = new Float32Array(s.n * T);
    for (let i = 0; i < s.n; i++)
      for (let k = s.offsets[i]!; k < s.offsets[i + 1]!; k++) {
        const base = s.ids[k]! * T;
        if (base >= w.emission.length) continue;
        for (let t = 0; t < T; t++) em[i * T + t]! += w.emission[base + t]!;
      }
    return spansFromTags(viterbi(em, s.n, w.transitions));
  });
}

export const WEIGHT_SCALE = 0.001;

/** Sparse, quantised rows: feature → [tag, weight/scale, …], dropping |weight| < pruneBelow. */
export function sparseWeights(trained: TrainedWeights, names: readonly string[], pruneBelow: number): Record<string, number[]> {
  const T = NUM_TAGS;
  const weights: Record<string, number[]> = {};
  for (let f = 0; f < names.length; f++) {
    const pairs: number[] = [];
    for (let t = 0; t < T; t++) {
      const v = trained.emission[f * T + t]!;
      if (Math.abs(v) >= pruneBelow) pairs.push(t, Math.round(v / WEIGHT_SCALE));
    }
    if (pairs.length > 0) weights[names[f]!] = pairs;
  }
  return weights;
}

/** Serialises averaged weights, dropping small ones and quantising the rest. */
export function weightsToFile(
  trained: TrainedWeights,
  names: readonly string[],
  resources: { lexicons: NerModelFile['lexicons']; commonLower: string[]; ordinaryWords?: string[] },
  pruneBelow: number,
  meta: Record<string, string | number>,
): NerModelFile {
  const scale = WEIGHT_SCALE;
  const weights = sparseWeights(trained, names, pruneBelow);
  return {
    format: 'storyline-ner-perceptron',
    featureVersion: FEATURE_VERSION,
    tags: [...TAGS],
    scale,
    transitions: Array.from(trained.transitions, (v) => Math.round(v / scale)),
    weights,
    lexicons: resources.lexicons,
    commonLower: resources.commonLower,
    ...(resources.ordinaryWords ? { ordinaryWords: resources.ordinaryWords } : {}),
    meta,
  };
}
