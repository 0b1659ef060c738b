import chardet from 'chardet';
import iconv from 'iconv-lite';
import type { RawDocument, Result } from '../model/types.js';

export type DecodeBasis = NonNullable<RawDocument['encoding']>['basis'];
export interface Decoded {
  text: string;
  charset: string;
  basis: DecodeBasis;
}

export interface DecodeHints {
  /** Parse `<meta charset>` / `http-equiv` declarations. */
  html: boolean;
  /** A charset from an HTTP `Content-Type` header or a WARC record. */
  declaredCharset?: string | null;
}

const SNIFF_BYTES = 4096;

/** Legacy single-byte encodings we accept from detection. */
const DETECTABLE = new Set([
  'windows-1250', 'windows-1251', 'windows-1252', 'windows-1253', 'windows-1254', 'windows-1256',
  'iso-8859-1', 'iso-8859-2', 'iso-8859-5', 'iso-8859-7', 'iso-8859-9', 'koi8-r', 'shift_jis', 'euc-jp', 'euc-kr', 'gb18030', 'big5',
]);

function normaliseCharset(name: string): string {
  const n = name.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (n === 'utf8') return 'utf-8';
  if (n === 'cp1251' || n === 'win-1251') return 'windows-1251';
  if (n === 'latin1' || n === 'latin-1') return 'iso-8859-1';
  if (n === 'gb2312' || n === 'gbk') return 'gb18030';
  return n;
}

/** Finds `<meta charset=…>` or `<meta http-equiv content="…; charset=…">` in the first bytes. */
export function sniffMetaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, SNIFF_BYTES)).toString('latin1');
  const direct = /<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})/i.exec(head);
  return direct?.[1] ? normaliseCharset(direct[1]) : null;
}

/** True when the bytes look like a binary file: NUL bytes or many control characters. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return control / n > 0.02;
}

/** Counts well-formed and malformed UTF-8 multi-byte sequences. */
function utf8Shape(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b <= 0xdf ? 2 : 0;
    if (len === 0) {
      invalid++;
      i++;
      continue;
    }
    let ok = i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += len;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/** Single-byte legacy charsets: any valid multi-byte UTF-8 in the bytes contradicts them. */
const SINGLE_BYTE = /^(?:windows-125\d|iso-8859-\d{1,2}|koi8-[ru]|cp125\d|cp8\d\d|us-ascii|ascii|macintosh|latin\d)$/;
/** Double-byte legacy charsets (their pairs can be valid 2-byte UTF-8 by chance, so more evidence is needed). */
const DOUBLE_BYTE = new Set(['euc-kr', 'shift_jis', 'sjis', 'euc-jp', 'gb18030', 'big5', 'ks_c_5601-1987', 'cp949', 'windows-949', 'iso-2022-jp']);

/**
 * The text when the bytes are entirely valid UTF-8 and that fact contradicts
 * a declared legacy charset: CMSs copy a `<meta charset>` from an old
 * template while serving UTF-8. For a single-byte charset one valid
 * multi-byte sequence is enough (Latin-1 text almost never forms one); for a
 * double-byte one (EUC-KR, Shift_JIS, GBK, Big5) whose pairs can look like
 * 2-byte UTF-8, there must be several sequences and at least one of three or
 * four bytes.
 */
function utf8OverDeclared(bytes: Uint8Array, declared: string): string | null {
  const single = SINGLE_BYTE.test(declared);
  if (!single && !DOUBLE_BYTE.has(declared)) return null;
  let multi = 0;
  let long = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 0xc2 && b <= 0xf4) {
      multi++;
      if (b >= 0xe0) long++;
    }
  }
  if (multi === 0 || (!single && (multi < 8 || long === 0))) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function decodeWith(bytes: Uint8Array, charset: string): string | null {
  if (!iconv.encodingExists(charset)) return null;
  return iconv.decode(Buffer.from(bytes), charset);
}

/**
 * Decodes bytes to text: BOM, then a declared charset (header or `<meta>`)
 * unless the bytes are valid multi-byte UTF-8 that contradicts a declared
 * legacy charset, then strict UTF-8, then detection for legacy encodings. Bytes that are
 * partly valid UTF-8 and partly not are corrupt UTF-8 and are refused rather
 * than silently decoded as Latin-1.
 */
export function decodeBytes(bytes: Uint8Array, hints: DecodeHints): Result<Decoded> {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { ok: true, value: { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), charset: 'utf-8', basis: 'bom' } };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, value: { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), charset: 'utf-16le', basis: 'bom' } };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, value: { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), charset: 'utf-16be', basis: 'bom' } };
  }
  if (looksBinary(bytes)) return { ok: false, reason: 'binary-content' };

  const declared = hints.declaredCharset ? normaliseCharset(hints.declaredCharset) : null;
  const meta = hints.html ? sniffMetaCharset(bytes) : null;
  for (const [charset, basis] of [
    [declared, 'http-header'],
    [meta, 'meta'],
  ] as const) {
    if (!charset) continue;
    if (charset === 'utf-8') {
      try {
        return { ok: true, value: { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), charset, basis } };
      } catch {
        break; // declared UTF-8 but not UTF-8: fall through to detection
      }
    }
    const asUtf8 = utf8OverDeclared(bytes, charset);
    if (asUtf8 !== null) return { ok: true, value: { text: asUtf8, charset: 'utf-8', basis: 'utf8-valid' } };
    const text = decodeWith(bytes, charset);
    if (text !== null) return { ok: true, value: { text, charset, basis } };
  }

  try {
    return { ok: true, value: { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), charset: 'utf-8', basis: 'utf8-valid' } };
  } catch {
    // not UTF-8: decide between a legacy encoding and corrupt UTF-8
  }
  const shape = utf8Shape(bytes);
  if (shape.valid > 0 && shape.valid * 10 >= shape.invalid) {
    return { ok: false, reason: 'invalid-encoding', detail: `corrupt UTF-8: ${shape.invalid} malformed sequence(s) among ${shape.valid} valid ones` };
  }
  const candidates = chardet.analyse(Buffer.from(bytes.subarray(0, 65536)));
  for (const c of candidates) {
    const charset = normaliseCharset(c.name);
    if (!DETECTABLE.has(charset) || c.confidence < 20) continue;
    const text = decodeWith(bytes, charset);
    if (text !== null) return { ok: true, value: { text, charset, basis: 'detected' } };
  }
  return { ok: false, reason: 'invalid-encoding', detail: 'not UTF-8 and no legacy encoding detected with confidence' };
}
