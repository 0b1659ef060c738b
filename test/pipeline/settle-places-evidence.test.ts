/**
 * The settle step's places re-read (settleOutletPlaces) from what the ingest remembered of each article (its single
 * reading and the analysis thread's place evidence, OutletPlaceHistory.remembered) gives the same updates as reading
 * every stored article again; an article that no longer reads as it did when observed is read again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeForIngest } from '../../src/pipeline/analyze-for-ingest.js';
import { OutletPlaceHistory, placeSourceDigest, settleOutletPlaces, withOutletPrior } from '../../src/pipeline/outlet-places.js';
import { defaultGazetteer } from '../../src/enrich/places/gazetteer.js';
import { outletProfile } from '../../src/enrich/places/outlet-profile.js';
import type { PlaceEvidence } from '../../src/enrich/places/place-resolver.js';
import type { Article, RawDocument } from '../../src/model/types.js';
import { SHARED_NAME_TEXTS } from '../places/local-news-texts.js';

const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../demo/corpus');
const OUTLET = 'Test Ledger';

/** Local-news texts with names several states share, so the outlet's profile changes readings. */
const LOCAL = [
  ...SHARED_NAME_TEXTS,
  'Officials in Athens and Rome said the storm reached Macon and Columbus; Albany and Augusta schools closed, and Dublin roads flooded.',
];

function raws(): RawDocument[] {
  const out: RawDocument[] = LOCAL.map((content, i) => ({ source: `local-${i}`, kind: 'text', contentType: 'text/plain', content, verbatim: true, outlet: OUTLET }));
  for (const f of readdirSync(corpus).sort()) {
    if (!f.endsWith('.txt') && !f.endsWith('.html')) continue;
    const html = f.endsWith('.html');
    out.push({ source: f, kind: html ? 'html' : 'text', contentType: html ? 'text/html' : 'text/plain', content: readFileSync(path.join(corpus, f), 'utf8'), outlet: OUTLET });
  }
  return out;
}

function analyse(raw: RawDocument): { article: Article; evidence: PlaceEvidence } | null {
  const r = analyzeForIngest(raw);
  if (!r.ok || r.places === undefined) return null;
  // As the ingest run gets it from an analysis thread: a structured clone.
  return { article: { ...r.value, outlet: OUTLET }, evidence: structuredClone(r.places) };
}

const analysed = raws().flatMap((raw) => analyse(raw) ?? []);

/** Ingests the articles as IngestService.ingestArticle does: apply, store, observe (with the article and its evidence). */
function ingest(history: OutletPlaceHistory): Article[] {
  const stored: Article[] = [];
  for (const { article, evidence } of analysed) {
    const placed = history.apply(article, evidence);
    stored.push(placed.article);
    history.observe(placed.article.outlet, placed.observed, placed.article.id, placed.article, evidence);
  }
  return stored;
}

