import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { storeContract } from '../store-contract.js';

const dir = mkdtempSync(path.join(tmpdir(), 'storyline-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeContract('SQLite', async () => new SqliteStore(path.join(dir, 'contract.db')));
