import { loadScrapinghub } from './bench-data.js';
import { pageCounts } from './shingle-metric.js';
import { extractHtml } from '../../src/extract/html/html-extractor.js';
const rows = [];
for (const p of loadScrapinghub()) {
  const r = extractHtml(p.html, { source: p.id, ...(p.url ? { url: p.url } : {}) });
  const c = pageCounts(p.gold, r.ok ? r.value.text : '');
  rows.push({ id: p.id.slice(0, 10), url: p.url, c, m: r.ok ? r.value.method : r.reason, len: r.ok ? r.value.text.length : 0, glen: p.gold.length });
}
rows.sort((a, b) => (a.c.tp) - (b.c.tp));
for (const r of rows.slice(0, Number(process.argv[2] ?? 30))) console.log(r.id, 'tp', r.c.tp.toFixed(2), 'fp', r.c.fp.toFixed(2), 'fn', r.c.fn.toFixed(2), r.m, r.len, r.glen, r.url?.slice(0, 90));
