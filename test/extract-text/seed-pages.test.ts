/**
 * The five seed pages (real scraped pages, read in place from ../shared) and
 * the extraction expectations issue 2 sets for them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ExtractedArticle } from '../../src/model/types.js';
import { cleanTextPage } from '../../src/extract/text/text-page-cleaner.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seedDir = path.resolve(repoRoot, '../shared/corpus/seeds');
const haveSeeds = existsSync(seedDir);
if (!haveSeeds) console.warn(`[extract-text] ${seedDir} is absent: seed-page tests are skipped`);

function seed(prefix: string): { raw: string; article: ExtractedArticle } {
  const file = readdirSync(seedDir).find((f) => f.startsWith(prefix));
  if (file === undefined) throw new Error(`no seed ${prefix}`);
  const raw = readFileSync(path.join(seedDir, file), 'utf8');
  const r = cleanTextPage(raw, { source: file });
  if (!r.ok) throw new Error(`seed ${prefix} rejected: ${r.reason}`);
  return { raw, article: r.value };
}

describe.skipIf(!haveSeeds)('seed pages', () => {
  it('every non-empty line of every seed ends up in the text or in a removed block, once', () => {
    for (const prefix of ['000', '001', '002', '003', '004']) {
      const { raw, article } = seed(prefix);
      const kept = article.paragraphs.map((p) => article.text.slice(p.start, p.end));
      const dropped = article.removed.flatMap((b) => b.text.split('\n'));
      const rawLines = raw.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
      expect([...kept, ...dropped].sort()).toEqual([...rawLines].sort());
      // Paragraph offsets index the text, joined by blank lines.
      expect(kept.join('\n\n')).toBe(article.text);
      expect(article.method).toBe('text-cleaner');
      expect(article.language).toBe('en');
    }
  });

  it('003 (TASS): outlet, dateline Yerevan / TASS / 06-04, year inferred with its basis or left unknown', () => {
    const { article } = seed('003');
    expect(article.outlet).toBe('TASS');
    expect(article.dateline?.place).toBe('Yerevan');
    expect(article.dateline?.agency).toBe('TASS');
    expect(article.dateline?.day).toBe('--06-04');
    const dl = article.dateline;
    expect(dl === null ? null : article.text.slice(dl.start, dl.end)).toBe('YEREVAN, June 4. /TASS/.');
    const published = article.publishedAt ?? '';
    if (published.startsWith('--')) {
      expect(published).toBe('--06-04');
    } else {
      expect(published).toMatch(/^\d{4}-06-04/);
      // An inferred year carries its basis and is not presented as certain.
      expect(article.dateSource).toMatch(/year-from:/);
      expect(article.dateConfidence).not.toBe('high');
    }
    expect(article.title).toBe('Russia increases border troop strength in Armenia, ambassador says');
    expect(article.subtitle).toMatch(/^According to Sergey Kopyrkin/);
    expect(article.text).not.toContain('All news');
    expect(article.text.startsWith('YEREVAN, June 4.')).toBe(true);
    expect(article.wire).toBe(false);
  });

  it('001: published 2021-05-27 09:24 and no sidebar headline in the text', () => {
    const { article } = seed('001');
    expect(article.publishedAt).toBe('2021-05-27T09:24');
    expect(article.dateConfidence).toBe('high');
    for (const headline of [
      'Ukrainian Forces Liberate Udachne',
      'Putin Arrives in China',
      'The End of the Minsk Group',
      'Turkish Defense Industry',
      'Public Opinion in Moldova',
    ]) {
      expect(article.text).not.toContain(headline);
      expect(article.title ?? '').not.toContain(headline);
    }
    // The sidebar's dates are recorded as such, never as the article's.
    const sidebar = article.dates.filter((d) => d.role === 'sidebar');
    expect(sidebar.length).toBe(10);
    expect(article.dates.filter((d) => d.role === 'article').map((d) => d.value)).toEqual(['2021-05-27T09:24']);
    expect(article.removed.some((b) => b.reason === 'sidebar-list' && b.text.includes('Putin Arrives in China'))).toBe(true);
    expect(article.text.endsWith('Zakharova added.')).toBe(true);
  });

  it('000: sidebar list removed; 02 Mar 2026 is a page date, not a confident article date', () => {
    const { article } = seed('000');
    expect(article.text).not.toContain('Latest news');
    expect(article.text).not.toContain('Long-Term Strategy');
    expect(article.text).not.toContain('Feb.2026');
    const page = article.dates.find((d) => d.text === '02 Mar 2026');
    expect(page?.role).toBe('page');
    expect(page?.value).toBe('2026-03-02');
    if (article.publishedAt?.startsWith('2026-03-02') === true) expect(article.dateConfidence).toBe('low');
    expect(article.dates.filter((d) => d.role === 'sidebar').length).toBe(10);
    expect(article.title).toMatch(/^Russian Foreign Ministry responded/);
    expect(article.paragraphs.length).toBe(4);
  });

  it('002 (OC Media): outlet; appeal, Related Articles, Most Popular, Editor’s Picks removed', () => {
    const { article } = seed('002');
    expect(article.outlet).toBe('OC Media');
    for (const chrome of ['Rely on OC Media', 'Become a member', 'reader-funded', 'Related Articles', 'Most Popular', 'Picks', 'Media logo', 'Official photo']) {
      expect(article.text).not.toContain(chrome);
    }
    const reasons = (needle: string) => article.removed.filter((b) => b.text.includes(needle)).map((b) => b.reason);
    expect(reasons('Rely on OC Media')).toEqual(['appeal']);
    expect(reasons('Become a member')).toEqual(['appeal']);
    expect(reasons('Related Articles')).toEqual(['related']);
    expect(reasons('Most Popular')).toEqual(['related']);
    expect(reasons('Official photo')).toEqual(['caption']);
    expect(reasons('Media logo')).toEqual(['logo']);
    // The inline teaser headlines go; the article's own text, quotes and sources stay.
    expect(article.text).not.toContain('Pashinyan appeals for peace as fears of new war');
    expect(article.text).toContain('a defence official told Armenpress');
    expect(article.text).toContain('Mirzoyan said that the Azerbaijani preconditions');
    expect(article.text.startsWith('During a briefing on Thursday')).toBe(true);
    expect(article.title).toMatch(/^Russia expresses its ‘readiness’/);
    expect(article.paragraphs.some((p) => p.kind === 'h' && article.text.slice(p.start, p.end) === 'The OSCE Minsk Group and claims of US weapons')).toBe(true);
    // No date on the page: undateable rather than guessed.
    expect(article.publishedAt).toBeNull();
    expect(article.dateConfidence).toBe('none');
  });

  it('004: clean body text and title', () => {
    const { raw, article } = seed('004');
    expect(article.title).toBe('Russia reiterates commitment to Armenia and regional peace as Moscow watches developments');
    expect(article.paragraphs.length).toBe(7);
    expect(article.text.startsWith('The Russian Foreign Ministry spokesperson, Maria Zakharova')).toBe(true);
    expect(article.text).not.toContain(article.title ?? '∅');
    expect(article.removed.map((b) => b.reason)).toEqual(['title']);
    expect(raw).toContain(article.text.slice(-200));
    expect(article.dateline).toBeNull();
  });
});
