/**
 * Group commit and crashes: an ingest process killed (SIGKILL) while it holds a group of written, uncommitted
 * inputs leaves a consistent store holding exactly the inputs it reported, and `storyline ingest` run again over
 * the same inputs completes it: every input stored, a duplicate or rejected once, as in one uninterrupted run.
 */
import { spawn, spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../src/ingest/input-reader.js';
import type { IngestOutcome } from '../../src/model/types.js';
import { runIngest } from '../../src/pipeline/ingest-run.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { useTempDirs } from './demo-store.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const demo = path.join(repo, 'demo/corpus');
const tempDir = useTempDirs('storyline-crash-');

/**
 * About 70 inputs: the demo corpus's text articles three times (each copy with a sentence of its own, so a new
 * article), its HTML pages once, an exact copy (a duplicate), a page too short to be news and a binary file.
 */
function writeInputs(dir: string): void {
  const words = ['amber', 'harbour', 'quarry', 'lantern', 'meadow', 'copper'];
  for (const name of readdirSync(demo).sort()) {
    const text = readFileSync(path.join(demo, name));
    if (name.endsWith('.html')) copyFileSync(path.join(demo, name), path.join(dir, `0-${name}`));
    if (!name.endsWith('.txt')) continue;
    for (let k = 0; k < 3; k++) writeFileSync(path.join(dir, `${k}-${name}`), k === 0 ? text : `${text}\n\nEdition ${k} carries the ${words[k]} ${words[k + 3]} column.\n`);
  }
  copyFileSync(path.join(dir, readdirSync(dir).filter((n) => n.endsWith('.txt')).sort()[0]!), path.join(dir, 'zz-copy.txt'));
  writeFileSync(path.join(dir, 'zz-short.txt'), 'Too short to be news.');
  writeFileSync(path.join(dir, 'zz-binary.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]));
}

/** Runs the child until it has reported `reported` outcomes and written `held` more; then kills it. */
function ingestUntilKilled(db: string, inputs: string, group: number, reported: number, held: number): Promise<{ outcomes: IngestOutcome[]; wrote: string[]; exit: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repo, 'test/pipeline/ingest-crash-child.ts'), db, inputs, String(group), '600000'], { cwd: repo });
    const outcomes: IngestOutcome[] = [];
    const wrote: string[] = [];
    let out = '';
    let err = '';
    let killed = false;
    const check = (): void => {
      if (!killed && outcomes.length >= reported && wrote.length >= outcomes.length + held) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      for (let nl = out.indexOf('\n'); nl >= 0; nl = out.indexOf('\n')) {
        outcomes.push(JSON.parse(out.slice(0, nl)) as IngestOutcome);
        out = out.slice(nl + 1);
      }
      check();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
      for (let nl = err.indexOf('\n'); nl >= 0; nl = err.indexOf('\n')) {
        const line = err.slice(0, nl);
        err = err.slice(nl + 1);
        if (line.startsWith('wrote ')) wrote.push(line.slice(6));
      }
      check();
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ outcomes, wrote, exit: signal }));
  });
}

const count = (db: Database.Database, sql: string): number => Number((db.prepare(sql).get() as { n: number }).n);

/** What must hold in any committed state of the store: one article is all its rows, or none of them. */
function expectConsistent(file: string): void {
  const db = new Database(file);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
  const articles = count(db, 'SELECT count(*) n FROM articles');
  expect(count(db, "SELECT count(*) n FROM inputs WHERE status = 'stored'")).toBe(articles);
  expect(count(db, 'SELECT count(*) n FROM cluster_log')).toBe(articles);
  expect(count(db, 'SELECT count(*) n FROM articles_fts')).toBe(articles);
  expect(count(db, 'SELECT count(DISTINCT source) n FROM articles')).toBe(articles);
  for (const t of ['entity_mentions', 'quotes', 'places', 'cluster_log']) expect(count(db, `SELECT count(*) n FROM ${t} WHERE article_id NOT IN (SELECT id FROM articles)`)).toBe(0);
  expect(count(db, 'SELECT count(*) n FROM articles WHERE event_id NOT IN (SELECT id FROM events)')).toBe(0);
  expect(count(db, 'SELECT count(*) n FROM cluster_state WHERE seq > (SELECT coalesce(max(seq), 0) FROM cluster_log)')).toBe(0);
  db.close();
}

