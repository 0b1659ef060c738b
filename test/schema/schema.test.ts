import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { generateSchema, renderSchema, SCHEMA_ID, SCHEMA_PATH } from '../../scripts/gen-schema.js';
import { sampleArticle } from './sample-article.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const committed = readFileSync(path.join(repoRoot, SCHEMA_PATH), 'utf8');
const schema = JSON.parse(committed) as { definitions: Record<string, unknown> };

const ajv = new Ajv({ allErrors: true, strict: true });
ajv.addSchema(schema);
function validator(name: string): ValidateFunction {
  const fn = ajv.getSchema(`${SCHEMA_ID}#/definitions/${name}`);
  if (!fn) throw new Error(`no definition ${name} in ${SCHEMA_PATH}`);
  return fn;
}

describe('docs/schema.json', () => {
  it('is up to date with src/model/types.ts (run `npm run schema` when this fails)', { timeout: 60_000 }, () => {
    expect(committed).toBe(renderSchema(generateSchema(repoRoot)));
  });

  it('defines every type of the data model, with branded ids as plain strings', () => {
    for (const name of ['RawDocument', 'ExtractedArticle', 'Article', 'EntityMention', 'Entity', 'Quote', 'PlaceMention',
      'TimeExpression', 'Dateline', 'Event', 'Storyline', 'Outlet', 'IngestOutcome', 'ReasonCode', 'AnalyzeLine']) {
      expect(schema.definitions, name).toHaveProperty(name);
    }
    expect(schema.definitions.ArticleId).toMatchObject({ type: 'string' });
    expect(committed).not.toContain('Brand<');
  });
});

describe('validating values against the schema', () => {
  const article = validator('Article');
  const line = validator('AnalyzeLine');

  it('accepts a well-formed Article', () => {
    const ok = article(sampleArticle());
    expect(article.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the sample is consistent: every span slices its own text out of `text`', () => {
    const a = sampleArticle();
    for (const s of [...a.entities, ...a.quotes, ...a.places, ...a.times, ...a.quotes.map((q) => q.cue)]) {
      expect(a.text.slice(s.start, s.end)).toBe(s.text);
    }
  });

  it('rejects an Article with a missing field, a bad enum value or a null where a number is required', () => {
    const { text: _dropped, ...noText } = sampleArticle();
    expect(article(noText)).toBe(false);
    expect(article({ ...sampleArticle(), dateConfidence: 'certain' })).toBe(false);
    const a = sampleArticle();
    expect(article({ ...a, entities: [{ ...a.entities[0]!, type: 'PER' }] })).toBe(false);
    expect(article({ ...a, places: [{ ...a.places[0]!, lat: null }] })).toBe(false);
  });

  it('accepts analyze lines for ok and rejected inputs and refuses an unknown status or reason', () => {
    expect(line({ ...sampleArticle(), status: 'ok', reason: null })).toBe(true);
    expect(line({ source: 'scan.txt', status: 'rejected', reason: 'binary-content' })).toBe(true);
    expect(line({ source: 'scan.txt', status: 'rejected', reason: 'looks-odd' })).toBe(false);
    expect(line({ ...sampleArticle(), status: 'stored', reason: null })).toBe(false);
  });

  it('validates IngestOutcome as a union keyed on status', () => {
    const outcome = validator('IngestOutcome');
    expect(outcome({ status: 'stored', source: 'a.txt', articleId: 'a1' })).toBe(true);
    expect(outcome({ status: 'duplicate', source: 'b.txt', duplicateOf: 'a1', reason: 'near-duplicate' })).toBe(true);
    expect(outcome({ status: 'rejected', source: 'c.txt' })).toBe(false);
  });
});

describe('docs/analyze-contract.md', () => {
  const doc = readFileSync(path.join(repoRoot, 'docs/analyze-contract.md'), 'utf8');
  const lines = [...doc.matchAll(/```jsonl\n([^`]{1,20000})```/g)].flatMap((m) => m[1]!.trim().split('\n'));
  const line = validator('AnalyzeLine');

  it('has example lines, each a valid AnalyzeLine', () => {
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const l of lines) {
      const ok = line(JSON.parse(l));
      expect(line.errors ?? [], l.slice(0, 80)).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('has example offsets that index the example text', () => {
    const ok = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((x) => x.status === 'ok');
    expect(ok.length).toBeGreaterThan(0);
    for (const x of ok) {
      const a = x as unknown as ReturnType<typeof sampleArticle>;
      const spans: Array<{ start: number; end: number; text: string }> = [...a.entities, ...a.places, ...a.times, ...a.quotes, ...a.quotes.map((q) => q.cue)];
      for (const q of a.quotes) if (q.speaker) spans.push(q.speaker);
      for (const s of spans) expect(a.text.slice(s.start, s.end)).toBe(s.text);
    }
  });
});
