import { describe, expect, it } from 'vitest';
import { FollowSettler } from '../../src/feeds/follow-settle.js';

/** A settler on a hand-driven clock whose settles finish when the test says so. */
function harness(everyMs: number) {
  let now = 0;
  const settled: { n: number; why: string }[] = [];
  const errors: string[] = [];
  const open: { resolve: (n: number) => void; reject: (e: Error) => void }[] = [];
  let calls = 0;
  const settler = new FollowSettler<number>({
    everyMs,
    now: () => now,
    settle: () => {
      calls += 1;
      return new Promise<number>((resolve, reject) => open.push({ resolve, reject }));
    },
    onSettled: (n, why) => settled.push({ n, why }),
    onError: (e) => errors.push(e.message),
  });
  return {
    settler,
    settled,
    errors,
    open,
    calls: () => calls,
    advance: (ms: number) => void (now += ms),
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('FollowSettler', () => {
  it('settles only when items were stored and the interval has passed, one settle at a time', async () => {
    const h = harness(1000);
    h.settler.afterRound(3); // stored, but the interval has not passed since the start
    expect(h.calls()).toBe(0);
    h.advance(1000);
    h.settler.afterRound(0); // due, and three items wait
    expect(h.calls()).toBe(1);
    h.advance(5000);
    h.settler.afterRound(2); // a settle is still running: none started
    expect(h.calls()).toBe(1);
    h.open[0]!.resolve(7);
    await tick();
    expect(h.settled).toEqual([{ n: 7, why: 'interval' }]);
    h.settler.afterRound(0); // the two items stored during the settle are due now
    expect(h.calls()).toBe(2);
    h.open[1]!.resolve(8);
    await tick();
    h.advance(5000);
    h.settler.afterRound(0); // nothing stored since
    expect(h.calls()).toBe(2);
  });

  it('at the end waits for a running settle and settles what came after it', async () => {
    const h = harness(0);
    h.settler.afterRound(1);
    expect(h.calls()).toBe(1);
    h.settler.afterRound(4); // stored while the settle runs
    const done = h.settler.finish();
    h.open[0]!.resolve(1);
    await tick();
    expect(h.calls()).toBe(2);
    h.open[1]!.resolve(2);
    await done;
    expect(h.settled).toEqual([
      { n: 1, why: 'interval' },
      { n: 2, why: 'end' },
    ]);
  });

  it('does not settle at the end when nothing was stored, and keeps unsettled items after a failed settle', async () => {
    const quiet = harness(0);
    await quiet.settler.finish();
    expect(quiet.calls()).toBe(0);

    const h = harness(0);
    h.settler.afterRound(2);
    h.open[0]!.reject(new Error('database is locked'));
    await tick();
    expect(h.errors).toEqual(['database is locked']);
    const done = h.settler.finish(); // the two items were not settled: the end settles them
    await tick();
    expect(h.calls()).toBe(2);
    h.open[1]!.resolve(2);
    await done;
    expect(h.settled).toEqual([{ n: 2, why: 'end' }]);
  });
});
