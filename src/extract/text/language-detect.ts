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
  /** The same postings in an open-addressing table (read by `postingsSlot`), filled once all are known. */
  table: TrigramTable | null;
}

/**
 * Trigram keys (`keyAt`) in an open-addressing table of typed arrays: no boxed number per key and no Map hashing of
 * doubles on the per-page path. `keys[slot]` is the key (-1: empty); for postings, `start`/`end` delimit the slot's
 * `[language index, rank, …]` pairs in `data`.
 */
interface TrigramTable {
  mask: number;
  keys: Float64Array;
  start: Int32Array;
  end: Int32Array;
  data: Int32Array;
}

/** The table slot to look in first for the trigram at `s[i]` (three code units). */
function firstSlot(s: string, i: number, mask: number): number {
  const h = Math.imul(s.charCodeAt(i), 0x9e3779b1) ^ Math.imul(s.charCodeAt(i + 1), 0x85ebca77) ^ Math.imul(s.charCodeAt(i + 2), 0xc2b2ae3d);
  return (h ^ (h >>> 15)) & mask;
}

function postingsTable(postings: Map<number, number[]>): TrigramTable {
  let size = 16;
  while (size < postings.size * 2) size *= 2;
  const table: TrigramTable = { mask: size - 1, keys: new Float64Array(size).fill(-1), start: new Int32Array(size), end: new Int32Array(size), data: new Int32Array(0) };
  const data: number[] = [];
  for (const [key, list] of postings) {
    const s = String.fromCharCode(Math.floor(key / 4294967296), Math.floor(key / 65536) % 65536, key % 65536);
    let slot = firstSlot(s, 0, table.mask);
    while (table.keys[slot] !== -1) slot = (slot + 1) & table.mask;
    table.keys[slot] = key;
    table.start[slot] = data.length;
    data.push(...list);
    table.end[slot] = data.length;
  }
  table.data = Int32Array.from(data);
  return table;
}

/** The slot holding the trigram at `s[i]` (whose key is `key`), or -1 when the models have none. */
function postingsSlot(table: TrigramTable, s: string, i: number, key: number): number {
  let slot = firstSlot(s, i, table.mask);
  for (;;) {
    const k = table.keys[slot]!;
    if (k === key) return slot;
    if (k === -1) return -1;
    slot = (slot + 1) & table.mask;
  }
}

const MODELS = new Map<string, ScriptModels>();
for (const script of Object.keys(data)) {
  const languages = data[script]!;
  const models: ScriptModels = { codes: [], postings: new Map(), table: null };
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
  models.table = postingsTable(models.postings);
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

/** Room for the distinct trigrams of one sample (franc reads at most 2,048 characters, so at most 2,048 trigrams). */
const SAMPLE_SLOTS = 8192;
const sampleKeys = new Float64Array(SAMPLE_SLOTS);
const sampleCounts = new Int32Array(SAMPLE_SLOTS);
/** Which call last wrote each slot (a slot of another call counts as empty: nothing to clear between calls). */
const sampleStamp = new Int32Array(SAMPLE_SLOTS);
let stamp = 0;

/**
 * Occurrences of each trigram of the cleaned, space-padded value (trigram-utils' `asDictionary`, keyed by number):
 * `s` the padded text, `first[j]` where distinct trigram j first occurs in it, `counts[j]` how often.
 */
function trigramCounts(value: string): { s: string; first: number[]; counts: number[] } {
  const s = ' ' + clean(value) + ' ';
  const first: number[] = [];
  const slots: number[] = [];
  if (s.length - 2 > SAMPLE_SLOTS / 2) return trigramCountsByMap(s);
  stamp = (stamp + 1) | 0;
  if (stamp === 0) {
    sampleStamp.fill(0);
    stamp = 1;
  }
  const mask = SAMPLE_SLOTS - 1;
  for (let i = 0; i + 3 <= s.length; i++) {
    const k = keyAt(s, i);
    let slot = firstSlot(s, i, mask);
    while (sampleStamp[slot] === stamp && sampleKeys[slot] !== k) slot = (slot + 1) & mask;
    if (sampleStamp[slot] === stamp) sampleCounts[slot]!++;
    else {
      sampleStamp[slot] = stamp;
      sampleKeys[slot] = k;
      sampleCounts[slot] = 1;
      first.push(i);
      slots.push(slot);
    }
  }
  const counts = slots.map((slot) => sampleCounts[slot]!);
  return { s, first, counts };
}

/** The same with a Map, for a text longer than the table is built for (not reached through `francOnly`). */
function trigramCountsByMap(s: string): { s: string; first: number[]; counts: number[] } {
  const index = new Map<number, number>();
  const first: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i + 3 <= s.length; i++) {
    const k = keyAt(s, i);
    const at = index.get(k);
    if (at === undefined) {
      index.set(k, first.length);
      first.push(i);
      counts.push(1);
    } else counts[at]!++;
  }
  return { s, first, counts };
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
  const { codes, table } = MODELS.get(topScript)!;
  if (codes.length === 0) return 'und';
  const { s, first, counts } = trigramCounts(value);
  // franc's distance: per sample trigram, |count - rank - 1| when the model has it, MAX_DIFFERENCE when not. Start
  // every language at "has none", then correct for the trigrams each one has (integers: exact in any order).
  const distance = new Array<number>(codes.length).fill(MAX_DIFFERENCE * first.length);
  const { data: postingData, start, end } = table!;
  for (let i = 0; i < first.length; i++) {
    const at = first[i]!;
    const slot = postingsSlot(table!, s, at, keyAt(s, at));
    if (slot < 0) continue;
    const count = counts[i]!;
    for (let j = start[slot]!; j < end[slot]!; j += 2) {
      let difference = count - postingData[j + 1]! - 1;
      if (difference < 0) difference = -difference;
      distance[postingData[j]!]! += difference - MAX_DIFFERENCE;
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