describe('settleOutletPlaces from remembered place evidence', () => {
  it('gives the same updates as reading every article again', () => {
    const history = new OutletPlaceHistory();
    const stored = ingest(history);
    expect(stored.length).toBeGreaterThan(10);
    expect(history.evidenceCount()).toBe(stored.length);
    const remembered = stored.map((a) => history.remembered(a));
    expect(remembered.every((r) => r?.evidence !== undefined)).toBe(true);
    const without = settleOutletPlaces(stored);
    expect(without.length).toBeGreaterThan(0);
    expect(settleOutletPlaces(stored, undefined, (a) => history.remembered(a))).toEqual(without);
    // Settling again what the first settle wrote: the stored places changed, the text and mentions did not.
    const settled = stored.map((a) => without.find((u) => u.id === a.id) ?? a);
    expect(settled.every((a) => history.remembered(a)?.evidence !== undefined)).toBe(true);
    expect(settleOutletPlaces(settled, undefined, (a) => history.remembered(a))).toEqual(settleOutletPlaces(settled));
  });

  it('does not use what it remembered of an article that changed since (same id, same length)', () => {
    const history = new OutletPlaceHistory();
    const stored = ingest(history);
    const at = stored.findIndex((a) => a.text.includes('Farmers near Valdosta'));
    expect(at).toBeGreaterThanOrEqual(0);
    const old = stored[at]!;
    const again = analyse({ source: 'local-3b', kind: 'text', contentType: 'text/plain', content: LOCAL[3]!.replace('Valdosta', 'Portland'), verbatim: true, outlet: OUTLET })!;
    const changed: Article = { ...again.article, id: old.id };
    expect(changed.text.length).toBe(old.text.length);
    // The stale evidence would fit the new text's length and misread it: what the check is for.
    const prior = outletProfile(stored.filter((a) => a.id !== old.id).map((a) => a.places));
    const p = { regionPrior: prior.regionPrior, regionPriorSoleName: prior.soleName, homePoints: prior.homePoints };
    const stale = history.remembered(old)!.evidence!;
    expect(withOutletPrior(changed, p, undefined, stale).places).not.toEqual(withOutletPrior(changed, p).places);
    expect(history.remembered(changed)).toBeUndefined();
    // Only the mentions changed (a re-analysis): not served either.
    const remention = { ...old, entities: old.entities.map((m, i) => (i === 0 ? { ...m, name: `${m.name} (2)` } : m)) };
    expect(history.remembered(remention)).toBeUndefined();
    const now = stored.map((a, i) => (i === at ? changed : a));
    expect(settleOutletPlaces(now, undefined, (a) => history.remembered(a))).toEqual(settleOutletPlaces(now));
    // Were the stale evidence handed over, settleOutletPlaces would score the article from it (so it is used at all).
    const forced = (a: Article) => (a.id === old.id ? { reading: history.remembered(old)!.reading, evidence: stale } : history.remembered(a));
    expect(settleOutletPlaces(now, undefined, forced)).not.toEqual(settleOutletPlaces(now));
  });

  it('keeps evidence for at most evidencePerOutlet articles per outlet, none with its own gazetteer', () => {
    const bounded = new OutletPlaceHistory({ evidencePerOutlet: 4 });
    const stored = ingest(bounded);
    expect(bounded.evidenceCount()).toBe(4);
    const kept = stored.filter((a) => bounded.remembered(a)?.evidence !== undefined).map((a) => a.id);
    expect(kept).toEqual(stored.slice(-4).map((a) => a.id));
    // The others keep their reading.
    expect(stored.every((a) => bounded.remembered(a) !== undefined)).toBe(true);
    expect(settleOutletPlaces(stored, undefined, (a) => bounded.remembered(a))).toEqual(settleOutletPlaces(stored));

    // Bounded with the readings (maxReadings) and the outlets (maxOutlets) too; an article observed again counts once.
    const fewReadings = new OutletPlaceHistory({ maxReadings: 5 });
    ingest(fewReadings);
    expect(fewReadings.evidenceCount()).toBe(5);
    const oneOutlet = new OutletPlaceHistory({ maxOutlets: 1 });
    const [x, y] = [analysed[0]!, analysed[1]!];
    oneOutlet.observe('A', x.article.places, x.article.id, x.article, x.evidence);
    oneOutlet.observe('A', x.article.places, x.article.id, x.article, x.evidence);
    expect(oneOutlet.evidenceCount()).toBe(1);
    oneOutlet.observe('B', y.article.places, y.article.id, y.article, y.evidence);
    expect(oneOutlet.evidenceCount()).toBe(1);
    expect(oneOutlet.remembered(x.article)?.evidence).toBeUndefined();
    expect(oneOutlet.remembered(x.article)?.reading).toBeDefined();
    expect(oneOutlet.remembered(y.article)?.evidence).toBeDefined();
    oneOutlet.observe('C', y.article.places, y.article.id, y.article, y.evidence);
    expect(oneOutlet.evidenceCount()).toBe(1);

    const own = new OutletPlaceHistory({ gazetteer: defaultGazetteer() });
    const ownStored = ingest(own);
    expect(own.evidenceCount()).toBe(0);
    expect(ownStored.every((a) => own.remembered(a) !== undefined && own.remembered(a)!.evidence === undefined)).toBe(true);
  });

  it('digests what place resolution reads, framed', () => {
    const a = analysed[0]!.article;
    expect(placeSourceDigest(a)).toBe(placeSourceDigest(structuredClone(a)));
    expect(placeSourceDigest({ ...a, dateline: null })).not.toBe(placeSourceDigest(a));
    expect(placeSourceDigest({ ...a, text: '\ud800' })).not.toBe(placeSourceDigest({ ...a, text: '\ufffd' }));
    expect(placeSourceDigest({ ...a, entities: [] })).not.toBe(placeSourceDigest(a));
  });
});
