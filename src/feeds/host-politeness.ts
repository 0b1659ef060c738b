/**
 * Per-host politeness within one process (`ingest <url>`, `follow` on
 * SQLite): a minimum gap between two requests to one host and a robots.txt
 * cache. The rules are in `fetch/politeness-rules.ts`, and the interface
 * (`PoliteHosts`) is the one the PostgreSQL-backed `SharedPoliteness` offers
 * for every process of a deployment. Time and sleeping are injected so tests
 * run instantly.
 */
import type { Fetcher, FetchPolicy } from '../fetch/safe-fetcher.js';
import { fetchRobotsText, hostGapMs, hostKey, parseRobots, robotsAllow, robotsUrlFor, ROBOTS_TTL_MS, type PoliteHosts, type PoliteOutcome, type Robots } from '../fetch/politeness-rules.js';

export { hostKey } from '../fetch/politeness-rules.js';

export interface PoliteClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

interface HostState {
  nextAllowedAt: number;
  /** Serialises requests to one host so concurrent polls cannot both pass the gap check. */
  chain: Promise<void>;
  robots: Robots | null;
  robotsFetchedAt: number;
}

export class HostPoliteness implements PoliteHosts {
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

  /** `task` in its host's turn once robots.txt allows the URL; never `later` (a turn in this process is always waited for). */
  async run<T>(url: string, task: () => Promise<T>): Promise<Exclude<PoliteOutcome<T>, { kind: 'later' }>> {
    if (!(await this.allowed(url))) return { kind: 'disallowed' };
    return { kind: 'done', value: await this.schedule(url, task) };
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
        s.nextAllowedAt = this.clock.now() + hostGapMs(this.opts.minGapMs, s.robots, this.opts.userAgent);
      }
    });
    s.chain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** True when robots.txt allows the URL (see `politeness-rules.ts` for a missing or unreachable one). */
  async allowed(url: string): Promise<boolean> {
    if (!this.opts.robots) return true;
    const robotsUrl = robotsUrlFor(url);
    if (robotsUrl === null) return true; // the fetcher refuses the URL with its own reason
    const s = this.state(hostKey(url));
    if (s.robots === null || this.clock.now() - s.robotsFetchedAt > ROBOTS_TTL_MS) {
      const text = await this.schedule(url, () => fetchRobotsText(this.fetcher, this.policy, robotsUrl));
      s.robots = parseRobots(robotsUrl, text);
      s.robotsFetchedAt = this.clock.now();
    }
    return robotsAllow(s.robots, url, this.opts.userAgent);
  }
}
