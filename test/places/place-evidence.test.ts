/**
 * The place evidence an analysis thread hands the ingest service (analyzeForIngest → placeEvidence) is what the
 * resolver collects from the article: scoring from it (resolvePlacesFrom), after a structured clone as postMessage
 * makes, reads the article's places exactly as a full resolvePlaces with the same outlet prior does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeForIngest } from '../../src/pipeline/analyze-for-ingest.js';
import { OutletPlaceHistory, withOutletPrior, type OutletPrior } from '../../src/pipeline/outlet-places.js';
import { placeEvidence, resolvePlaces, resolvePlacesFrom, type PlaceContext, type PlaceEvidence } from '../../src/enrich/places/place-resolver.js';
import { outletProfile } from '../../src/enrich/places/outlet-profile.js';
import type { Article, RawDocument } from '../../src/model/types.js';
import { SHARED_NAME_TEXTS } from './local-news-texts.js';

const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../demo/corpus');

/** Local-news texts with names several states share (and a dateline), so outlet priors change readings. */
const LOCAL = [
  ...SHARED_NAME_TEXTS,
  'Portugal lodged a complaint with Spain; farmers of the Ribatejo near Santarém and officials in Lisbon and Madrid disagreed over the Tagus.',
];

function docs(): RawDocument[] {
  const out: RawDocument[] = LOCAL.map((content, i) => ({ source: `local-${i}`, kind: 'text', contentType: 'text/plain', content, verbatim: true, outlet: 'Test Ledger' }));
  for (const f of readdirSync(corpus).sort()) {
    if (!f.endsWith('.txt') && !f.endsWith('.html')) continue;
    const html = f.endsWith('.html');
    out.push({ source: f, kind: html ? 'html' : 'text', contentType: html ? 'text/html' : 'text/plain', content: readFileSync(path.join(corpus, f), 'utf8') });
  }
  return out;
}

const analysed: { article: Article; evidence: PlaceEvidence }[] = docs().flatMap((raw) => {
  const r = analyzeForIngest(raw);
  if (!r.ok) return [];
  expect(r.places).toBeDefined();
  return [{ article: r.value, evidence: r.places! }];
});

const region = (entries: [string, number][]): Map<string, number> => new Map(entries);
/** Priors of made-up outlets (a Georgia, an Ohio, an Illinois, a Portuguese paper), and one learnt from the articles. */
function priors(): [string, OutletPrior | null][] {
  const learnt = outletProfile(analysed.slice(0, 4).map((a) => a.article.places));
  return [
    ['none', null],
    ['georgia', { regionPrior: region([['US', 1], ['US.GA', 0.9]]), regionPriorSoleName: new Map([['decatur', region([['US.GA', 0.3]])]]), homePoints: [{ key: 'macon', lat: 32.84, lon: -83.63, share: 0.6 }] }],
    ['ohio', { regionPrior: region([['US', 0.95], ['US.OH', 0.8]]), regionPriorSoleName: new Map(), homePoints: [{ key: 'columbus', lat: 39.96, lon: -83.0, share: 0.5 }] }],
    ['illinois', { regionPrior: region([['US', 0.7], ['US.IL', 0.6]]), regionPriorSoleName: new Map(), homePoints: [] }],
    ['portugal', { regionPrior: region([['PT', 0.9]]), regionPriorSoleName: new Map(), homePoints: [{ key: 'lisbon', lat: 38.72, lon: -9.14, share: 0.7 }] }],
    ['learnt', { regionPrior: learnt.regionPrior, regionPriorSoleName: learnt.soleName, homePoints: learnt.homePoints }],
  ];
}

const ctxOf = (a: Article, prior: OutletPrior | null): PlaceContext => ({ dateline: a.dateline, ...(prior ?? {}) });

