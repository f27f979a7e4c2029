// The drift check: a database built from prisma/migrations must match the schema, which is every
// *.prisma file in prisma/schema/ (one per feature). If this fails, someone changed the schema
// without a migration: run `npm run db:new -- <name>`.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import prismaConfig from '../../prisma.config.js';
import {
  createMigration,
  DEFAULT_MIGRATIONS_DIR,
  DEFAULT_SCHEMA_DIR,
  diffMigrationsToSchema,
  readSchemaFiles,
} from '../../src/store/migrations/index.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

const tempDirs: string[] = [];
afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** A copy of prisma/schema/ to edit, as a careless change would leave the real one. */
async function schemaCopy(): Promise<string> {
  const dir = await tempDir('mb-schema-');
  await cp(DEFAULT_SCHEMA_DIR, dir, { recursive: true });
  return dir;
}

/** A copy of the schema folder with one more column on Organisation (in kernel.prisma). */
async function schemaWithNewColumn(): Promise<string> {
  const dir = await schemaCopy();
  const file = join(dir, 'kernel.prisma');
  const kernel = await readFile(file, 'utf8');
  const edited = kernel.replace(/(model Organisation \{\n)/, '$1  driftProbe String?\n');
  expect(edited).not.toBe(kernel);
  await writeFile(file, edited);
  return dir;
}

describe('migrations drift check', () => {
  it('prisma/migrations produce exactly the schema in prisma/schema/', async () => {
    const drift = await diffMigrationsToSchema();
    expect(drift, `prisma/schema/ has changes without a migration; run npm run db:new -- <name>:\n${drift}`).toBeNull();
  });

  it('reads the folder that prisma.config.ts gives `prisma generate`, one file per feature', async () => {
    expect(resolve(projectRoot, prismaConfig.schema ?? '')).toBe(DEFAULT_SCHEMA_DIR);
    const files = (await readSchemaFiles(DEFAULT_SCHEMA_DIR)).map((file) => relative(DEFAULT_SCHEMA_DIR, file.path));
    expect(files).toContain('schema.prisma');
    expect(files.length).toBeGreaterThan(1);
  });

  it('notices a column added in one feature file without a migration', async () => {
    const drift = await diffMigrationsToSchema({ schemaDir: await schemaWithNewColumn() });
    expect(drift).toMatch(/ALTER TABLE "Organisation" ADD COLUMN\s+"driftProbe" TEXT;/);
  });

  it('notices a model added in a new file of the folder', async () => {
    const dir = await schemaCopy();
    await writeFile(join(dir, 'probe.prisma'), 'model DriftProbe {\n  id String @id\n}\n');
    const drift = await diffMigrationsToSchema({ schemaDir: dir });
    expect(drift).toMatch(/CREATE TABLE "DriftProbe"/);
  });

  it('notices a feature file taken out of the folder', async () => {
    const dir = await schemaCopy();
    await rm(join(dir, 'slack.prisma'));
    const drift = await diffMigrationsToSchema({ schemaDir: dir });
    expect(drift).toMatch(/DROP TABLE "SlackInstallation"/);
  });

  it('creates a migration for the edit, after which there is no drift', async () => {
    const migrationsDir = await tempDir('mb-migrations-');
    await cp(DEFAULT_MIGRATIONS_DIR, migrationsDir, { recursive: true });
    const schemaDir = await schemaWithNewColumn();

    const now = new Date('2999-01-02T03:04:05Z');
    const created = await createMigration({ name: 'drift probe', migrationsDir, schemaDir, now });
    expect(created?.folder).toBe(join(migrationsDir, '29990102030405_drift_probe'));
    expect(await readFile(join(migrationsDir, '29990102030405_drift_probe', 'migration.sql'), 'utf8')).toContain(
      '"driftProbe" TEXT',
    );
    expect(await createMigration({ name: 'again', migrationsDir, schemaDir })).toBeNull();
  });
});

describe('reading the schema folder', () => {
  it('takes every .prisma file, in subfolders too, in path order, and nothing else', async () => {
    const dir = await tempDir('mb-schema-read-');
    await mkdir(join(dir, 'nested'));
    await writeFile(join(dir, 'schema.prisma'), '// b\n');
    await writeFile(join(dir, 'a.prisma'), '// a\n');
    await writeFile(join(dir, 'nested', 'c.prisma'), '// c\n');
    await writeFile(join(dir, 'notes.md'), 'not a schema file');
    expect(await readSchemaFiles(dir)).toEqual([
      { path: join(dir, 'a.prisma'), content: '// a\n' },
      { path: join(dir, 'nested', 'c.prisma'), content: '// c\n' },
      { path: join(dir, 'schema.prisma'), content: '// b\n' },
    ]);
  });

  it('refuses a folder with no schema files rather than diffing an empty schema', async () => {
    const empty = await tempDir('mb-schema-empty-');
    await expect(readSchemaFiles(empty)).rejects.toThrow(/has no \.prisma files/);
    await expect(readSchemaFiles(join(empty, 'missing'))).rejects.toThrow(/does not exist/);
  });
});
