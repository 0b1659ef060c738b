/**
 * Per-outlet place history: a local paper keeps naming places in one state or
 * province, and that is the best evidence for an ambiguous "Decatur" in its
 * next article. Pure and in memory: the ingest service observes each stored
 * article's places (as enrich() found them, without any outlet evidence) and
 * re-resolves the next article of the same outlet with the prior learnt from
 * them (PlaceContext.regionPrior, see src/enrich/places/outlet-profile.ts).
 *
 *   const history = new OutletPlaceHistory();
 *   const { article: better, observed } = history.apply(article); // before storing
 *   …store better…
 *   history.observe(better.outlet, observed);                       // once stored
 */
import { createHash } from 'node:crypto';
import { resolvePlaces, resolvePlacesFrom, type PlaceContext, type PlaceEvidence } from '../enrich/places/place-resolver.js';
import { linkPlacesToEntities } from '../enrich/places/place-linker.js';
import { MIN_PROFILE_ARTICLES, profileContribution, profileOf, type ProfileContribution, type ProfilePlace } from '../enrich/places/outlet-profile.js';
import type { Gazetteer } from '../enrich/places/gazetteer.js';
import type { Article, EntityMention, PlaceMention } from '../model/types.js';

export type OutletPrior = Required<Pick<PlaceContext, 'regionPrior' | 'regionPriorSoleName' | 'homePoints'>>;

export interface OutletPlaceHistoryOptions {
  /** Articles remembered per outlet (the most recent); older ones are forgotten. */
  perOutlet?: number;
  /** Outlets remembered; the one observed least recently is forgotten first. */
  maxOutlets?: number;
  /** A gazetteer other than the shipped one (tests). */
  gazetteer?: Gazetteer;
  /** Articles whose single reading is remembered by id for the settle step (the most recently observed). */
  maxReadings?: number;
  /**
   * Per outlet, the most recently observed articles whose place evidence (placeEvidence, handed to `observe`) is
   * remembered with their reading for the settle step (default 200: the articles it re-reads per outlet). 0: none.
   */
  evidencePerOutlet?: number;
}

/**
 * What `settleOutletPlaces` may take from the ingest instead of reading a stored article again: its single
 * reading's contribution to a profile and, when remembered, what its place resolution collected (placeEvidence,
 * shipped gazetteer), so that re-reading it under the outlet's profile only scores.
 */
export interface RememberedReading {
  reading: ProfileContribution;
  evidence?: PlaceEvidence;
}

/** What an article's places are read from (resolvePlaces' inputs), for telling a changed article apart. */
export type PlaceSource = Pick<Article, 'text' | 'entities' | 'dateline'>;

/**
 * SHA-256 (hex, 128 bits) of what place resolution reads of an article: its text (UTF-16 code units), each entity
 * mention's offsets, type, text and name, and the dateline (all its fields); length-prefixed so that fields cannot run into each other.
 */
export function placeSourceDigest(a: PlaceSource): string {
  // One string hashed once (as UTF-16 code units, so a lone surrogate stays itself): cheaper than an update per field.
  const parts: (string | number)[] = [];
  const str = (v: string | null | undefined): void => {
    if (v === null || v === undefined) parts.push('-;');
    else parts.push(v.length, ':', v);
  };
  const num = (v: number | null | undefined): void => {
    parts.push(v === null || v === undefined ? '-' : v, ';');
  };
  str(a.text);
  num(a.entities.length);
  for (const m of a.entities as readonly EntityMention[]) {
    num(m.start);
    num(m.end);
    str(m.type);
    str(m.text);
    str(m.name);
  }
  const d = a.dateline;
  if (d === null || d === undefined) parts.push('n;');
  else {
    parts.push('d;');
    str(d.place);
    str(d.agency);
    str(d.day);
    str(d.text);
    num(d.start);
    num(d.end);
  }
  return createHash('sha256').update(Buffer.from(parts.join(''), 'utf16le')).digest('hex').slice(0, 32);
}

interface Remembered {
  contribution: ProfileContribution;
  /** placeSourceDigest of the observed article, when `observe` was given it. */
  digest?: string;
  evidence?: PlaceEvidence;
  /** The outlet key whose evidence list holds this article, when `evidence` is set. */
  evidenceOutlet?: string;
}

/** Only what the profile reads. */
const kept = (p: PlaceMention): ProfilePlace => ({ text: p.text, name: p.name, country: p.country, region: p.region ?? null, lat: p.lat, lon: p.lon });

function outletKey(outlet: string | null | undefined): string | null {
  const k = outlet?.trim().toLowerCase() ?? '';
  return k === '' ? null : k;
}

export class OutletPlaceHistory {
  private readonly perOutlet: number;
  private readonly maxOutlets: number;
  private readonly gazetteer: Gazetteer | undefined;
  /** outlet → what its recent articles add to its profile, oldest first; Map order = least recently observed first. */
  private readonly byOutlet = new Map<string, ProfileContribution[]>();
  /** outlet → its prior, until the next observation of that outlet. */
  private readonly priors = new Map<string, OutletPrior | null>();
  /** article id → what its single reading adds to a profile (oldest first), for `settleOutletPlaces`. */
  private readonly readings = new Map<string, Remembered>();
  private readonly maxReadings: number;
  /** outlet → ids of its articles whose evidence is remembered, oldest first (at most evidencePerOutlet). */
  private readonly evidenceIds = new Map<string, string[]>();
  private readonly evidencePerOutlet: number;

