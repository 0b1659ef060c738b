/** PostgreSQL migrations: what runs on a fresh schema, on a migrated one, and when a record is missing below a newer one. */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, PG_MIGRATIONS } from '../../src/store/postgres/pg-migrations.js';
import { dropSchema, freshSchemaName, HAVE_PG, PG_URL } from './pg-test-env.js';

const schema = freshSchemaName('migrate');
let client: pg.Client;

describe.skipIf(!HAVE_PG)('PostgreSQL migrations', () => {
  beforeAll(async () => {
    client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`CREATE SCHEMA "${schema}"`);
    await client.query(`SET search_path TO "${schema}"`);
  });
  afterAll(async () => {
    await client?.end();
    await dropSchema(schema);
  });

  it('runs every migration on a fresh schema, and none the second time', async () => {
    expect(await migrate(client)).toBe(PG_MIGRATIONS.length);
    expect(await migrate(client)).toBe(0);
    const rows = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.rows.map((r) => Number(r.version))).toEqual(PG_MIGRATIONS.map((_, i) => i + 1));
  });

  it('runs a migration whose record is missing even when a higher version is recorded', async () => {
    // The last migration that only creates tables and indexes IF NOT EXISTS can run again harmlessly; a higher
    // version stands for a newer build that migrated the schema first.
    const rerunnable = (sql: string): boolean => {
      const statements = sql.replace(/--[^\n]*/g, '').split(';').map((x) => x.trim()).filter((x) => x !== '');
      return statements.length > 0 && statements.every((x) => /^CREATE (TABLE|INDEX) IF NOT EXISTS /.test(x));
    };
    const last = PG_MIGRATIONS.map((sql, i) => (rerunnable(sql) ? i + 1 : 0)).reduce((a, b) => Math.max(a, b), 0);
    expect(last).toBeGreaterThan(0);
    await client.query('DELETE FROM schema_migrations WHERE version = $1', [last]);
    await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [last + 100]);
    expect(await migrate(client)).toBe(1);
    const rows = await client.query<{ version: number }>('SELECT version FROM schema_migrations WHERE version = $1', [last]);
    expect(rows.rowCount).toBe(1);
  });
});
