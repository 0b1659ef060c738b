import { describe, expect, it } from 'vitest';
import { buildProvenance, countDirectQuotes, ProvenanceMemo, type ProvenanceInput, type ProvenanceResult } from '../../src/provenance/provenance-graph.js';
import { contentContainment, prepareSentences } from '../../src/provenance/passage-matcher.js';

// Short articles written for these tests (an invented port, ferry line and people), one per provenance rule.
const AGENCY_SENTENCES = [
  'HARBOURTON, May 3 (Baltpress) — Two passenger ferries collided in the fog outside Harbourton port on Saturday morning, injuring eleven people, the coast guard said.',
  '"Both captains reported zero visibility minutes before the impact," coast guard spokesman Oskar Lind told reporters at the quay.',
  'The larger vessel, the Nordlys Star, was carrying four hundred passengers on its regular crossing to Kallo island.',
  'All injured passengers were taken to the regional hospital, where three remain under observation with broken bones.',
  'The ferry operator Kallo Lines suspended its morning departures and said it would cooperate fully with investigators.',
  'Maritime inspectors will examine the radar logs of both ships, a spokeswoman for the transport ministry said on Saturday.',
];
const AGENCY = AGENCY_SENTENCES.join(' ');
// Carried by another outlet: the last sentence dropped, one word changed.
const CARRIED = AGENCY_SENTENCES.slice(0, 5).join(' ').replace('told reporters', 'told journalists');

// An independent report of the same collision: its own witnesses and quotes, the same facts.
const INDEPENDENT =
  'Fog horns were still sounding over Harbourton on Saturday afternoon when the first passengers of the Nordlys Star came ashore. ' +
  '"We heard a crash and the whole deck tilted," said Maja Holm, a teacher travelling to Kallo island with her class. ' +
  'Eleven people were injured when the ferry and a smaller Kallo Lines vessel collided in thick fog outside the port. ' +
  'Harbour workers described the visibility as the worst they had seen this spring. ' +
  '"Nobody should sail in weather like this," dock worker Petter Aalto said, pointing at the grey wall over the water.';

// A paraphrase of the agency report: same facts, new wording, no quote, no credit.
const REWRITE =
  'Eleven people were hurt on Saturday when two ferries ran into each other in dense fog near Harbourton port, according to the coast guard. ' +
  'The captains of both vessels had reported that they could see nothing just minutes before the collision, a coast guard spokesman indicated. ' +
  'The Nordlys Star, the bigger of the two, had four hundred passengers aboard for its usual crossing to Kallo island. ' +
  'The injured were brought to the regional hospital and three of them are still being observed for broken bones. ' +
  'Kallo Lines has halted its morning departures, the company said, and stressed its full cooperation with the investigators, while ministry inspectors examine the radar logs.';

// A later paraphrase of the paraphrase (undated blog): a rewrite chain should not name the rewrite as source.
const SECOND_REWRITE =
  'Eleven people were hurt when two ferries ran into each other in dense fog near Harbourton port, the coast guard indicated. ' +
  'The bigger vessel, the Nordlys Star, had four hundred passengers aboard for the usual crossing to Kallo island, and the captains reportedly could see nothing. ' +
  'The injured were brought to the regional hospital, three of them with broken bones, and Kallo Lines halted its morning departures. ' +
  'Ministry inspectors are now said to examine the radar logs, a message that stressed the need for cooperation.';

const UNRELATED =
  'The city orchestra of Dornhaven opened its winter season on Friday with a programme of Nordic symphonies. ' +
  'Conductor Ilse Marten said the hall had been sold out for weeks and that a second concert would be added. ' +
  'The orchestra plans a tour of five cities in the spring, its first abroad in a decade.';

function art(id: string, text: string, extra: Partial<ProvenanceInput> = {}): ProvenanceInput {
  return { id, text, publishedAt: null, outlet: null, ...extra };
}

const agency = art('agency', AGENCY, { outlet: 'Baltpress', agency: 'Baltpress', publishedAt: '2025-05-03T10:00' });
const carrierA = art('carrierA', CARRIED, { outlet: 'Morning Gazette', agency: 'Baltpress', wire: true, publishedAt: '2025-05-03T12:00' });
const carrierB = art('carrierB', CARRIED, { outlet: 'Evening Star', agency: 'Baltpress', wire: true, publishedAt: '2025-05-04' });
const independent = art('independent', INDEPENDENT, { outlet: 'Harbourton Times', publishedAt: '2025-05-03T16:00', directQuotes: 2 });
const rewrite = art('rewrite', REWRITE, { outlet: 'Quick Takes', publishedAt: '2025-05-04T09:00', directQuotes: 0 });
const concert = art('concert', UNRELATED, { outlet: 'Harbourton Times', publishedAt: '2025-05-03T09:00' });

const of = (r: ProvenanceResult, id: string) => r.articles.find((a) => a.id === id)!;
const edgesTo = (r: ProvenanceResult, id: string) => r.edges.filter((e) => e.to === id);

