/** Scores place detection and resolution on LGL articles (metric: ../shared/README.md, "Places"). */
import { parseDateline } from '../../src/extract/dateline/dateline-parser.js';
import { recognizeEntities } from '../../src/enrich/entities/entity-recognizer.js';
import { defaultGazetteer, distanceKm, lookupPlaces } from '../../src/enrich/places/gazetteer.js';
import { resolvePlaces } from '../../src/enrich/places/place-resolver.js';
import { splitSentences } from '../../src/enrich/sentences/sentence-splitter.js';
import { outletProfile, type OutletProfile } from '../../src/enrich/places/outlet-profile.js';
import { OutletPlaceHistory, settleOutletPlaces, type OutletPrior } from '../../src/pipeline/outlet-places.js';
import type { Article, Dateline, EntityMention, PlaceMention } from '../../src/model/types.js';
import type { DemonymRelation } from '../../src/enrich/places/place-candidates.js';
import type { LglArticle } from './lgl-data.js';

export interface ScoreOptions {
  /**
   * Give each article its outlet's region profile, learnt from the places found (without a profile)
   * in the outlet's OTHER articles of the set: leave-one-out, no gold data involved.
   */
  outletProfile?: boolean;
  /**
   * As the product ingests: articles in file order, each outlet's prior from its EARLIER articles only,
   * through the ingest service's own OutletPlaceHistory (no prior until three are seen). Overrides outletProfile.
   */
  sequential?: boolean;
  /**
   * As the product ends an ingest run: streamed as in `sequential`, then each outlet's articles settled by
   * the ingest service's own settleOutletPlaces (every article re-read with all the outlet's other articles).
   */
  settled?: boolean;
}

export interface Analysis {
  mentions: EntityMention[];
  places: PlaceMention[];
  demonyms: DemonymRelation[];
  dateline: Dateline | null;
  ms: number;
}

type Prior = { regionPrior: OutletPrior['regionPrior']; soleName: OutletPrior['regionPriorSoleName']; homePoints: OutletPrior['homePoints'] };

function analyse(a: LglArticle, profile?: Prior | OutletProfile, mentions?: EntityMention[]): Analysis {
  const t0 = performance.now();
  mentions ??= recognizeEntities(a.text, splitSentences(a.text)).mentions;
  // LGL texts are "<title>. <body>": the dateline, if any, opens the body.
  const bodyStart = a.text.startsWith(a.title) ? Math.min(a.text.length, a.title.length + 2) : 0;
  const dl = parseDateline(a.text.slice(bodyStart));
  const dateline = dl && dl.position === 'lead' ? { ...dl, start: dl.start + bodyStart, end: dl.end + bodyStart } : null;
  const { places, demonyms } = resolvePlaces(a.text, mentions, profile ? { dateline, regionPrior: profile.regionPrior, regionPriorSoleName: profile.soleName, homePoints: profile.homePoints } : { dateline });
  return { mentions, places, demonyms, dateline, ms: performance.now() - t0 };
}

