// Opens the app's database: embedded PGlite (a data folder, or memory for tests) or a real
// PostgreSQL server, applies pending migrations, and returns a PrismaClient on the same
// connection. Start-up stops with a clear error when a migration fails.
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapterFactory, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import { createLogger } from '../log.js';
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
  close(): Promise<void>;
}

function once(action: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => {
    done ??= action();
    return done;
  };
}

// --- data folder lock ---------------------------------------------------------------------
// PGlite takes no lock on its folder (there is no postmaster.pid), and two processes writing one
// folder silently lose writes. Like PostgreSQL we keep a pid file: a holder whose pid is alive
// owns the folder; a pid that is gone (a crash) leaves a stale file, which we take over.

const LOCK_FILE = 'mentor-bridge.lock';
const locksHeldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 checks existence without signalling
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by another user
  }
}

async function readHolderPid(lockPath: string): Promise<number | undefined> {
  const text = await readFile(lockPath, 'utf8').catch(() => '');
  const pid = Number.parseInt(text, 10);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

/** Creates the lock file with its content in one step (a hard link), so no reader sees it empty. */
async function tryCreateLock(lockPath: string): Promise<boolean> {
  const temp = `${lockPath}.${randomUUID()}`;
  await writeFile(temp, `${process.pid}\n`);
  try {
    await link(temp, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = join(dataDir, LOCK_FILE);
  if (locksHeldHere.has(lockPath)) {
    throw new Error(`data folder in use: ${dataDir} is already open in this process (pid ${process.pid})`);
  }
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (await tryCreateLock(lockPath)) {
      locksHeldHere.add(lockPath);
      return once(async () => {
        locksHeldHere.delete(lockPath);
        await rm(lockPath, { force: true });
      });
    }
    const holder = await readHolderPid(lockPath);
    // Our own pid in a lock we do not hold is a leftover from an earlier run (containers reuse pids).
    if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
      throw new Error(`data folder in use by another process (pid ${holder}): ${dataDir} (lock file ${lockPath})`);
    }
    await rm(lockPath, { force: true }); // stale: its process is gone
  }
  throw new Error(`Could not lock data folder ${dataDir}: the lock file ${lockPath} keeps reappearing`);
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
  await mkdir(dataDir, { recursive: true });
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
  return {
    kind: 'postgres',
    description: redactUrl(databaseUrl),
    migrationFactory: pgMigrationFactory(pool),
    clientAdapter: new PrismaPg(pool), // an external pool: Prisma never ends it, close() does
    close: once(() => pool.end()),
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
