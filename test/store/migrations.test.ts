// Migrations apply to empty databases on both backends, once, exactly as Prisma records them;
// a failing migration stops start-up, leaves nothing behind and is not recorded as applied.
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseConnection, openDatabase, type OpenDatabaseOptions } from '../../src/store/database.js';
import { withSchemaEngine } from '../../src/store/migrations/engine.js';
import {
  applyMigrations,
  DEFAULT_MIGRATIONS_DIR,
  emptyPGlite,
  migrationStatus,
  pgliteMigrationFactory,
} from '../../src/store/migrations/index.js';
import { createEmptyPostgresDatabase, testDatabaseUrl } from '../support/db.js';

const serverUrl = testDatabaseUrl();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const tempDirs: string[] = [];
afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

type Backend = 'pglite' | 'postgres';

/** Options that open the same, initially empty, database each time (a folder or a database). */
async function emptyDatabaseOptions(backend: Backend): Promise<OpenDatabaseOptions> {
  if (backend === 'pglite') return { dataDir: join(await tempDir('mb-pglite-'), 'data') };
  const { url, drop } = await createEmptyPostgresDatabase(serverUrl as string);
  cleanups.push(drop);
  return { databaseUrl: url };
}

async function connect(options: OpenDatabaseOptions): Promise<DatabaseConnection> {
  const connection = await connectDatabase(options);
  cleanups.push(() => connection.close());
  return connection;
}

/** Runs SQL through the engine's adapter, so the test needs no second driver. */
async function query(connection: DatabaseConnection, sql: string): Promise<unknown[][]> {
  const adapter = await connection.migrationFactory.connect();
  try {
    return (await adapter.queryRaw({ sql, args: [], argTypes: [] })).rows;
  } finally {
    await adapter.dispose();
  }
}

async function localMigrations(): Promise<string[]> {
  const entries = await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
}

const backends: Backend[] = ['pglite', 'postgres'];

describe.each(backends)('migrations on %s', (backend) => {
  const skip = backend === 'postgres' && !serverUrl;
  if (skip) console.warn('[test] PostgreSQL migration tests skipped: no TEST_DATABASE_URL and no PostgreSQL binaries');

  it.skipIf(skip)('applies every migration to an empty database, once, recorded as Prisma records it', async () => {
    const connection = await connect(await emptyDatabaseOptions(backend));
    const local = await localMigrations();
    expect(local.length).toBeGreaterThan(0);

    expect(await applyMigrations(connection.migrationFactory)).toEqual(local);
    expect(await applyMigrations(connection.migrationFactory)).toEqual([]); // second run: no-op

    const tables = await query(connection, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    expect(tables.flat()).toEqual(expect.arrayContaining(['Organisation', 'Person', 'Membership', '_prisma_migrations']));
    const rows = await query(
      connection,
      `SELECT migration_name, checksum, finished_at IS NOT NULL, rolled_back_at IS NULL, applied_steps_count
         FROM _prisma_migrations ORDER BY migration_name`,
    );
    const expected = await Promise.all(
      local.map(async (name) => {
        const sql = await readFile(join(DEFAULT_MIGRATIONS_DIR, name, 'migration.sql'));
        return [name, createHash('sha256').update(sql).digest('hex'), true, true, 1];
      }),
    );
    expect(rows).toEqual(expected);
    const status = await migrationStatus(connection.migrationFactory);
    expect(status).toEqual({ local, pending: [], failed: [], edited: [], unknown: [] });
  });

  it.skipIf(skip)('stops start-up on a failing migration and does not record it as applied', async () => {
    const migrationsDir = await tempDir('mb-migrations-');
    await cp(DEFAULT_MIGRATIONS_DIR, migrationsDir, { recursive: true });
    const broken = '29990101000000_broken';
    await mkdir(join(migrationsDir, broken));
    await writeFile(
      join(migrationsDir, broken, 'migration.sql'),
      'CREATE TABLE "Partial" ("id" TEXT);\nCREATE TABLE "Broken" ("id" TEXT REFERENCES "Nowhere" ("id"));\n',
    );
    const options = { ...(await emptyDatabaseOptions(backend)), migrationsDir };

    const failure = openDatabase(options);
    await expect(failure).rejects.toThrow(`Migration ${broken} failed: relation "Nowhere" does not exist (SQLSTATE 42P01)`);

    // The data folder was released, so the same database can be inspected.
    const connection = await connect(options);
    const rows = await query(connection, `SELECT migration_name, finished_at IS NULL FROM _prisma_migrations ORDER BY 1`);
    expect(rows).toEqual([...(await localMigrations()).map((name) => [name, false]), [broken, true]]);
    const partial = await query(connection, `SELECT to_regclass('"Partial"')::text`);
    expect(partial).toEqual([[null]]); // the whole script was rolled back
    const status = await migrationStatus(connection.migrationFactory, migrationsDir);
    expect(status.failed).toEqual([broken]);
    await connection.close();

    // Until someone resolves it, start-up keeps refusing, naming the migration.
    await expect(openDatabase(options)).rejects.toThrow(broken);
  });
});

describe('the schema engine', () => {
  it('reports a panic with its message and works again afterwards', async () => {
    const db = await emptyPGlite();
    try {
      const factory = pgliteMigrationFactory(db);
      const panic = withSchemaEngine(factory, undefined, async (engine) => engine.debugPanic());
      await expect(panic).rejects.toThrow(/the schema engine panicked: .*\n?This is the debugPanic artificial panic/);
      expect(await applyMigrations(factory)).toEqual(await localMigrations());
    } finally {
      await db.close();
    }
  });
});
