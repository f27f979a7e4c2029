/**
 * Two bot processes deliver from one PostgreSQL database to a slow platform (issue 10, item 3:
 * with Slack taking 2 s a call, one person's 40 replies outlasted the lease and the other
 * instance sent the rest again — 46 posts for 40 replies). Here the platform takes ~1 s a call and
 * the lease is 3 s, so one batch outlasts its lease more than ten times over: the holder must keep
 * renewing it, and the other process must neither send what is held nor overtake anyone's order.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaStore } from '../../src/store/prisma-store.js';
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from '../support/db.js';
import { PROJECT_ROOT } from './support.js';

const CALL_MS = 1_000;
const LEASE_MS = 3_000;
const KICK_MS = 300;

interface Send {
  id: string;
  personId: string;
  text: string;
  by: string;
}

/** The platform: every call takes CALL_MS, then is recorded in the order calls ended. */
async function slowPlatform(): Promise<{ server: Server; url: string; sends: Send[] }> {
  const sends: Send[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      setTimeout(() => {
        const send = JSON.parse(body) as Send;
        sends.push(send);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ts: String(sends.length) }));
      }, CALL_MS);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sends };
}

function startDeliverer(name: string, databaseUrl: string, platformUrl: string): { child: ChildProcess; ready: Promise<void>; exited: Promise<number | null>; stderr: string[] } {
  const env = { PATH: process.env.PATH ?? '', NODE_ENV: 'test', DATABASE_URL: databaseUrl, PLATFORM_URL: platformUrl, LEASE_MS: String(LEASE_MS), KICK_MS: String(KICK_MS), NAME: name };
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'test/e2e/outbox-delivery-process.ts')], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before it was ready: ${stderr.join('')}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited, stderr };
}

const run = testDatabaseUrl() ? describe : describe.skip;

run('two bot processes on one PostgreSQL, with a slow platform', () => {
  let db: TestDatabase;
  let platform: Awaited<ReturnType<typeof slowPlatform>>;
  let seq = 0;

  /** Writes messages as the core does, one transaction for the lot, in creation order. */
  async function enqueue(personId: string, texts: string[]): Promise<void> {
    await new PrismaStore(db.prisma).transaction(async (r) => {
      for (const text of texts) {
        seq += 1;
        const at = new Date(Date.now() + seq); // strictly increasing, so creation order is the order of `texts`
        await r.outbox.enqueue({ id: `m${String(seq).padStart(4, '0')}`, organisationId: 'org', personId, platform: 'slack', payload: { text }, nextAttemptAt: new Date(0), createdAt: at });
      }
    });
  }

  beforeAll(async () => {
    db = await createTestDatabase({ backend: 'postgres' });
    platform = await slowPlatform();
    await new PrismaStore(db.prisma).transaction(async (r) => {
      await r.organisations.create({ id: 'org', name: 'Org', platform: 'slack', externalId: 'T1' });
      for (const p of ['amina', 'yonas']) {
        await r.people.create({ id: p, organisationId: 'org', displayName: p, locale: 'en', timeZone: 'Europe/Oslo' });
        await r.identities.create({ id: `${p}-id`, organisationId: 'org', personId: p, platform: 'slack', externalUserId: `U-${p}`, address: { channel: `D-${p}` } });
      }
    });
  });
  afterAll(async () => {
    platform?.server.close();
    await db?.close();
  });

  it('sends every message exactly once, each person’s in order, though one batch outlasts its lease many times', async () => {
    const amina = Array.from({ length: 40 }, (_, i) => `amina ${i + 1}`);
    await enqueue('amina', amina);
    const first = startDeliverer('A', db.url as string, platform.url);
    // The second starts while the first delivers (as in a rolling deploy): its start-up migration
    // check must not wait for a lock the first left behind (src/store/database.ts).
    await first.ready;
    const second = startDeliverer('B', db.url as string, platform.url);
    try {
      await second.ready;
      // While Amina's forty are on their way: more for her (they must wait behind the forty,
      // whoever claims them) and some for Yonas (the idle process may take those at once).
      await new Promise((resolve) => setTimeout(resolve, 5 * CALL_MS));
      const later = ['amina 41', 'amina 42', 'amina 43'];
      const yonas = Array.from({ length: 6 }, (_, i) => `yonas ${i + 1}`);
      await enqueue('amina', later);
      await enqueue('yonas', yonas);

      const codes = await Promise.race([
        Promise.all([first.exited, second.exited]),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not done in time: ${platform.sends.length} sends`)), 150_000)),
      ]);
      expect(codes, [...first.stderr, ...second.stderr].join('')).toEqual([0, 0]);

      const ids = platform.sends.map((s) => s.id);
      const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
      expect(twice, 'sent more than once').toEqual([]);
      expect(platform.sends.filter((s) => s.personId === 'amina').map((s) => s.text)).toEqual([...amina, ...later]);
      expect(platform.sends.filter((s) => s.personId === 'yonas').map((s) => s.text)).toEqual(yonas);
      expect(await db.prisma.outboxMessage.count({ where: { status: 'sent' } })).toBe(49);
      expect(await db.prisma.outboxMessage.count({ where: { NOT: { leaseToken: null } } })).toBe(0);
      // Both processes delivered (the one without Amina's batch took Yonas's messages).
      expect(new Set(platform.sends.map((s) => s.by)).size).toBe(2);
    } finally {
      for (const p of [first, second]) if (p.child.exitCode === null) p.child.kill('SIGTERM');
      await Promise.all([first.exited, second.exited]);
    }
  }, 200_000);
});
