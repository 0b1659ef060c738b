/**
 * Language of an article text by franc's method and data, reported as ISO
 * 639-1 where one exists.
 *
 * franc knows hundreds of languages and, on short news text, sometimes picks a
 * close minor one (Scots for English); restricting it to the languages news in
 * this field is written in keeps the answer stable.
 *
 * `francOnly` gives exactly franc's answer for `franc(value, { minLength: 20,
 * only: ONLY })` (test/extract-text/language-detect.test.ts compares the two),
 * computed faster: trigrams (three UTF-16 code units, as franc slices them)
 * are counted under a numeric key instead of in an object of strings, and each
 * sample trigram is looked up once in an index of the allowed languages'
 * models (which languages hold it, at which rank) instead of once per
 * language. Distances are sums of integers, so they come out exactly as
 * franc's; franc sorts them stably and takes the first, so the winner is the
 * first language (in franc's order) of least distance.
 */
import { data } from 'franc/data.js';
import { expressions } from 'franc/expressions.js';
import { clean } from 'trigram-utils';

/** ISO 639-3 (as franc reports) → ISO 639-1. */
const ISO_639_1: Readonly<Record<string, string>> = {
  eng: 'en', rus: 'ru', ukr: 'uk', bel: 'be', hye: 'hy', azj: 'az', azb: 'az', kat: 'ka', kaz: 'kk',
  uzn: 'uz', tur: 'tr', deu: 'de', fra: 'fr', spa: 'es', ita: 'it', por: 'pt', nld: 'nl', pol: 'pl',
  ces: 'cs', slk: 'sk', ron: 'ro', bul: 'bg', srp: 'sr', hrv: 'hr', bos: 'bs', slv: 'sl', hun: 'hu',
  ell: 'el', swe: 'sv', nob: 'nb', nno: 'nn', dan: 'da', fin: 'fi', est: 'et', lvs: 'lv', lit: 'lt',
  arb: 'ar', pes: 'fa', heb: 'he', urd: 'ur', hin: 'hi', ben: 'bn', cmn: 'zh', jpn: 'ja', kor: 'ko',
  vie: 'vi', ind: 'id', zlm: 'ms', tha: 'th', cat: 'ca', glg: 'gl', eus: 'eu', swh: 'sw', tgl: 'tl', afr: 'af',
};

/** The languages franc may answer (its `only` option). */
export const ONLY: readonly string[] = Object.keys(ISO_639_1);

/** franc's constants. */
const MAX_LENGTH = 2048;
const MAX_DIFFERENCE = 300;
const MIN_LENGTH = 20;

const own = Object.prototype.hasOwnProperty;

/** Three UTF-16 code units as one number (exact: 48 bits). */
function keyAt(s: string, i: number): number {
  return s.charCodeAt(i) * 4294967296 + s.charCodeAt(i + 1) * 65536 + s.charCodeAt(i + 2);
}

/**
 * Per script franc has trigram data for: the allowed languages in franc's order, and for each trigram key the
 * languages whose model holds it with its rank there (`[language index, rank, …]`).
 */
interface ScriptModels {
  codes: string[];
  postings: Map<number, number[]>;
}
const MODELS = new Map<string, ScriptModels>();
for (const script of Object.keys(data)) {
  const languages = data[script]!;
  const models: ScriptModels = { codes: [], postings: new Map() };
  for (const code of Object.keys(languages)) {
    if (!ONLY.includes(code)) continue;
    const l = models.codes.length;
    models.codes.push(code);
    const model = languages[code]!.split('|');
    // As franc builds its object: for a repeated trigram the lowest rank is the one kept. An entry that is not
    // three code units long can never equal a sample's trigram.
    const ranks = new Map<number, number>();
    for (let weight = model.length - 1; weight >= 0; weight--) if (model[weight]!.length === 3) ranks.set(keyAt(model[weight]!, 0), weight);
    for (const [k, rank] of ranks) {
      let list = models.postings.get(k);
      if (list === undefined) models.postings.set(k, (list = []));
      list.push(l, rank);
    }
  }
  MODELS.set(script, models);
}

/** franc's scripts, in the order it tries them, with their expressions (global, no `u` flag). */
const SCRIPTS: readonly string[] = Object.keys(expressions).filter((k) => own.call(expressions, k));
/** Each script's expression as a test of one whole code unit: does a match start (and end) at that unit? */
const ONE_UNIT: readonly RegExp[] = SCRIPTS.map((k) => new RegExp(`^(?:${expressions[k]!.source})$`, expressions[k]!.flags.replace('g', '')));
const COMPUTED = 0x80000000;
/** Per UTF-16 code unit: bit i set when script i's expression matches that unit alone (bit 31: worked out). */
const UNIT_SCRIPTS = new Uint32Array(65536);

