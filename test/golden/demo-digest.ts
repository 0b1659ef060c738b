/**
 * A compact, reviewable digest of what the pipeline makes of one demo input:
 * the fields a reader checks by eye (title, dates, dateline, who said what,
 * which places and times), not the offsets. Golden files hold these digests;
 * `scripts/regen-golden.ts` writes them and `demo-golden.test.ts` compares.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readInputs } from '../../src/ingest/input-reader.js';
import type { Article, RawDocument } from '../../src/model/types.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEMO_CORPUS = path.join(repoRoot, 'demo/corpus');
export const DEMO_TRUTH = path.join(repoRoot, 'demo/ground-truth.json');
export const GOLDEN_DIR = path.join(repoRoot, 'test/golden/demo');
export const SEEDS = path.resolve(repoRoot, '../shared/corpus/seeds');

export interface GoldenDigest {
  key: string;
  status: 'ok' | 'rejected';
  reason?: string;
  title?: string | null;
  outlet?: string | null;
  url?: string | null;
  publishedAt?: string | null;
  dateConfidence?: string;
  dateSource?: string | null;
  dateline?: { place: string | null; agency: string | null; day: string | null } | null;
  wire?: boolean;
  language?: string | null;
  method?: string;
  textStart?: string;
  /** `TYPE name`, sorted and de-duplicated. */
  entities?: string[];
  /** `[kind, speaker name, stance, first 60 chars]` in text order. */
  quotes?: [string, string | null, string, string][];
  /** `name (country)`, sorted and de-duplicated. */
  places?: string[];
  /** Time values in text order (`text => value`). */
  times?: string[];
}

/**
 * The ground-truth key of an input: the file name, or `file#N` for the N-th
 * line of a JSON-lines file (the naming `demo/ground-truth.json` uses).
 */
export function keyOf(source: string): string {
  return path.basename(source);
}

/** The golden file holding an input's digest. */
export function goldenPath(key: string): string {
  return path.join(GOLDEN_DIR, `${key}.json`);
}

const sortedUnique = (xs: Iterable<string>): string[] => [...new Set(xs)].sort((a, b) => a.localeCompare(b, 'en'));

export function digestArticle(key: string, a: Article): GoldenDigest {
  return {
    key,
    status: 'ok',
    title: a.title,
    outlet: a.outlet,
    url: a.url,
    publishedAt: a.publishedAt,
    dateConfidence: a.dateConfidence,
    dateSource: a.dateSource,
    dateline: a.dateline ? { place: a.dateline.place, agency: a.dateline.agency, day: a.dateline.day } : null,
    wire: a.wire,
    language: a.language,
    method: a.method,
    textStart: a.text.slice(0, 200),
    entities: sortedUnique(a.entityTable.map((e) => `${e.type} ${e.name}`)),
    quotes: a.quotes.map((q) => [q.kind, q.speaker?.name ?? q.speaker?.text ?? null, q.cue.stance, q.text.slice(0, 60)]),
    places: sortedUnique(a.places.map((p) => `${p.name} (${p.country ?? '?'})`)),
    times: a.times.map((t) => `${t.text} => ${t.value}`),
  };
}

export function digestRejection(key: string, reason: string): GoldenDigest {
  return { key, status: 'rejected', reason };
}

/** Every document of a corpus folder (or file list), in readInputs' stable order; refusals kept as such. */
export async function readCorpus(paths: string[]): Promise<{ key: string; doc: RawDocument | null; reason?: string }[]> {
  const out: { key: string; doc: RawDocument | null; reason?: string }[] = [];
  for await (const item of readInputs(paths)) {
    if (item.ok) out.push({ key: keyOf(item.doc.source), doc: item.doc });
    else out.push({ key: keyOf(item.source), doc: null, reason: item.reason });
  }
  return out;
}

/** Stable JSON for golden files: two-space indent, short arrays kept on one line for review. */
export function goldenJson(d: GoldenDigest): string {
  const json = JSON.stringify(d, null, 2);
  // Quote tuples ([kind, speaker, stance, text]) read best on one line each.
  return `${json.replace(/\[\n\s+("(?:direct|indirect|mixed)",)\n\s+([^\n]+)\n\s+([^\n]+)\n\s+([^\n]+)\n\s+\]/g, '[$1 $2 $3 $4]')}\n`;
}
