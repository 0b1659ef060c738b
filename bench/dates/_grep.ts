import { loadDatePages } from './date-bench-data.js';
const w = process.argv[2]!; const re = new RegExp(process.argv[3] ?? '2020', 'g');
for (const p of loadDatePages()) if (p.url.includes(w)) { const h = p.html.replace(/<script[\s\S]*?<\/script>/gi, ' '); let m; let n = 0; while ((m = re.exec(h)) && n++ < 12) console.log(JSON.stringify(h.slice(Math.max(0, m.index - 150), m.index + 60))); }
