/**
 * A hand-built Article (the `analyze --json` payload) from a short wire story
 * written for this test, with every offset computed from the text so that the
 * sample is internally consistent. Typed as `Article`, so the compiler checks
 * it against `src/model/types.ts` while the schema test checks it against
 * `docs/schema.json`: the two cannot drift apart silently.
 */
import type { Article, ArticleId } from '../../src/model/types.js';

export const SAMPLE_TEXT =
  'CÁCERES, March 14. /Nordwire/. Portugal and Spain signed an emergency protocol on Tuesday. ' +
  '"This protocol shows that two neighbours can share a scarce river," Spanish Minister Elena Robles said. ' +
  'Environment Minister Ana Lopes said it was not everything Lisbon asked for last August.';

/** Offsets of the n-th occurrence (0-based) of `needle`, end exclusive. */
export function span(text: string, needle: string, nth = 0): { start: number; end: number; text: string } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found in sample text`);
  }
  return { start: at, end: at + needle.length, text: needle };
}

export function sampleArticle(): Article {
  const t = SAMPLE_TEXT;
  const dateline = span(t, 'CÁCERES, March 14. /Nordwire/.');
  const quote = span(t, 'This protocol shows that two neighbours can share a scarce river,');
  const robles = span(t, 'Elena Robles');
  const lopes = span(t, 'Ana Lopes');
  return {
    id: 'a0123456789abcde' as ArticleId,
    source: 'demo/corpus/nordwire-2023-03-14-iberia-water-protocol.txt',
    contentHash: 'f'.repeat(64),
    simhash: '0f1e2d3c4b5a6978',
    title: 'Portugal and Spain sign drought protocol for shared rivers',
    outlet: 'Nordwire',
    url: null,
    byline: null,
    publishedAt: '2023-03-14T16:02',
    dateConfidence: 'high',
    dateSource: 'text:date-line',
    dates: [{ value: '2023-03-14T16:02', text: '14 March 2023, 16:02', role: 'article', source: 'text:date-line' }],
    dateline: { place: 'Cáceres', agency: 'Nordwire', day: '--03-14', text: dateline.text, start: dateline.start, end: dateline.end },
    wire: true,
    language: 'en',
    text: t,
    paragraphs: [{ start: 0, end: t.length, kind: 'p' }],
    removed: [{ text: 'Read also', reason: 'related' }],
    method: 'text-cleaner',
    sentences: [{ start: 0, end: t.indexOf(' "') }],
    entities: [
      { ...span(t, 'Portugal'), type: 'LOC', entityId: 'e1', name: 'Portugal' },
      { ...robles, type: 'PERSON', entityId: 'e2', name: 'Elena Robles' },
      { ...lopes, type: 'PERSON', entityId: 'e3', name: 'Ana Lopes' },
    ],
    entityTable: [
      { id: 'e1', name: 'Portugal', type: 'LOC', aliases: [], roles: [], geonameId: 2264397 },
      { id: 'e2', name: 'Elena Robles', type: 'PERSON', aliases: ['Robles'], roles: [{ role: 'minister', affiliation: 'Spain', evidence: 'Spanish Minister' }] },
      { id: 'e3', name: 'Ana Lopes', type: 'PERSON', aliases: [], roles: [{ role: 'environment minister', evidence: 'Environment Minister' }] },
    ],
    quotes: [
      {
        ...quote,
        kind: 'direct',
        cue: { ...span(t, 'said'), stance: 'neutral' },
        speaker: { ...robles, entityId: 'e2', name: 'Elena Robles' },
      },
      {
        ...span(t, 'it was not everything Lisbon asked for last August'),
        kind: 'indirect',
        cue: { ...span(t, 'said', 1), stance: 'neutral' },
        speaker: { ...lopes, entityId: 'e3', name: 'Ana Lopes' },
      },
    ],
    places: [{ ...span(t, 'CÁCERES'), name: 'Cáceres', lat: 39.47649, lon: -6.37224, country: 'Spain', region: 'Extremadura', geonameId: 2520611 }],
    times: [
      { ...span(t, 'on Tuesday'), value: '2023-03-14' },
      { ...span(t, 'last August'), value: '2022-08' },
    ],
  };
}
