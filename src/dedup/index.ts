export { contentHash } from './content-hash.js';
export { simhash64, simhash64Parts, hamming, hammingParts, fromHex64, toHex64, popcount32 } from './simhash.js';
export type { SimHash64, SimHashOptions } from './simhash.js';
export { NearDuplicateIndex } from './near-duplicate-index.js';
export type { NearDuplicateIndexOptions, NearDuplicateMatch } from './near-duplicate-index.js';
export { normalizeText, tokenize } from './text-normalizer.js';
