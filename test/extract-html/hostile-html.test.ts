import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/extract/html/html-extractor.js';
import { classReason, isPositiveContainer } from '../../src/extract/html/boilerplate-patterns.js';

const hints = { source: 'hostile' };
const para = '<p>' + 'The council met on Tuesday and agreed to extend the bus routes to the new estates. '.repeat(4) + '</p>';

describe('hostile HTML never crashes or hangs', () => {
  it('survives a page of 30,000 distinct class names (the class/id caches start over instead of growing) and answers the same after', () => {
    const before = [classReason('share-bar', null), isPositiveContainer('article-body', null), classReason('x-9', 'y')];
    const blocks = Array.from({ length: 30_000 }, (_, i) => `<div class="c${i} share-${i}" id="d${i}">x</div>`).join('');
    const r = extractHtml(`<html><body>${blocks}<article>${para}${para}</article></body></html>`, hints);
    if (r.ok) expect(r.value.text).toContain('The council met on Tuesday');
    else expect(r.reason).toMatch(/^[a-z-]+$/);
    for (let i = 0; i < 45_000; i++) classReason(`k${i}`, `j${i}`);
    expect([classReason('share-bar', null), isPositiveContainer('article-body', null), classReason('x-9', 'y')]).toEqual(before);
    expect(before[0]).not.toBeNull();
    expect(before[1]).toBe(true);
  });


  it('rejects ten thousand unclosed nested tags with too-deep', () => {
    const html = '<html><body>' + '<div>'.repeat(10_000) + para;
    const t0 = performance.now();
    const r = extractHtml(html, hints);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe('too-deep');
    expect(performance.now() - t0).toBeLessThan(20_000); // a hang would time out; this is a sanity bound, not a speed gate
  });

  it('handles deep but legal inline nesting below the limit', () => {
    const html = '<html><body><article>' + '<span>'.repeat(300) + para.repeat(3) + '</article></body></html>';
    const r = extractHtml(html, hints);
    expect(r.ok).toBe(true);
  });

  it('rejects a 30 MB page with too-large before parsing', () => {
    const html = '<html><body>' + para.repeat(Math.ceil(30_000_000 / para.length)) + '</body></html>';
    const r = extractHtml(html, hints);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe('too-large');
  });

  it('rejects binary bytes with binary-content', () => {
    let junk = '';
    for (let i = 0; i < 20_000; i++) junk += String.fromCharCode((i * 7919) % 256);
    const r = extractHtml(junk, hints);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe('binary-content');
  });

  it('cleans a few stray NULs inside an otherwise good page', () => {
    const r = extractHtml('<html><body><article>' + para.replace('council', 'coun\u0000cil').repeat(3) + '</article></body></html>', hints);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.text).not.toContain('\u0000');
  });

  it('never lets script in attributes or unterminated scripts into the text', () => {
    const html = `<html><body><article><div title="<script>alert(1)</script>" onclick="evil()">${para.repeat(3)}</div>`
      + `<img src=x onerror="<script>steal()</script>"><p>Last line of the story, long enough to count as a real paragraph of text here.</p>`
      + '<script>var x = "never ends';
    const r = extractHtml(html, hints);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.text).not.toMatch(/alert|steal|never ends|evil/);
      expect(r.value.text).toMatch(/council met/);
    }
  });

  it('survives an unterminated comment, a huge attribute and malformed JSON-LD', () => {
    const html = `<html><head><script type="application/ld+json">{"@type":"NewsArticle","datePublished":</script></head>`
      + `<body><div class="${'x'.repeat(500_000)}">${para.repeat(3)}</div><!-- never closed ${'y'.repeat(1000)}`;
    const r = extractHtml(html, hints);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.publishedAt).toBeNull();
  });

  it('returns empty-input and no-article for empty shells', () => {
    const empty = extractHtml('   ', hints);
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.reason).toBe('empty-input');
    const shell = extractHtml('<html><head><title>App</title></head><body><div id="root"></div><script src="app.js"></script></body></html>', hints);
    expect(shell.ok).toBe(false);
    if (!shell.ok) expect(shell.reason).toBe('no-article');
  });

  it('handles a page of 5,000 sibling paragraphs', () => {
    const r = extractHtml('<html><body><article>' + para.repeat(5000) + '</article></body></html>', hints);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.paragraphs.length).toBe(5000);
  });
});
