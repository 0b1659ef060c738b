/**
 * Golden files on pages written for this project (different outlets, languages
 * and chrome from the seeds), so the rules are shown to generalise. Regenerate
 * with `npx tsx test/extract-text/regenerate-golden.ts` and review the diff.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractedArticle } from '../../src/model/types.js';
import { listCases, runCase, type GoldenCase } from './golden-cases.js';

const cases = listCases();

function article(name: string): ExtractedArticle {
  const c = cases.find((x) => x.name === name) as GoldenCase;
  const r = runCase(c);
  if (!r.ok) throw new Error(`${name} rejected: ${r.reason}`);
  return r.value;
}

describe('golden text pages', () => {
  it('has the fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(6);
  });
  for (const c of cases) {
    it(`${c.name} matches expected.json`, () => {
      const expected: unknown = JSON.parse(readFileSync(path.join(c.dir, 'expected.json'), 'utf8'));
      expect(runCase(c)).toEqual(expected);
    });
  }
});

// The same behaviour stated as properties, so a regenerated golden file cannot quietly accept a regression.
describe('text-page rules generalise beyond the seeds', () => {
  it('wire copy on a regional site: outlet from the copyright line, Reuters credit, byline, dated header', () => {
    const a = article('caspian-ledger-wire');
    expect(a.outlet).toBe('Caspian Ledger');
    expect(a.wire).toBe(true);
    expect(a.dateline?.agency).toBe('Reuters');
    expect(a.dateline?.place).toBe('Baku');
    expect(a.byline).toBe('Anna Petrosyan');
    expect(a.publishedAt).toBe('2024-03-14T10:15');
    expect(a.dateConfidence).toBe('high');
    for (const chrome of ['cookies', 'Skip to main content', 'Share | Tweet', 'Read also', 'Port strike', 'Privacy policy']) {
      expect(a.text).not.toContain(chrome);
    }
    expect(a.text).toContain('Georgian officials said the agreement');
  });

  it('AP copy: repeated photo caption, share bar and related list dropped; agency copyright is not the outlet', () => {
    const a = article('islands-gazette-ap');
    expect(a.outlet).toBe('Islands Gazette');
    expect(a.wire).toBe(true);
    expect(a.dateline?.agency).toBe('AP');
    expect(a.dateline?.place).toBe('Honolulu');
    expect(a.byline).toBe('Jennifer Kelleher');
    expect(a.publishedAt).toBe('2024-06-04T18:12');
    expect(a.removed.find((b) => b.text.includes('AP Photo'))?.reason).toBe('caption');
    expect(a.text).not.toContain('AP Photo');
    expect(a.text).not.toContain('Scientists map new fissure');
    expect(a.text).not.toContain('Facebook Twitter');
    expect(a.text).toContain('Residents of two nearby subdivisions');
  });

  it('hard-wrapped newsletter: lines rejoined, appeal dropped, year from the page date with its basis', () => {
    const a = article('hardwrapped-newsletter');
    expect(a.paragraphs.length).toBe(4);
    expect(a.text).not.toContain('\nthe country');
    expect(a.text).not.toContain('Donate');
    expect(a.text).not.toContain('receiving this');
    expect(a.outlet).toBe('South Caucasus Brief');
    expect(a.dateline?.place).toBe('Tbilisi');
    expect(a.dateline?.day).toBe('--05-03');
    expect(a.dates.find((d) => d.value === '2025-05-05')?.role).toBe('page');
    expect(a.publishedAt).toBe('2025-05-03');
    expect(a.dateConfidence).toBe('low');
    expect(a.dateSource).toBe('dateline+year-from:page-date');
  });

  it('Russian wire page: Cyrillic dateline, feed of dated headlines removed by layout alone, year left unknown', () => {
    const a = article('novosti-ru-dated-feed');
    expect(a.language).toBe('ru');
    expect(a.outlet).toBe('TASS');
    expect(a.dateline?.place).toBe('Москва');
    expect(a.publishedAt).toBe('--04-12');
    expect(a.dateSource).toBe('dateline:year-unknown');
    expect(a.text).not.toContain('Курс рубля');
    expect(a.removed.find((b) => b.text.includes('Курс рубля'))?.reason).toBe('sidebar-list');
    expect(a.removed.find((b) => b.text.includes('Читайте также'))?.reason).toBe('related');
    expect(a.removed.find((b) => b.text.includes('Поделиться'))?.reason).toBe('share');
    expect(a.text).not.toContain('делимитации');
  });

  it('aggregator page: masthead is the outlet, the wire agency the credit, the tagline not the title', () => {
    const a = article('harbour-digest-aggregator');
    expect(a.outlet).toBe('Harbour Digest');
    expect(a.dateline?.agency).toBe('Reuters');
    expect(a.wire).toBe(true);
    expect(a.title).toBe('Dock workers win two-year pay rise at North Sea ports');
    expect(a.subtitle).toBeNull();
    // The foot-of-page date only bounds the dateline's year; it is never the article's date with confidence.
    expect(a.publishedAt).toBe('2023-05-03');
    expect(a.dateConfidence).toBe('low');
    expect(a.text).not.toContain('Rotterdam Opens Hydrogen');
  });

  it('meta lines: date · time · updated, Text: byline, image placeholder, appeal, copyright year', () => {
    const a = article('fjord-post-meta-lines');
    expect(a.title).toBe('Ferry crews end strike after nine days at sea and ashore');
    expect(a.outlet).toBe('Fjord Post');
    expect(a.byline).toBe('Maija Virtanen');
    expect(a.publishedAt).toBe('2023-03-14T08:15');
    expect(a.dateConfidence).toBe('high');
    expect(a.text.startsWith('Ferry crews on the western coast')).toBe(true);
    expect(a.text).not.toContain('[Image');
    expect(a.text).not.toContain('journalism costs money');
    expect(a.text).not.toContain('3,000 members');
    expect(a.text).toContain('refunded in full');
  });

  it('index pages and stubs are refused with a reason', () => {
    const index = runCase(cases.find((c) => c.name === 'index-page-no-article') as GoldenCase);
    expect(index.ok ? null : index.reason).toBe('no-article');
    const stub = runCase(cases.find((c) => c.name === 'stub-too-short') as GoldenCase);
    expect(stub.ok ? null : stub.reason).toBe('too-short');
  });
});
