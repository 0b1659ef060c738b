import { FUNCTION_WORDS, fmix32, fnv1a32, tokenize } from '../../src/dedup/text-normalizer.js';
import { simhash64 } from '../../src/dedup/simhash.js';

/** The same SimHash computed with BigInt, as the peer the 32-bit-halves version is measured against. */
export function simhash64BigInt(text: string): string {
  const all = tokenize(text);
  const content = all.filter((t) => !FUNCTION_WORDS.has(t));
  const tokens = content.length > 0 ? content : all;
  const k = Math.max(1, Math.min(1, tokens.length));
  const counts = new Int32Array(64);
  for (let i = 0; i + k <= tokens.length; i++) {
    const s = tokens.slice(i, i + k).join(' ');
    const h = fnv1a32(s);
    const v = (BigInt(fmix32(h ^ 0x9e3779b9)) << 32n) | BigInt(fmix32(h));
    for (let b = 0; b < 64; b++) counts[b]! += (v >> BigInt(b)) & 1n ? 1 : -1;
  }
  let out = 0n;
  for (let b = 0; b < 64; b++) if (counts[b]! > 0) out |= 1n << BigInt(b);
  return out.toString(16).padStart(16, '0');
}

export function simhashSpeed(texts: string[]): { halvesPerSec: number; bigintPerSec: number; agree: boolean } {
  let agree = true;
  for (const t of texts.slice(0, 50)) if (simhash64(t) !== simhash64BigInt(t)) agree = false;
  let t0 = performance.now();
  for (const t of texts) simhash64(t);
  const halves = texts.length / ((performance.now() - t0) / 1000);
  t0 = performance.now();
  for (const t of texts) simhash64BigInt(t);
  const big = texts.length / ((performance.now() - t0) / 1000);
  return { halvesPerSec: halves, bigintPerSec: big, agree };
}
