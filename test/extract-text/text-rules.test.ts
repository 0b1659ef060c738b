import { describe, expect, it } from 'vitest';
import { choosePublicationDate } from '../../src/extract/text/article-dates.js';
import { matchLineRule, parseBylineLine } from '../../src/extract/text/chrome-rules.js';
import { parseDateLine, splitDatedHeadline } from '../../src/extract/text/date-line-parser.js';
import { detectLanguage } from '../../src/extract/text/language-detect.js';
import { matchOutletSignature } from '../../src/extract/text/outlet-signatures.js';
import { splitPageLines } from '../../src/extract/text/page-lines.js';
import { cleanTextPage } from '../../src/extract/text/text-page-cleaner.js';
import { parseDateline } from '../../src/extract/dateline/dateline-parser.js';

describe('date lines', () => {
  it('reads the formats pages use, never filling in a year', () => {
    expect(parseDateLine('27.05.2021 09:24')?.value).toBe('2021-05-27T09:24');
    expect(parseDateLine('27.Feb.2026')?.value).toBe('2026-02-27');
    expect(parseDateLine('02 Mar 2026')?.value).toBe('2026-03-02');
    expect(parseDateLine('Published: 14 March 2024 10:15')?.value).toBe('2024-03-14T10:15');
    expect(parseDateLine('June 4, 2024, 6:12 PM')?.value).toBe('2024-06-04T18:12');
    expect(parseDateLine('June 4')?.value).toBe('--06-04');
  });
  it('does not take a headline or a sentence with a date in it for a date line', () => {
    expect(parseDateLine('Talks resume on 4 June 2024 in Vienna')).toBeNull();
    expect(parseDateLine('Parliamentary Elections 2026 in Armenia')).toBeNull();
    expect(parseDateLine('Friday')).toBeNull();
  });
  it('splits feed lines that carry their own date', () => {
    expect(splitDatedHeadline('12.04.2024 15:40 Government approves plan')?.headline).toBe('Government approves plan');
    expect(splitDatedHeadline('Government approves plan — 12 April 2024')?.date.value).toBe('2024-04-12');
  });
});

describe('wording rules', () => {
  it('recognises chrome lines by what they say', () => {
    const reason = (line: string) => matchLineRule(line)?.reason ?? null;
    expect(reason('Media logo')).toBe('logo');
    expect(reason('Related Articles')).toBe('related');
    expect(reason('Editor‘s Picks')).toBe('related');
    expect(reason('Most Popular')).toBe('related');
    expect(reason('Read also: Georgia opens tender for port')).toBe('related');
    expect(reason('Latest news')).toBe('nav');
    expect(reason('Home | Politics | Economy | Region')).toBe('nav');
    expect(reason('Share | Tweet | Email')).toBe('share');
    expect(reason('Facebook Twitter Telegram')).toBe('share');
    expect(reason('Become a member')).toBe('appeal');
    expect(reason('© 2024 Example Times. All rights reserved.')).toBe('footer');
    expect(reason('Russian Foreign Ministry Spokesperson Maria Zakharova. Official photo.')).toBe('caption');
    expect(reason('Customers Leave Without Paying $690 Bill At Troy SteakhouseA party of six left without paying.')).toBe('related');
  });
  it('leaves article sentences alone', () => {
    for (const line of [
      'Russia is ready to help, the spokesperson said.',
      'Most popular among the proposals was a joint commission on the border.',
      'Share prices fell sharply on Friday after the announcement.',
      'He said members of the commission would meet again in May.',
      'A defence official told Armenpress.',
      'Sony said PlayStation sales rose on Friday.',
      'Berrien County Health Department officials said Monday the victim was one of two people.',
    ]) {
      expect(matchLineRule(line)).toBeNull();
    }
  });
  it('reads bylines and drops agency credits from them', () => {
    expect(parseBylineLine('By Anna Petrosyan')).toBe('Anna Petrosyan');
    expect(parseBylineLine('By Jennifer Kelleher, Associated Press')).toBe('Jennifer Kelleher');
    expect(parseBylineLine('Author: A. Smith and B. Jones | Staff')).toBe('A. Smith and B. Jones');
    expect(parseBylineLine('By the end of the year prices rose.')).toBeNull();
  });
  it('names outlets from signatures, not from agency copyrights or generic wording', () => {
    expect(matchOutletSignature('Rely on OC Media? We rely on you too.')?.outlet).toBe('OC Media');
    expect(matchOutletSignature('© 2024 Caspian Ledger. All rights reserved.')?.outlet).toBe('Caspian Ledger');
    expect(matchOutletSignature('Copyright 2024 The Associated Press. All rights reserved.')).toBeNull();
    expect(matchOutletSignature('Support us')).toBeNull();
  });
});

describe('page lines', () => {
  it('keeps raw offsets through CRLF and indentation', () => {
    const raw = 'Title\r\n\r\n  Body line.\r\n';
    const lines = splitPageLines(raw);
    expect(lines.map((l) => raw.slice(l.rawStart, l.rawEnd))).toEqual(['Title', 'Body line.']);
    expect(lines[1]?.blankBefore).toBe(true);
  });
});

