/**
 * A PostgreSQL connection that ends while idle (a server restart, an admin's terminate) must not
 * kill the bot: the pool warns, drops the client and connects again for the next query.
 */
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestDatabase, createTestDatabase, testDatabaseUrl } from '../support/db.js';

let db: TestDatabase | undefined;
afterEach(() => db?.close());

describe.skipIf(!testDatabaseUrl())('PostgreSQL idle connections', () => {
  it('survives its connections being terminated, and works again afterwards', async () => {
    db = await createTestDatabase({ backend: 'postgres' });
    await db.prisma.organisation.create({ data: { id: 'org', name: 'Org', platform: 'slack', externalId: 'T1' } });
    const name = new URL(db.url as string).pathname.slice(1);
    const admin = new pg.Client({ connectionString: testDatabaseUrl() });
    await admin.connect();
    try {
      const { rows } = await admin.query('SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = $1', [name]);
      expect(rows.length).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    await new Promise((r) => setTimeout(r, 200)); // let the pool see the connections end
    expect(await db.prisma.organisation.count()).toBe(1);
  });
});
