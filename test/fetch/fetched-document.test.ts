import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { declaredCharset, fetchedDocument } from '../../src/fetch/fetched-document.js';
import type { FetchResponse } from '../../src/fetch/safe-fetcher.js';

const response = (body: Uint8Array, contentTypeHeader: string): FetchResponse => ({
  url: 'https://example.test/final',
  status: 200,
  headers: { 'content-type': contentTypeHeader },
  body,
  contentType: contentTypeHeader.split(';')[0]!.trim().toLowerCase(),
  notModified: false,
  etag: null,
  lastModified: null,
});

describe('fetched pages as documents', () => {
  it('reads the charset a Content-Type header declares, and none when it declares none', () => {
    expect(declaredCharset({ 'content-type': 'text/html; charset="windows-1251"' })).toBe('windows-1251');
    expect(declaredCharset({ 'content-type': 'text/html' })).toBeNull();
    expect(declaredCharset({})).toBeNull();
    // Hostile header: long runs are bounded, no backtracking blow-up.
    expect(declaredCharset({ 'content-type': `charset=${'a'.repeat(100_000)}` })).toBe('a'.repeat(40));
  });

  it('decodes HTML in the declared charset, at the final address, with the fields given and without the ones left out', () => {
    const html = '<html><body><p>Привет из Еревана</p></body></html>';
    const r = fetchedDocument(response(iconv.encode(html, 'windows-1251'), 'text/html; charset=windows-1251'), 'feed', { outlet: 'Courier', title: undefined, language: 'ru' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ source: 'https://example.test/final', url: 'https://example.test/final', kind: 'feed', contentType: 'text/html', outlet: 'Courier', language: 'ru' });
    expect(r.value.content).toContain('Привет из Еревана');
    expect(r.value.encoding).toEqual({ charset: 'windows-1251', basis: 'http-header' });
    expect('title' in r.value).toBe(false);
  });

  it('keeps a text/plain page as text, and rejects binary bytes with the decoder reason', () => {
    const text = fetchedDocument(response(new TextEncoder().encode('Plain words, <p>not markup</p>.'), 'text/plain'), 'url');
    expect(text.ok && text.value.contentType).toBe('text/plain');
    const png = fetchedDocument(response(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]), 'text/html'), 'url');
    expect(png).toMatchObject({ ok: false, reason: 'binary-content' });
  });
});