function scriptsOfUnit(unit: number): number {
  let mask = UNIT_SCRIPTS[unit]!;
  if (mask === 0) {
    const ch = String.fromCharCode(unit);
    for (let i = 0; i < ONE_UNIT.length; i++) if (ONE_UNIT[i]!.test(ch)) mask |= 1 << i;
    UNIT_SCRIPTS[unit] = mask = (mask | COMPUTED) >>> 0;
  }
  return mask & ~COMPUTED;
}

/**
 * `value.match(expressions[script])?.length ?? 0` for every script, in one pass, or null when `value` holds a
 * surrogate. Outside the surrogate range every alternative of franc's expressions that can match is one code unit
 * long (the others begin with a high surrogate), so a global match counts exactly the units the expression
 * matches alone.
 */
export function scriptMatchCounts(value: string): number[] | null {
  if (SCRIPTS.length > 31) return null;
  const counts = new Array<number>(SCRIPTS.length).fill(0);
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdfff) return null;
    let mask = scriptsOfUnit(unit);
    while (mask !== 0) {
      const bit = 31 - Math.clz32(mask & -mask);
      counts[bit]!++;
      mask &= mask - 1;
    }
  }
  return counts;
}

/** Occurrences of each trigram of the cleaned, space-padded value (trigram-utils' `asDictionary`, keyed by number). */
function trigramCounts(value: string): { keys: number[]; counts: number[] } {
  const s = ' ' + clean(value) + ' ';
  const index = new Map<number, number>();
  const keys: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i + 3 <= s.length; i++) {
    const k = keyAt(s, i);
    const at = index.get(k);
    if (at === undefined) {
      index.set(k, keys.length);
      keys.push(k);
      counts.push(1);
    } else counts[at]!++;
  }
  return { keys, counts };
}

/** franc's answer (ISO 639-3 or 'und') for `value` with `{ minLength: 20, only: ONLY }`. */
export function francOnly(input: string): string {
  if (!input || input.length < MIN_LENGTH) return 'und';
  const value = input.slice(0, MAX_LENGTH);
  // The script most of the characters are written in (first one wins a tie, as in franc).
  let topScript: string | undefined;
  let topCount = -1;
  const unitCounts = scriptMatchCounts(value);
  for (let i = 0; i < SCRIPTS.length; i++) {
    const script = SCRIPTS[i]!;
    let n: number;
    if (unitCounts !== null) n = unitCounts[i]!;
    else {
      const matches = value.match(expressions[script]!);
      n = matches ? matches.length : 0;
    }
    const count = n / value.length || 0;
    if (count > topCount) {
      topCount = count;
      topScript = script;
    }
  }
  if (topScript === undefined || !own.call(data, topScript)) {
    // A script with one language: that language, when allowed.
    if (topScript === undefined || topCount === 0 || !ONLY.includes(topScript)) return 'und';
    return topScript;
  }
  const { codes, postings } = MODELS.get(topScript)!;
  if (codes.length === 0) return 'und';
  const { keys, counts } = trigramCounts(value);
  // franc's distance: per sample trigram, |count - rank - 1| when the model has it, MAX_DIFFERENCE when not. Start
  // every language at "has none", then correct for the trigrams each one has (integers: exact in any order).
  const distance = new Array<number>(codes.length).fill(MAX_DIFFERENCE * keys.length);
  for (let i = 0; i < keys.length; i++) {
    const list = postings.get(keys[i]!);
    if (list === undefined) continue;
    const count = counts[i]!;
    for (let j = 0; j < list.length; j += 2) {
      let difference = count - list[j + 1]! - 1;
      if (difference < 0) difference = -difference;
      distance[list[j]!]! += difference - MAX_DIFFERENCE;
    }
  }
  let best = 0;
  for (let l = 1; l < codes.length; l++) if (distance[l]! < distance[best]!) best = l;
  return codes[best]!;
}

/** ISO 639-1 code of the text's language, or null when the text is too short or unclear. */
export function detectLanguage(text: string): string | null {
  // franc reads the first couple of thousand characters well enough; more only costs time.
  const sample = text.slice(0, 2000);
  const code = francOnly(sample);
  if (code === 'und') return null;
  return ISO_639_1[code] ?? code;
}
