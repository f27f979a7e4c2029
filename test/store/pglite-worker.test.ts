// A PGlite data folder runs in a worker thread (src/store/pglite-worker.ts): it opens, migrates,
// round-trips, survives a reopen, keeps this thread's event loop free during a heavy query, and
// reports a crashed worker as an error instead of hanging. Shutdown is deterministic: close() lets
// the queries already asked for finish, the thread then ends by itself (exit code 0, never
// terminated), the socket file and the lock are gone, and an open transaction is rolled back
// before PGlite closes.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { startPGliteWorker } from '../../src/store/pglite-worker.js';

const tempDirs: string[] = [];
afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function freshDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mb-pgw-'));
  tempDirs.push(dir);
  return join(dir, 'data');
}

// Creating a cluster on disk takes seconds: the tests that need no empty folder share one, and
// each leaves it closed.
let sharedPromise: Promise<string> | undefined;
function sharedDataDir(): Promise<string> {
  sharedPromise ??= freshDataDir();
  return sharedPromise;
}

/** Worker threads alive in this process (the diagnostic report lists each one). */
function workerThreads(): number {
  return (process.report.getReport() as { workers: unknown[] }).workers.length;
}

const HEAVY_QUERY = 'SELECT sum(length(md5(i::text)))::int AS n FROM generate_series(1, 1500000) AS i';
const SOCKET_FILE = '.s.PGSQL.5432';
const LOCK_FILE = 'mentor-bridge.lock';

