/** Time axes for the timeline and the coverage chart (UTC, calendar-aligned ticks). */

export interface Tick {
  t: number;
  label: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = 86_400_000;

/** Calendar-aligned ticks, at most about `maxTicks` of them, between t0 and t1. */
export function timeTicks(t0: number, t1: number, maxTicks = 10): Tick[] {
  const span = Math.max(t1 - t0, DAY);
  const ticks: Tick[] = [];
  const start = new Date(t0);
  if (span > 3 * 365 * DAY) {
    const step = Math.max(1, Math.ceil(span / (365.25 * DAY) / maxTicks));
    for (let y = start.getUTCFullYear(); ; y += step) {
      const t = Date.UTC(y, 0, 1);
      if (t > t1) break;
      if (t >= t0) ticks.push({ t, label: String(y) });
    }
  } else if (span > 60 * DAY) {
    const step = Math.max(1, Math.ceil(span / (30.44 * DAY) / maxTicks));
    for (let m = start.getUTCFullYear() * 12 + start.getUTCMonth(); ; m += step) {
      const y = Math.floor(m / 12), mo = m % 12;
      const t = Date.UTC(y, mo, 1);
      if (t > t1) break;
      if (t >= t0) ticks.push({ t, label: mo === 0 || ticks.length === 0 ? `${MONTHS[mo]} ${y}` : (MONTHS[mo] ?? '') });
    }
  } else {
    const step = Math.max(1, Math.ceil(span / DAY / maxTicks));
    const first = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
    for (let t = first; t <= t1; t += step * DAY) {
      if (t < t0) continue;
      const d = new Date(t);
      ticks.push({ t, label: `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}${ticks.length === 0 ? ` ${d.getUTCFullYear()}` : ''}` });
    }
  }
  return ticks;
}

export type BinSize = 'day' | 'month' | 'year';

export function chooseBin(t0: number, t1: number): BinSize {
  const span = t1 - t0;
  if (span > 6 * 365 * DAY) return 'year';
  if (span > 62 * DAY) return 'month';
  return 'day';
}

/** The start of the bin holding t, and its label. */
export function binOf(t: number, size: BinSize): { key: number; label: string } {
  const d = new Date(t);
  const y = d.getUTCFullYear(), m = d.getUTCMonth();
  if (size === 'year') return { key: Date.UTC(y, 0, 1), label: String(y) };
  if (size === 'month') return { key: Date.UTC(y, m, 1), label: `${MONTHS[m]} ${y}` };
  return { key: Date.UTC(y, m, d.getUTCDate()), label: `${d.getUTCDate()} ${MONTHS[m]} ${y}` };
}

export function nextBin(key: number, size: BinSize): number {
  const d = new Date(key);
  if (size === 'year') return Date.UTC(d.getUTCFullYear() + 1, 0, 1);
  if (size === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return key + DAY;
}
