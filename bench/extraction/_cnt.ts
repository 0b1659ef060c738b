import { Parser } from 'htmlparser2';
import { loadScrapinghub } from './bench-data.js';
import { prefilterMarkup } from '../../src/extract/html/markup-prefilter.js';
const c = new Map<string, number>(); let noattr = new Map<string, number>();
for (const p of loadScrapinghub()) { const h = prefilterMarkup(p.html);
  const parser = new Parser({ onopentag(n, a) { c.set(n, (c.get(n) ?? 0) + 1); if (Object.keys(a).length===0) noattr.set(n,(noattr.get(n)??0)+1);} }); parser.write(h); parser.end(); }
const tot=[...c.values()].reduce((a,b)=>a+b,0); console.log('total', tot/181);
console.log([...c].sort((a,b)=>b[1]-a[1]).slice(0,25).map(([k,v])=>`${k} ${(v/181).toFixed(0)} noattr ${((noattr.get(k)??0)/181).toFixed(0)}`).join('\n'));
