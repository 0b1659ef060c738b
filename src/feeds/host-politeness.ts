/**
 * Per-host politeness: a minimum gap between two requests to one host (the
 * larger of our own gap and the robots.txt Crawl-delay, capped), and a
 * robots.txt cache. Time and sleeping are injected so tests run instantly.
 */
import robotsParser from 'robots-parser';
import type { Fetcher, FetchPolicy } from '../fetch/safe-fetcher.js';

export interface PoliteClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

interface Robots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
// robots-parser is CommonJS with an ESM-style declaration; under NodeNext its default import is the function itself.
const parseRobots = robotsParser as unknown as (url: string, contents: string) => Robots;

interface HostState {
  nextAllowedAt: number;
  /** Serialises requests to one host so concurrent polls cannot both pass the gap check. */
  chain: Promise<void>;
  robots: Robots | null;
  robotsFetchedAt: number;
}

const ROBOTS_TTL_MS = 24 * 3600 * 1000;
const MAX_CRAWL_DELAY_MS = 60_000;

export class HostPoliteness {
  private readonly hosts = new Map<string, HostState>();

  constructor(
    private readonly clock: PoliteClock,
    private readonly fetcher: Fetcher,
    private readonly policy: FetchPolicy,
    private readonly opts: { minGapMs: number; robots: boolean; userAgent: string },
  ) {}

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (s === undefined) {
      s = { nextAllowedAt: 0, chain: Promise.resolve(), robots: null, robotsFetchedAt: -Infinity };
      this.hosts.set(host, s);
    }
    return s;
  }

  /** Runs `task` for `url`'s host once the host's gap has passed; requests to one host run one at a time. */
  async schedule<T>(url: string, task: () => Promise<T>): Promise<T> {
    const host = hostKey(url);
    const s = this.state(host);
    const run = s.chain.then(async () => {
      const wait = s.nextAllowedAt - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait);
      try {
        return await task();
      } finally {
        s.nextAllowedAt = this.clock.now() + this.gapFor(s);
      }
    });
    s.chain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private gapFor(s: HostState): number {
    const delay = s.robots?.getCrawlDelay(this.opts.userAgent);
    const robotsGap = typeof delay === 'number' && Number.isFinite(delay) ? Math.min(delay * 1000, MAX_CRAWL_DELAY_MS) : 0;
    return Math.max(this.opts.minGapMs, robotsGap);
  }

  /**
   * True when robots.txt allows the URL. A missing or unreachable robots.txt
   * allows everything (the common reading of the robots exclusion standard).
   */
  async allowed(url: string): Promise<boolean> {
    if (!this.opts.robots) return true;
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      return true; // the fetcher refuses the URL with its own reason
    }
    const s = this.state(hostKey(url));
    if (s.robots === null || this.clock.now() - s.robotsFetchedAt > ROBOTS_TTL_MS) {
      const robotsUrl = `${origin}/robots.txt`;
      const res = await this.schedule(url, () =>
        this.fetcher(robotsUrl, { ...this.policy, etag: null, lastModified: null, maxBytes: 512 * 1024, contentTypes: ['text/plain'] }),
      );
      const body = res.ok && !res.value.notModified ? Buffer.from(res.value.body).toString('utf8') : '';
      s.robots = parseRobots(robotsUrl, body);
      s.robotsFetchedAt = this.clock.now();
    }
    return s.robots.isAllowed(url, this.opts.userAgent) !== false;
  }
}

export function hostKey(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}