  constructor(opts: OutletPlaceHistoryOptions = {}) {
    this.perOutlet = Math.max(MIN_PROFILE_ARTICLES, opts.perOutlet ?? 200);
    this.maxOutlets = Math.max(1, opts.maxOutlets ?? 5000);
    this.gazetteer = opts.gazetteer;
    this.maxReadings = Math.max(0, opts.maxReadings ?? 50_000);
    this.evidencePerOutlet = Math.max(0, opts.evidencePerOutlet ?? 200);
  }

  /**
   * Records the places one stored article of the outlet named (as found without outlet evidence); with the
   * article's id, its reading is also remembered for the settle step (`reading`); with the article itself (what its
   * places were read from), `remembered` serves that reading only while a stored article still reads the same, and
   * with `evidence` (placeEvidence of that article, shipped gazetteer; not kept with a gazetteer of the history's own)
   * the settle step scores from it instead of collecting again.
   */
  observe(outlet: string | null | undefined, places: readonly PlaceMention[], articleId?: string, source?: PlaceSource, evidence?: PlaceEvidence): void {
    const k = outletKey(outlet);
    if (k === null) return;
    const list = this.byOutlet.get(k) ?? [];
    this.byOutlet.delete(k);
    const contribution = profileContribution(places.map(kept), ...(this.gazetteer ? [this.gazetteer] : []));
    list.push(contribution);
    if (articleId !== undefined && this.maxReadings > 0) {
      this.forgetReading(articleId);
      const r: Remembered = { contribution };
      if (source !== undefined) {
        r.digest = placeSourceDigest(source);
        if (evidence !== undefined && this.gazetteer === undefined && this.evidencePerOutlet > 0) {
          r.evidence = evidence;
          r.evidenceOutlet = k;
          const ids = this.evidenceIds.get(k) ?? [];
          ids.push(articleId);
          while (ids.length > this.evidencePerOutlet) {
            const old = this.readings.get(ids.shift()!);
            if (old !== undefined) {
              delete old.evidence;
              delete old.evidenceOutlet;
            }
          }
          this.evidenceIds.set(k, ids);
        }
      }
      this.readings.set(articleId, r);
      if (this.readings.size > this.maxReadings) this.forgetReading(this.readings.keys().next().value as string);
    }
    if (list.length > this.perOutlet) list.splice(0, list.length - this.perOutlet);
    this.byOutlet.set(k, list);
    this.priors.delete(k);
    if (this.byOutlet.size > this.maxOutlets) {
      const oldest = this.byOutlet.keys().next().value as string;
      this.byOutlet.delete(oldest);
      this.priors.delete(oldest);
      // Its articles' evidence goes with it (their readings stay, bounded by maxReadings).
      for (const id of this.evidenceIds.get(oldest) ?? []) {
        const r = this.readings.get(id);
        if (r !== undefined) {
          delete r.evidence;
          delete r.evidenceOutlet;
        }
      }
      this.evidenceIds.delete(oldest);
    }
  }

  /** Forgets an article's reading, and its place in its outlet's evidence list. */
  private forgetReading(articleId: string): void {
    const r = this.readings.get(articleId);
    if (r === undefined) return;
    this.readings.delete(articleId);
    if (r.evidenceOutlet === undefined) return;
    const ids = this.evidenceIds.get(r.evidenceOutlet);
    const at = ids?.indexOf(articleId) ?? -1;
    if (at >= 0) ids!.splice(at, 1);
    if (ids?.length === 0) this.evidenceIds.delete(r.evidenceOutlet);
  }

  /**
   * What the stored article's single reading (its places as analysed, without outlet evidence) adds to a profile,
   * when this history observed it: `settleOutletPlaces` need not read its places again.
   */
  reading(articleId: string): ProfileContribution | undefined {
    return this.readings.get(articleId)?.contribution;
  }

  /**
   * The stored article's single reading and, when remembered, its place evidence, for `settleOutletPlaces`: only
   * when `observe` was given the article and this one still reads the same (text, entity mentions, dateline), so a
   * re-analysed article is read again. Undefined otherwise (not observed here, forgotten, changed).
   */
  remembered(article: Article): RememberedReading | undefined {
    const r = this.readings.get(article.id);
    if (r === undefined || r.digest === undefined || r.digest !== placeSourceDigest(article)) return undefined;
    return r.evidence === undefined ? { reading: r.contribution } : { reading: r.contribution, evidence: r.evidence };
  }

  /** Articles whose place evidence is remembered (all outlets). */
  evidenceCount(): number {
    let n = 0;
    for (const ids of this.evidenceIds.values()) n += ids.length;
    return n;
  }

