// Fresh, migrated databases for tests.
//
// createTestDatabase() gives PGlite in memory, unless a PostgreSQL server is available to the
// tests (TEST_DATABASE_URL, set by you or by test/support/postgres.ts): then it gives a new
// database `mb_test_<random>` on that server, dropped on close(). Pass { backend } to choose.
//
// Speed: creating a PGlite cluster takes ~2-3 s, and migrating it ~1 s more. So the migrated
// cluster is dumped once (PGlite.dumpDataDir) and cached on disk under node_modules/.cache,
// keyed by the PGlite version and the migration files; each fresh database loads that dump.
// openDatabase() still runs the engine, which finds nothing pending.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/store/database.js';
import { applyMigrations, DEFAULT_MIGRATIONS_DIR, pgliteMigrationFactory } from '../../src/store/migrations/index.js';

export type TestBackend = 'pglite' | 'postgres';

export interface TestDatabase extends Database {
  /** The database's URL (postgres only). */
  url?: string;
}

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const CACHE_DIR = join(projectRoot, 'node_modules', '.cache', 'mentor-bridge');

/** The PostgreSQL server the tests may use, or undefined when there is none. */
export function testDatabaseUrl(): string | undefined {
  return inject('testDatabaseUrl') || process.env.TEST_DATABASE_URL?.trim() || undefined;
}

export async function createTestDatabase(options: { backend?: TestBackend } = {}): Promise<TestDatabase> {
  const backend = options.backend ?? (testDatabaseUrl() ? 'postgres' : 'pglite');
  if (backend === 'pglite') {
    return openDatabase({ memory: true, loadDataDir: await migratedTemplate() });
  }
  const serverUrl = testDatabaseUrl();
  if (!serverUrl) throw new Error('No PostgreSQL for tests: set TEST_DATABASE_URL or install PostgreSQL');
  return createPostgresDatabase(serverUrl);
}

// --- PGlite: a migrated template, dumped once -----------------------------------------------

let templatePromise: Promise<Blob> | undefined;

async function templateKey(): Promise<string> {
  const hash = createHash('sha256');
  const pglitePackage = join(projectRoot, 'node_modules', '@electric-sql', 'pglite', 'package.json');
  hash.update(JSON.parse(await readFile(pglitePackage, 'utf8')).version);
  for (const entry of (await readdir(DEFAULT_MIGRATIONS_DIR)).sort()) {
    const file = join(DEFAULT_MIGRATIONS_DIR, entry, 'migration.sql');
    if (existsSync(file)) hash.update(`${entry}\0${await readFile(file, 'utf8')}\0`);
  }
  return hash.digest('hex').slice(0, 16);
}

async function buildTemplate(): Promise<Blob> {
  const db = new PGlite();
  try {
    await applyMigrations(pgliteMigrationFactory(db));
    return await db.dumpDataDir('none');
  } finally {
    await db.close();
  }
}

/** The migrated cluster as a dump: from memory, else from the disk cache, else built and cached. */
function migratedTemplate(): Promise<Blob> {
  templatePromise ??= (async () => {
    const file = join(CACHE_DIR, `pglite-migrated-${await templateKey()}.tar`);
    if (existsSync(file)) return new Blob([await readFile(file)]);
    const dump = await buildTemplate();
    await mkdir(CACHE_DIR, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`; // rename: parallel workers never read half a file
    await writeFile(temp, Buffer.from(await dump.arrayBuffer()));
    await rename(temp, file);
    return dump;
  })();
  return templatePromise;
}

// --- PostgreSQL: a uniquely named database per test database ------------------------------

async function withAdminClient<T>(serverUrl: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the server; `drop()` removes it (and ends its sessions). */
export async function createEmptyPostgresDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `mb_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    await withAdminClient(serverUrl, async (admin) => {
      // pool.end() resolves before every socket has closed; forcing the drop while one is still
      // closing sends that client a FATAL nobody listens to any more (an uncaught error). So wait
      // (briefly) for the sessions to go, and force only what is left after that.
      for (let i = 0; i < 40; i += 1) {
        const { rows } = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
        if (rows[0]?.n === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  };
  return { url: url.toString(), drop };
}

async function createPostgresDatabase(serverUrl: string): Promise<TestDatabase> {
  const { url, drop } = await createEmptyPostgresDatabase(serverUrl);
  let db: Database;
  try {
    db = await openDatabase({ databaseUrl: url });
  } catch (error) {
    await drop();
    throw error;
  }
  let closed: Promise<void> | undefined;
  return {
    ...db,
    url,
    close: () => {
      closed ??= db.close().finally(drop);
      return closed;
    },
  };
}
