/** Scores place detection and resolution on LGL articles (metric: ../shared/README.md, "Places"). */
import { parseDateline } from '../../src/extract/dateline/dateline-parser.js';
import { recognizeEntities } from '../../src/enrich/entities/entity-recognizer.js';
import { defaultGazetteer, distanceKm, lookupPlaces } from '../../src/enrich/places/gazetteer.js';
import { resolvePlaces } from '../../src/enrich/places/place-resolver.js';
import { splitSentences } from '../../src/enrich/sentences/sentence-splitter.js';
import type { LglArticle } from './lgl-data.js';

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

export function scoreLgl(articles: readonly LglArticle[]): GeoScore {
  const s: GeoScore = { articles: articles.length, toponyms: 0, withCoordinates: 0, detectedByNer: 0, resolved: 0, viaDemonym: 0, within161: 0, exactId: 0, predictedPlaces: 0, spuriousPlaces: 0, tokens: 0, ms: 0, misses: [] };
  for (const a of articles) {
    const t0 = performance.now();
    const { mentions } = recognizeEntities(a.text, splitSentences(a.text));
    // LGL texts are "<title>. <body>": the dateline, if any, opens the body.
    const bodyStart = a.text.startsWith(a.title) ? Math.min(a.text.length, a.title.length + 2) : 0;
    const dl = parseDateline(a.text.slice(bodyStart));
    const dateline = dl && dl.position === 'lead' ? { ...dl, start: dl.start + bodyStart, end: dl.end + bodyStart } : null;
    const { places, demonyms } = resolvePlaces(a.text, mentions, { dateline });
    s.ms += performance.now() - t0;
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
  }
  return s;
}
