import { parseHTML } from 'linkedom';
import { loadScrapinghub } from './bench-data.js';
import { prefilterMarkup } from '../../src/extract/html/markup-prefilter.js';
import { collectBlocks } from '../../src/extract/html/block-collector.js';
const id = process.argv[2]!; const min = Number(process.argv[3] ?? 60);
for (const p of loadScrapinghub()) if (p.id.startsWith(id)) {
  const { document } = parseHTML(prefilterMarkup(p.html)) as any;
  const c = collectBlocks(document.documentElement, 1500);
  if (c.ok) for (const b of c.blocks.filter(b => b.chars > min).slice(0, 40)) {
    const chain = []; let e = b.el; while (e && chain.length < 6) { chain.push(e.localName + (e.getAttribute('class') ? '.' + e.getAttribute('class').slice(0, 30).replace(/ /g, '.') : '') + (e.id ? '#' + e.id.slice(0,20) : '')); e = e.parentElement; }
    console.log(b.chars, b.linkChars, b.flags.map(f => f.reason).join(',') || '-', chain.join('<'), '|', b.text.slice(0, 60));
  }
}
