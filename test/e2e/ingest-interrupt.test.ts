/**
 * Ctrl-C during `storyline ingest` (the real binary): the run stops after the inputs in hand with exit code 130,
 * every input it reported is in the store, and the next run ingests the rest, each input exactly once.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, jsonLines, repoRoot, runCli } from './cli-helpers.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'storyline-interrupt-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const DEMO = path.join(repoRoot, 'demo/corpus');

describe('storyline ingest, interrupted', () => {
  it('stops on the first Ctrl-C with what it stored kept, and a re-run finishes the corpus', async () => {
    const db = path.join(tmp, 'i.db');
    const child = spawn(process.execPath, [BIN, 'ingest', '--json', '--db', db, DEMO], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      const first = stdout === '';
      stdout += c.toString();
      if (first) child.kill('SIGINT');
    });
    const status = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(status, stderr).toBe(130);
    expect(stderr).toMatch(/stopping after the inputs in hand/);
    const first = jsonLines(stdout);
    expect(first.length).toBeGreaterThan(0);

    const again = runCli(['ingest', '--json', '--db', db, DEMO]);
    const second = new Map(jsonLines(again.stdout).map((o) => [String(o['source']), o]));
    const inputs = readdirSync(DEMO).length;
    expect(second.size).toBeGreaterThanOrEqual(inputs);
    // What the first run stored is known to the second (a duplicate of itself); every other input is decided now.
    for (const o of first.filter((x) => x['status'] === 'stored')) expect(second.get(String(o['source']))?.['status']).toBe('duplicate');
    const stored = (runCli(['export', 'articles', '--db', db]).stdout.match(/\n/g) ?? []).length;
    const storedByRuns = first.filter((o) => o['status'] === 'stored').length + [...second.values()].filter((o) => o['status'] === 'stored').length;
    expect(stored).toBe(storedByRuns);
  });
});
