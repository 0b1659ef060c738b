import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WARCRecord, WARCSerializer } from 'warcio';
import { readWarcFile, readWarcStream, warcResponseToDocument, type WarcItem } from '../../src/warc/warc-reader.js';

const dir = mkdtempSync(path.join(tmpdir(), 'warc-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const enc = new TextEncoder();
async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

async function record(url: string, body: string | Uint8Array, headers: Record<string, string>, status = 200, type: 'response' | 'request' = 'response'): Promise<WARCRecord> {
  const bytes = typeof body === 'string' ? enc.encode(body) : body;
  return WARCRecord.create(
    {
      url,
      date: '2021-05-27T10:00:00Z',
      type,
      warcVersion: 'WARC/1.1',
      httpHeaders: headers,
      statusline: type === 'request' ? 'GET / HTTP/1.1' : `HTTP/1.1 ${status} ${status === 200 ? 'OK' : 'Other'}`,
    },
    once(bytes),
  );
}

async function writeWarc(file: string, gzip: boolean, extraPages = 0): Promise<void> {
  const parts: Uint8Array[] = [];
  const info = await WARCRecord.createWARCInfo({ filename: path.basename(file), warcVersion: 'WARC/1.1' }, { software: 'storyline-test' });
  parts.push(await WARCSerializer.serialize(info, { gzip }));
  const recs = [
    await record('https://news.example/a', '<html><body><p>Yerevan talks.</p></body></html>', { 'Content-Type': 'text/html; charset=utf-8' }),
    await record('https://news.example/a', '', { Host: 'news.example' }, 200, 'request'),
    await record('https://news.example/logo.png', new Uint8Array([137, 80, 78, 71]), { 'Content-Type': 'image/png' }),
    await record('https://news.example/missing', 'gone', { 'Content-Type': 'text/html' }, 404),
    await record('https://news.example/big', 'x'.repeat(50_000), { 'Content-Type': 'text/html' }),
    await record('https://news.example/b.txt', 'Plain text article about Baku.', { 'Content-Type': 'text/plain' }),
    await record('https://news.example/cp1251', new Uint8Array([0x3c, 0x70, 0x3e, 0xcc, 0xee, 0xf1, 0xea, 0xe2, 0xe0, 0x3c, 0x2f, 0x70, 0x3e]), { 'Content-Type': 'text/html; charset=windows-1251' }),
  ];
  for (let i = 0; i < extraPages; i++) {
    recs.push(await record(`https://news.example/p${i}`, `<p>${'page '.repeat(2000)}${i}</p>`, { 'Content-Type': 'text/html' }));
  }
  for (const r of recs) parts.push(await WARCSerializer.serialize(r, { gzip }));
  writeFileSync(file, Buffer.concat(parts));
}

async function collect(it: AsyncIterable<WarcItem>): Promise<WarcItem[]> {
  const out: WarcItem[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const plain = path.join(dir, 'sample.warc');
const gz = path.join(dir, 'sample.warc.gz');
beforeAll(async () => {
  await writeWarc(plain, false);
  await writeWarc(gz, true);
});

describe.each([
  ['.warc', plain],
  ['.warc.gz', gz],
])('readWarcFile (%s)', (_label, file) => {
  it('yields HTML and text response records with URL, date, type and body', async () => {
    const items = await collect(readWarcFile(file, { maxRecordBytes: 10_000 }));
    const ok = items.flatMap((i) => (i.ok ? [i.record] : []));
    expect(ok.map((r) => r.url)).toEqual(['https://news.example/a', 'https://news.example/b.txt', 'https://news.example/cp1251']);
    expect(ok[0]).toMatchObject({ date: '2021-05-27T10:00:00Z', contentType: 'text/html', charset: 'utf-8', status: 200 });
    expect(Buffer.from(ok[0]?.body ?? []).toString()).toBe('<html><body><p>Yerevan talks.</p></body></html>');
    // offsets increase and are distinct: they name the record in `file#offset`
    const offsets = ok.map((r) => r.offset);
    expect([...offsets].sort((a, b) => a - b)).toEqual(offsets);
    expect(new Set(offsets).size).toBe(3);
    expect(offsets[0]).toBeGreaterThan(0);
    // the oversized record is reported, not yielded
    expect(items.filter((i) => !i.ok)).toEqual([expect.objectContaining({ ok: false, reason: 'too-large', url: 'https://news.example/big' })]);
  });

  it('reports skipped non-article responses when asked', async () => {
    const items = await collect(readWarcFile(file, { reportSkipped: true }));
    const reasons = items.flatMap((i) => (i.ok ? [] : [`${i.url} ${i.reason}`]));
    expect(reasons).toEqual(['https://news.example/logo.png unsupported-type', 'https://news.example/missing fetch-bad-status']);
  });

  it('turns a record into a RawDocument, decoding the declared charset', async () => {
    const items = await collect(readWarcFile(file));
    const rec = items.flatMap((i) => (i.ok && i.record.url.endsWith('cp1251') ? [i.record] : []))[0];
    expect(rec).toBeDefined();
    if (rec === undefined) return;
    const doc = warcResponseToDocument(file, rec);
    expect(doc).toMatchObject({ ok: true, value: { kind: 'warc', source: `${file}#${rec.offset}`, content: '<p>\u041c\u043e\u0441\u043a\u0432\u0430</p>', capturedAt: '2021-05-27T10:00:00Z', url: rec.url } });
  });
});

describe('streaming', () => {
  it('yields the first record before the rest of the file has been read', async () => {
    const file = path.join(dir, 'many.warc.gz');
    await writeWarc(file, true, 200);
    const bytes = readFileSync(file);
    let pulled = 0;
    async function* source(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < bytes.length; i += 4096) {
        const chunk = bytes.subarray(i, i + 4096);
        pulled += chunk.length;
        yield chunk;
      }
    }
    let pulledAtFirst = -1;
    let count = 0;
    for await (const item of readWarcStream(source())) {
      if (item.ok && pulledAtFirst < 0) pulledAtFirst = pulled;
      if (item.ok) count += 1;
    }
    expect(count).toBe(204); // a, b.txt, cp1251, big (under the default cap) + 200
    expect(pulledAtFirst).toBeGreaterThan(0);
    expect(pulledAtFirst).toBeLessThan(bytes.length / 10);
  });
});

describe('readInputs with readWarcInputs', () => {
  it('streams WARC records as ingest inputs', async () => {
    const { readInputs } = await import('../../src/ingest/input-reader.js');
    const { readWarcInputs } = await import('../../src/warc/warc-input.js');
    const items = [];
    for await (const it of readInputs([gz], { readWarc: (f: string) => readWarcInputs(f, { maxRecordBytes: 10_000 }) })) items.push(it);
    const docs = items.flatMap((i) => (i.ok ? [i.doc] : []));
    expect(docs.map((d) => d.url)).toEqual(['https://news.example/a', 'https://news.example/b.txt', 'https://news.example/cp1251']);
    expect(docs[1]).toMatchObject({ kind: 'warc', contentType: 'text/plain', content: 'Plain text article about Baku.' });
    expect(items.filter((i) => !i.ok)).toEqual([expect.objectContaining({ ok: false, reason: 'too-large' })]);
  });
});
