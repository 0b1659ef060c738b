/**
 * Patterns and texts shared by the place-scan tests: the place scans' patterns with the characters that can start
 * them, and article-like, hostile and random texts (non-ASCII letters, marks, lone and paired surrogates).
 */
import { ASCII_CAPITALS, asciiStarts } from '../../src/enrich/places/start-scan.js';

export const PATTERNS: [string, Uint8Array][] = [
  [String.raw`(?<![\p{L}.])\p{Lu}\p{Ll}{1,20}(?: \p{Lu}\p{Ll}{1,20}){0,2}(?![\p{L}])`, ASCII_CAPITALS],
  [String.raw`(?<![\p{L}.])(\p{Lu}[\p{L}.]{1,20}(?: \p{Lu}\p{Ll}{1,20}){0,2})(?![\p{L}])`, ASCII_CAPITALS],
  [String.raw`(?<![\p{L}\p{N}'’.-])(?:(?:St|Mt|Ft)\. )?\p{Lu}[\p{L}'’]{1,24}(?:[ -]\p{Lu}[\p{L}'’]{1,24}){0,3}`, ASCII_CAPITALS],
  [String.raw`\p{Lu}\p{Ll}{2,30}(?:[-–]\p{Lu}\p{Ll}{2,30}){0,2}`, ASCII_CAPITALS],
  [String.raw`(?<![\p{L}])the ((?:[\p{L}][\p{L}-]{0,24} ){0,3}?)(region|city|town) of (\p{Lu}\p{L}{1,24})(?![\p{L}])`, asciiStarts('t')],
];

export const SAMPLES = [
  'Ohioans and Texans met in St. Paul, Minn., near Glen Carbon-Edwardsville; the region of Syunik, U.S. officials said.',
  'ÉMILE Zola, Åland Islands, Łódź and Ōsaka; İstanbul’s ǅemal; the city of Zürich. 𝐀𝐁𝐂 Town and 𝐀bc 𝐚bc.',
  'lone \ud800 high and \udc00 low surrogates, Ab\ud83d\ude00Cd emoji, Ab\u0301cd mark, x'.repeat(3),
  'A Russian-American crew, Palestinians, Arab-Israeli talks, the Sri Lankan and South Africans; Xyz-Russian.',
  'A'.repeat(60) + ' ' + 'Ab '.repeat(40) + 'the the the region of X'.repeat(5),
];

const PIECES = ['A', 'b', 'Z', 'z', ' ', '.', '-', '–', "'", '’', 'É', 'é', 'ǅ', 'ß', '\u0301', '\ud835\udc00', '\ud835\udc1a', '\ud800', 'St. ', 'the ', 'region of ', '1', '\n', 'Ohio', 'ans', 'Russian', 'American', 'Sri Lankan', 's'];

/** A deterministic random string of `length` pieces. */
export function randomText(seed: number, length: number): string {
  let s = '';
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += PIECES[x % PIECES.length];
  }
  return s;
}

/** The samples and 260 random texts of 40 to 99 pieces. */
export const SCAN_TEXTS = [...SAMPLES, ...Array.from({ length: 200 }, (_, i) => randomText(i + 1, 80)), ...Array.from({ length: 60 }, (_, k) => randomText(k + 1, 40 + k))];
