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
