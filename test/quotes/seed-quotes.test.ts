/**
 * Acceptance on the five seed pages (read in place from ../shared; skipped when
 * absent). Each page is cut to its article part — from the title to the first
 * boilerplate line — as the extraction stage would hand it over.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../src/enrich/quotes/quote-extractor.js';
import { splitSentences } from '../../src/enrich/sentences/sentence-splitter.js';
import { recognizeEntities } from '../../src/enrich/entities/entity-recognizer.js';
import { linkStatements, type StatementInput } from '../../src/statements/statement-linker.js';
import type { Quote } from '../../src/model/types.js';

const seedDir = path.resolve(__dirname, '../../../shared/corpus/seeds');
const present = existsSync(seedDir) && readdirSync(seedDir).some((f) => f.endsWith('.txt'));
if (!present) console.warn(`[quotes] seed pages not found at ${seedDir}; seed acceptance tests skipped`);

/** Where each article starts (its title) — test knowledge about the pages, not product logic. */
const TITLES: Record<string, string> = {
  '000': 'Russian Foreign Ministry responded',
  '001': 'Russia says ready to help',
  '002': 'Russia expresses its',
  '003': 'Russia increases border troop strength',
  '004': 'Russia reiterates commitment',
};
const END = /\n(?:Latest news|Related Articles|\d\d\.\d\d\.\d{4}|The End of the Minsk Group)/;

function article(prefix: string): string {
  const file = readdirSync(seedDir).find((f) => f.startsWith(prefix))!;
  const raw = readFileSync(path.join(seedDir, file), 'utf8');
  const from = raw.indexOf(TITLES[prefix]!);
  const rest = raw.slice(Math.max(0, from));
  const end = rest.search(END);
  return end < 0 ? rest : rest.slice(0, end);
}

type Names = 'own name fallback' | 'NER entities';

function quotesOf(prefix: string, exclude: { start: number; end: number }[] = [], names: Names = 'own name fallback'): { text: string; quotes: Quote[] } {
  const text = article(prefix);
  const sentences = splitSentences(text);
  // The pipeline passes the NER stage's entities; without them the extractor finds names itself.
  const ner = names === 'NER entities' ? recognizeEntities(text, sentences, { exclude }) : { mentions: [], entities: [] };
  return { text, quotes: extractQuotes(text, sentences, ner.mentions, ner.entities, { outlet: null, exclude }) };
}

const find = (qs: Quote[], words: string): Quote => {
  const q = qs.find((x) => x.text.includes(words));
  expect(q, `a quote containing "${words}"`).toBeDefined();
  return q!;
};

