// A PGlite data folder runs in a worker thread (src/store/pglite-worker.ts): it opens, migrates,
// round-trips, survives a reopen, keeps this thread's event loop free during a heavy query, and
// reports a crashed worker as an error instead of hanging.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
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
    const db = await openDatabase({ dataDir: await freshDataDir() });
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
        await db.prisma.$queryRawUnsafe('SELECT sum(length(md5(i::text)))::int AS n FROM generate_series(1, 1500000) AS i');
      } finally {
        clearInterval(timer);
      }
      const took = performance.now() - started;
      console.info(`[timing] heavy query ${Math.round(took)} ms, worst event-loop gap ${Math.round(worstGap)} ms`);
      expect(took).toBeGreaterThan(200); // heavy enough to have blocked the loop on this thread
      expect(worstGap).toBeLessThan(50);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('refuses a second open of the same folder while the first is open', async () => {
    const dataDir = await freshDataDir();
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
