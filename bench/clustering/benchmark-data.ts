import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClusterDoc } from '../../src/cluster/cluster-types.js';
export { seededShuffle } from '../../src/util/seeded-random.js';
import { seededShuffle } from '../../src/util/seeded-random.js';

/** Loaders for the clustering benchmarks; they read ../shared in place and never copy it. */

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ECBPLUS_DIR = path.resolve(repoRoot, '../shared/bench/clustering/ecbplus');
export const UCI_CSV = path.resolve(repoRoot, '../shared/bench/clustering/uci-news-aggregator-sample.csv');

export interface GoldDoc {
  doc: ClusterDoc;
  gold: string;
  topic: string;
}

function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

// Tokens attached to the previous / next token when rejoining.
const NO_SPACE_BEFORE = new Set(['.', ',', ':', ';', '!', '?', ')', ']', '}', "'s", "n't", "'", '%', "''"]);
const NO_SPACE_AFTER = new Set(['(', '[', '{', '$', '``']);

/**
 * Reads one ECB+ file: sentences rejoined from tokens, one per line. ECB+ marks
 * no headline, so the first sentence (ecbplus: the first after the URL, often
 * the headline) serves as the title and the rest as the body. (Measured: giving
 * the whole text as body with no title scores B3 F1 0.849 against 0.867.)
 */
export function readEcbFile(file: string): { title: string; text: string; url: string | null } {
  const xml = readFileSync(file, 'utf8');
  const sentences = new Map<number, string[]>();
  for (const m of xml.matchAll(/<token [^>]{0,200}?sentence="(\d+)"[^>]{0,200}>([^<]{0,500})<\/token>/g)) {
    const s = Number(m[1]);
    const list = sentences.get(s) ?? [];
    list.push(decodeXml(m[2]!));
    sentences.set(s, list);
  }
  const joined = [...sentences.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, toks]) => {
      let out = '';
      let prev = '';
      for (const t of toks) {
        if (out.length > 0 && !NO_SPACE_BEFORE.has(t) && !NO_SPACE_AFTER.has(prev)) out += ' ';
        out += t;
        prev = t;
      }
      return out;
    });
  let url: string | null = null;
  if (file.endsWith('ecbplus.xml') && joined.length > 0 && /^http/.test(joined[0]!)) {
    url = joined.shift()!.replace(/\s+/g, '');
  }
  const title = joined[0] ?? '';
  return { title, text: joined.slice(1).join('\n'), url };
}

export function ecbPlusAvailable(): boolean {
  return existsSync(ECBPLUS_DIR);
}

/** All ECB+ documents in a fixed order: topics numerically, then ecb before ecbplus, then document number. */
export function loadEcbPlus(topics?: number[]): GoldDoc[] {
  const wanted = topics === undefined ? null : new Set(topics.map(String));
  const docs: GoldDoc[] = [];
  const topicDirs = readdirSync(ECBPLUS_DIR)
    .filter((d) => /^\d+$/.test(d) && (wanted === null || wanted.has(d)))
    .sort((a, b) => Number(a) - Number(b));
  for (const topic of topicDirs) {
    const files = readdirSync(path.join(ECBPLUS_DIR, topic)).filter((f) => /^\d+_\d+ecb(plus)?\.xml$/.test(f));
    const key = (f: string): [number, number] => {
      const m = /^\d+_(\d+)ecb(plus)?\.xml$/.exec(f)!;
      return [m[2] === undefined ? 0 : 1, Number(m[1])];
    };
    files.sort((a, b) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1]);
    for (const f of files) {
      const { title, text } = readEcbFile(path.join(ECBPLUS_DIR, topic, f));
      const sub = f.endsWith('ecbplus.xml') ? 'ecbplus' : 'ecb';
      docs.push({
        doc: { id: f.replace(/\.xml$/, ''), title, text, publishedAt: null, entities: [], places: [], outlet: null },
        gold: `${topic}-${sub}`,
        topic,
      });
    }
  }
  return docs;
}

export function uciAvailable(): boolean {
  return existsSync(UCI_CSV);
}

/** Splits one CSV line (RFC 4180 quotes). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** UCI headlines in timestamp order (ties by ID). */
export function loadUci(limit?: number): GoldDoc[] {
  const lines = readFileSync(UCI_CSV, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const header = splitCsvLine(lines[0]!);
  const col = (name: string): number => header.indexOf(name);
  const rows = lines.slice(1).map(splitCsvLine);
  const docs = rows
    .filter((r) => r.length >= header.length)
    .map((r) => {
      const ts = Number(r[col('TIMESTAMP')]);
      return {
        doc: {
          id: `uci-${r[col('ID')]}`,
          title: r[col('TITLE')]!,
          text: '',
          publishedAt: new Date(ts).toISOString(),
          entities: [],
          places: [],
          outlet: r[col('PUBLISHER')] ?? null,
        } satisfies ClusterDoc,
        gold: r[col('STORY')]!,
        topic: r[col('CATEGORY')]!,
        ts,
        n: Number(r[col('ID')]),
      };
    })
    .sort((a, b) => a.ts - b.ts || a.n - b.n)
    .map(({ doc, gold, topic }) => ({ doc, gold, topic }));
  return limit === undefined ? docs : docs.slice(0, limit);
}
