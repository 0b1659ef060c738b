import { FUNCTION_WORDS, fmix32, fnv1a32, tokenize } from './text-normalizer.js';

/**
 * 64-bit SimHash (Charikar; Manku et al. 2007) over word shingles.
 *
 * Kept as two unsigned 32-bit halves rather than BigInt: the per-shingle work
 * is then plain int arithmetic, several times faster than BigInt (measured in
 * bench/scale/simhash-speed.ts). The public form is 16 hex digits.
 */
export interface SimHash64 {
  hi: number;
  lo: number;
}

export interface SimHashOptions {
  /**
   * Words per shingle; 1 by default (each word occurrence is a feature, so the
   * fingerprint is tf-weighted). Measured on synthetic near-copies with 1–3
   * words replaced (bench/scale): 97.5% stay within Hamming 6 with single
   * words, against 65% with 3-word shingles.
   */
  shingle?: number;
}

export function simhash64Parts(text: string, options: SimHashOptions = {}): SimHash64 {
  const all = tokenize(text);
  const content = all.filter((t) => !FUNCTION_WORDS.has(t));
  // A text made only of function words still gets a fingerprint.
  const tokens = content.length > 0 ? content : all;
  const k = Math.max(1, Math.min(options.shingle ?? 1, tokens.length));
  // Each bit's vote is (set bits) - (clear bits) = 2 × ones - n, so counting the set bits (no branch per bit)
  // and testing 2 × ones > n gives the same fingerprint as adding ±1.
  const ones = new Int32Array(64);
  const n = tokens.length - k + 1;
  for (let i = 0; i < n; i++) {
    let s = tokens[i]!;
    for (let j = 1; j < k; j++) s += ' ' + tokens[i + j]!;
    const h = fnv1a32(s);
    const lo = fmix32(h);
    const hi = fmix32(h ^ 0x9e3779b9);
    for (let b = 0; b < 32; b++) {
      ones[b]! += (lo >>> b) & 1;
      ones[b + 32]! += (hi >>> b) & 1;
    }
  }
  let lo = 0;
  let hi = 0;
  for (let b = 0; b < 32; b++) {
    if (2 * ones[b]! > n) lo |= 1 << b;
    if (2 * ones[b + 32]! > n) hi |= 1 << b;
  }
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

export function toHex64(p: SimHash64): string {
  return p.hi.toString(16).padStart(8, '0') + p.lo.toString(16).padStart(8, '0');
}

/** Parses 16 hex digits; returns null for anything else. */
export function fromHex64(hex: string): SimHash64 | null {
  if (!/^[0-9a-fA-F]{16}$/.test(hex)) return null;
  return { hi: parseInt(hex.slice(0, 8), 16) >>> 0, lo: parseInt(hex.slice(8), 16) >>> 0 };
}

/** SimHash of a text as 16 lower-case hex digits. */
export function simhash64(text: string, options: SimHashOptions = {}): string {
  return toHex64(simhash64Parts(text, options));
}

export function popcount32(x: number): number {
  let v = x >>> 0;
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

export function hammingParts(a: SimHash64, b: SimHash64): number {
  return popcount32(a.hi ^ b.hi) + popcount32(a.lo ^ b.lo);
}

/** Number of differing bits between two 16-hex-digit fingerprints (64 if either is malformed). */
export function hamming(a: string, b: string): number {
  const pa = fromHex64(a);
  const pb = fromHex64(b);
  if (pa === null || pb === null) return 64;
  return hammingParts(pa, pb);
}
