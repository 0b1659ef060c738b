import { describe, expect, it } from 'vitest';
import { EventSummaryState, summarizeEvent, type SummaryArticle } from '../../src/cluster/event-summary.js';
import { EventSummaries, type EventMember } from '../../src/pipeline/event-records.js';
import { mulberry32 } from '../../src/util/seeded-random.js';
import { contentTokens } from '../../src/cluster/term-features.js';
import { normalizeText } from '../../src/dedup/text-normalizer.js';
import { parseTime } from '../../src/cluster/event-clusterer.js';
import { leadSentences } from '../../src/cluster/event-summary.js';

/** summarizeEvent as it was before the summary states (the centre's norm summed again for each cosine), for reference. */
function referenceSummary(articles: SummaryArticle[], k = 2): ReturnType<typeof summarizeEvent> {
  const bag = (text: string): Map<string, number> => {
    const m = new Map<string, number>();
    for (const t of contentTokens(text)) m.set(t, (m.get(t) ?? 0) + 1);
    return m;
  };
  const cosine = (a: Map<string, number>, b: Map<string, number>): number => {
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (const [key, v] of a) {
      na += v * v;
      const w = b.get(key);
      if (w !== undefined) dot += v * w;
    }
    for (const v of b.values()) nb += v * v;
    return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
  };
  const topCounts = (lists: string[][], n: number): string[] => {
    const c = new Map<string, number>();
    for (const list of lists) for (const x of new Set(list)) c.set(x, (c.get(x) ?? 0) + 1);
    return [...c].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n).map(([x]) => x);
  };
  const leadsOf = (a: SummaryArticle): readonly string[] => a.leads ?? leadSentences(a.text);
  const leads = articles.map((a) => leadsOf(a).slice(0, 2).join(' '));
  const centre = new Map<string, number>();
  for (const line of [...articles.map((a) => a.title ?? ''), ...leads]) for (const [t, n] of bag(line)) centre.set(t, (centre.get(t) ?? 0) + n);
  let label = '';
  let bestLabel = -1;
  for (const a of articles) {
    if (a.title === null || a.title.trim() === '') continue;
    const s = cosine(bag(a.title), centre);
    if (s > bestLabel || (s === bestLabel && a.title.length < label.length)) {
      bestLabel = s;
      label = a.title.trim();
    }
  }
  const candidates: { text: string; score: number; order: number }[] = [];
  const seen = new Set<string>();
  articles.forEach((a, ai) => {
    leadsOf(a).forEach((s, si) => {
      const norm = normalizeText(s);
      if (seen.has(norm) || s.length < 40 || s.length > 400) return;
      seen.add(norm);
      candidates.push({ text: s.trim(), score: cosine(bag(s), centre) * (1 - 0.08 * si), order: ai * 10 + si });
    });
  });
  const chosen: typeof candidates = [];
  for (const c of candidates.sort((a, b) => b.score - a.score || a.order - b.order)) {
    if (chosen.length >= k) break;
    if (chosen.some((x) => cosine(bag(x.text), bag(c.text)) > 0.6)) continue;
    chosen.push(c);
  }
  if (label === '') label = chosen[0]?.text.slice(0, 120) ?? '';
  const times = articles
    .map((a) => ({ t: parseTime(a.publishedAt), v: a.publishedAt }))
    .filter((x): x is { t: number; v: string } => x.t !== null)
    .sort((a, b) => a.t - b.t);
  return {
    label,
    summary: chosen.sort((a, b) => a.order - b.order).map((c) => c.text).join(' '),
    firstDate: times[0]?.v.slice(0, 10) ?? null,
    lastDate: times[times.length - 1]?.v.slice(0, 10) ?? null,
    outlets: [...new Set(articles.map((a) => a.outlet).filter((o): o is string => o !== null))].sort(),
    keyEntities: topCounts(articles.map((a) => a.entities ?? []), 8),
    keyPlaces: topCounts(articles.map((a) => a.places ?? []), 5),
  };
}

/** Members of one made-up event: shared words, repeated and near-repeated sentences, odd titles, dates and outlets. */
function randomMembers(seed: number, n: number): SummaryArticle[] {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const words = ['flood', 'dam', 'Valmora', 'rescue', 'teams', 'evacuated', 'residents', 'villages', 'engineers', 'spillway', 'mayor', 'Dorn', 'water', 'river', 'bridge', 'council', 'warned', 'storm', 'police', 'minister'];
  const fixed = [
    'Rescue teams evacuated two thousand residents of three villages near Valmora.',
    'The Kessel dam breached on Monday and flood water swept through the valley.',
    'Short one.',
  ];
  const sentence = (): string => {
    if (rand() < 0.25) return pick(fixed);
    const len = 3 + Math.floor(rand() * 14);
    const ws = Array.from({ length: len }, () => pick(words));
    return ws[0]!.charAt(0).toUpperCase() + ws.join(' ').slice(1) + '.';
  };
  const dates = ['2024-04-01T10:00:00Z', '2024-04-01T10:00:00Z', '2024-04-03', '2024-03-30T23:00:00+02:00', null, '--', 'not a date'];
  const titles = (): string | null => {
    const r = rand();
    if (r < 0.1) return null;
    if (r < 0.15) return '   ';
    if (r < 0.3) return 'Valmora flood';
    if (r < 0.4) return 'Valmora flood  ';
    return Array.from({ length: 2 + Math.floor(rand() * 6) }, () => pick(words)).join(' ');
  };
  return Array.from({ length: n }, (_, i) => ({
    id: `a${i}`,
    title: titles(),
    text: Array.from({ length: 1 + Math.floor(rand() * 7) }, sentence).join(' '),
    publishedAt: pick(dates),
    outlet: rand() < 0.1 ? null : pick(['Outlet A', 'Outlet B', 'outlet c', 'Z']),
    entities: Array.from({ length: Math.floor(rand() * 4) }, () => pick(['Anna Brix', 'Kessel', 'Dorn Council', 'Ministry', 'Red Cross', 'B', 'A', 'C', 'D', 'E'])),
    places: Array.from({ length: Math.floor(rand() * 3) }, () => pick(['Valmora', 'Dorn', 'Kessel', 'X', 'Y', 'Q'])),
  }));
}

