/** The data migration that lower-cases Teams tenant ids, on rows an older version wrote. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

const MIGRATIONS = join(import.meta.dirname, '../../prisma/migrations');
const sql = readFileSync(join(MIGRATIONS, readdirSync(MIGRATIONS).find((m) => m.endsWith('_teams_tenant_lowercase')) as string, 'migration.sql'), 'utf8');

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(() => db.close());

describe('lower-casing Teams tenant ids', () => {
  it('renames a mixed-case tenant, keeps a tenant that already has a lower-case twin, and leaves other platforms alone', async () => {
    const at = (s: number) => new Date(Date.UTC(2026, 10, 1, 0, 0, s));
    await db.prisma.organisation.createMany({
      data: [
        { id: 'a', platform: 'teams', externalId: 'AAAA-1111', name: 'A', createdAt: at(1) },
        { id: 'b1', platform: 'teams', externalId: 'bbbb-2222', name: 'B', createdAt: at(2) },
        { id: 'b2', platform: 'teams', externalId: 'BBBB-2222', name: 'B again', createdAt: at(3) },
        { id: 'c1', platform: 'teams', externalId: 'CCCC-3333', name: 'C', createdAt: at(4) },
        { id: 'c2', platform: 'teams', externalId: 'Cccc-3333', name: 'C again', createdAt: at(5) },
        { id: 's', platform: 'slack', externalId: 'T0ABCDEF', name: 'Slack', createdAt: at(6) },
      ],
    });
    await db.prisma.$executeRawUnsafe(sql);
    const rows = await db.prisma.organisation.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.id, r.externalId])).toEqual([
      ['a', 'aaaa-1111'],
      ['b1', 'bbbb-2222'],
      ['b2', 'BBBB-2222'],
      ['c1', 'cccc-3333'],
      ['c2', 'Cccc-3333'],
      ['s', 'T0ABCDEF'],
    ]);
  });
});
