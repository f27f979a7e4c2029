/** The scheduler's ticks and the upkeep they run. */
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { PrismaHousekeeping } from '../../src/store/housekeeping.js';
import { type TestDatabase, createTestDatabase } from '../support/db.js';

let db: TestDatabase | undefined;
afterEach(() => db?.close());

describe('Scheduler', () => {
  it('does not start a tick again while it is still running, and survives a failing tick', async () => {
    const lines: string[] = [];
    let running = 0;
    let most = 0;
    let release: () => void = () => undefined;
    const slow = { name: 'slow', run: () => new Promise<void>((r) => { running += 1; most = Math.max(most, running); release = () => { running -= 1; r(); }; }) };
    const failing = { name: 'failing', run: () => Promise.reject(new Error('db down')) };
    const scheduler = new Scheduler([slow, failing], createLogger('info', (l) => lines.push(l)));
    const first = scheduler.runOnce(slow);
    await scheduler.runOnce(slow);
    release();
    await first;
    await scheduler.runOnce(failing);
    expect(most).toBe(1);
    expect(lines.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ msg: 'scheduled tick failed', tick: 'failing', error: 'db down' })]);
  });

  it('runs ticks on their cron schedule and stops', async () => {
    let runs = 0;
    const scheduler = new Scheduler([{ name: 'every-second', expression: '* * * * * *', run: async () => {
          runs += 1;
        } }], createLogger('silent'));
    scheduler.start();
    await new Promise((r) => setTimeout(r, 2100));
    await scheduler.stop();
    const seen = runs;
    expect(seen).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 1100));
    expect(runs).toBe(seen);
  });
});

describe('PrismaHousekeeping', () => {
  it('forgets inbox rows worked or given up before the cut-off, keeps newer ones, and never a pending one', async () => {
    db = await createTestDatabase();
    const row = (dedupeKey: string, status: 'pending' | 'done' | 'failed', receivedAt: string) => ({ id: dedupeKey, platform: 'slack' as const, tenant: 'T1', dedupeKey, externalUserId: 'U1', status, receivedAt: new Date(receivedAt) });
    await db.prisma.inboxItem.createMany({
      data: [row('old', 'done', '2026-01-01T00:00:00Z'), row('old-failed', 'failed', '2026-01-02T00:00:00Z'), row('old-pending', 'pending', '2026-01-03T00:00:00Z'), row('new', 'done', '2026-11-20T00:00:00Z')],
    });
    expect(await new PrismaHousekeeping(db.prisma).pruneInbox(new Date('2026-10-01T00:00:00Z'))).toBe(2);
    expect((await db.prisma.inboxItem.findMany({ orderBy: { id: 'asc' } })).map((r) => r.dedupeKey)).toEqual(['new', 'old-pending']);
  });
});

describe('PrismaHousekeeping.refreshStatistics', () => {
  it('gives the planner the table sizes the embedded database never gathers itself, so the recipient lookup reads one person’s identity, not the organisation’s', async () => {
    db = await createTestDatabase();
    const prisma = db.prisma;
    await prisma.$executeRawUnsafe(`INSERT INTO "Organisation" ("id", "name", "platform", "externalId") VALUES ('o', 'O', 'teams', 'tenant-o')`);
    await prisma.$executeRawUnsafe(`INSERT INTO "Person" ("id", "organisationId", "displayName", "locale", "timeZone", "updatedAt") SELECT 'p' || g, 'o', 'P' || g, 'en', 'Europe/Oslo', now() FROM generate_series(1, 3000) g`);
    await prisma.$executeRawUnsafe(`INSERT INTO "ChannelIdentity" ("id", "organisationId", "personId", "platform", "externalUserId", "updatedAt") SELECT 'i' || g, 'o', 'p' || g, 'teams', 'aad-' || g, now() FROM generate_series(1, 3000) g`);
    const rows = async () => (await prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT reltuples::int AS n FROM pg_class WHERE relname = 'ChannelIdentity'`))[0]?.n;
    expect(await rows()).toBeLessThanOrEqual(0); // never analysed: the planner guesses
    await new PrismaHousekeeping(prisma).refreshStatistics();
    expect(await rows()).toBe(3000);
    // The claim's recipient lookup (src/store/outbox-queue.ts) now goes by the person.
    const plan = await prisma.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
      `EXPLAIN SELECT i."externalUserId" FROM "ChannelIdentity" i WHERE i."organisationId" = 'o' AND i."personId" = 'p42' AND i."platform" = 'teams' ORDER BY i."updatedAt" DESC LIMIT 1`,
    );
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('ChannelIdentity_organisationId_personId_idx');
  });
});