describe('wire credits and datelines', () => {
  it("the agency's own credited report is wire copy; an outlet carrying it is a near-copy of it", () => {
    const r = buildProvenance([carrierA, agency, concert]);
    expect(of(r, 'agency')).toMatchObject({ classification: 'wire', source: null });
    expect(of(r, 'carrierA')).toMatchObject({ classification: 'near-copy', source: 'agency' });
    expect(of(r, 'carrierA').explanation).toMatch(/carrierA credits Baltpress, the outlet of agency/);
    expect(of(r, 'carrierA').explanation).toMatch(/5 verbatim/);
    expect(of(r, 'concert').classification).toBe('original');
  });

  it('two outlets carrying the same wire text, the agency absent, are both wire copies and not copies of each other', () => {
    const r = buildProvenance([carrierB, carrierA]);
    for (const id of ['carrierA', 'carrierB']) expect(of(r, id)).toMatchObject({ classification: 'wire', source: null });
    expect(r.edges).toHaveLength(1);
    expect(r.edges[0]).toMatchObject({ kind: 'wire' });
    expect(r.edges[0]!.evidence).toMatch(/neither copies the other/);
    expect(of(r, 'carrierB').explanation).toMatch(/also carried by carrierA/);
  });

  it('a credit to the other outlet decides the direction even against a misleading date', () => {
    const early = { ...carrierA, publishedAt: '2025-05-02T08:00' };
    const r = buildProvenance([early, agency]);
    expect(of(r, 'carrierA')).toMatchObject({ classification: 'near-copy', source: 'agency' });
  });

  it('a credited piece that paraphrases is wire copy, never an uncredited rewrite', () => {
    const credited = { ...rewrite, agency: 'Baltpress', wire: true };
    const r = buildProvenance([agency, credited]);
    expect(of(r, 'rewrite').classification).toBe('wire');
    expect(edgesTo(r, 'rewrite').some((e) => e.kind === 'rewrite')).toBe(false);
  });
});

describe('date order', () => {
  // Two uncredited outlets with the same text (a scraper copy): only dates and wording tell the direction.
  const paper = art('paper', AGENCY.replace('HARBOURTON, May 3 (Baltpress) — ', ''), { outlet: 'Harbourton Times' });
  const scraped = art('scraped', CARRIED.replace('HARBOURTON, May 3 (Baltpress) — ', ''), { outlet: 'Copy Site' });

  it('the earlier-dated carrier is the source', () => {
    const r = buildProvenance([
      { ...paper, publishedAt: '2025-05-05' },
      { ...scraped, publishedAt: '2025-05-04' },
    ]);
    // The shorter text is the earlier one here: the date wins over wording.
    expect(of(r, 'paper')).toMatchObject({ classification: 'near-copy', source: 'scraped' });
    expect(of(r, 'paper').explanation).toMatch(/scraped is dated 2025-05-04, before paper \(2025-05-05\)/);
  });

  it('an undated piece is never the source of a dated one, whatever the input order', () => {
    const r = buildProvenance([
      { ...paper, publishedAt: null },
      { ...scraped, publishedAt: '2025-05-09' },
    ]);
    expect(of(r, 'paper')).toMatchObject({ classification: 'near-copy', source: 'scraped' });
    expect(of(r, 'paper').explanation).toMatch(/paper is undated and cannot be shown to precede scraped/);
  });

  it('a day-only date is the same day as a timed one (not midnight); the trimmed version is then the copy', () => {
    // Both read as the agency's own report (as when an extractor takes the credit for the outlet).
    const full = { ...agency, id: 'full', publishedAt: '2025-05-03T15:00' };
    const trimmed = { ...carrierA, id: 'trimmed', outlet: 'Baltpress', wire: false, publishedAt: '2025-05-03' };
    for (const order of [[full, trimmed], [trimmed, full]]) {
      const r = buildProvenance(order);
      expect(of(r, 'trimmed')).toMatchObject({ classification: 'near-copy', source: 'full' });
      expect(of(r, 'trimmed').explanation).toMatch(/both dated 2025-05-03; trimmed reads as a trimmed version of full/);
      expect(of(r, 'full')).toMatchObject({ classification: 'wire', source: null });
    }
  });
});

