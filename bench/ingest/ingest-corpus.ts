/**
 * The ingest benchmark corpus: the real HTML pages of dragnet_data, read in
 * place from ../shared and cycled to the requested count. Every repetition
 * after the first gets one distinct sentence in each of its paragraphs, so each
 * input is a new article (a near-copy of its original) at its own address
 * rather than a duplicate (same text or same URL) that the store would skip
 * cheaply.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { InputItem } from '../../src/ingest/input-reader.js';
import { decodeBytes } from '../../src/ingest/decode.js';

export function dragnetDir(repoRoot: string): string {
  return path.resolve(repoRoot, '../shared/bench/extraction/dragnet_data/input');
}

export function loadPages(dir: string): { name: string; html: string }[] {
  if (!existsSync(dir)) throw new Error(`missing benchmark data: ${dir} (the shared folder is expected at ../shared from the repo root)`);
  const files = readdirSync(dir).filter((f) => f.endsWith('.html.gz')).sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
  const out: { name: string; html: string }[] = [];
  for (const f of files) {
    const d = decodeBytes(gunzipSync(readFileSync(path.join(dir, f))), { html: true });
    if (d.ok) out.push({ name: f.replace(/\.html\.gz$/, ''), html: d.value.text });
  }
  return out;
}

const WORDS = ['amber', 'harbour', 'quarry', 'lantern', 'meadow', 'copper', 'signal', 'orchard', 'glacier', 'compass', 'ferry', 'granite', 'thistle', 'beacon', 'cinder', 'willow'];

/**
 * Inserts one sentence unique to `rep` at the start of every paragraph of some length (the article's paragraphs are
 * among them whichever the extractor keeps), so a repetition is a near-copy, not an exact duplicate of its original.
 */
/**
 * Gives a repetition its own canonical address (`<link rel="canonical">`, `og:url`): the same address is the same
 * article to the store (a duplicate by URL), and the benchmark wants new articles.
 */
function readdress(html: string, rep: number): string {
  const lower = html.toLowerCase();
  const inserts: { at: number; query: boolean }[] = [];
  for (const tag of ['<link', '<meta']) {
    for (let i = lower.indexOf(tag); i >= 0; i = lower.indexOf(tag, i + tag.length)) {
      const end = lower.indexOf('>', i);
      if (end < 0) break;
      const t = lower.slice(i, end);
      if (!t.includes('canonical') && !t.includes('og:url')) continue;
      const attr = tag === '<link' ? 'href=' : 'content=';
      const a = t.indexOf(attr);
      const quote = a < 0 ? '' : (t[a + attr.length] ?? '');
      if (quote !== '"' && quote !== "'") continue;
      const close = t.indexOf(quote, a + attr.length + 1);
      if (close > 0) inserts.push({ at: i + close, query: t.slice(a + attr.length + 1, close).includes('?') });
    }
  }
  let out = html;
  for (const { at, query } of inserts.sort((x, y) => y.at - x.at)) out = out.slice(0, at) + `${query ? '&' : '?'}edition=${rep}` + out.slice(at);
  return out;
}

export function vary(html: string, rep: number): string {
  if (rep === 0) return html;
  html = readdress(html, rep);
  const words = [0, 1, 2, 3].map((k) => WORDS[(rep * 7 + k * 5) % WORDS.length]).join(' ');
  // No reporting verb: the sentence must make repeats distinct without adding statements (an earlier "Edition N notes the … report" was read as a quote by "Edition", 16 per article).
  const sentence = ` Edition ${rep} carries the ${words} column. `;
  const lower = html.toLowerCase();
  const cuts: number[] = [];
  for (let i = lower.indexOf('<p'); i >= 0 && cuts.length < 200; i = lower.indexOf('<p', i + 2)) {
    // Only <p> and <p …> (not <path>, <param>, <pre>, <picture>).
    const next = lower[i + 2] ?? '';
    if (next !== '>' && next !== ' ' && next !== '\t' && next !== '\n' && next !== '\r') continue;
    const open = lower.indexOf('>', i);
    const close = lower.indexOf('</p', open);
    if (open < 0 || close < 0) break;
    if (close - open > 80) cuts.push(open + 1);
  }
  if (cuts.length === 0) return html.replace(/<body[^>]{0,500}>/i, (m) => `${m}<p>${sentence}</p>`);
  let out = '';
  let from = 0;
  for (const c of cuts) {
    out += html.slice(from, c) + sentence;
    from = c;
  }
  return out + html.slice(from);
}

export function* corpus(pages: readonly { name: string; html: string }[], count: number): Generator<InputItem> {
  for (let i = 0; i < count; i++) {
    const page = pages[i % pages.length];
    if (page === undefined) return;
    const rep = Math.floor(i / pages.length);
    yield { ok: true, doc: { source: `dragnet/${page.name}#${rep}`, kind: 'html', contentType: 'text/html', content: vary(page.html, rep) } };
  }
}
