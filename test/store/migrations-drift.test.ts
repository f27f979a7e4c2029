// The drift check: a database built from prisma/migrations must match prisma/schema.prisma.
// If this fails, someone changed the schema without a migration: run `npm run db:new -- <name>`.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createMigration,
  DEFAULT_MIGRATIONS_DIR,
  DEFAULT_SCHEMA_PATH,
  diffMigrationsToSchema,
} from '../../src/store/migrations/index.js';

const tempDirs: string[] = [];
afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** schema.prisma with one more column on Organisation, as a careless edit would leave it. */
async function editedSchema(): Promise<string> {
  const schema = await readFile(DEFAULT_SCHEMA_PATH, 'utf8');
  const edited = schema.replace(/(model Organisation \{\n)/, '$1  driftProbe String?\n');
  expect(edited).not.toBe(schema);
  return edited;
}

describe('migrations drift check', () => {
  it('prisma/migrations produce exactly prisma/schema.prisma', async () => {
    const drift = await diffMigrationsToSchema();
    expect(drift, `schema.prisma has changes without a migration; run npm run db:new -- <name>:\n${drift}`).toBeNull();
  });

  it('notices a schema edit that has no migration', async () => {
    const drift = await diffMigrationsToSchema({ schema: await editedSchema() });
    expect(drift).toMatch(/ALTER TABLE "Organisation" ADD COLUMN\s+"driftProbe" TEXT;/);
  });

  it('creates a migration for the edit, after which there is no drift', async () => {
    const migrationsDir = await mkdtemp(join(tmpdir(), 'mb-migrations-'));
    tempDirs.push(migrationsDir);
    await cp(DEFAULT_MIGRATIONS_DIR, migrationsDir, { recursive: true });
    const schema = await editedSchema();

    const now = new Date('2999-01-02T03:04:05Z');
    const created = await createMigration({ name: 'drift probe', migrationsDir, schema, now });
    expect(created?.folder).toBe(join(migrationsDir, '29990102030405_drift_probe'));
    expect(await readFile(join(migrationsDir, '29990102030405_drift_probe', 'migration.sql'), 'utf8')).toContain(
      '"driftProbe" TEXT',
    );
    expect(await createMigration({ name: 'again', migrationsDir, schema })).toBeNull();
  });
});
