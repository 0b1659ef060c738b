/**
 * Settling during `storyline follow`. A run that never ends would otherwise
 * keep the streamed readings (events in arrival order, places with only the
 * outlet's earlier articles as prior) until someone runs `storyline settle`.
 * The follower settles when new items were stored and the interval has passed
 * since the last settle, one settle at a time (settling takes the store's
 * ingest lock, so items stored meanwhile wait for it), and once more at the end.
 */

export interface FollowSettlerOptions<R> {
  /** Runs one settle (the ingest service's `settle()`). */
  settle(): Promise<R>;
  /** Told about each finished settle, and why it ran. */
  onSettled(report: R, why: 'interval' | 'end'): void;
  /** Told about a settle that failed (the run goes on; the next one is tried at the next interval). */
  onError(err: Error): void;
  /** Minimum milliseconds between two settles while the run goes on. */
  everyMs: number;
  now?: () => number;
}

export class FollowSettler<R> {
  private running: Promise<void> | null = null;
  private storedSince = 0;
  private last: number;
  private readonly now: () => number;

  constructor(private readonly opts: FollowSettlerOptions<R>) {
    this.now = opts.now ?? Date.now;
    this.last = this.now();
  }

  /** After each polling round: counts what it stored and starts a settle when one is due. */
  afterRound(stored: number): void {
    this.storedSince += stored;
    if (this.running !== null || this.storedSince === 0 || this.now() - this.last < this.opts.everyMs) return;
    this.running = this.run('interval').finally(() => {
      this.running = null;
    });
  }

  /** At the end of the run: waits for a settle under way, then settles what was stored since. */
  async finish(): Promise<void> {
    if (this.running !== null) await this.running;
    if (this.storedSince > 0) await this.run('end');
  }

  private async run(why: 'interval' | 'end'): Promise<void> {
    const covered = this.storedSince;
    this.storedSince = 0;
    this.last = this.now();
    try {
      this.opts.onSettled(await this.opts.settle(), why);
    } catch (err) {
      this.storedSince += covered; // still unsettled: the next settle covers them
      this.opts.onError(err as Error);
    }
  }
}
