import { loadDatePages } from './date-bench-data.js';
import { extractPageDates } from '../../src/extract/html/html-extractor.js';
const m = new Map<string, [number, number]>();
for (const p of loadDatePages()) { const r = extractPageDates(p.html, { source: p.file, url: p.url }); if (!r.ok || r.value.publishedAt === null) continue;
  const k = r.value.source!.replace(/^text:\..*/, 'text:.class') + ' ' + r.value.confidence; const v = m.get(k) ?? [0, 0]; v[0]++; if (r.value.publishedAt.slice(0, 10) === p.date) v[1]++; m.set(k, v); }
console.log([...m].map(([k, v]) => `${k}: ${v[1]}/${v[0]}`).join('\n'));
