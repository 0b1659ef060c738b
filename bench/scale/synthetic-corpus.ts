import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { splitSentences } from '../../src/enrich/sentences/sentence-splitter.js';
import { ECBPLUS_DIR, loadEcbPlus, repoRoot } from '../clustering/benchmark-data.js';
export { mulberry32 } from '../../src/util/seeded-random.js';
import { mulberry32 } from '../../src/util/seeded-random.js';

/**
 * A deterministic generator of synthetic news articles made from real text
 * (dragnet gold article bodies and ECB+ articles, read in place from
 * ../shared), with known duplicate ground truth:
 * - an original is two sentence windows from two real articles, shuffled,
 *   with ~15% of its words replaced by random words of the corpus vocabulary,
 *   so no two originals are near-copies of each other;
 * - a duplicate copies a recent original, either exactly (case and whitespace
 *   changed) or nearly (1–3 words replaced, sometimes a short credit line
 *   appended), and records which original it copies.
 */

export const DRAGNET_GOLD = path.resolve(repoRoot, '../shared/bench/extraction/dragnet_data/GoldStandard');

export interface SyntheticArticle {
  id: string;
  title: string;
  text: string;
  publishedAt: string;
  outlet: string;
  /** Ground truth: the original this article copies, or null for an original. */
  duplicateOf: string | null;
  dupKind: 'exact' | 'near' | null;
}

export function sourcesAvailable(): boolean {
  return existsSync(DRAGNET_GOLD) || existsSync(ECBPLUS_DIR);
}


/** Real articles as sentence lists (sentences of 6+ words only). */
export function loadBaseDocs(): string[][] {
  const docs: string[][] = [];
  const keep = (text: string): void => {
    const sentences = splitSentences(text)
      .map((s) => text.slice(s.start, s.end).replace(/\s+/g, ' ').trim())
      .filter((s) => s.split(' ').length >= 6 && s.length < 600);
    if (sentences.length >= 3) docs.push(sentences);
  };
  if (existsSync(DRAGNET_GOLD)) {
    for (const f of readdirSync(DRAGNET_GOLD).sort()) keep(readFileSync(path.join(DRAGNET_GOLD, f), 'utf8'));
  }
  if (existsSync(ECBPLUS_DIR)) for (const g of loadEcbPlus()) keep(g.doc.text);
  return docs;
}

export function* generateArticles(n: number, seed = 7, dupRate = 0.15, spanDays = 365): Generator<SyntheticArticle> {
  const base = loadBaseDocs();
  if (base.length === 0) throw new Error('no base text: ../shared/bench/extraction/dragnet_data and ecbplus are absent');
  const rand = mulberry32(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const vocab = [...new Set(base.flat().join(' ').split(' ').filter((w) => /^[a-z]{4,12}$/.test(w)))];
  const outlets = Array.from({ length: 300 }, (_, i) => `outlet-${i}`);
  const recent: SyntheticArticle[] = [];
  const start = Date.parse('2020-01-01T00:00:00Z');
  const span = spanDays * 86_400_000;
  const window = (doc: string[]): string[] => {
    const len = 2 + Math.floor(rand() * 5);
    const from = Math.floor(rand() * Math.max(1, doc.length - len));
    return doc.slice(from, from + len);
  };
  for (let i = 0; i < n; i++) {
    const id = `s${i}`;
    const publishedAt = new Date(start + Math.floor((i / n) * span) + Math.floor(rand() * 3_600_000)).toISOString();
    const outlet = pick(outlets);
    if (recent.length > 100 && rand() < dupRate) {
      const orig = recent[recent.length - 1 - Math.floor(rand() * Math.min(recent.length, 20_000))]!;
      if (rand() < 1 / 3) {
        const text = rand() < 0.5 ? orig.text.toUpperCase() : orig.text.replace(/ /g, '  ');
        yield { id, title: orig.title, text, publishedAt, outlet, duplicateOf: orig.id, dupKind: 'exact' };
      } else {
        const words = orig.text.split(' ');
        const edits = 1 + Math.floor(rand() * 3);
        for (let e = 0; e < edits; e++) words[Math.floor(rand() * words.length)] = pick(vocab);
        let text = words.join(' ');
        if (rand() < 0.3) text += `\nSource: ${outlet}.`;
        yield { id, title: orig.title, text, publishedAt, outlet, duplicateOf: orig.id, dupKind: 'near' };
      }
      continue;
    }
    const sentences = [...window(pick(base)), ...window(pick(base))];
    for (let k = sentences.length - 1; k > 0; k--) {
      const j = Math.floor(rand() * (k + 1));
      [sentences[k], sentences[j]] = [sentences[j]!, sentences[k]!];
    }
    const words = sentences.join(' ').split(' ');
    for (let k = 0; k < words.length; k++) if (rand() < 0.15) words[k] = pick(vocab);
    const text = words.join(' ');
    const title = sentences[0]!.split(' ').slice(0, 10).join(' ');
    const art: SyntheticArticle = { id, title, text, publishedAt, outlet, duplicateOf: null, dupKind: null };
    recent.push(art);
    if (recent.length > 40_000) recent.splice(0, 20_000);
    yield art;
  }
}
