import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { findNumericDates, parseMachineDate } from '../../src/extract/dates/date-values.js';
import { dateFromUrl } from '../../src/extract/dates/url-date.js';
import { datesInText } from '../../src/extract/dates/text-date.js';
import { isUtcStamp, shiftHours, siteUtcOffset } from '../../src/extract/dates/local-day.js';
import { findPublicationDate } from '../../src/extract/dates/date-finder.js';
import { scoreDates } from '../../bench/dates/date-metric.js';

describe('machine dates', () => {
  it('keeps the day as written, with minutes when given', () => {
    expect(parseMachineDate('2020-06-07T23:30:00+03:00')).toBe('2020-06-07T23:30');
    expect(parseMachineDate('2020-06-07')).toBe('2020-06-07');
    expect(parseMachineDate('20200414T00:38:07Z')).toBe('2020-04-14T00:38');
    expect(parseMachineDate('Sun, 07 Jun 2020 10:00:00 GMT')).toBe('2020-06-07T10:00');
    expect(parseMachineDate('June 7, 2020')).toBe('2020-06-07');
  });
  it('refuses impossible or partial dates rather than guessing', () => {
    expect(parseMachineDate('2020-02-30')).toBeNull();
    expect(parseMachineDate('2020-13-01')).toBeNull();
    expect(parseMachineDate('June 2020')).toBeNull();
    expect(parseMachineDate('yesterday')).toBeNull();
  });
});

describe('dates in text', () => {
  it('reads day-first numeric dates and month-first only when forced', () => {
    expect(findNumericDates('Опубликовано 07.06.2020 в 10:00', false)[0]?.iso).toBe('2020-06-07');
    expect(findNumericDates('Posted 06/07/2020', true)[0]?.iso).toBe('2020-06-07');
    expect(findNumericDates('Posted 13/07/2020', true)[0]?.iso).toBe('2020-07-13');
    expect(findNumericDates('2020年6月7日', false)[0]?.iso).toBe('2020-06-07');
  });
  it('reads month names in many languages and never invents a year', () => {
    expect(datesInText('June 7, 2020', 'en')[0]?.iso).toBe('2020-06-07');
    expect(datesInText('7 июня 2020 г.', 'ru')[0]?.iso).toBe('2020-06-07');
    expect(datesInText('20 septembrie 2020 16:20', 'ro')[0]?.iso).toBe('2020-09-20');
    expect(datesInText('7 października 2020', 'pl')[0]?.iso).toBe('2020-10-07');
    expect(datesInText('تم نشره الجمعة 24 نيسان / أبريل 2020', 'ar')[0]?.iso).toBe('2020-04-24');
    expect(datesInText('2020. október 7.', 'hu')[0]?.iso).toBe('2020-10-07');
    expect(datesInText('June 7', 'en')).toEqual([]);
    expect(datesInText('today at 10:00', 'en')).toEqual([]);
  });
  it('finds a day in the URL but not a month alone', () => {
    expect(dateFromUrl('https://x.example/2020/06/07/story')?.iso).toBe('2020-06-07');
    expect(dateFromUrl('https://x.example/news/20200413/story')?.iso).toBe('2020-04-13');
    expect(dateFromUrl('https://x.example/2020/06/story')).toBeNull();
    expect(dateFromUrl('https://x.example/story-123456')).toBeNull();
  });
});

