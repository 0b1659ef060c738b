/**
 * The systems the quote benchmark compares: Storyline's extractor (with its
 * own name fallback, or with the NER stage's entities) and the peer,
 * compromise's `quotations()` with nearest-name attribution.
 */
import nlp from 'compromise';
import { extractQuotes } from '../../src/enrich/quotes/quote-extractor.js';
import { splitSentences } from '../../src/enrich/sentences/sentence-splitter.js';
import { recognizeEntities } from '../../src/enrich/entities/entity-recognizer.js';
import { defaultCandidateModel } from '../../src/enrich/quotes/candidate-model.js';
import type { Quote } from '../../src/model/types.js';
import type { GoldDoc, Prediction } from './polnear-scoring.js';

export function toPrediction(q: Quote): Prediction {
  return {
    content: q.parts ?? [{ start: q.start, end: q.end }],
    direct: q.kind === 'direct',
    cue: q.cue.end > q.cue.start ? { start: q.cue.start, end: q.cue.end } : null,
    speaker: q.speaker ? { span: q.speaker.end > q.speaker.start ? { start: q.speaker.start, end: q.speaker.end } : null, name: q.speaker.name } : null,
  };
}

export function storylineFallback(d: GoldDoc): Prediction[] {
  return extractQuotes(d.text, splitSentences(d.text), [], [], { outlet: null }).map(toPrediction);
}

export function storylineWithNer(d: GoldDoc, scope: 'all' | 'speech' = 'all'): Prediction[] {
  const sentences = splitSentences(d.text);
  const { mentions, entities } = recognizeEntities(d.text, sentences);
  return extractQuotes(d.text, sentences, mentions, entities, { outlet: null, scope }).map(toPrediction);
}

/** The experimental candidate classifier (models/quote-candidate-model.json) in place of the rule filter; null when the file is missing. */
export function storylineClassifier(): ((d: GoldDoc) => Prediction[]) | null {
  const model = defaultCandidateModel();
  if (!model) return null;
  return (d) => {
    const sentences = splitSentences(d.text);
    const { mentions, entities } = recognizeEntities(d.text, sentences);
    return extractQuotes(d.text, sentences, mentions, entities, { outlet: null, candidateModel: model }).map(toPrediction);
  };
}

/** What the product runs (src/pipeline/analyze.ts): speech and belief cues only, no generic attribution rule. */
export function storylineSpeech(d: GoldDoc): Prediction[] {
  return storylineWithNer(d, 'speech');
}

interface Offset {
  start: number;
  length: number;
}

/** compromise's quotations, each attributed to the nearest person name by character distance. */
export function compromisePeer(d: GoldDoc): Prediction[] {
  const doc = nlp(d.text);
  const quotes = doc.quotations().json({ offset: true }) as { offset: Offset }[];
  const people = (doc.people().json({ offset: true }) as { text: string; offset: Offset }[]).map((p) => ({
    start: p.offset.start,
    end: p.offset.start + p.offset.length,
    name: p.text,
  }));
  return quotes.map((q) => {
    const start = q.offset.start;
    const end = start + q.offset.length;
    let best: (typeof people)[number] | null = null;
    let bestDist = Infinity;
    for (const p of people) {
      const dist = p.end <= start ? start - p.end : p.start >= end ? p.start - end : 0;
      if (dist < bestDist) {
        best = p;
        bestDist = dist;
      }
    }
    return {
      content: [{ start, end }],
      direct: true,
      cue: null,
      speaker: best ? { span: { start: best.start, end: best.end }, name: best.name } : null,
    };
  });
}
