/**
 * Rules for the meta lines of scraped text pages (issue 2, demo review): date
 * and time lines are never titles, `By X | date | section` is a byline with
 * the article's date, copyright years are not part of outlet names, an
 * aggregator's masthead is its outlet while the wire agency is the credit.
 * Every page here is a short example written for this test.
 */
import { describe, expect, it } from 'vitest';
import { choosePublicationDate } from '../../src/extract/text/article-dates.js';
import { matchLineRule, parseBylineLine } from '../../src/extract/text/chrome-rules.js';
import { parseDateLine } from '../../src/extract/text/date-line-parser.js';
import { copyrightYear, mastheadName, matchOutletSignature } from '../../src/extract/text/outlet-signatures.js';
import { cleanTextPage } from '../../src/extract/text/text-page-cleaner.js';
import type { ExtractedArticle } from '../../src/model/types.js';

function clean(page: string): ExtractedArticle {
  const r = cleanTextPage(page, { source: 'test' });
  if (!r.ok) throw new Error(`rejected: ${r.reason}`);
  return r.value;
}

const BODY = [
  'The harbour authority on Tuesday approved a plan to deepen the northern channel, allowing larger container ships to dock without waiting for the tide.',
  'Work is due to start in the spring and last two years, the authority said in a statement, adding that dredged sand would be used to rebuild eroded beaches further south.',
  'Fishermen who use the channel said they had not been consulted and would ask the regional court to review the decision.',
].join('\n\n');

describe('date and time lines', () => {
  it('reads a date and time split by a middle dot, with the time kept', () => {
    expect(parseDateLine('Sep 3, 2023 · 9:40 AM')?.value).toBe('2023-09-03T09:40');
    expect(parseDateLine('Sep 3, 2023 · 9:40 PM')?.value).toBe('2023-09-03T21:40');
    expect(parseDateLine('Tuesday 14.3.2023 | 08:15')?.value).toBe('2023-03-14T08:15');
    expect(parseDateLine('Tue 14.3.2023 • 08:15 • updated 09:02')?.value).toBe('2023-03-14T08:15');
  });
  it('reads `Month NN` as month and day, not month and two-digit year', () => {
    expect(parseDateLine('Posted April 27')?.value).toBe('--04-27');
    expect(parseDateLine('Posted March 12')?.value).toBe('--03-12');
    expect(parseDateLine('May 30')?.value).toBe('--05-30');
    expect(parseDateLine('Posted March 45')).toBeNull();
  });
  it('still refuses headlines and sentences with dates in them', () => {
    expect(parseDateLine('Summit ends on Sep 3, 2023 · what comes next')).toBeNull();
    expect(parseDateLine('Friday 13: a horror classic returns')).toBeNull();
  });
});

describe('byline lines', () => {
  it('takes `By X | date | section` as a byline, not as a menu', () => {
    const line = 'By Tomas Ruiz | 03.02.2024 | Transport';
    expect(parseBylineLine(line)).toBe('Tomas Ruiz');
    const page = `Valley Post\n\nTram line to the airport opens a year late\n\n${line}\n\n${BODY}\n`;
    const a = clean(page);
    expect(a.text.startsWith('The harbour authority')).toBe(true);
    expect(a.byline).toBe('Tomas Ruiz');
    expect(a.publishedAt).toBe('2024-02-03');
    expect(a.dateSource).toBe('text:byline');
    expect(a.title).toBe('Tram line to the airport opens a year late');
  });
  it('reads `Text: Name` bylines, alone or after the date on one line', () => {
    expect(parseBylineLine('Text: Maija Virtanen')).toBe('Maija Virtanen');
    expect(parseBylineLine('Text: the story so far')).toBeNull();
    const page = `Northern Daily\n\nFerry strike ends after nine days\n\nTuesday 14.3.2023 | 08:15 · Text: Maija Virtanen\n\n${BODY}\n`;
    const a = clean(page);
    expect(a.byline).toBe('Maija Virtanen');
    expect(a.publishedAt).toBe('2023-03-14T08:15');
    expect(a.text.startsWith('The harbour authority')).toBe(true);
  });
});

describe('titles', () => {
  it('never takes a date and time line for the title', () => {
    const page = `Coast Times\nHome   World   Business   Sport   Weather\n\nChannel dredging approved despite fishermen's protest\n\nBy Ana Duarte\nSep 3, 2023 · 9:40 AM\n\n${BODY}\n`;
    const a = clean(page);
    expect(a.title).toBe("Channel dredging approved despite fishermen's protest");
    expect(a.publishedAt).toBe('2023-09-03T09:40');
    expect(a.dateConfidence).toBe('high');
  });
  it('skips a bracketed image placeholder and a `Posted … by …` line', () => {
    const page = `Quay Notes\n\nWhy the channel plan matters for ferries\n\nPosted April 27 by Staff Writer · 4 min read\n\n[Image: Cranes over the northern quay at dawn]\n\n${BODY}\n`;
    const a = clean(page);
    expect(a.title).toBe('Why the channel plan matters for ferries');
    expect(a.byline).toBe('Staff Writer');
    expect(a.text).not.toContain('[Image:');
    expect(matchLineRule('[Photo: Cranes over the northern quay at dawn]')?.reason).toBe('caption');
  });
  it('reads a menu rendered with wide gaps between its links as navigation', () => {
    expect(matchLineRule('Home   World   Business   Sport   Weather')?.reason).toBe('nav');
    expect(matchLineRule('He paused.   Then he left the room without a word.')).toBeNull();
  });
});

