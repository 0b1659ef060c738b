import { describe, expect, it } from 'vitest';
import { compareCoverage, summarizeEvent, type SummaryArticle } from '../../src/cluster/event-summary.js';

const arts: SummaryArticle[] = [
  {
    id: 'a',
    title: 'Dam breach floods Valmora villages',
    text: 'The Kessel dam breached on Monday and flood water swept through three villages near Valmora. Rescue teams evacuated two thousand residents. The mayor of Dorn offered help.',
    publishedAt: '2024-04-01',
    outlet: 'Outlet A',
    entities: ['Anna Brix', 'Kessel dam'],
    places: ['Valmora'],
  },
  {
    id: 'b',
    title: 'Valmora flood: thousands evacuated after Kessel dam breach',
    text: 'Rescue teams evacuated two thousand residents of three villages near Valmora after the Kessel dam breach. Engineers had warned about the spillway for a year.',
    publishedAt: '2024-04-03',
    outlet: 'Outlet B',
    entities: ['Anna Brix'],
    places: ['Valmora'],
  },
  {
    id: 'c',
    title: 'Weather',
    text: 'Flood water from the Kessel dam reached villages near Valmora on Monday, and rescue teams evacuated residents.',
    publishedAt: null,
    outlet: 'Outlet A',
    entities: [],
    places: ['Valmora', 'Dorn'],
  },
];

describe('summarizeEvent', () => {
  it('labels with the most representative headline and summarises extractively', () => {
    const s = summarizeEvent(arts);
    expect(s.label).toBe('Valmora flood: thousands evacuated after Kessel dam breach');
    expect(s.summary.length).toBeGreaterThan(40);
    for (const sentence of s.summary.split(/(?<=\.) /)) expect(arts.some((a) => a.text.includes(sentence))).toBe(true);
    expect(s).toMatchObject({ firstDate: '2024-04-01', lastDate: '2024-04-03', outlets: ['Outlet A', 'Outlet B'] });
    expect(s.keyEntities[0]).toBe('Anna Brix');
    expect(s.keyPlaces[0]).toBe('Valmora');
  });
});

describe('compareCoverage', () => {
  it('lists sentences unique to each outlet, chosen statements and usual outlets that are missing', () => {
    const cov = compareCoverage(
      arts,
      [{ articleId: 'b', speaker: 'Anna Brix', text: 'nobody is missing' }],
      new Map([
        ['Outlet A', 0.9],
        ['Outlet C', 0.8],
        ['Outlet D', 0.2],
      ]),
    );
    const a = cov.outlets.find((o) => o.outlet === 'Outlet A')!;
    const b = cov.outlets.find((o) => o.outlet === 'Outlet B')!;
    expect(a.uniqueSentences).toContain('The mayor of Dorn offered help.');
    expect(b.uniqueSentences).toContain('Engineers had warned about the spillway for a year.');
    expect(b.uniqueSentences.some((s) => s.startsWith('Rescue teams'))).toBe(false);
    expect(b.speakers).toEqual(['Anna Brix']);
    expect(a.statements).toEqual([]);
    expect(cov.missingOutlets).toEqual([{ outlet: 'Outlet C', coveredShare: 0.8 }]);
  });
});
