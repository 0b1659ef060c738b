import { loadDatePages } from './date-bench-data.js';
const w = process.argv[2]!;
for (const p of loadDatePages()) if (p.url.includes(w)) { console.log(p.html.length); console.log(p.html.slice(0, Number(process.argv[3] ?? 1500))); }
