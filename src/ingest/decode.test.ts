import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes, looksBinary, sniffMetaCharset } from './decode.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('decodeBytes', () => {
  it('decodes UTF-8 with and without BOM', () => {
    const r = decodeBytes(enc('Привет, Ереван'), { html: false });
    expect(r.ok && r.value).toMatchObject({ text: 'Привет, Ереван', basis: 'utf8-valid' });
    const bom = decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('Hi')]), { html: false });
    expect(bom.ok && bom.value).toMatchObject({ text: 'Hi', basis: 'bom' });
  });
  it('honours <meta charset> for windows-1251 HTML', () => {
    const html = '<html><head><meta charset="windows-1251"></head><body>Москва заявила</body></html>';
    const r = decodeBytes(iconv.encode(html, 'windows-1251'), { html: true });
    expect(r.ok && r.value.text).toContain('Москва заявила');
    expect(r.ok && r.value.basis).toBe('meta');
  });
  it('detects an undeclared KOI8-R / windows-1251 text', () => {
    const text = 'Министерство иностранных дел России заявило, что пограничные войска будут усилены в ближайшее время. '.repeat(5);
    const r = decodeBytes(iconv.encode(text, 'koi8-r'), { html: false });
    expect(r.ok).toBe(true);
    expect(r.ok && r.value.text).toContain('Министерство');
  });
  it('refuses corrupt UTF-8 and binary files with reason codes', () => {
    const corrupt = new Uint8Array([...enc('Zakharova said — '), 0xe2, 0x80, ...enc(' that it was'), 0xc3]);
    const r = decodeBytes(corrupt, { html: false });
    expect(r).toMatchObject({ ok: false, reason: 'invalid-encoding' });
    expect(decodeBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]), { html: false })).toMatchObject({ ok: false, reason: 'binary-content' });
  });
  it('sniffs meta charset and binary bytes', () => {
    expect(sniffMetaCharset(enc('<meta http-equiv="Content-Type" content="text/html; charset=KOI8-R">'))).toBe('koi8-r');
    expect(looksBinary(enc('plain text\n'))).toBe(false);
  });
});

describe('declared legacy charset over bytes that are valid UTF-8', () => {
  it('prefers valid multi-byte UTF-8 over a declared single-byte charset', () => {
    const html = '<html><head><meta charset="iso-8859-1"></head><body>Zakharova — «Ереван» café</body></html>';
    const r = decodeBytes(enc(html), { html: true });
    expect(r.ok && r.value).toMatchObject({ charset: 'utf-8', basis: 'utf8-valid' });
    expect(r.ok && r.value.text).toContain('«Ереван» café');
    const header = decodeBytes(enc('Zürich und Köln'), { html: false, declaredCharset: 'windows-1252' });
    expect(header.ok && header.value.text).toBe('Zürich und Köln');
  });
  it('prefers UTF-8 Korean over a stale euc-kr declaration (the daejonilbo case)', () => {
    const html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=euc-kr"></head><body>대전일보 기자가 보도했다. 대전시는 오늘 발표했다.</body></html>';
    const r = decodeBytes(enc(html), { html: true });
    expect(r.ok && r.value.text).toContain('대전일보 기자가 보도했다');
  });
  it('still honours a declaration the bytes agree with', () => {
    const ko = '<html><head><meta charset="euc-kr"></head><body>대전일보 기자가 보도했다. 대전시는 오늘 발표했다.</body></html>';
    const r = decodeBytes(iconv.encode(ko, 'euc-kr'), { html: true });
    expect(r.ok && r.value).toMatchObject({ charset: 'euc-kr', basis: 'meta' });
    expect(r.ok && r.value.text).toContain('대전일보');
    const latin = '<html><head><meta charset="windows-1252"></head><body>Café crème, São Paulo, Zürich</body></html>';
    const l = decodeBytes(iconv.encode(latin, 'windows-1252'), { html: true });
    expect(l.ok && l.value).toMatchObject({ charset: 'windows-1252', basis: 'meta' });
    expect(l.ok && l.value.text).toContain('Café crème, São Paulo, Zürich');
    for (const cs of ['windows-1251', 'koi8-r']) {
      const ru = `<html><head><meta charset="${cs}"></head><body>Москва заявила, что Министерство иностранных дел</body></html>`;
      const d = decodeBytes(iconv.encode(ru, cs), { html: true });
      expect(d.ok && d.value).toMatchObject({ charset: cs, basis: 'meta' });
      expect(d.ok && d.value.text).toContain('Министерство иностранных дел');
    }
  });
});
