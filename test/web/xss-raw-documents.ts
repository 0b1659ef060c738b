/**
 * Hostile raw inputs for the full pipeline: pages and records whose titles,
 * bodies, bylines, outlets and URLs carry script payloads. Analysed, stored and
 * rendered like any news, nothing of them may ever execute in the browser.
 */
import type { RawDocument } from '../../src/model/types.js';

const PARAS = [
  'The minister of transport resigned on Tuesday after a week of protests in the capital, the government press office said in a statement.',
  '"We will not accept this decision <script>window.__pwned=21</script> without a vote," opposition leader Mara Velin said at a news conference in Valdora.',
  'Velin added that the coalition would ask parliament to review the contracts signed since 2021 <img src=x onerror="window.__pwned=22">, including the rail tender.',
  'A spokesman for the ministry, Tomas Ederi, denied that the contracts had been awarded without competition, calling the claims "baseless".',
  'The protests began after local media published documents about the tender <svg onload="window.__pwned=23"></svg> last month.',
];

/** Each document gets its own closing paragraph, so none is a duplicate of another. */
const CLOSERS = [
  'Rail unions said they would meet on Thursday to decide whether to join the protests planned for the weekend.',
  'The president is expected to name an acting minister by Friday, according to two officials who asked not to be named.',
  'Analysts at the Valdora Institute said the resignation could delay the rail tender by at least a year.',
];

export function hostileRawDocuments(): RawDocument[] {
  const body = (i: number): string => [...PARAS, CLOSERS[i] ?? ''].join('\n\n');
  const htmlBody = [...PARAS, CLOSERS[0] ?? ''].map((p) => `<p>${p.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`).join('\n');
  return [
    {
      source: 'hostile/page-1.html',
      kind: 'html',
      contentType: 'text/html',
      content: `<!doctype html><html><head><title>Minister resigns </title><script>window.__pwned=24</script></title>
<meta property="og:url" content="javascript:window.__pwned=25">
<meta property="og:site_name" content="Evil Gazette &lt;img src=x onerror=window.__pwned=26&gt;">
<meta property="article:published_time" content="2026-02-10T09:00:00Z">
</head><body onload="window.__pwned=27">
<nav><a href="/">Home</a> <a href="javascript:window.__pwned=28">World</a></nav>
<article><h1>Minister resigns &lt;/title&gt;&lt;script&gt;window.__pwned=29&lt;/script&gt;</h1>
<p class="byline">By &quot;&gt;&lt;svg onload=window.__pwned=30&gt; Staff</p>
${htmlBody}
<p>Read more at <a href="javascript:window.__pwned=31">our site</a>.</p>
</article><footer>© Evil Gazette</footer></body></html>`,
    },
    {
      source: 'hostile/records.jsonl#1',
      kind: 'json',
      contentType: 'text/plain',
      content: body(1),
      url: 'javascript:window.__pwned=32',
      title: '</title><script>window.__pwned=33</script> Minister resigns after protests',
      outlet: 'Daily <img src=x onerror="window.__pwned=34">',
      publishedAt: '2026-02-10T11:00:00Z',
    },
    {
      source: 'hostile/records.jsonl#2',
      kind: 'json',
      contentType: 'text/plain',
      content: `${body(2)}\n\nSource: data:text/html,<script>window.__pwned=35</script>`,
      url: 'data:text/html,<script>window.__pwned=36</script>',
      title: 'Protests <svg><script>window.__pwned=37</script></svg> topple the transport minister',
      outlet: '" onmouseover="window.__pwned=38',
      publishedAt: '2026-02-11T08:00:00Z',
    },
  ];
}
