/** The shared store contract suite (test/store-contract.ts, also run on SQLite), against PostgreSQL. */
import { afterAll, describe, it } from 'vitest';
import { storeContract } from '../store-contract.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { dropSchema, freshSchemaName, HAVE_PG, PG_URL } from './pg-test-env.js';

const schemas: string[] = [];

if (HAVE_PG) {
  storeContract('PostgreSQL', async () => {
    const schema = freshSchemaName('contract');
    schemas.push(schema);
    return openPostgresStore({ url: PG_URL, schema, now: () => '2026-11-23T00:00:00.000Z' });
  });
  afterAll(async () => {
    for (const s of schemas) await dropSchema(s).catch(() => undefined);
  });
} else {
  describe('Store contract: PostgreSQL', () => {
    it.skip('needs STORYLINE_TEST_PG (eval "$(scripts/ci-postgres.sh)")', () => undefined);
  });
}
