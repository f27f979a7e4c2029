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
  it('forgets processed inbound ids older than the cut-off, and keeps newer ones', async () => {
    db = await createTestDatabase();
    await db.prisma.organisation.create({ data: { id: 'org', name: 'Org', platform: 'playground', externalId: 'demo' } });
    await db.prisma.processedInbound.createMany({
      data: [
        { organisationId: 'org', dedupeKey: 'old', processedAt: new Date('2026-01-01T00:00:00Z') },
        { organisationId: 'org', dedupeKey: 'new', processedAt: new Date('2026-11-20T00:00:00Z') },
      ],
    });
    expect(await new PrismaHousekeeping(db.prisma).pruneProcessed(new Date('2026-10-01T00:00:00Z'))).toBe(1);
    expect((await db.prisma.processedInbound.findMany()).map((r) => r.dedupeKey)).toEqual(['new']);
  });
});