describe('local publication day', () => {
  it('detects UTC stamps and estimates a site offset', () => {
    expect(isUtcStamp('2020-08-25T00:23:33.312Z')).toBe(true);
    expect(isUtcStamp('2020-12-05T23:15:0Z')).toBe(true);
    expect(isUtcStamp('2020-06-29T00:16:15+03:00')).toBe(false);
    expect(siteUtcOffset('https://ici.radio-canada.ca/x', null)).toBe(-5);
    expect(siteUtcOffset('https://example.com/x', 'en_US')).toBe(-5);
    expect(siteUtcOffset('https://example.com/x', 'en')).toBeNull();
    expect(shiftHours('2020-08-25T00:23', -5)).toBe('2020-08-24T19:23');
  });
  it('moves a UTC stamp near midnight to the publisher day', () => {
    const { document } = parseHTML('<html><head><meta property="article:published_time" content="2020-08-25T00:23:33Z"></head><body></body></html>') as unknown as { document: Document };
    const r = findPublicationDate(document, { url: 'https://news.example.ca/story' });
    expect(r.publishedAt?.slice(0, 10)).toBe('2020-08-24');
    expect(r.confidence).toBe('high');
  });
  it('drops dates after the capture time', () => {
    const { document } = parseHTML('<html><head><meta property="article:published_time" content="2030-01-01"></head><body></body></html>') as unknown as { document: Document };
    const r = findPublicationDate(document, { capturedAt: '2021-01-01T00:00:00Z' });
    expect(r.publishedAt).toBeNull();
    expect(r.confidence).toBe('none');
  });
});

describe('date metric', () => {
  it('counts wrong days as false positives and missing ones as false negatives', () => {
    const s = scoreDates([
      { gold: '2020-01-01', predicted: '2020-01-01' },
      { gold: '2020-01-02', predicted: '2020-01-03' },
      { gold: '2020-01-04', predicted: null },
      { gold: null, predicted: null },
    ]);
    expect(s).toMatchObject({ right: 1, wrong: 1, none: 1, rightNone: 1 });
    expect(s.precision).toBeCloseTo(0.5);
    expect(s.recall).toBeCloseTo(1 / 3);
  });
});

describe('date sources found by error analysis on mediacloud-2020', () => {
  const doc = (html: string) => (parseHTML(html) as unknown as { document: Document }).document;
  it('reads Unix times in machine values', () => {
    expect(parseMachineDate('1594448702')).toBe('2020-07-11T06:25');
    expect(parseMachineDate('1594448702000')).toBe('2020-07-11T06:25');
    expect(parseMachineDate('20200711')).toBe('2020-07-11');
  });
  it('reads JSON-LD that has stray characters after the object', () => {
    const d = doc(`<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"a } in a string",
      "datePublished":"2020-10-26T18:10:00+01:00"} }</script></head><body><p>Text.</p></body></html>`);
    const r = findPublicationDate(d, { url: 'https://example.ba/a/1' });
    expect(r.publishedAt).toBe('2020-10-26T18:10');
    expect(r.source).toBe('json-ld:datePublished');
  });
  it('prefers a data-time attribute over the date rendered beside it', () => {
    const d = doc(`<html><body><div class="tweet"><small class="time"><a title="11:25 PM - 10 Jul 2020">
      <span class="_timestamp" data-time="1594448702">10 Jul 2020</span></a></small><p>Tweet text here.</p></div></body></html>`);
    const r = findPublicationDate(d, { url: 'https://social.example.com/status/1' });
    expect(r.publishedAt?.slice(0, 10)).toBe('2020-07-11');
    expect(r.source).toBe('time:data-attr');
  });
  it('takes a script-written stamp only when it is the only day in the markup', () => {
    const raw = '<html><body><td class="main-text"><script>showDate("2020/04/17 01:43:09")</script></td><p>Post.</p></body></html>';
    const r = findPublicationDate(doc('<html><body><td class="main-text"></td><p>Post.</p></body></html>'), { rawMarkup: raw });
    expect(r.publishedAt?.slice(0, 10)).toBe('2020-04-17');
    expect(r.confidence).toBe('low');
    const two = raw.replace('</body>', '<script>showDate("2020/05/02 10:00:00")</script></body>');
    expect(findPublicationDate(doc('<html><body><p>Post.</p></body></html>'), { rawMarkup: two }).publishedAt).toBeNull();
    const json = '<html><body><script>var d = {"mod_date":"2020-08-18 13:14:26"}</script></body></html>';
    expect(findPublicationDate(doc('<html><body><p>Post.</p></body></html>'), { rawMarkup: json }).publishedAt).toBeNull();
  });
});