  /** Articles remembered for the outlet. */
  articles(outlet: string | null | undefined): number {
    const k = outletKey(outlet);
    return k === null ? 0 : (this.byOutlet.get(k)?.length ?? 0);
  }

  /** The outlet's home-region prior, or null while too few of its articles have been seen. */
  prior(outlet: string | null | undefined): OutletPrior | null {
    const k = outletKey(outlet);
    if (k === null) return null;
    if (this.priors.has(k)) return this.priors.get(k)!;
    const list = this.byOutlet.get(k) ?? [];
    let out: OutletPrior | null = null;
    if (list.length >= MIN_PROFILE_ARTICLES) {
      const p = profileOf(list);
      if (p.regionPrior.size > 0) out = { regionPrior: p.regionPrior, regionPriorSoleName: p.soleName, homePoints: p.homePoints };
    }
    this.priors.set(k, out);
    return out;
  }

  /**
   * The article with its places re-resolved under its outlet's prior (unchanged when there is none),
   * and the places to observe once it is stored: the ones found without the prior, so that the
   * history never feeds on its own readings. `evidence`, what the analysis thread collected from this article
   * (placeEvidence in place-resolver.ts, shipped gazetteer), spares collecting it again: only the scoring runs.
   * It is not used with a gazetteer of the history's own.
   */
  apply(article: Article, evidence?: PlaceEvidence): { article: Article; observed: PlaceMention[] } {
    const prior = this.prior(article.outlet);
    const observed = article.places;
    if (prior === null) return { article, observed };
    return { article: withOutletPrior(article, prior, this.gazetteer, this.gazetteer === undefined ? evidence : undefined), observed };
  }
}

/**
 * Settling an outlet's places once its archive is in (`storyline settle`, the end of an ingest run):
 * each article re-resolved with the profile of ALL the outlet's other articles given (leave-one-out),
 * not only the earlier ones, as the LGL benchmark's "with outlet profile" configuration measures.
 * The profile is learnt from single-article readings (recomputed here, so the stored readings, which
 * may already carry a prior, never feed it). Returns only the articles whose places change. Pure.
 * `known` may give, for a stored article that reads as it did when observed, its single reading's contribution
 * (OutletPlaceHistory.remembered, same gazetteer): the article is then read once instead of twice; and its place
 * evidence (placeEvidence, used only with the shipped gazetteer): that reading then only scores.
 */
export function settleOutletPlaces(
  articles: readonly Article[],
  gazetteer?: Gazetteer,
  known: (article: Article) => RememberedReading | undefined = () => undefined,
): Article[] {
  if (articles.length <= MIN_PROFILE_ARTICLES) return [];
  const contribution = (a: Article) => profileContribution(reresolve(a, null, gazetteer).places.map(kept), ...(gazetteer ? [gazetteer] : []));
  const remembered = articles.map((a) => known(a));
  const readings = articles.map((a, i) => remembered[i]?.reading ?? contribution(a));
  const changed: Article[] = [];
  articles.forEach((a, i) => {
    const p = profileOf(readings.filter((_, j) => j !== i));
    const evidence = gazetteer === undefined ? remembered[i]?.evidence : undefined;
    const next = reresolve(a, p.regionPrior.size > 0 ? { regionPrior: p.regionPrior, regionPriorSoleName: p.soleName, homePoints: p.homePoints } : null, gazetteer, evidence);
    if (placesKey(next.places) !== placesKey(a.places)) changed.push(next);
  });
  return changed;
}

const placesKey = (places: readonly PlaceMention[]): string => places.map((p) => `${p.start}:${p.end}:${p.geonameId ?? ''}:${p.lat.toFixed(4)}:${p.lon.toFixed(4)}`).join('|');

/**
 * Re-resolves an analysed article's places with an outlet prior: the same inputs as enrich()
 * (text, entity mentions, dateline), then the LOC entities' GeoNames ids again. Pure.
 * With `evidence` (placeEvidence of this article, same gazetteer) only the scoring runs.
 */
export function withOutletPrior(article: Article, prior: OutletPrior, gazetteer?: Gazetteer, evidence?: PlaceEvidence): Article {
  return reresolve(article, prior, gazetteer, evidence);
}

function reresolve(article: Article, prior: OutletPrior | null, gazetteer?: Gazetteer, evidence?: PlaceEvidence): Article {
  const ctx: PlaceContext = { dateline: article.dateline, ...(prior ?? {}), ...(gazetteer ? { gazetteer } : {}) };
  const { places, descriptions } =
    evidence === undefined ? resolvePlaces(article.text, article.entities, ctx) : resolvePlacesFrom(article.text, evidence, article.entities, ctx);
  // The ids enrich() linked were chosen without the prior: drop them so the linker sets them anew.
  const unlinked = article.entityTable.map((e) => {
    if (e.geonameId === undefined) return e;
    const { geonameId: _dropped, ...rest } = e;
    return rest;
  });
  const entityTable = linkPlacesToEntities(unlinked, article.entities, places, descriptions);
  return { ...article, places, entityTable };
}
