/**
 * The real pipeline's output must conform to docs/schema.json: the schema is
 * the contract other tools read, so a stage that emits `undefined` where the
 * model says `null`, or a type outside the enum, breaks it here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../src/pipeline/analyze.js';
import type { RawDocument } from '../../src/model/types.js';
import { SCHEMA_ID, SCHEMA_PATH } from '../../scripts/gen-schema.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.join(repoRoot, 'demo/corpus');

/** One demo document of each format and outlet kind (wire, aggregator, blog, newspaper, JSON lines). */
const FILES = [
  'nordwire-2021-05-27-boreal-court-suspends-permit.txt',
  'coastalpress-2022-08-18-tagus-complaint.txt',
  'eurobrief-iberian-drought-protocol.txt',
  'policypulse-velora-fine-explained.txt',
  'continentalledger-tagus-protocol-daily-flows.txt',
  'lisboncourier-2022-08-18-ribatejo-farmers.html',
  'brusselsinsight-velora-fine-310m.html',
];

function demoDocs(): RawDocument[] {
  const docs: RawDocument[] = FILES.map((f) => {
    const html = f.endsWith('.html');
    return { source: f, kind: html ? 'html' : 'text', contentType: html ? 'text/html' : 'text/plain', content: readFileSync(path.join(corpus, f), 'utf8') };
  });
  const lines = readFileSync(path.join(corpus, 'newsfeed-export.jsonl'), 'utf8').trim().split('\n');
  lines.forEach((line, i) => {
    const r = JSON.parse(line) as { text?: string; html?: string; url: string; title: string; publishedAt: string; outlet: string };
    docs.push({
      source: `newsfeed-export.jsonl#${i + 1}`,
      kind: 'json',
      contentType: r.html !== undefined ? 'text/html' : 'text/plain',
      content: r.html ?? r.text ?? '',
      url: r.url,
      title: r.title,
      publishedAt: r.publishedAt,
      outlet: r.outlet,
    });
  });
  return docs;
}

describe('pipeline output conforms to docs/schema.json', () => {
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajv.addSchema(JSON.parse(readFileSync(path.join(repoRoot, SCHEMA_PATH), 'utf8')));
  const validate = ajv.getSchema(`${SCHEMA_ID}#/definitions/Article`)!;

  for (const doc of demoDocs()) {
    it(`${doc.source} analyses to a valid Article whose spans index its text`, () => {
      const result = analyzeDocument(doc);
      expect(result.ok, result.ok ? '' : `${result.reason} ${result.detail ?? ''}`).toBe(true);
      if (!result.ok) return;
      const a = result.value;
      // JSON round trip: what `analyze --json` prints is what must validate.
      const ok = validate(JSON.parse(JSON.stringify(a)));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
      const exact: Array<{ start: number; end: number; text: string }> = [...a.entities, ...a.places, ...a.times, ...a.quotes.map((q) => q.cue)];
      for (const q of a.quotes) if (q.speaker) exact.push(q.speaker);
      for (const s of exact) expect(a.text.slice(s.start, s.end), `${s.start}-${s.end}`).toBe(s.text);
      // A quote interrupted by its attribution ("…," she said. "…") spans the whole stretch and
      // joins the quoted parts in `text` (docs/analyze-contract.md): same first and last words.
      for (const q of a.quotes) {
        const slice = a.text.slice(q.start, q.end);
        expect(q.end).toBeGreaterThan(q.start);
        expect(slice.startsWith(q.text.slice(0, 12)) && slice.endsWith(q.text.slice(-12)), `${q.start}-${q.end}: ${q.text}`).toBe(true);
      }
    });
  }
});
