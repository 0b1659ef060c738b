/**
 * The one way Storyline fetches a URL. Every hop of a redirect chain is
 * checked the same way: scheme, DNS resolution, address range, and the socket
 * connects to exactly the address that was checked (our own `lookup` hands the
 * pre-resolved address to Node), so a hostile DNS server cannot answer
 * "public" to the check and "127.0.0.1" to the connect.
 */
import http from 'node:http';
import https from 'node:https';
import dns from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import type { Result } from '../model/types.js';
import { bareHost, checkAddress, isAllowListed, isIpLiteral } from './address-policy.js';
import { readBody } from './body-reader.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to addresses; injectable so tests can play a hostile DNS server. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface FetchPolicy {
  /** Allow private, loopback, link-local… addresses (tests, intranet deployments). Default false. */
  allowPrivate?: boolean;
  /** `host` or `host:port` entries that skip the address check (and only those). */
  allowHosts?: readonly string[];
  /** Default 5. */
  maxRedirects?: number;
  /** Bytes on the wire. Default 10 MiB. */
  maxBytes?: number;
  /** Bytes after decompression. Default 4 × maxBytes. */
  maxDecodedBytes?: number;
  /** Decoded/compressed ratio treated as a bomb. Default 100. */
  maxRatio?: number;
  /** Whole request including redirects and body. Default 30 s. */
  timeoutMs?: number;
  /** No bytes for this long ends the request. Default 10 s. */
  idleTimeoutMs?: number;
  /** Accepted media types (exact, lower case, no parameters). Default: HTML, XHTML, text, XML, feeds, JSON. */
  contentTypes?: readonly string[];
  /** Accept a response without Content-Type (the caller sniffs it). Default true. */
  allowMissingContentType?: boolean;
  userAgent?: string;
  /** Conditional GET validators from an earlier fetch. */
  etag?: string | null;
  lastModified?: string | null;
  /** Extra request headers (Accept, Accept-Language…). */
  headers?: Readonly<Record<string, string>>;
  resolver?: Resolver;
}

export interface FetchResponse {
  /** The final URL after redirects. */
  url: string;
  /** 2xx, or 304 when a conditional GET found the resource unchanged (body empty). */
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  /** Media type without parameters, lower case; '' when the server sent none. */
  contentType: string;
  notModified: boolean;
  etag: string | null;
  lastModified: string | null;
}

export const DEFAULT_CONTENT_TYPES: readonly string[] = [
  'text/html',
  'application/xhtml+xml',
  'text/plain',
  'text/xml',
  'application/xml',
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/feed+json',
  'application/json',
];

export const DEFAULT_USER_AGENT = 'Storyline/0.1 (+https://github.com/storyline/storyline; news-intelligence engine)';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export const systemResolver: Resolver = async (hostname) => {
  const found = await dns.lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

interface Hop {
  url: URL;
  target: ResolvedAddress | null;
}

/** Scheme, resolution and address check for one hop. */
async function planHop(url: URL, policy: FetchPolicy): Promise<Result<Hop>> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: 'fetch-bad-url', detail: `scheme ${url.protocol} refused` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'fetch-bad-url', detail: 'credentials in URLs are refused' };
  }
  const skipCheck = policy.allowPrivate === true || isAllowListed(url, policy.allowHosts);
  const host = bareHost(url.hostname);
  let candidates: ResolvedAddress[];
  if (isIpLiteral(host)) {
    candidates = [{ address: host, family: host.includes(':') ? 6 : 4 }];
  } else {
    try {
      candidates = await (policy.resolver ?? systemResolver)(host);
    } catch (err) {
      return { ok: false, reason: 'fetch-network-error', detail: `DNS: ${(err as Error).message}` };
    }
    if (candidates.length === 0) return { ok: false, reason: 'fetch-network-error', detail: `DNS: no address for ${host}` };
  }
  if (!skipCheck) {
    // Every answer must pass: a name that resolves to one public and one private address is refused.
    for (const c of candidates) {
      const verdict = checkAddress(c.address);
      if (!verdict.ok) {
        return { ok: false, reason: 'fetch-forbidden-address', detail: `${host} → ${c.address} (${verdict.range})` };
      }
    }
  }
  const first = candidates[0];
  return { ok: true, value: { url, target: first ?? null } };
}

function pinnedLookup(target: ResolvedAddress): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options.all === true) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  }) as unknown as LookupFunction;
}

function flattenHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

interface Clock {
  /** Arms (or re-arms) the idle timer. */
  touch(): void;
  /** Resolves with a timeout result when either limit fires. */
  expired: Promise<Result<never>>;
  onExpire(fn: () => void): void;
  stop(): void;
}