describe('an ingest process killed mid-run', () => {
  it('leaves a consistent store with exactly the reported inputs, and a second run completes it', async () => {
    const dir = tempDir();
    const inputs = path.join(dir, 'in');
    mkdirSync(inputs);
    writeInputs(inputs);

    // One uninterrupted run: what every input should end as.
    const reference = new SqliteStore(path.join(dir, 'reference.db'));
    const expected = new Map((await runIngest(reference, readInputs([inputs]), { threads: 1, now: () => new Date('2026-11-24T00:00:00Z') })).map((o) => [o.source, o.status]));
    await reference.close();
    expect(expected.size).toBeGreaterThan(60);
    expect(new Set(expected.values())).toEqual(new Set(['stored', 'duplicate', 'rejected']));

    // Groups of 16: killed once 16 inputs were reported and 2 more written (held in the open group, never reported).
    const file = path.join(dir, 'crashed.db');
    const first = await ingestUntilKilled(file, inputs, 16, 16, 2);
    expect(first.exit).toBe('SIGKILL');
    expect(first.outcomes.length).toBeGreaterThanOrEqual(16);
    expectConsistent(file);
    const db = new Database(file, { readonly: true });
    const stored = new Set((db.prepare('SELECT source FROM articles').all() as { source: string }[]).map((r) => r.source));
    const logged = (db.prepare('SELECT source FROM inputs ORDER BY rowid').all() as { source: string }[]).map((r) => r.source);
    db.close();
    // Exactly what was reported is in the store: every reported input, none of the written ones it did not report.
    expect(stored).toEqual(new Set(first.outcomes.filter((o) => o.status === 'stored').map((o) => o.source)));
    expect(logged).toEqual(first.outcomes.map((o) => o.source));
    const lost = first.wrote.filter((s) => !first.outcomes.some((o) => o.source === s));
    expect(lost.length).toBeGreaterThanOrEqual(2);
    for (const s of lost) expect(stored.has(s)).toBe(false);
    expect(stored.size).toBeLessThan([...expected.values()].filter((s) => s === 'stored').length);

    // The same inputs again, through the command line: the stored ones are duplicates of themselves, the rest goes in.
    const again = spawnSync(process.execPath, ['bin/storyline.js', 'ingest', inputs, '--json', '--threads', '1', '--db', file], { cwd: repo, encoding: 'utf8' });
    expect(again.status, again.stderr).toBe(1); // some inputs are rejected
    const second = again.stdout.trim().split('\n').map((l) => JSON.parse(l) as IngestOutcome);
    expect(second.map((o) => o.source).sort()).toEqual([...expected.keys()].sort());
    const firstBySource = new Map(first.outcomes.map((o) => [o.source, o]));
    for (const o of second) {
      const before = firstBySource.get(o.source);
      if (before?.status === 'stored') expect(o).toMatchObject({ status: 'duplicate', duplicateOf: before.articleId });
      // Every input ends as the uninterrupted run left it: stored (in either run), a duplicate or rejected.
      expect([o.source, before?.status ?? o.status]).toEqual([o.source, expected.get(o.source)]);
    }
    expectConsistent(file);
    const done = new Database(file, { readonly: true });
    const finalSources = (done.prepare('SELECT source FROM articles').all() as { source: string }[]).map((r) => r.source).sort();
    expect(finalSources).toEqual([...expected].filter(([, s]) => s === 'stored').map(([src]) => src).sort());
    expect(count(done, "SELECT count(*) n FROM (SELECT source FROM inputs WHERE status = 'stored' GROUP BY source HAVING count(*) > 1)")).toBe(0);
    done.close();
  }, 240_000);
});
