import { describe, expect, it } from 'vitest';
import { clusterStream, type ClusterLine } from '../../src/cluster/cluster-stream.js';
import { buildProvenance } from '../../src/provenance/provenance-graph.js';
import { loadSeeds, seedsAvailable } from './seed-docs.js';

if (!seedsAvailable) console.warn('[test/cluster] ../shared/corpus/seeds is absent: seed acceptance tests skipped');

/** The partition as a canonical set of sorted member lists (ids of events ignored). */
function partition(lines: ClusterLine[], key: 'eventId' | 'storylineId'): string[] {
  const groups = new Map<string, string[]>();
  for (const l of lines) groups.set(l[key], [...(groups.get(l[key]) ?? []), l.id]);
  return [...groups.values()].map((g) => g.sort().join(',')).sort();
}

describe.skipIf(!seedsAvailable)('seed corpus (acceptance)', () => {
  const seeds = seedsAvailable ? loadSeeds() : [];
  const inputs = seeds.map((s) => ({ ...s, source: `seeds/${s.id}` }));

  it('forms one story line with at least three events; 001 and 003 in the same or adjacent events', () => {
    const { lines, clusterer } = clusterStream(inputs);
    expect(new Set(lines.map((l) => l.storylineId)).size).toBe(1);
    const events = clusterer.listEvents();
    expect(events.length).toBeGreaterThanOrEqual(3);
    const e001 = lines.find((l) => l.id === '001')!.eventId;
    const e003 = lines.find((l) => l.id === '003')!.eventId;
    if (e001 !== e003) {
      // Adjacent: no other event starts between them on the story line's timeline.
      const dated = events.filter((e) => e.firstDate !== null).sort((a, b) => a.firstDate!.localeCompare(b.firstDate!));
      const i = dated.findIndex((e) => e.id === e001);
      const j = dated.findIndex((e) => e.id === e003);
      expect(Math.abs(i - j)).toBe(1);
    }
    // The 2023 rewrite and the 2025 briefing are their own events.
    const e004 = lines.find((l) => l.id === '004')!.eventId;
    const e002 = lines.find((l) => l.id === '002')!.eventId;
    expect(new Set([e001, e002, e004]).size).toBe(3);
  });

  it('yields the same events and story lines whatever the input order', () => {
    const base = clusterStream(inputs).lines;
    for (const order of [[4, 3, 2, 1, 0], [2, 0, 4, 1, 3], [1, 4, 0, 3, 2]]) {
      const lines = clusterStream(order.map((i) => inputs[i]!)).lines;
      expect(partition(lines, 'eventId')).toEqual(partition(base, 'eventId'));
      expect(partition(lines, 'storylineId')).toEqual(partition(base, 'storylineId'));
    }
  });

  it('marks 004 as a rewrite: an unattributed paraphrase, since its source is not among the seeds', () => {
    const result = buildProvenance(seeds);
    const p004 = result.articles.find((a) => a.id === '004')!;
    expect(p004.classification).toBe('rewrite');
    expect(p004.unattributedParaphrase).toBe(true);
    expect(p004.source).toBeNull();
    expect(p004.explanation).toMatch(/without a single direct quote/);
    expect(result.articles.find((a) => a.id === '003')!.classification).toBe('wire');
    expect(result.articles.find((a) => a.id === '001')!.classification).toBe('original');
    expect(result.articles.find((a) => a.id === '002')!.classification).toBe('original');
    expect(result.articles.find((a) => a.id === '000')!.classification).toBe('original');
  });

  it('marks 004 as a rewrite of its closest source when one is present', () => {
    // A briefing report written for this test: the facts 004 paraphrases, with direct quotes, a day earlier.
    const briefing = {
      id: 'briefing',
      publishedAt: '2023-09-20T14:00',
      outlet: 'Briefing Wire',
      text:
        'Russia remains firmly involved with Armenia and its peacekeepers will continue their presence in the region, Foreign Ministry spokesperson Maria Zakharova told a weekly briefing on Wednesday. ' +
        '"The Russian-Armenian alliance is a cornerstone of regional security and a strategic priority for us," Zakharova said, adding that Moscow supports Armenia\'s sovereignty and territorial integrity. ' +
        'She said peacekeeping efforts and bilateral ties remain a stable basis for managing tensions along the line dividing Armenian and Azerbaijani forces. ' +
        'Zakharova commented on Armenia\'s ratification of the Rome Statute of the International Criminal Court, its dialogue with Kyiv and its joint exercises with the United States. ' +
        '"We hope Yerevan recognises the risks of such adventurous steps, which only help Western capitals advance their own agendas in the South Caucasus," she said. ' +
        'She urged Armenia and Azerbaijan to halt hostilities and return to diplomacy, saying Moscow is ready to act as a facilitator of dialogue and confidence-building measures. ' +
        'Earlier, the Azerbaijani Ministry of Defense reported a disagreement between the defense ministers of Azerbaijan and Turkey after a phone call. ' +
        "Members of the State Duma have criticised Armenia's stance on the developments in Karabakh.",
    };
    const seeds = loadSeeds();
    const result = buildProvenance([...seeds, briefing]);
    const p004 = result.articles.find((a) => a.id === '004')!;
    expect(p004).toMatchObject({ classification: 'rewrite', source: 'briefing', unattributedParaphrase: false });
    expect(p004.explanation).toMatch(/briefing is dated 2023-09-20, before 004/);
    // The briefing is the original; the seeds of other years do not become its copies or sources.
    expect(result.articles.find((a) => a.id === 'briefing')!.classification).toBe('original');
    for (const id of ['000', '001', '002']) expect(result.articles.find((a) => a.id === id)!.classification).toBe('original');
  });
});

describe.skipIf(!seedsAvailable)('seed story line summary', () => {
  it('labels the story line and lays its events out on a timeline, oldest first', async () => {
    const { summarizeStoryline } = await import('../../src/cluster/storyline-summary.js');
    const seeds = loadSeeds();
    const { lines } = clusterStream(seeds.map((s) => ({ ...s, source: s.id })));
    const byEvent = new Map<string, typeof seeds>();
    for (const l of lines) byEvent.set(l.eventId, [...(byEvent.get(l.eventId) ?? []), seeds.find((s) => s.id === l.id)!]);
    const summary = summarizeStoryline(
      [...byEvent].map(([eventId, articles]) => ({ eventId, articles })),
      [{ articleId: '001', speaker: 'Maria Zakharova', text: 'Russia is ready to help.' }],
    );
    expect(summary.timeline.length).toBeGreaterThanOrEqual(3);
    expect(summary.timeline[0]!.firstDate).toBe('2021-05-27');
    expect(summary.lastDate).toBe('2025-03-20');
    expect(summary.label).toMatch(/\(2021–2025\)$/);
    expect(summary.statements[0]).toMatchObject({ speaker: 'Maria Zakharova', date: '2021-05-27T09:24' });
  });
});