describe.skipIf(!present).each<Names>(['own name fallback', 'NER entities'])('seed acceptance: who said what (%s)', (names) => {
  it('001: every quoted sentence of Zakharova is hers, through "the spokesperson said" too', () => {
    const { text, quotes } = quotesOf('001', [], names);
    const sentences = [
      'The main reason for the border incident',
      'This problem must be solved peacefully',
      'We see the launching of the border delimitation process',
      'Russia is ready to help.',
      'We maintain regular contacts with Baku and Yerevan',
      'Russia is actively making the mediation efforts',
      'Russian peacekeepers guarantee peace and security',
      'The trilateral working group',
    ];
    for (const s of sentences) {
      const q = find(quotes, s);
      expect(q.kind).toBe('direct');
      expect(q.speaker?.name, s).toMatch(/Zakharova/);
    }
    expect(quotes.some((q) => q.speaker?.text === 'the spokesperson' && /Zakharova/.test(q.speaker.name ?? ''))).toBe(true);
    const stressed = find(quotes, 'both countries are at the beginning');
    expect([stressed.kind, stressed.cue.stance, stressed.speaker?.name]).toEqual(['indirect', 'emphatic', expect.stringMatching(/Zakharova/)]);
    expect(text.length).toBeGreaterThan(100);
  });

  it('002: Zakharova (also as "she"), Papikyan and Grigoryan get their statements; the denial and the refusal are recorded', () => {
    const { quotes } = quotesOf('002', [], names);
    for (const s of ['All emerging issues must be resolved', 'are all in force', 'freezing', 'There is no connection', 'One could imagine', 'impossible to ensure the resumption']) {
      expect(find(quotes, s).speaker?.name, s).toMatch(/Zakharova/);
    }
    expect(find(quotes, 'freezing').speaker?.text).toBe('she');
    for (const s of ['did not receive any evidence', 'all dangerous shots']) expect(find(quotes, s).speaker?.name, s).toMatch(/Papikyan/);
    const denied = find(quotes, 'reports about an Azerbaijani military buildup');
    expect([denied.cue.stance, denied.speaker?.name]).toEqual(['denial', expect.stringMatching(/Papikyan/)]);
    expect(find(quotes, 'At this moment the combination of the facts').speaker?.name).toMatch(/Grigoryan/);

    const reality = find(quotes, 'information that does not correspond to reality');
    expect(reality.cue.stance).toBe('denial');
    expect(reality.speaker?.name).toMatch(/Armenia.s Defence Ministry/);

    const refusal = find(quotes, 'The Department of Defence does not comment');
    expect(refusal.cue.stance).toBe('refusal');
    expect(refusal.speaker).toMatchObject({ text: 'a defence official', anonymous: true, via: 'Armenpress', name: null });
  });

  it('003: the embassy statement and the governor are speakers; the dateline stays out', () => {
    const text = article('003');
    const dl = text.indexOf('YEREVAN, June 4. /TASS/.');
    const exclude = [{ start: dl, end: dl + 'YEREVAN, June 4. /TASS/.'.length }];
    const { quotes } = quotesOf('003', exclude, names);
    const statement = find(quotes, 'The parties discussed the situation');
    expect(statement.speaker?.name).toMatch(/Russian embassy/i);
    expect(statement.speaker?.person).toMatch(/Kopyrkin/);
    expect(find(quotes, 'for ending the bloodshed').speaker?.name).toMatch(/Pogosyan/);
    const kopyrkin = find(quotes, 'Moscow has increased the number of Russian border troops');
    expect(kopyrkin.speaker?.name).toMatch(/Kopyrkin/);
    for (const q of quotes) expect(q.start >= exclude[0]!.end || q.end <= exclude[0]!.start).toBe(true);
  });

  it('004: the anonymous rewrite yields reported statements only, attributed to Zakharova', () => {
    const { quotes } = quotesOf('004', [], names);
    expect(quotes.every((q) => q.kind === 'indirect')).toBe(true);
    const hers = quotes.filter((q) => /Zakharova/.test(q.speaker?.name ?? ''));
    expect(hers.length).toBeGreaterThanOrEqual(6);
    for (const s of ['the enduring nature of the Russian-Armenian alliance', 'halt any hostilities', 'Moscow hopes Armenian officials']) {
      expect(find(quotes, s).speaker?.name, s).toMatch(/Zakharova/);
    }
    expect(find(quotes, 'the alliance remains a strategic priority').speaker?.text).toBe('The official');
  });

  it('links a statement that two seed articles carry, with first appearance and outlets', () => {
    const meta: Record<string, [string, string]> = {
      '000': ['regional aggregator', '2021-05-27T12:00'],
      '001': ['regional aggregator', '2021-05-27T09:24'],
      '002': ['OC Media', '2025-04-04'],
      '003': ['TASS', '2021-06-04'],
      '004': ['anonymous rewrite', '2024-01-01'],
    };
    const items: StatementInput[] = [];
    for (const [prefix, [outlet, publishedAt]] of Object.entries(meta)) {
      for (const q of quotesOf(prefix, [], names).quotes) items.push({ articleId: prefix, outlet, publishedAt, speaker: q.speaker?.name ?? null, text: q.text, kind: q.kind, stance: q.cue.stance });
    }
    const linked = linkStatements(items).filter((s) => new Set(s.renderings.map((r) => r.articleId)).size >= 2);
    expect(linked.length).toBeGreaterThanOrEqual(1);
    const emerging = linked.find((s) => s.renderings.some((r) => r.text.includes('All emerging issues')));
    expect(emerging).toBeDefined();
    expect(emerging!.firstArticleId).toBe('000');
    expect(emerging!.outlets).toEqual(['regional aggregator', 'OC Media']);
    expect(emerging!.renderings.map((r) => r.match)).toEqual(['first', 'truncated']);
  });
});
