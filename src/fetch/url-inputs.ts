/**
 * URLs given to `ingest` / `analyze` as inputs (an I/O edge): each is fetched
 * through the safe fetcher, politely (one request at a time per host, a gap
 * between them, robots.txt obeyed), and becomes an input like a file does: a
 * document, or a refusal with the fetcher's reason code.
 */
import { HostPoliteness, type PoliteClock } from '../feeds/host-politeness.js';
import { systemClock } from '../feeds/feed-poller.js';
import type { InputItem } from '../ingest/input-reader.js';
import type { ReasonCode } from '../model/types.js';
import { fetchedDocument } from './fetched-document.js';
import { DEFAULT_USER_AGENT, fetchUrl, type Fetcher, type FetchPolicy } from './safe-fetcher.js';

export interface UrlInputOptions {
  policy?: FetchPolicy;
  fetcher?: Fetcher;
  clock?: PoliteClock;
  /** Least gap between two requests to one host (ms; robots.txt Crawl-delay can make it longer). Default 1000. */
  hostGapMs?: number;
  /** Obey robots.txt. Default true. */
  robots?: boolean;
}

function refused(source: string, r: { reason: ReasonCode; detail?: string }): InputItem {
  return r.detail === undefined ? { ok: false, source, reason: r.reason } : { ok: false, source, reason: r.reason, detail: r.detail };
}

/** A reader for URL inputs: call it once per URL, in order. */
export function urlInputReader(opts: UrlInputOptions = {}): (url: string) => Promise<InputItem> {
  const policy: FetchPolicy = { userAgent: DEFAULT_USER_AGENT, ...(opts.policy ?? {}) };
  const fetcher = opts.fetcher ?? fetchUrl;
  const clock = opts.clock ?? systemClock;
  const polite = new HostPoliteness(clock, fetcher, policy, { minGapMs: opts.hostGapMs ?? 1000, robots: opts.robots ?? true, userAgent: policy.userAgent ?? DEFAULT_USER_AGENT });
  return async (url) => {
    const turn = await polite.run(url, () => fetcher(url, policy));
    if (turn.kind === 'disallowed') return { ok: false, source: url, reason: 'fetch-robots-disallowed' };
    const res = turn.value;
    if (!res.ok) return refused(url, res);
    const doc = fetchedDocument(res.value, 'url', { capturedAt: new Date(clock.now()).toISOString() });
    return doc.ok ? { ok: true, doc: doc.value } : refused(url, doc);
  };
}