describe('rewrites', () => {
  it('finds the paraphrase by its content words where sentence wording differs', () => {
    const words = (t: string) => new Set(prepareSentences(t).flatMap((s) => [...s.content]));
    const toAgency = contentContainment(words(REWRITE), words(AGENCY));
    const toConcert = contentContainment(words(REWRITE), words(UNRELATED));
    expect(toAgency.share).toBeGreaterThan(0.5);
    expect(toConcert.share).toBeLessThan(0.1);
  });

  it('an uncredited, quote-less paraphrase is a rewrite of its closest earlier source; an independent report is not', () => {
    const r = buildProvenance([independent, rewrite, agency, concert]);
    expect(of(r, 'rewrite')).toMatchObject({ classification: 'rewrite', source: 'agency', unattributedParaphrase: false });
    expect(of(r, 'rewrite').explanation).toMatch(/content-word overlap 0\.\d\d \(Dice\): \d+ shared/);
    // Same facts, its own quotes: an original report.
    expect(of(r, 'independent').classification).toBe('original');
  });

  it('names the original of a near-copy family, not one of its copies', () => {
    const r = buildProvenance([carrierA, rewrite, agency]);
    expect(of(r, 'rewrite')).toMatchObject({ classification: 'rewrite', source: 'agency' });
  });

  it('quotes taken over from the source do not make a piece independent', () => {
    const withQuote = { ...rewrite, text: `${REWRITE} "Both captains reported zero visibility minutes before the impact," the spokesman said.`, directQuotes: 1 };
    const r = buildProvenance([agency, withQuote]);
    expect(of(r, 'rewrite')).toMatchObject({ classification: 'rewrite', source: 'agency' });
    const ownQuote = { ...rewrite, text: `${REWRITE} "We will sail again next week," a Kallo Lines captain said.`, directQuotes: 1 };
    expect(of(buildProvenance([agency, ownQuote]), 'rewrite').classification).toBe('original');
  });

  it('a rewrite of a rewrite names the reporting source, not the other rewrite', () => {
    const blog = art('blog', SECOND_REWRITE, { outlet: 'Blog', directQuotes: 0 });
    const r = buildProvenance([agency, rewrite, blog]);
    expect(of(r, 'rewrite').source).toBe('agency');
    expect(of(r, 'blog')).toMatchObject({ classification: 'rewrite', source: 'agency' });
  });

  it('with the source absent, a quote-less uncredited report of statements is an unattributed paraphrase', () => {
    const r = buildProvenance([rewrite, concert]);
    expect(of(r, 'rewrite')).toMatchObject({ classification: 'rewrite', source: null, unattributedParaphrase: true });
    expect(of(r, 'rewrite').explanation).toMatch(/without a single direct quote/);
  });
});

describe('quotes', () => {
  it('counts a quote left open at the end of its paragraph (it closes in a later one)', () => {
    const text =
      'The minister said the talks would go on.\n“It is of particular concern that the incidents continue despite all the steps taken.\n' +
      'We call on all parties to avoid escalation," she added.';
    expect(countDirectQuotes(text)).toBeGreaterThanOrEqual(1);
    expect(countDirectQuotes('No quote here at all, only a 27" monitor on the desk of the press office.')).toBe(0);
  });
});

describe('hostile text', () => {
  it('handles long runs of quotes, dates and punctuation without blowing up', () => {
    const junk = `${'"'.repeat(5000)}${'“a'.repeat(5000)}${'2025-05-03T'.repeat(2000)} ${'said '.repeat(3000)}`;
    const pool = [
      art('junk', junk, { publishedAt: '2025-05-03T10:00:00.123456789+02:00x'.repeat(3) }),
      art('junk2', junk.split('').reverse().join(''), { publishedAt: `${'9'.repeat(5000)}` }),
      agency,
    ];
    const r = buildProvenance(pool);
    expect(r.articles.map((a) => a.id)).toEqual(['junk', 'junk2', 'agency']);
    expect(buildProvenance(pool, {}, new ProvenanceMemo())).toEqual(r);
  });
});

describe('provenance memo (work reused between calls on a growing event)', () => {
  const second = art('second', SECOND_REWRITE, { outlet: 'Blog', directQuotes: 0 });
  // An event growing one article at a time, then re-ordered, then with one article's text changed under the same id.
  const pools: ProvenanceInput[][] = [
    [agency],
    [agency, carrierA],
    [agency, carrierA, independent],
    [agency, carrierA, independent, rewrite],
    [agency, carrierA, independent, rewrite, carrierB, second],
    [carrierA, independent, rewrite, carrierB, second, concert],
    [second, rewrite, carrierB, agency, carrierA],
    [second, rewrite, { ...carrierB, text: AGENCY }, agency, carrierA],
    [second, rewrite, { ...carrierB, publishedAt: '2025-05-02' }, agency, carrierA],
  ];

  it('gives exactly the result computed from scratch, pool after pool', () => {
    const memo = new ProvenanceMemo();
    for (const pool of pools) expect(buildProvenance(pool, {}, memo)).toEqual(buildProvenance(pool));
  });

  it('stays exact when its bounds evict entries', () => {
    // Bounded by articles, by pair decisions, by bytes (a few articles' worth), and by all three at their smallest.
    for (const memo of [new ProvenanceMemo({}, 2), new ProvenanceMemo({}, 100, 3), new ProvenanceMemo({}, 100, 100, 20_000), new ProvenanceMemo({}, 1, 1, 1)]) {
      for (const pool of [...pools, ...pools.slice().reverse()]) expect(buildProvenance(pool, {}, memo)).toEqual(buildProvenance(pool));
      const { articles, pairs } = memo.stats();
      expect(articles).toBeLessThanOrEqual(100);
      expect(pairs).toBeLessThanOrEqual(100);
    }
  });
});
