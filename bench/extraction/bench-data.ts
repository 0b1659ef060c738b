import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const scrapinghubDir = path.resolve(repoRoot, '../shared/bench/extraction/scrapinghub');
export const dragnetDir = path.resolve(repoRoot, '../shared/bench/extraction/dragnet_data');

export interface GoldPage {
  id: string;
  url: string | undefined;
  html: string;
  gold: string;
}

/** scrapinghub pages in id order (a fixed order, so "the first 40" is stable). */
export function loadScrapinghub(limit = Infinity): GoldPage[] {
  const truth = JSON.parse(fs.readFileSync(path.join(scrapinghubDir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url?: string }>;
  const ids = Object.keys(truth).sort().slice(0, limit);
  return ids.map((id) => ({
    id,
    url: truth[id]!.url,
    html: zlib.gunzipSync(fs.readFileSync(path.join(scrapinghubDir, 'html', `${id}.html.gz`))).toString('utf8'),
    gold: truth[id]!.articleBody,
  }));
}

/** dragnet pages in numeric id order; the gold file is plain text. */
export function loadDragnet(limit = Infinity): GoldPage[] {
  const ids = fs.readdirSync(path.join(dragnetDir, 'input'))
    .filter((f) => f.endsWith('.html.gz'))
    .map((f) => f.slice(0, -'.html.gz'.length))
    .filter((id) => fs.existsSync(path.join(dragnetDir, 'GoldStandard', `${id}.txt`)))
    .sort((a, b) => Number(a) - Number(b) || a.localeCompare(b))
    .slice(0, limit);
  return ids.map((id) => ({
    id,
    url: undefined,
    html: zlib.gunzipSync(fs.readFileSync(path.join(dragnetDir, 'input', `${id}.html.gz`))).toString('utf8'),
    gold: fs.readFileSync(path.join(dragnetDir, 'GoldStandard', `${id}.txt`), 'utf8'),
  }));
}
