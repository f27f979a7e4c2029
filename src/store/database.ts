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
  let dataDir: string | undefined;
  let unlock: () => Promise<void> = () => Promise.resolve(); // memory: nothing to unlock
  if (!opts.memory) {
    dataDir = resolve(opts.dataDir ?? DEFAULT_DATA_DIR);
    await mkdir(dataDir, { recursive: true });
    unlock = await lockDataDir(dataDir);
  }
  try {
    const db = opts.memory && opts.loadDataDir ? new PGlite({ loadDataDir: opts.loadDataDir }) : new PGlite(dataDir);
    await db.waitReady;
    return {
      kind: 'pglite',
      description: dataDir ?? 'memory',
      migrationFactory: pgliteMigrationFactory(db),
      clientAdapter: new PrismaPGlite(db),
      close: once(async () => {
        try {
          await db.close();
        } finally {
          await unlock();
        }
      }),
    };
  } catch (error) {
    await unlock();
    throw new Error(`Cannot open PGlite ${dataDir ?? 'in memory'}: ${(error as Error).message}`, { cause: error });
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
  const prisma = new PrismaClient({ adapter: connection.clientAdapter });
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
