import { loadScrapinghub } from './bench-data.js';
import { shingles } from './shingle-metric.js';
import { extractHtml } from '../../src/extract/html/html-extractor.js';
const id = process.argv[2]!;
for (const p of loadScrapinghub()) if (p.id.startsWith(id)) {
  const r = extractHtml(p.html, { source: p.id, ...(p.url ? { url: p.url } : {}) });
  if (!r.ok) { console.log(r); continue; }
  const g = shingles(p.gold);
  console.log('GOLD:', p.gold.slice(0, 300).replace(/\n/g, ' / '));
  for (const para of r.value.paragraphs) {
    const t = r.value.text.slice(para.start, para.end); const s = shingles(t); let hit = 0, tot = 0; for (const [k, c] of s) { tot += c; if (g.has(k)) hit += c; }
    console.log(tot === 0 ? '  ' : hit / tot > 0.5 ? '+ ' : '- ', para.kind, t.slice(0, 110).replace(/\n/g, ' '));
  }
  console.log('REMOVED', r.value.removed.slice(0, 8).map(x => x.reason + ':' + x.text.slice(0, 50)));
}
