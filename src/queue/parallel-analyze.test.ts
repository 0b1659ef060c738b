import { describe, expect, it } from 'vitest';
import { ParallelAnalyzer } from './parallel-analyze.js';
import { analyzeDocument } from '../pipeline/analyze.js';
import type { InputItem } from '../ingest/input-reader.js';

const text = (n: number): string =>
  `Yerevan, June ${n}. Armenian and Azerbaijani officials met on ${n} June to discuss the demarcation of the border, the foreign ministry said in a statement on its website. ` +
  `"We are ready to continue the work of the commission," the deputy prime minister said after the meeting, which lasted four hours. Talks resume next month.`;

describe('ParallelAnalyzer', () => {
  it('analyses in threads, in input order, with the same result as the main thread; refusals pass through', async () => {
    const items: InputItem[] = [
      ...Array.from({ length: 6 }, (_, i): InputItem => ({ ok: true, doc: { source: `doc${i}`, kind: 'text', contentType: 'text/plain', content: text(i + 1) } })),
      { ok: false, source: 'bad.bin', reason: 'binary-content' },
      { ok: true, doc: { source: 'short', kind: 'text', contentType: 'text/plain', content: 'Too short.' } },
    ];
    const pa = new ParallelAnalyzer({ threads: 2 });
    const out = [];
    try {
      for await (const r of pa.analyze(items)) out.push(r);
    } finally {
      await pa.close();
    }
    expect(out.map((o) => (o.item.ok ? o.item.doc.source : o.item.source))).toEqual(['doc0', 'doc1', 'doc2', 'doc3', 'doc4', 'doc5', 'bad.bin', 'short']);
    expect(out[6]?.analysed).toBeNull();
    expect(out[7]?.analysed).toMatchObject({ ok: false });
    const first = out[0]?.analysed;
    const local = analyzeDocument((items[0] as { ok: true; doc: never }).doc);
    expect(first).toEqual(local);
  }, 60_000);
});