describe('PGlite data folder in a worker thread', () => {
  it('opens, migrates, round-trips and keeps its rows across a reopen', async () => {
    const dataDir = await freshDataDir();
    const first = await openDatabase({ dataDir });
    try {
      expect(first.kind).toBe('pglite');
      const org = await first.prisma.organisation.create({ data: { id: 'org-worker-test', platform: 'playground', externalId: 'worker-test', name: 'Worker test' } });
      const found = await first.prisma.organisation.findUnique({ where: { id: org.id } });
      expect(found?.name).toBe('Worker test');
      // An interactive transaction that rolls back leaves nothing behind.
      await expect(
        first.prisma.$transaction(async (tx) => {
          await tx.organisation.update({ where: { id: org.id }, data: { name: 'changed' } });
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
    } finally {
      await first.close();
    }
    const second = await openDatabase({ dataDir });
    try {
      const rows = await second.prisma.organisation.findMany({ where: { externalId: 'worker-test' } });
      expect(rows.map((row) => row.name)).toEqual(['Worker test']);
    } finally {
      await second.close();
    }
  }, 60_000);

  it('keeps the main event loop free while a heavy query runs', async () => {
    const db = await openDatabase({ dataDir: await sharedDataDir() });
    try {
      let last = performance.now();
      let worstGap = 0;
      const timer = setInterval(() => {
        const now = performance.now();
        worstGap = Math.max(worstGap, now - last);
        last = now;
      }, 5);
      const started = performance.now();
      try {
        await db.prisma.$queryRawUnsafe(HEAVY_QUERY);
      } finally {
        clearInterval(timer);
      }
      const took = performance.now() - started;
      console.info(`[timing] heavy query ${Math.round(took)} ms, worst event-loop gap ${Math.round(worstGap)} ms`);
      expect(took).toBeGreaterThan(200); // heavy enough to have blocked the loop on this thread
      // On this thread the loop would have stood still for the whole query (gap ≈ took). A busy
      // machine (CI, parallel forks on two cores) can delay a timer on its own, hence a share of
      // the query's time rather than a fixed few milliseconds.
      expect(worstGap).toBeLessThan(Math.max(50, took / 5));
    } finally {
      await db.close();
    }
  }, 60_000);

  it('refuses a second open of the same folder while the first is open', async () => {
    const dataDir = await sharedDataDir();
    const db = await openDatabase({ dataDir });
    try {
      await expect(openDatabase({ dataDir })).rejects.toThrow(/already open in this process/);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('turns a crashed worker into errors, not a hang', async () => {
    const dataDir = await freshDataDir();
    await mkdir(dataDir, { recursive: true });
    const worker = await startPGliteWorker(dataDir);
    const client = new pg.Client({ host: worker.host, port: worker.port, user: 'postgres', database: 'postgres' });
    client.on('error', () => undefined); // the lost connection is also reported here
    try {
      await client.connect();
      expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      await worker.thread.terminate(); // as if the worker died
      await expect(client.query('SELECT 1')).rejects.toThrow();
      expect(worker.failure?.message).toMatch(/ended unexpectedly/);
      const again = new pg.Client({ host: worker.host, port: worker.port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 5000 });
      await expect(again.connect()).rejects.toThrow();
      await worker.stop(); // still fine to call after a crash
    } finally {
      await client.end().catch(() => undefined);
    }
  }, 60_000);
});

describe('PGlite worker shutdown', () => {
  it('ends the thread, removes the socket and releases the lock on every close, and reopens', async () => {
    const dataDir = await sharedDataDir();
    const before = workerThreads();
    for (let round = 1; round <= 3; round += 1) {
      const db = await openDatabase({ dataDir });
      expect(workerThreads()).toBe(before + 1);
      expect(existsSync(join(dataDir, SOCKET_FILE))).toBe(true);
      expect(existsSync(join(dataDir, LOCK_FILE))).toBe(true);
      await db.prisma.organisation.create({ data: { id: `org-round-${round}`, platform: 'playground', externalId: `round-${round}`, name: `Round ${round}` } });
      await db.close();
      // close() resolves only once the thread has ended and the folder is free.
      expect(workerThreads()).toBe(before);
      expect(existsSync(join(dataDir, SOCKET_FILE))).toBe(false);
      expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
      await db.close(); // idempotent
    }
    const db = await openDatabase({ dataDir });
    try {
      const rows = await db.prisma.organisation.findMany({ where: { id: { startsWith: 'org-round-' } }, orderBy: { id: 'asc' } });
      expect(rows.map((row) => row.name)).toEqual(['Round 1', 'Round 2', 'Round 3']);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('close() lets the queries already asked for finish, then ends the thread', async () => {
    const dataDir = await sharedDataDir();
    const before = workerThreads();
    const db = await openDatabase({ dataDir });
    expect(await db.prisma.organisation.count({ where: { id: 'org-in-flight' } })).toBe(0);
    // One connection: the heavy query runs (over a second), the other two wait in the pool's
    // queue behind it when close() is called. (Prisma's promises are lazy: then() sends them.)
    const heavy = db.prisma.$queryRawUnsafe<{ n: number }[]>(HEAVY_QUERY).then((rows) => rows);
    const written = db.prisma.organisation.create({ data: { id: 'org-in-flight', platform: 'playground', externalId: 'in-flight', name: 'In flight' } }).then((row) => row);
    const answered = db.prisma.$queryRawUnsafe<{ answer: number }[]>('SELECT 41 + 1 AS answer').then((rows) => rows);
    await new Promise((resolve) => setTimeout(resolve, 300)); // Prisma has handed them to the pool
    await db.close();
    expect(workerThreads()).toBe(before);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    // Each one settled with its real result (md5 is 32 hex digits: 32 × 1.5 million) (pg's pool.end() alone would have left the queued ones
    // waiting forever).
    expect(await heavy).toEqual([{ n: 48_000_000 }]);
    expect((await written).name).toBe('In flight');
    expect(await answered).toEqual([{ answer: 42 }]);
    const again = await openDatabase({ dataDir });
    try {
      expect(await again.prisma.organisation.count({ where: { id: 'org-in-flight' } })).toBe(1);
    } finally {
      await again.close();
    }
  }, 60_000);

  it('stop() with a client still in a transaction: the transaction is rolled back, the thread ends by itself', async () => {
    const dataDir = await sharedDataDir();
    const worker = await startPGliteWorker(dataDir);
    const client = new pg.Client({ host: worker.host, port: worker.port, user: 'postgres', database: 'postgres' });
    const lost: Error[] = [];
    client.on('error', (error) => lost.push(error));
    await client.connect();
    await client.query('CREATE TABLE IF NOT EXISTS "ShutdownProbe" (n int)');
    await client.query('BEGIN');
    await client.query('INSERT INTO "ShutdownProbe" VALUES (1)');
    // No COMMIT, and the client stays connected: the server drops it and PGlite rolls back
    // before it closes.
    await worker.stop();
    expect(await worker.exited).toBe(0); // ended by itself: terminate() gives 1
    expect(worker.thread.threadId).toBe(-1);
    expect(worker.failure).toBeUndefined();
    expect(existsSync(join(dataDir, SOCKET_FILE))).toBe(false);
    await expect(client.query('SELECT 1')).rejects.toThrow();
    await client.end().catch(() => undefined);

    const reopened = await startPGliteWorker(dataDir);
    const check = new pg.Client({ host: reopened.host, port: reopened.port, user: 'postgres', database: 'postgres' });
    try {
      await check.connect();
      expect((await check.query('SELECT count(*)::int AS n FROM "ShutdownProbe"')).rows).toEqual([{ n: 0 }]);
      await check.query('DROP TABLE "ShutdownProbe"');
    } finally {
      await check.end();
      await reopened.stop();
    }
    expect(await reopened.exited).toBe(0);
  }, 60_000);

  it('a worker that cannot open its folder has ended when the error is reported', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'mb-pgw-'));
    tempDirs.push(parent);
    const notAFolder = join(parent, 'data');
    await writeFile(notAFolder, 'not a folder');
    const before = workerThreads();
    await expect(startPGliteWorker(notAFolder)).rejects.toThrow();
    expect(workerThreads()).toBe(before);
  }, 60_000);
});

describe('where the worker listens', () => {
  it('a data folder whose socket path would be too long gets a private socket folder, never a TCP port', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mb-pgw-'));
    tempDirs.push(dir);
    const deep = join(dir, 'a-folder-name-long-enough-to-push-the-socket-path-past-what-unix-sockets-allow', 'data');
    await mkdir(deep, { recursive: true });
    const worker = await startPGliteWorker(deep);
    try {
      expect(worker.host.startsWith('/')).toBe(true); // a socket folder, not 127.0.0.1
      expect(worker.host.startsWith(tmpdir())).toBe(true);
      expect((await stat(worker.host)).mode & 0o777).toBe(0o700);
      const client = new pg.Client({ host: worker.host, port: worker.port, user: 'postgres', database: 'postgres' });
      await client.connect();
      expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      await client.end();
    } finally {
      await worker.stop();
    }
    expect(existsSync(worker.host)).toBe(false); // the private folder goes with the worker
  }, 60_000);
});
