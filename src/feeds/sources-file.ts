/**
 * The sources file: which outlets to follow, through which feeds, how often.
 *
 * ```yaml
 * sources:
 *   - outlet: OC Media
 *     feeds: [https://oc-media.org/feed/]
 *     language: en
 *     interval: 15m        # seconds as a number, or 90s / 15m / 2h
 * ```
 * JSON with the same shape is accepted, and so is a bare list of sources.
 */
import YAML from 'yaml';
import type { Result } from '../model/types.js';

export interface FeedSource {
  outlet: string;
  feeds: string[];
  language: string | null;
  /** Polling interval in seconds. */
  intervalSeconds: number;
}

export const DEFAULT_INTERVAL_SECONDS = 900;
/** Polling more often than this is impolite to any publisher. */
export const MIN_INTERVAL_SECONDS = 60;

/**
 * A duration as milliseconds: a number (in `bareUnit`) or a string such as
 * `500ms`, `90s`, `15m`, `2h`, `1d`. Null when unreadable or not positive.
 */
export function parseDuration(v: unknown, bareUnit: 'ms' | 's' = 's'): number | null {
  const scale: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  if (typeof v === 'number') return Number.isFinite(v) && v > 0 ? Math.round(v * (scale[bareUnit] ?? 1000)) : null;
  if (typeof v !== 'string') return null;
  const m = /^\s*(\d{1,9})\s*(ms|s|m|h|d)?\s*$/i.exec(v);
  if (m === null) return null;
  const ms = Number(m[1]) * (scale[(m[2] ?? bareUnit).toLowerCase()] ?? 1000);
  return ms > 0 ? ms : null;
}

/**
 * A polling interval in whole seconds (default when absent), floored to
 * `minSeconds` (the polite minimum unless the caller polls its own servers).
 */
export function parseInterval(v: unknown, minSeconds = MIN_INTERVAL_SECONDS): number | null {
  if (v === undefined || v === null) return Math.max(minSeconds, DEFAULT_INTERVAL_SECONDS);
  const ms = parseDuration(v, 's');
  if (ms === null) return null;
  return Math.max(minSeconds, Math.max(1, Math.round(ms / 1000)));
}

function bad(detail: string): Result<never> {
  return { ok: false, reason: 'bad-request', detail: `sources file: ${detail}` };
}

/**
 * Parses a sources file (YAML is a superset of JSON, so one parser reads
 * both). Intervals are floored to `minIntervalSeconds` (default 60).
 */
export function parseSources(text: string, opts: { minIntervalSeconds?: number } = {}): Result<FeedSource[]> {
  let doc: unknown;
  try {
    doc = YAML.parse(text, { maxAliasCount: 100 });
  } catch (err) {
    return bad((err as Error).message.split('\n')[0] ?? 'unparseable');
  }
  const list = Array.isArray(doc) ? doc : typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>)['sources'] : undefined;
  if (!Array.isArray(list)) return bad('expected a `sources` list');
  const out: FeedSource[] = [];
  for (const [i, entry] of list.entries()) {
    if (typeof entry !== 'object' || entry === null) return bad(`entry ${i} is not a mapping`);
    const e = entry as Record<string, unknown>;
    const outlet = typeof e['outlet'] === 'string' ? e['outlet'].trim() : typeof e['name'] === 'string' ? e['name'].trim() : '';
    if (outlet === '') return bad(`entry ${i} has no outlet name`);
    const rawFeeds = e['feeds'] ?? e['feed'] ?? e['urls'];
    const feeds = (Array.isArray(rawFeeds) ? rawFeeds : [rawFeeds]).filter((f): f is string => typeof f === 'string');
    if (feeds.length === 0) return bad(`${outlet}: no feed URLs`);
    for (const f of feeds) {
      try {
        const u = new URL(f);
        if (u.protocol !== 'http:' && u.protocol !== 'https:') return bad(`${outlet}: ${f} is not http(s)`);
      } catch {
        return bad(`${outlet}: ${f} is not a URL`);
      }
    }
    const intervalSeconds = parseInterval(e['interval'] ?? e['intervalSeconds'], opts.minIntervalSeconds);
    if (intervalSeconds === null) return bad(`${outlet}: unreadable interval`);
    const language = typeof e['language'] === 'string' && e['language'].trim() !== '' ? e['language'].trim() : null;
    out.push({ outlet, feeds, language, intervalSeconds });
  }
  return { ok: true, value: out };
}

/** Sources given on the command line (`storyline follow URL…`): the outlet is the host name. */
export function sourcesFromUrls(urls: readonly string[], intervalSeconds = DEFAULT_INTERVAL_SECONDS): FeedSource[] {
  return urls.map((u) => {
    let outlet = u;
    try {
      outlet = new URL(u).hostname.replace(/^www\./, '');
    } catch {
      /* the fetcher reports the bad URL with its reason */
    }
    return { outlet, feeds: [u], language: null, intervalSeconds };
  });
}