describe('place evidence handed over by the analysis', () => {
  it('is what the resolver collects from the stored article (not a stale collection of another)', () => {
    expect(analysed.length).toBeGreaterThan(20);
    for (const [i, { article, evidence }] of analysed.entries()) {
      // Another article resolved in between: the evidence below is collected afresh, not the remembered one.
      const other = analysed[(i + 1) % analysed.length]!.article;
      resolvePlaces(other.text, other.entities, { dateline: other.dateline });
      expect(placeEvidence(article.text, article.entities, article.dateline)).toEqual(evidence);
      expect(evidence.spans.length).toBeGreaterThan(0);
    }
  });

  it('scores to exactly the places and descriptions a full resolution finds, for several priors', () => {
    let changedByPrior = 0;
    for (const [name, prior] of priors()) {
      for (const { article, evidence } of analysed) {
        const ctx = ctxOf(article, prior);
        const full = resolvePlaces(article.text, article.entities, ctx);
        const cloned = structuredClone(evidence);
        // No fallback: the evidence alone, without the mentions it came from.
        const scored = resolvePlacesFrom(article.text, cloned, [], ctx);
        expect(scored, `${name}: ${article.source}`).toEqual(full);
        if (prior !== null && JSON.stringify(full.places) !== JSON.stringify(article.places)) changedByPrior++;
      }
    }
    // The priors do change readings, so the comparison covers the scoring they act on.
    expect(changedByPrior).toBeGreaterThan(3);
  });

  it('would be caught if incomplete: a candidate left out changes some reading', () => {
    let differs = 0;
    for (const { article, evidence } of analysed) {
      if (evidence.spans.length < 10) continue;
      // Drop the first candidate (its five numbers, its place and qualifier indices, its two names).
      const n = evidence.spans[3]! + evidence.spans[4]!;
      const cut: PlaceEvidence = { ...evidence, spans: evidence.spans.slice(5), places: evidence.places.slice(n), names: evidence.names.slice(2) };
      const ctx = ctxOf(article, null);
      if (JSON.stringify(resolvePlacesFrom(article.text, cut, [], ctx).places) !== JSON.stringify(resolvePlaces(article.text, article.entities, ctx).places)) differs++;
    }
    expect(differs).toBeGreaterThan(5);
  });

  it('that does not fit the text is not used: the places are collected again', () => {
    const [a, b] = [analysed[0]!, analysed[1]!];
    expect(a.article.text.length).not.toBe(b.article.text.length);
    const ctx = ctxOf(b.article, priors()[1]![1]);
    expect(resolvePlacesFrom(b.article.text, a.evidence, b.article.entities, ctx)).toEqual(resolvePlaces(b.article.text, b.article.entities, ctx));
    // Rows out of range or another gazetteer size: the same.
    const bad: PlaceEvidence = { ...b.evidence, places: b.evidence.places.map(() => 1e9) };
    expect(resolvePlacesFrom(b.article.text, bad, b.article.entities, ctx)).toEqual(resolvePlaces(b.article.text, b.article.entities, ctx));
    expect(resolvePlacesFrom(b.article.text, { ...b.evidence, rows: 1 }, b.article.entities, ctx)).toEqual(resolvePlaces(b.article.text, b.article.entities, ctx));
  });

  it('gives the outlet reading the same article as without it (withOutletPrior, OutletPlaceHistory.apply)', () => {
    for (const [, prior] of priors()) {
      if (prior === null) continue;
      for (const { article, evidence } of analysed) expect(withOutletPrior(article, prior, undefined, structuredClone(evidence))).toEqual(withOutletPrior(article, prior));
    }
    const withEvidence = new OutletPlaceHistory();
    const without = new OutletPlaceHistory();
    let reread = 0;
    for (const { article, evidence } of analysed.slice(0, 6)) {
      const x = withEvidence.apply(article, structuredClone(evidence));
      const y = without.apply(article);
      expect(x).toEqual(y);
      if (x.article !== article) reread++;
      withEvidence.observe(article.outlet, x.observed, article.id);
      without.observe(article.outlet, y.observed, article.id);
    }
    expect(reread).toBeGreaterThan(0);
  });
});