export interface GeoScore {
  articles: number;
  toponyms: number;
  /** gold toponyms that carry coordinates: the denominator of the accuracy figures */
  withCoordinates: number;
  /** gold toponyms (with coordinates) overlapped by a LOC/MISC entity mention */
  detectedByNer: number;
  /** gold toponyms (with coordinates) overlapped by a resolved place or a demonym relation */
  resolved: number;
  /** of which: LGL marks adjectives ("Russian") as toponyms; our demonym relation gives their country */
  viaDemonym: number;
  within161: number;
  exactId: number;
  /** predicted place mentions, and those overlapping no gold toponym at all (precision of detection) */
  predictedPlaces: number;
  spuriousPlaces: number;
  tokens: number;
  ms: number;
  misses: { phrase: string; predicted: string | null; km: number | null }[];
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

/** NER and place resolution of every article (with the outlet profiles if asked). */
export function analyseLgl(articles: readonly LglArticle[], opts: ScoreOptions = {}): Analysis[] {
  let analyses = articles.map((a) => analyse(a));
  if (opts.settled) {
    const streamed = analyseLgl(articles, { sequential: true });
    const byOutlet = new Map<string, number[]>();
    articles.forEach((a, i) => byOutlet.set(a.domain, [...(byOutlet.get(a.domain) ?? []), i]));
    const out = [...streamed];
    for (const idx of byOutlet.values()) {
      // Just what settleOutletPlaces reads of a stored article.
      const docs = idx.map((i) => ({ id: String(i), text: articles[i]!.text, entities: streamed[i]!.mentions, dateline: streamed[i]!.dateline, places: streamed[i]!.places, entityTable: [] }) as unknown as Article);
      for (const changed of settleOutletPlaces(docs)) {
        const i = Number(changed.id);
        out[i] = { ...out[i]!, places: changed.places };
      }
    }
    return out;
  }
  if (opts.sequential) {
    const history = new OutletPlaceHistory();
    return articles.map((a, i) => {
      const first = analyses[i]!;
      const prior = history.prior(a.domain);
      const second = prior ? analyse(a, { regionPrior: prior.regionPrior, soleName: prior.regionPriorSoleName, homePoints: prior.homePoints }, first.mentions) : first;
      history.observe(a.domain, first.places);
      return prior ? { ...second, ms: first.ms + second.ms } : first;
    });
  }
  if (opts.outletProfile) {
    const byOutlet = new Map<string, number[]>();
    articles.forEach((a, i) => byOutlet.set(a.domain, [...(byOutlet.get(a.domain) ?? []), i]));
    analyses = articles.map((a, i) => {
      const others = (byOutlet.get(a.domain) ?? []).filter((j) => j !== i).map((j) => analyses[j]!.places);
      const first = analyses[i]!;
      const second = analyse(a, outletProfile(others), first.mentions);
      return { ...second, ms: first.ms + second.ms };
    });
  }
  return analyses;
}

export function scoreLgl(articles: readonly LglArticle[], opts: ScoreOptions = {}): GeoScore {
  const s: GeoScore = { articles: articles.length, toponyms: 0, withCoordinates: 0, detectedByNer: 0, resolved: 0, viaDemonym: 0, within161: 0, exactId: 0, predictedPlaces: 0, spuriousPlaces: 0, tokens: 0, ms: 0, misses: [] };
  const analyses = analyseLgl(articles, opts);
  articles.forEach((a, i) => {
    const { mentions, places, demonyms, ms } = analyses[i]!;
    s.ms += ms;
    s.tokens += a.text.split(/\s+/).length;
    s.predictedPlaces += places.length;
    s.spuriousPlaces += places.filter((p) => !a.toponyms.some((t) => overlaps(p, t))).length;
    for (const t of a.toponyms) {
      s.toponyms++;
      if (!t.gold) continue;
      s.withCoordinates++;
      if (mentions.some((m) => (m.type === 'LOC' || m.type === 'MISC') && overlaps(m, t))) s.detectedByNer++;
      const hits = places.filter((p) => overlaps(p, t));
      let p: { lat: number; lon: number; name: string; country: string | null; geonameId: number | null } | undefined =
        hits.find((h) => h.start === t.start && h.end === t.end) ?? hits[0];
      const dem = p ? undefined : demonyms.find((d) => overlaps(d, t));
      if (dem) {
        const c = lookupPlaces(defaultGazetteer(), dem.country).find((x) => x.kind === 'country');
        if (c) {
          p = { lat: c.lat, lon: c.lon, name: c.name, country: dem.country, geonameId: null };
          s.viaDemonym++;
        }
      }
      if (!p) {
        s.misses.push({ phrase: t.phrase, predicted: null, km: null });
        continue;
      }
      s.resolved++;
      const km = distanceKm(p, t.gold);
      if (km <= 161) s.within161++;
      else s.misses.push({ phrase: t.phrase, predicted: `${p.name}, ${p.country ?? ''}`, km: Math.round(km) });
      if (p.geonameId !== null && p.geonameId === t.gold.geonameId) s.exactId++;
    }
  });
  return s;
}
