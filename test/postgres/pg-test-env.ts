/** Connects tests to the PostgreSQL named by STORYLINE_TEST_PG (`eval "$(scripts/ci-postgres.sh)"`), one fresh schema per test file. */
import pg from 'pg';

export const PG_URL = process.env['STORYLINE_TEST_PG'] ?? '';
export const HAVE_PG = PG_URL !== '';
if (!HAVE_PG) {
  console.warn('[postgres tests] skipped: STORYLINE_TEST_PG is not set. Run: eval "$(scripts/ci-postgres.sh)"');
}

export function freshSchemaName(tag: string): string {
  return `t_${tag}_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await c.end();
  }
}