describe('publication date', () => {
  const base = { hints: { source: 't' }, text: '', lead: '' };
  it('prefers record metadata, then a dated line by the article, then the dateline', () => {
    const findings = [{ value: '2021-05-27T09:24', text: '', role: 'article' as const, source: 'text:after-body' }];
    expect(choosePublicationDate({ ...base, findings, dateline: null }).publishedAt).toBe('2021-05-27T09:24');
    const rec = choosePublicationDate({ ...base, hints: { source: 't', publishedAt: '2021-05-28' }, findings, dateline: null });
    expect([rec.publishedAt, rec.dateSource]).toEqual(['2021-05-28', 'record']);
  });
  it('takes a dateline year from the page date only as an upper bound, with low confidence', () => {
    const dateline = parseDateline('TBILISI, Dec 30 — Text follows here.');
    const findings = [{ value: '2025-01-02', text: '', role: 'page' as const, source: 'text:page-footer' }];
    const d = choosePublicationDate({ ...base, findings, dateline });
    expect([d.publishedAt, d.dateConfidence, d.dateSource]).toEqual(['2024-12-30', 'low', 'dateline+year-from:page-date']);
  });
  it('leaves the year unknown when nothing states it', () => {
    const dateline = parseDateline('YEREVAN, June 4. /TASS/. Moscow said on Friday.');
    const d = choosePublicationDate({ ...base, findings: [], dateline, lead: 'Moscow said on Friday.', text: 'No years here.' });
    expect([d.publishedAt, d.dateSource]).toEqual(['--06-04', 'dateline:year-unknown']);
  });
  it('uses a weekday only when exactly one year fits after the latest year mentioned', () => {
    const dateline = parseDateline('YEREVAN, June 4. /TASS/. Moscow said on Friday.');
    const d = choosePublicationDate({ ...base, findings: [], dateline, lead: 'Moscow said on Friday.', text: 'Since the fall of 2020.' });
    expect(d.publishedAt).toBe('2021-06-04');
    expect(d.dateSource).toBe('dateline+year-from:weekday(Friday)+latest-year-in-text(2020)');
  });
  it('takes a dateline year from the capture date when the page has none, and says so', () => {
    const page = 'Talks resume\n\nBAKU, Dec 30 (Trend) - Azerbaijan and Armenia resumed talks on the border commission on Monday, officials said after the meeting.\n\nThe next round is due in the spring, the foreign ministry said in a statement.';
    const r = cleanTextPage(page, { source: 't', capturedAt: '2025-01-03T08:00:00Z' });
    expect(r.ok && [r.value.publishedAt, r.value.dateConfidence, r.value.dateSource]).toEqual(['2024-12-30', 'low', 'dateline+year-from:capture-date']);
    expect(r.ok && r.value.dates.map((d) => d.role)).toEqual(['article', 'capture']);
  });
  it('uses a footer date alone with low confidence', () => {
    const findings = [{ value: '2026-03-02', text: '', role: 'page' as const, source: 'text:page-footer' }];
    const d = choosePublicationDate({ ...base, findings, dateline: null });
    expect([d.publishedAt, d.dateConfidence]).toEqual(['2026-03-02', 'low']);
  });
});

describe('language', () => {
  it('maps franc codes to ISO 639-1', () => {
    expect(detectLanguage('The ministry said on Friday that the talks would resume next week in Vienna.')).toBe('en');
    expect(detectLanguage('Министр иностранных дел провёл переговоры с коллегой в пятницу в Москве.')).toBe('ru');
    expect(detectLanguage('ok')).toBeNull();
  });
});

describe('cleanTextPage edge cases', () => {
  it('refuses empty and whitespace-only input', () => {
    expect(cleanTextPage('', { source: 't' })).toMatchObject({ ok: false, reason: 'empty-input' });
    expect(cleanTextPage(' \n\t\n', { source: 't' })).toMatchObject({ ok: false, reason: 'empty-input' });
  });
  it('uses record hints: outlet, title and date', () => {
    const page = 'Some headline here today\n' + 'This is the first sentence of a short article about a meeting in Baku. '.repeat(4);
    const r = cleanTextPage(page, { source: 't', outlet: 'Example', publishedAt: '2024-01-02', title: 'Some headline here today' });
    expect(r.ok && [r.value.outlet, r.value.publishedAt, r.value.dateSource, r.value.title]).toEqual([
      'Example', '2024-01-02', 'record', 'Some headline here today',
    ]);
  });
  it('returns a result, never throws, on hostile input', () => {
    const inputs = [
      'word '.repeat(200_000),
      Array.from({ length: 5000 }, (_, i) => (i % 2 === 1 ? '12.04.2024' : `Headline number ${i}`)).join('\n'),
      ('YEREVAN '.repeat(2000) + '\n').repeat(20),
      '\u0000\u0001'.repeat(10_000),
      '—'.repeat(100_000),
      ('Rely on X? We rely on you too.\n').repeat(2000),
    ];
    for (const input of inputs) {
      const r = cleanTextPage(input, { source: 'hostile' });
      expect(typeof r.ok).toBe('boolean');
    }
  });
});
