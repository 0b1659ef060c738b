import { createHash } from 'node:crypto';
import { normalizeText } from './text-normalizer.js';

/**
 * SHA-256 (hex) of the normalised text: two inputs that differ only in case,
 * whitespace, Unicode form or typographic quotes get the same hash.
 */
export function contentHash(text: string): string {
  return createHash('sha256').update(normalizeText(text), 'utf8').digest('hex');
}