describe('EventSummaryState', () => {
  it('gives summarizeEvent of the members so far after each new member (random events)', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const all = randomMembers(seed, 70);
      const state = new EventSummaryState();
      for (let i = 0; i < all.length; i++) {
        state.add(all[i]!);
        expect(state.summary(), `seed ${seed}, ${i + 1} members`).toEqual(summarizeEvent(all.slice(0, i + 1)));
        expect(state.summary({ sentences: 3 })).toEqual(summarizeEvent(all.slice(0, i + 1), { sentences: 3 }));
      }
    }
  });

  it('summarizeEvent gives what it gave before (reference copy), for every prefix of random events', () => {
    for (let seed = 20; seed <= 25; seed++) {
      const all = randomMembers(seed, 50);
      for (let i = 1; i <= all.length; i++) {
        expect(summarizeEvent(all.slice(0, i)), `seed ${seed}, ${i} members`).toEqual(referenceSummary(all.slice(0, i)));
        expect(summarizeEvent(all.slice(0, i), { sentences: 3 })).toEqual(referenceSummary(all.slice(0, i), 3));
      }
    }
  });

  it('reads past the best few candidates when they repeat each other', () => {
    const base = 'Rescue teams evacuated two thousand residents of three villages near Valmora after the flood';
    const members: SummaryArticle[] = Array.from({ length: 14 }, (_, i) => ({
      id: `r${i}`,
      title: 'Valmora flood rescue',
      text: `${base} number ${'x'.repeat(i + 1)}. Engineers had warned the spillway council about cracks for a year.`,
      publishedAt: null,
      outlet: null,
    }));
    const state = new EventSummaryState();
    for (const m of members) state.add(m);
    const full = summarizeEvent(members);
    expect(full.summary).toContain('Engineers had warned');
    expect(state.summary()).toEqual(full);
    expect(full).toEqual(referenceSummary(members));
  });
});

describe('EventSummaries', () => {
  const member = (a: SummaryArticle): EventMember => ({
    ...a,
    entities: a.entities ?? [],
    places: a.places ?? [],
    leads: [],
    wire: false,
    agency: null,
    directQuotes: 0,
  }) as unknown as EventMember;

  it('serves extensions incrementally and starts again on any other list, always as summarizeEvent', () => {
    const all = randomMembers(99, 40).map((a) => {
      const m = member(a);
      delete (m as { leads?: unknown }).leads;
      return m;
    });
    const other = randomMembers(7, 10).map((a) => {
      const m = member(a);
      delete (m as { leads?: unknown }).leads;
      return m;
    });
    const sums = new EventSummaries(25);
    const lists: EventMember[][] = [];
    for (let i = 1; i <= 30; i++) lists.push(all.slice(0, i));
    // A member the store did not keep, a merge (other members first), the same list twice, a shorter list.
    lists.push([...all.slice(0, 30), other[0]!], [...all.slice(0, 30), all[30]!], [...other, ...all.slice(0, 31)], [...other, ...all.slice(0, 31)], all.slice(0, 5));
    for (const list of lists) expect(sums.summarize('ev-1', list)).toEqual(summarizeEvent(list));
    // Another event beyond the bound evicts the first (never the one asked for).
    expect(sums.summarize('ev-2', all.slice(0, 20))).toEqual(summarizeEvent(all.slice(0, 20)));
    expect(sums.size).toEqual({ events: 2, members: 25 });
    expect(sums.summarize('ev-2', all.slice(0, 21))).toEqual(summarizeEvent(all.slice(0, 21)));
    expect(sums.size).toEqual({ events: 1, members: 21 });
    expect(sums.summarize('ev-2', all.slice(0, 22))).toEqual(summarizeEvent(all.slice(0, 22)));
    expect(sums.summarize('ev-1', all.slice(0, 6))).toEqual(summarizeEvent(all.slice(0, 6)));
    expect(sums.size).toEqual({ events: 1, members: 6 });
    // Cleared (the ingest service lets go of its members): nothing held, and the next summary starts over, the same.
    sums.clear();
    expect(sums.size).toEqual({ events: 0, members: 0 });
    expect(sums.summarize('ev-1', all.slice(0, 7))).toEqual(summarizeEvent(all.slice(0, 7)));
    expect(sums.size).toEqual({ events: 1, members: 7 });
  });
});
