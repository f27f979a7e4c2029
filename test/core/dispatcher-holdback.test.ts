/**
 * The dispatcher puts a claim's held-back messages (a paced slot booked, the person's later
 * messages waiting behind it) back in the queue in one write, not one statement each: a weekly
 * run books thousands of slots, and a statement per message capped booking far below the
 * platforms' allowed rate. Order and the lease rules stay as they were.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../src/core/domain.js';
import { OutboxDispatcher } from '../../src/core/outbox/dispatcher.js';
import { type ChannelSender, SendError } from '../../src/core/outbox/sender.js';
import type { OutboxQueue } from '../../src/core/ports.js';
import { createLogger } from '../../src/log.js';
import { PrismaOutboxQueue } from '../../src/store/outbox-queue.js';
import { PrismaStore } from '../../src/store/prisma-store.js';
import { TestClock } from '../support/clock.js';
import { type TestDatabase, createTestDatabase } from '../support/db.js';

const PEOPLE = 20;
const SLOT_MS = 5_000;

/** A pacer's behaviour: each message's first try books a slot SLOT_MS ahead; at its slot it goes. */
class PacedSender implements ChannelSender {
  readonly platform = 'playground' as const;
  readonly sent: { personId: string; text: string }[] = [];
  private readonly slots = new Map<string, number>();
  constructor(private readonly now: () => number) {}
  async send(entry: OutboxEntry) {
    const slot = this.slots.get(entry.id) ?? this.now() + SLOT_MS;
    this.slots.set(entry.id, slot);
    if (slot > this.now()) throw new SendError('paced (local)', slot - this.now(), true);
    this.sent.push({ personId: entry.personId, text: entry.payload.text });
    return { externalRef: { n: this.sent.length } };
  }
}

/** The real queue, counting every write the dispatcher makes with it (each is at least one statement). */
function countingQueue(queue: PrismaOutboxQueue): { queue: OutboxQueue; writes: Map<string, number> } {
  const writes = new Map<string, number>();
  const proxy = new Proxy(queue, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || prop === 'claimDue') return value;
      return (...args: unknown[]) => {
        writes.set(String(prop), (writes.get(String(prop)) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { queue: proxy, writes };
}

let db: TestDatabase;
let clock: TestClock;

beforeEach(async () => {
  db = await createTestDatabase();
  clock = new TestClock();
  await new PrismaStore(db.prisma).transaction(async (r) => {
    await r.organisations.create({ id: 'org', name: 'Org', platform: 'playground', externalId: 'demo' });
    for (let p = 0; p < PEOPLE; p += 1) {
      await r.people.create({ id: `p${p}`, organisationId: 'org', displayName: `p${p}`, locale: 'en', timeZone: 'Europe/Oslo' });
      await r.identities.create({ id: `p${p}-id`, organisationId: 'org', personId: `p${p}`, platform: 'playground', externalUserId: `u-${p}`, address: { dm: `D-${p}` } });
    }
    // Two messages each, interleaved by time: the claim takes them all in one batch.
    let n = 0;
    for (const part of ['first', 'second']) {
      for (let p = 0; p < PEOPLE; p += 1) {
        n += 1;
        const at = new Date(clock.now().getTime() - 1000 + n);
        await r.outbox.enqueue({ id: `m${String(n).padStart(4, '0')}`, organisationId: 'org', personId: `p${p}`, platform: 'playground', payload: { text: `${part} to p${p}` }, nextAttemptAt: at, createdAt: at });
      }
    }
  });
});
afterEach(() => db.close());

describe('OutboxDispatcher: held-back messages', () => {
  it(`puts ${2 * PEOPLE} held-back messages back in one or two writes, and later delivers each person's in order`, async () => {
    const { queue, writes } = countingQueue(new PrismaOutboxQueue(db.prisma));
    const sender = new PacedSender(() => clock.now().getTime());
    const dispatcher = new OutboxDispatcher(queue, [sender], clock, createLogger('silent'));

    expect(await dispatcher.kick()).toBe(0);
    const total = [...writes.values()].reduce((a, b) => a + b, 0);
    // Before: a markThrottled per first message and a release per second one (40 statements).
    expect(total).toBeLessThanOrEqual(2);
    expect(writes.get('markThrottled') ?? 0).toBe(0);
    expect(writes.get('release') ?? 0).toBe(0);

    const rows = await db.prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } });
    expect(rows.every((r) => r.status === 'pending' && r.leaseToken === null && r.attempts === 0)).toBe(true);
    const firsts = rows.slice(0, PEOPLE);
    const seconds = rows.slice(PEOPLE);
    // The first ones wait for their slot with the pacer's reason; the second ones are due, held behind them by the claim.
    expect(firsts.every((r) => r.lastError === 'paced (local)' && r.nextAttemptAt.getTime() === clock.now().getTime() + SLOT_MS)).toBe(true);
    expect(seconds.every((r) => r.lastError === null && r.nextAttemptAt.getTime() <= clock.now().getTime())).toBe(true);
    // Nothing goes before its slot, and no second message overtakes its first.
    expect(await dispatcher.kick()).toBe(0);
    expect(sender.sent).toEqual([]);

    clock.advance(SLOT_MS);
    expect(await dispatcher.kick()).toBe(PEOPLE); // the firsts; each second then books a slot of its own
    clock.advance(SLOT_MS);
    expect(await dispatcher.kick()).toBe(PEOPLE);
    for (let p = 0; p < PEOPLE; p += 1) {
      expect(sender.sent.filter((s) => s.personId === `p${p}`).map((s) => s.text)).toEqual([`first to p${p}`, `second to p${p}`]);
    }
    expect(await db.prisma.outboxMessage.count({ where: { status: 'sent' } })).toBe(2 * PEOPLE);
    dispatcher.close();
  });
});