function startClock(totalMs: number, idleMs: number): Clock {
  let fire: (r: Result<never>) => void = () => undefined;
  const expired = new Promise<Result<never>>((resolve) => (fire = resolve));
  const listeners: (() => void)[] = [];
  let done = false;
  const expire = (detail: string): void => {
    if (done) return;
    done = true;
    clearTimeout(total);
    clearTimeout(idle);
    for (const l of listeners) l();
    fire({ ok: false, reason: 'fetch-timeout', detail });
  };
  const total = setTimeout(() => expire(`no complete answer within ${totalMs} ms`), totalMs);
  let idle = setTimeout(() => expire(`idle for ${idleMs} ms`), idleMs);
  return {
    touch() {
      if (done) return;
      clearTimeout(idle);
      idle = setTimeout(() => expire(`idle for ${idleMs} ms`), idleMs);
    },
    expired,
    onExpire(fn) {
      listeners.push(fn);
    },
    stop() {
      done = true;
      clearTimeout(total);
      clearTimeout(idle);
    },
  };
}

function requestOnce(hop: Hop, policy: FetchPolicy, clock: Clock): Promise<Result<{ res: http.IncomingMessage }>> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = {
      'user-agent': policy.userAgent ?? DEFAULT_USER_AGENT,
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml,application/atom+xml,application/feed+json,*/*;q=0.5',
      'accept-encoding': 'gzip, deflate, br',
      ...(policy.headers ?? {}),
    };
    if (policy.etag != null) headers['if-none-match'] = policy.etag;
    if (policy.lastModified != null) headers['if-modified-since'] = policy.lastModified;
    const mod = hop.url.protocol === 'https:' ? https : http;
    const req = mod.request(hop.url, {
      method: 'GET',
      headers,
      agent: false,
      ...(hop.target !== null ? { lookup: pinnedLookup(hop.target) } : {}),
    });
    clock.onExpire(() => req.destroy());
    req.on('socket', () => clock.touch());
    req.on('response', (res) => {
      clock.touch();
      resolve({ ok: true, value: { res } });
    });
    req.on('error', (err) => resolve({ ok: false, reason: 'fetch-network-error', detail: err.message }));
    req.end();
  });
}

async function fetchChain(start: URL, policy: FetchPolicy, clock: Clock): Promise<Result<FetchResponse>> {
  const maxRedirects = policy.maxRedirects ?? 5;
  const maxBytes = policy.maxBytes ?? 10 * 1024 * 1024;
  const allowed = policy.contentTypes ?? DEFAULT_CONTENT_TYPES;
  let url = start;
  for (let redirects = 0; ; redirects++) {
    const hop = await planHop(url, policy);
    if (!hop.ok) return hop;
    const sent = await requestOnce(hop.value, policy, clock);
    if (!sent.ok) return sent;
    const { res } = sent.value;
    const status = res.statusCode ?? 0;
    const headers = flattenHeaders(res.headers);

    if (REDIRECT_STATUSES.has(status)) {
      res.resume();
      const location = res.headers.location;
      if (location === undefined) return { ok: false, reason: 'fetch-bad-status', detail: `${status} without Location` };
      if (redirects >= maxRedirects) return { ok: false, reason: 'fetch-too-many-redirects', detail: `more than ${maxRedirects} redirects` };
      try {
        url = new URL(location, url);
      } catch {
        return { ok: false, reason: 'fetch-bad-url', detail: `bad Location: ${location.slice(0, 200)}` };
      }
      continue;
    }
    const base = {
      url: url.toString(),
      status,
      headers,
      etag: headers['etag'] ?? null,
      lastModified: headers['last-modified'] ?? null,
    };
    if (status === 304) {
      res.resume();
      return { ok: true, value: { ...base, body: new Uint8Array(0), contentType: mediaType(headers['content-type']), notModified: true } };
    }
    if (status < 200 || status > 299) {
      res.destroy();
      return { ok: false, reason: 'fetch-bad-status', detail: `HTTP ${status}` };
    }
    const contentType = mediaType(headers['content-type']);
    const typeOk = contentType === '' ? policy.allowMissingContentType !== false : allowed.includes(contentType);
    if (!typeOk) {
      res.destroy();
      return { ok: false, reason: 'fetch-bad-content-type', detail: contentType === '' ? 'no Content-Type' : contentType };
    }
    const body = await readBody(
      res,
      { maxBytes, maxDecodedBytes: policy.maxDecodedBytes ?? 4 * maxBytes, maxRatio: policy.maxRatio ?? 100 },
      () => clock.touch(),
    );
    if (!body.ok) return body;
    return { ok: true, value: { ...base, body: body.value, contentType, notModified: false } };
  }
}

/**
 * Fetches one URL under the policy. Never throws for network conditions: every
 * refusal or failure is a `{ok:false, reason}` with a `fetch-*` code.
 */
export async function fetchUrl(url: string, policy: FetchPolicy = {}): Promise<Result<FetchResponse>> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'fetch-bad-url', detail: `not a URL: ${url.slice(0, 200)}` };
  }
  const clock = startClock(policy.timeoutMs ?? 30_000, policy.idleTimeoutMs ?? 10_000);
  try {
    return await Promise.race([fetchChain(parsed, policy, clock), clock.expired]);
  } finally {
    clock.stop();
  }
}

/** A fetcher as a value, so the poller and the worker take it as a dependency. */
export type Fetcher = (url: string, policy?: FetchPolicy) => Promise<Result<FetchResponse>>;
