import { parseHTML } from 'linkedom';
import { prefilterMarkup } from '../../src/extract/html/markup-prefilter.js';
import { readMetaTags } from '../../src/extract/html/meta-tags.js';
import { loadScrapinghub } from './bench-data.js';
import { collectBlocks } from '../../src/extract/html/block-collector.js';
import { selectContent, STRICT } from '../../src/extract/html/content-scorer.js';
import { readJsonLd } from '../../src/extract/html/json-ld-reader.js';
import { readMetadata, detectLanguage } from '../../src/extract/html/metadata-reader.js';
import { findPublicationDate } from '../../src/extract/dates/date-finder.js';
const pages = loadScrapinghub();
const t: Record<string, number> = {};
const time = <T>(k: string, f: () => T): T => { const s = performance.now(); const r = f(); t[k] = (t[k] ?? 0) + performance.now() - s; return r; };
for (let round = 0; round < 2; round++) { for (const k in t) t[k] = 0;
for (const p of pages) {
  const { document } = time('parse', () => parseHTML(time('prefilter', () => prefilterMarkup(p.html)))) as any;
  const c = time('collect', () => collectBlocks(document.body, 1500));
  if (!c.ok) continue;
  const sel = time('select', () => selectContent(c.blocks, document.body, STRICT));
  const ld = time('jsonld', () => readJsonLd(document));
  const tags = time('tags', () => readMetaTags(document));
  time('meta', () => readMetadata(document, tags, ld, p.url ?? null, sel?.container ?? null));
  time('dates', () => findPublicationDate(document, { url: p.url ?? null, ldNodes: ld, metaTags: tags, articleRoot: sel?.container ?? null }));
  time('franc', () => detectLanguage(sel?.kept.map(b => b.text).join(' ') ?? ''));
}}
for (const k in t) console.log(k, (t[k]! / pages.length).toFixed(2), 'ms/page');
