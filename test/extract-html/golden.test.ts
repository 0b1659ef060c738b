import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, listFixtures, readFixture, runFixture } from './fixture-io.js';
import { extractHtml } from '../../src/extract/html/html-extractor.js';

describe('golden fixtures (pages written for these tests)', () => {
  for (const name of listFixtures()) {
    it(`${name} matches expected.json`, () => {
      const expected = JSON.parse(fs.readFileSync(path.join(fixturesDir, name, 'expected.json'), 'utf8')) as unknown;
      expect(runFixture(name)).toEqual(expected);
    });
  }
});

// The golden files pin everything; these say what each page is for, so a
// blind regeneration cannot quietly accept a regression.
function extract(name: string) {
  const { html, hints } = readFixture(name);
  return extractHtml(html, hints);
}

describe('what each fixture demonstrates', () => {
  it('JSON-LD dates win over a script date and carry their source', () => {
    const r = extract('jsonld-dates');
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.publishedAt).toBe('2021-05-27T09:24');
    expect(r.value.modifiedAt).toBe('2021-05-28T11:02');
    expect(r.value.dateConfidence).toBe('high');
    expect(r.value.dateSource).toBe('json-ld:datePublished');
    expect(r.value.authors).toEqual(['Anna Petrosyan', 'David Lee']);
    expect(r.value.outlet).toBe('Caucasus Ledger');
    expect(r.value.canonicalUrl).toBe('https://ledger.example/politics/border-commission-ijevan');
    expect(r.value.leadImage).toBe('https://ledger.example/img/ijevan-meeting.jpg');
    expect(r.value.language).toBe('en');
    // Structure is kept: a heading, a block quote and list items.
    const kinds = r.value.paragraphs.map((p) => p.kind);
    expect(kinds).toContain('h');
    expect(kinds).toContain('blockquote');
    expect(kinds).toContain('li');
    // Chrome is gone.
    expect(r.value.text).not.toMatch(/Share on|Sign up|Related|Villagers protest|All rights reserved|Politics\b/);
    for (const p of r.value.paragraphs) expect(r.value.text.slice(p.start, p.end).trim().length).toBeGreaterThan(0);
  });

  it('parses a dateline with a wire credit and flags wire copy', () => {
    const r = extract('dateline-wire');
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.dateline?.agency).toBe('TASS');
    expect(r.value.dateline?.place).toBe('Yerevan');
    expect(r.value.dateline?.day).toBe('--06-04');
    expect(r.value.wire).toBe(true);
    expect(r.value.text).not.toMatch(/Latest news|heat wave/);
  });

  it('a date found only in the footer is low confidence', () => {
    const r = extract('footer-date-only');
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.publishedAt).toBe('2022-03-14');
    expect(r.value.dateConfidence).toBe('low');
    expect(r.value.dateSource).toBe('text:footer');
    expect(r.value.text).not.toMatch(/last updated/);
  });

  it('reads a windows-1251 page once decoded, with a Russian visible date', () => {
    const r = extract('windows-1251');
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.title).toBe('Захарова: Москва готова помочь с демаркацией границы');
    expect(r.value.publishedAt).toBe('2021-05-27');
    expect(r.value.language).toBe('ru');
    expect(r.value.text.startsWith('Россия готова')).toBe(true);
    expect(r.value.text).not.toMatch(/Главная|Новости Кавказа/);
  });

  it('keeps one story of a page with two articles', () => {
    const r = extract('two-articles');
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.text).toMatch(/ferry/i);
    expect(r.value.text).not.toMatch(/library/i);
  });

  it('refuses an index page and a login wall with no-article', () => {
    for (const name of ['no-article-index', 'login-wall']) {
      const r = extract(name);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toBe('no-article');
    }
  });

  it('a byline/date line under a kicker leaves the text and gives the byline and a medium date', () => {
    const r = extract('byline-line-top');
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.text).not.toMatch(/By Maria|Nov 16, 2021/);
    expect(r.value.text.startsWith('Port & Shipping\n\nThe harbour authority')).toBe(true);
    expect(r.value.byline).toBe('Maria Oliveira and Tom Baines');
    expect(r.value.authors).toEqual(['Maria Oliveira', 'Tom Baines']);
    expect(r.value.publishedAt).toBe('2021-11-16');
    expect(r.value.dateConfidence).toBe('medium');
    expect(r.value.dateSource).toBe('text:byline-line');
    expect(r.value.paragraphs[0]).toEqual({ start: 0, end: 15, kind: 'p' });
  });

  it('a byline line with a month-day date gives the author but never a year', () => {
    const r = extract('byline-line-no-year');
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.text.startsWith('The town library')).toBe(true);
    expect(r.value.byline).toBe('Staff Writer');
    expect(r.value.publishedAt).toBeNull();
    expect(r.value.dates).toContainEqual(expect.objectContaining({ value: '--03-03', source: 'text:byline-line', role: 'article' }));
  });

  it('a date-then-byline line yields to the meta date and is dropped from the text', () => {
    const r = extract('byline-line-meta-date');
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.text.startsWith('The ferry line')).toBe(true);
    expect(r.value.byline).toBe('Eero Salonen');
    expect(r.value.dateSource).toBe('meta:date');
    expect(r.value.publishedAt).toBe('2021-05-27');
    expect(r.value.dates.map((d) => d.source)).toContain('text:byline-line');
  });
});
