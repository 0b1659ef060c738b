import { loadDatePages } from './date-bench-data.js';
import { extractHtml } from '../../src/extract/html/html-extractor.js';
const want = process.argv.slice(2);
for (const p of loadDatePages()) {
  if (!want.some(w => p.url.includes(w))) continue;
  const r = extractHtml(p.html, { source: p.file, url: p.url });
  console.log(p.url, 'gold', p.date, r.ok ? r.value.dates.map(d => `${d.source}=${d.text}`).join(' | ') : r.reason + ' ' + (r.detail ?? ''));
}