describe('date roles', () => {
  it('takes the first date of `date · updated time` as the article date', () => {
    const page = `Bay Reporter\n\nPort fees to rise in January\n\nFriday 6.10.2023 | 17:12 · updated 18:03\n\n${BODY}\n`;
    const a = clean(page);
    expect(a.publishedAt).toBe('2023-10-06T17:12');
    expect(a.dateSource).toBe('text:below-title');
    const labelled = clean(`Bay Reporter\n\nPort fees to rise in January\n\nUpdated 7 October 2023\n\n${BODY}\n`);
    expect(labelled.modifiedAt).toBe('2023-10-07');
  });
  it('gives a month-and-day article date the copyright year, low and with the basis stated', () => {
    const withNotice = clean(`Quay Notes\n\nWhy the channel plan matters\n\nPosted March 12 by Staff Writer\n\n${BODY}\n\n© 2018–2023 Quay Notes · Privacy · Terms\n`);
    expect(withNotice.publishedAt).toBe('2023-03-12');
    expect(withNotice.dateConfidence).toBe('low');
    expect(withNotice.dateSource).toBe('text:below-title+year-from:copyright(2023)');
    // Without a notice the year stays unknown.
    const without = clean(`Quay Notes\n\nWhy the channel plan matters\n\nPosted March 12 by Staff Writer\n\n${BODY}\n`);
    expect(without.publishedAt).toBe('--03-12');
    expect(without.dateSource).toBe('text:below-title:year-unknown');
  });
  it('prefers a page date bound over the copyright year', () => {
    const d = choosePublicationDate({
      findings: [
        { value: '--12-30', text: 'December 30', role: 'article', source: 'text:below-title' },
        { value: '2024-01-02', text: '02 Jan 2024', role: 'page', source: 'text:page-footer' },
      ],
      dateline: null,
      hints: { source: 't' },
      text: '',
      lead: '',
      copyrightYear: 2024,
    });
    expect(d.publishedAt).toBe('2023-12-30');
    expect(d.dateSource).toBe('text:below-title+year-from:page-date');
  });
});

describe('outlet names', () => {
  it('strips the copyright year from the name', () => {
    expect(matchOutletSignature('© Valley Courier 2019')?.outlet).toBe('Valley Courier');
    expect(matchOutletSignature('© Valley Courier, 2017–2019')?.outlet).toBe('Valley Courier');
    expect(matchOutletSignature('© 2023 Harbour Times · Privacy · Terms')?.outlet).toBe('Harbour Times');
    expect(matchOutletSignature('Subscribe to the Harbour Times newsletter')?.outlet).toBe('Harbour Times');
  });
  it('reads the latest year of a copyright notice', () => {
    expect(copyrightYear('© 2018–2023 Quay Notes · Privacy')).toBe(2023);
    expect(copyrightYear('Copyright © Valley Courier 2019. All rights reserved.')).toBe(2019);
    expect(copyrightYear('The 2019 season ended early.')).toBeNull();
  });
  it('recognises a masthead line and refuses section labels and sentences', () => {
    expect(mastheadName('Valley Digest')).toBe('Valley Digest');
    expect(mastheadName('THE NORTHERN POST')).toBe('THE NORTHERN POST');
    expect(mastheadName('Local News')).toBeNull();
    expect(mastheadName('Home')).toBeNull();
    expect(mastheadName('Ports and harbours are busy.')).toBeNull();
    expect(mastheadName('Election 2024')).toBeNull();
    expect(mastheadName('Channel dredging approved despite protest by fishermen')).toBeNull();
  });
  it("takes an aggregator's masthead as the outlet and the wire agency as the credit", () => {
    const page = `Valley Digest\nYour morning briefing\n\nGerman port unions agree pay deal\n\nHAMBURG, May 3 (Reuters) - Dock workers' unions at Germany's North Sea ports agreed a two-year pay deal with employers on Wednesday, ending a dispute that had delayed thousands of containers.\nThe deal raises hourly pay by 9 percent in two steps, the unions said.\nEmployers said the agreement would keep the ports competitive with Rotterdam and Antwerp.\n`;
    const a = clean(page);
    expect(a.outlet).toBe('Valley Digest');
    expect(a.dateline?.agency).toBe('Reuters');
    expect(a.wire).toBe(true);
  });
  it('keeps the credit as outlet when the page shows no name of its own', () => {
    const page = `German port unions agree pay deal after long dispute over wages\nHAMBURG, May 3 (Reuters) - Dock workers' unions at Germany's North Sea ports agreed a two-year pay deal with employers on Wednesday, ending a dispute that had delayed thousands of containers.\nThe deal raises hourly pay by 9 percent in two steps, the unions said.\nEmployers said the agreement would keep the ports competitive.\n`;
    expect(clean(page).outlet).toBe('Reuters');
  });
  it('spells an all-capitals masthead as the page does elsewhere', () => {
    const page = `FJORD COURIER\nNews from the coast\n\nChannel dredging approved despite protest\n\nBy Ana Duarte\n\n${BODY}\n\nFjord Courier · Harbour Street 4 · Tips: desk@fjord.example\n`;
    expect(clean(page).outlet).toBe('Fjord Courier');
  });
});

describe('appeals', () => {
  it('removes a membership appeal that opens with what journalism costs', () => {
    const page = `Quay Notes\n\nWhy the channel plan matters\n\nBy Ana Duarte\n\nQuality journalism costs money. Ours is paid for by readers.\n\nNo owner and no advertiser decides what we cover. Join the 4,000 members who keep Quay Notes free to read.\n\nBecome a member\n\n${BODY}\n`;
    const a = clean(page);
    expect(a.text).not.toContain('journalism costs money');
    expect(a.text).not.toContain('4,000 members');
    expect(a.removed.some((b) => b.reason === 'appeal' && b.text.includes('Become a member'))).toBe(true);
  });
});
