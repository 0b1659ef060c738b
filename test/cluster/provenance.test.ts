import { describe, expect, it } from 'vitest';
import { buildProvenance, type ProvenanceInput } from '../../src/provenance/provenance-graph.js';
import { matchPassages, prepareSentences } from '../../src/provenance/passage-matcher.js';

// Articles written for this test: an agency original and what other outlets did with it.
const ORIGINAL =
  'VALMORA, April 1. /NORDPRESS/. The Kessel dam breached early on Monday, flooding three villages in the Valmora district, regional governor Anna Brix said. ' +
  '"Two thousand residents have been evacuated and nobody is missing," Brix told reporters at the emergency headquarters. ' +
  'Engineers had warned last autumn that the spillway of the dam needed urgent repairs. ' +
  'The regional government has opened temporary shelters in four schools and asked volunteers to bring blankets. ' +
  'Water levels are expected to fall by Wednesday, the hydrological service said in a statement.';

const WIRE_COPY =
  'VALMORA, April 1. /NORDPRESS/. The Kessel dam breached early on Monday, flooding three villages in the Valmora district, regional governor Anna Brix said. ' +
  '"Two thousand residents have been evacuated and nobody is missing," Brix told reporters at the emergency headquarters. ' +
  'Engineers had warned last autumn that the spillway of the dam needed urgent repairs.';

const NEAR_COPY =
  'The Kessel dam breached early on Monday, flooding three villages in the Valmora district, regional governor Anna Brix said. ' +
  '"Two thousand residents have been evacuated and nobody is missing," Brix told reporters at the emergency headquarters. ' +
  'Engineers had warned last autumn that the spillway of this dam needed urgent repairs. ' +
  'The regional government has opened temporary shelters in four schools and asked volunteers to bring blankets.';

const REWRITE =
  'Three villages in the Valmora district were flooded on Monday after the Kessel dam breached, according to the regional governor. ' +
  'Governor Anna Brix indicated that two thousand residents had been evacuated and stressed that no one was missing. ' +
  'The breach came after engineers warned last autumn that the dam spillway urgently needed repairs, a concern that now looks prescient. ' +
  'Temporary shelters were opened by the regional government in four schools, and volunteers were asked to bring blankets for the displaced. ' +
  'The statement from the hydrological service noted that water levels should fall by Wednesday.';

const UNRELATED =
  'Grandmaster Ivan Orlov won the world chess championship final in Dorn on Sunday. He beat Lee Tan in a rapid tie-break. ' +
  'The match had gone to twelve drawn classical games. Orlov said he had prepared the opening for months. The prize fund was two million euros.';

const articles: ProvenanceInput[] = [
  { id: 'orig', publishedAt: '2024-04-01T08:00', outlet: 'NORDPRESS', text: ORIGINAL, wire: false, agency: 'NORDPRESS' },
  { id: 'wire', publishedAt: '2024-04-01T09:00', outlet: 'Daily Valmoran', text: WIRE_COPY, wire: true, agency: 'NORDPRESS' },
  { id: 'copy', publishedAt: '2024-04-01T10:00', outlet: 'Copy Site', text: NEAR_COPY },
  { id: 'rewrite', publishedAt: '2024-04-02T10:00', outlet: 'Rewrite Site', text: REWRITE },
  { id: 'chess', publishedAt: '2024-04-01T10:00', outlet: 'Sports', text: UNRELATED },
];

describe('passage matching', () => {
  it('finds verbatim and paraphrased sentences with the passages as evidence', () => {
    const src = prepareSentences(ORIGINAL);
    const verb = matchPassages(src, prepareSentences(NEAR_COPY));
    expect(verb.filter((p) => p.kind === 'verbatim')).toHaveLength(4);
    const para = matchPassages(src, prepareSentences(REWRITE));
    expect(para.filter((p) => p.kind === 'paraphrase').length).toBeGreaterThanOrEqual(3);
    expect(para.some((p) => p.copyText.startsWith('Temporary shelters') && p.sourceText.startsWith('The regional government'))).toBe(true);
    expect(matchPassages(src, prepareSentences(UNRELATED))).toEqual([]);
  });
});

describe('buildProvenance', () => {
  const result = buildProvenance(articles);
  const cls = (id: string) => result.articles.find((a) => a.id === id)!;

  it('draws directed edges from the earlier source, with kind and evidence', () => {
    const edge = (to: string) => result.edges.filter((e) => e.to === to).sort((a, b) => b.score - a.score)[0];
    // An outlet carrying the agency's text, the agency's own report present: a near-copy of that report.
    expect(edge('wire')).toMatchObject({ from: 'orig', kind: 'near-copy' });
    expect(edge('wire')?.evidence).toMatch(/wire credits NORDPRESS, the outlet of orig/);
    expect(edge('copy')).toMatchObject({ from: 'orig', kind: 'near-copy' });
    expect(edge('rewrite')?.kind).toBe('rewrite');
    expect(edge('rewrite')?.evidence).toMatch(/dated 2024-04-0[12], before rewrite/);
    expect(edge('rewrite')?.evidence).toMatch(/paraphrased/);
    expect(result.edges.some((e) => e.from === 'chess' || e.to === 'chess')).toBe(false);
    expect(result.edges.some((e) => e.to === 'orig')).toBe(false);
  });

  it('classifies each article and names its closest source', () => {
    // The agency's own credited report is wire copy; it copies nothing.
    expect(cls('orig')).toMatchObject({ classification: 'wire', source: null });
    expect(cls('orig').explanation).toMatch(/agency's own wire report/);
    expect(cls('wire')).toMatchObject({ classification: 'near-copy', source: 'orig' });
    expect(cls('copy')).toMatchObject({ classification: 'near-copy', source: 'orig' });
    // The rewrite matches the agency report and both of its copies: the original of that family is named.
    expect(cls('rewrite')).toMatchObject({ classification: 'rewrite', source: 'orig', unattributedParaphrase: false });
    expect(cls('rewrite').explanation).toMatch(/of its content words/);
    expect(cls('chess').classification).toBe('original');
  });

  it('without the source present, the rewrite is an unattributed paraphrase', () => {
    const alone = buildProvenance([articles[3]!, articles[4]!]);
    expect(alone.articles[0]).toMatchObject({ classification: 'rewrite', source: null, unattributedParaphrase: true });
  });
});
