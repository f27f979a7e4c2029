// Opens the app's database: embedded PGlite (a data folder, or memory for tests) or a real
// PostgreSQL server, applies pending migrations, and returns a PrismaClient on the same
// connection. Start-up stops with a clear error when a migration fails.
import { chmod, mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapterFactory, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import { createLogger } from '../log.js';
import { lockDataDir } from './data-folder-lock.js';
import { applyMigrations, pgliteMigrationFactory, pgMigrationFactory } from './migrations/index.js';
import { type PGliteWorker, startPGliteWorker } from './pglite-worker.js';
import { statementNames } from './statement-names.js';

const idleErrorLog = createLogger('warn');

export type DatabaseKind = 'pglite' | 'postgres';

export const DEFAULT_DATA_DIR = 'data/pglite';

export interface OpenDatabaseOptions {
  /** postgres:// or postgresql:// URL; when set, PGlite options are ignored. */
  databaseUrl?: string;
  /** PGlite data folder (default data/pglite, relative to the working directory). */
  dataDir?: string;
  /** In-memory PGlite (tests): nothing is written to disk and no lock is taken. */
  memory?: boolean;
  /** Migrations folder (default prisma/migrations); tests point it elsewhere. */
  migrationsDir?: string;
  /** In-memory PGlite only: start from this dump (PGlite.dumpDataDir) instead of an empty cluster. */
  loadDataDir?: Blob;
}

export interface Database {
  prisma: PrismaClient;
  kind: DatabaseKind;
  /** Disconnects Prisma, closes the database and releases the data folder lock. Idempotent. */
  close(): Promise<void>;
}

/** An open connection before any client exists: what scripts/migrate.ts works with. */
export interface DatabaseConnection {
  kind: DatabaseKind;
  /** For error messages and logs: the data folder, "memory", or the URL without password. */
  description: string;
  migrationFactory: SqlMigrationAwareDriverAdapterFactory;
  clientAdapter: SqlDriverAdapterFactory;
  /** Prisma's defaults for interactive transactions on this connection, when not its own. */
  transactionOptions?: { maxWait: number };
  /** Frees what only the migrations needed (openDatabase calls it once they are applied). */
  migrated?(): Promise<void>;
  close(): Promise<void>;
}

function once(action: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => {
    done ??= action();
    return done;
  };
}

// --- connections ----------------------------------------------------------------------------

async function connectPGlite(opts: OpenDatabaseOptions): Promise<DatabaseConnection> {
  if (!opts.memory) return connectPGliteWorker(resolve(opts.dataDir ?? DEFAULT_DATA_DIR));
  try {
    const db = opts.loadDataDir ? new PGlite({ loadDataDir: opts.loadDataDir }) : new PGlite();
    await db.waitReady;
    return {
      kind: 'pglite',
      description: 'memory',
      migrationFactory: pgliteMigrationFactory(db),
      clientAdapter: new PrismaPGlite(db),
      close: once(() => db.close()),
    };
  } catch (error) {
    throw new Error(`Cannot open PGlite in memory: ${(error as Error).message}`, { cause: error });
  }
}

const PGLITE_MAX_WAIT_MS = 15_000;
/** How long close() lets work already handed to the pool finish before it ends the pool. */
const PGLITE_DRAIN_MS = 15_000;

/**
 * Resolves once no client is checked out and nobody waits for one (or after `ms`). pg's
 * pool.end() only ends idle clients, and callers queued for a busy one are then never served:
 * their queries would hang forever. So close() lets them finish first.
 */
function poolDrained(pool: pg.Pool, ms: number): Promise<void> {
  return new Promise((resolvePromise) => {
    const done = () => {
      clearTimeout(timer);
      pool.off('release', onRelease);
      pool.off('remove', onRelease);
      resolvePromise();
    };
    const check = () => {
      if (pool.waitingCount === 0 && pool.idleCount === pool.totalCount) done();
    };
    // 'release' comes before the pool hands the client to the next caller: look after that.
    const onRelease = () => setImmediate(check);
    const timer = setTimeout(done, ms);
    timer.unref();
    pool.on('release', onRelease);
    pool.on('remove', onRelease);
    check();
  });
}

/**
 * A data folder: PGlite runs in a worker thread (src/store/pglite-worker.ts), so its queries do
 * not stop this thread's event loop, and we talk to it over the PostgreSQL protocol with `pg`,
 * as to a server. PGlite has a single session, hence a pool of one connection (transactions
 * take turns), kept open while idle. More connections would not run anything in parallel, and
 * would be wrong: the socket server interleaves their protocol messages on that one session, so
 * one connection's unnamed prepared statement could be replaced by another's.
 *
 * close() is one sequence: the queries already asked for finish, the pool ends (its connection
 * closes), the worker closes PGlite and its thread ends, and only then is the folder unlocked.
 */
async function connectPGliteWorker(dataDir: string): Promise<DatabaseConnection> {
  // Only this user may read the data (names and profiles are in its files and write-ahead log);
  // chmod too, for a folder an older version created with the umask's 0755.
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await chmod(dataDir, 0o700);
  const unlock = await lockDataDir(dataDir);
  let worker: PGliteWorker | undefined;
  let pool: pg.Pool | undefined;
  const stop = async () => {
    try {
      if (pool) {
        await poolDrained(pool, PGLITE_DRAIN_MS);
        await pool.end();
      }
    } finally {
      try {
        await worker?.stop();
      } finally {
        await unlock();
      }
    }
  };
  try {
    worker = await startPGliteWorker(dataDir, {
      onWarning: (message) => idleErrorLog.warn('pglite worker error', { reason: message }),
    });
    const running = worker;
    pool = new pg.Pool({ host: running.host, port: running.port, user: 'postgres', database: 'postgres', max: 1, idleTimeoutMillis: 0 });
    pool.on('error', (error) =>
      idleErrorLog.warn('pglite connection lost', { reason: running.failure?.message ?? error.message }),
    );
    const client = await pool.connect();
    client.release();
    return {
      kind: 'pglite',
      description: dataDir,
      migrationFactory: pgMigrationFactory(pool),
      // Prepared once, then bound and executed: parsing and planning each statement anew was
      // most of PGlite's time per turn (src/store/statement-names.ts).
      clientAdapter: new PrismaPg(pool, { statementNameGenerator: statementNames() }),
      // One connection means transactions queue for it; under load that wait is longer than
      // Prisma's default maxWait (2 s), which would fail the unit of work instead of queueing it.
      transactionOptions: { maxWait: PGLITE_MAX_WAIT_MS },
      close: once(stop),
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw new Error(`Cannot open PGlite ${dataDir}: ${(error as Error).message}`, { cause: error });
  }
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

async function connectPostgres(databaseUrl: string): Promise<DatabaseConnection> {
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(`DATABASE_URL must start with postgres:// or postgresql:// (got ${redactUrl(databaseUrl)})`);
  }
  const pool = new pg.Pool({ connectionString: databaseUrl });
  // An idle connection can end under us (the server restarts, an admin terminates it). pg reports
  // that on the pool, and an 'error' event nobody listens to would kill the whole bot; the pool
  // drops that client and connects anew when next needed, so a warning is all it takes.
  pool.on('error', (error) => idleErrorLog.warn('postgres idle connection lost', { reason: error.message }));
  try {
    const client = await pool.connect(); // fail here, clearly, rather than inside the engine
    client.release();
  } catch (error) {
    await pool.end();
    throw new Error(`Cannot connect to ${redactUrl(databaseUrl)}: ${(error as Error).message}`, { cause: error });
  }
  // The migration engine takes PostgreSQL's advisory lock in one statement and frees it in a later
  // one. Through the app's pool those two may run on different connections, and the lock then
  // stays with a pooled connection for the life of the process: a second bot on the same database
  // (a rolling deploy, two containers) waits 10 s for it at start-up and fails. A pool of one
  // connection of its own keeps the engine's statements on one session; it ends once they are done.
  const migrationPool = new pg.Pool({ connectionString: databaseUrl, max: 1, idleTimeoutMillis: 0 });
  migrationPool.on('error', (error) => idleErrorLog.warn('postgres migration connection lost', { reason: error.message }));
  const endMigrations = once(() => migrationPool.end());
  return {
    kind: 'postgres',
    description: redactUrl(databaseUrl),
    migrationFactory: pgMigrationFactory(migrationPool),
    clientAdapter: new PrismaPg(pool), // an external pool: Prisma never ends it, close() does
    migrated: endMigrations,
    close: once(async () => {
      await endMigrations();
      await pool.end();
    }),
  };
}

/** Opens the database without migrating it or creating a client (for scripts/migrate.ts). */
export function connectDatabase(opts: OpenDatabaseOptions): Promise<DatabaseConnection> {
  return opts.databaseUrl ? connectPostgres(opts.databaseUrl) : connectPGlite(opts);
}

/** Opens the database, applies pending migrations, and returns a client on the same connection. */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  const connection = await connectDatabase(opts);
  try {
    await applyMigrations(connection.migrationFactory, opts.migrationsDir);
    await connection.migrated?.();
  } catch (error) {
    await connection.close();
    throw new Error(`Database ${connection.description} was not started: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const prisma = new PrismaClient({
    adapter: connection.clientAdapter,
    ...(connection.transactionOptions ? { transactionOptions: connection.transactionOptions } : {}),
  });
  return {
    prisma,
    kind: connection.kind,
    close: once(async () => {
      try {
        await prisma.$disconnect();
      } finally {
        await connection.close();
      }
    }),
  };
}
