/**
 * The dispatcher's lease on a batch, in one process on PGlite and in real time (the lease is a
 * few hundred milliseconds): it is renewed while a slow batch is delivered, so a second
 * dispatcher never sends what the first holds; a message whose lease was lost is not sent, nor
 * anything after it for that person; and a sent mark that failed to write is written later
 * rather than dropped. test/e2e/outbox-two-bots.test.ts does the same with two processes on PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutboxEntry } from '../../src/core/domain.js';
import { OutboxDispatcher } from '../../src/core/outbox/dispatcher.js';
import type { ChannelSender } from '../../src/core/outbox/sender.js';
import { createLogger } from '../../src/log.js';
import { PrismaOutboxQueue } from '../../src/store/outbox-queue.js';
import { PrismaStore } from '../../src/store/prisma-store.js';
import { type TestDatabase, createTestDatabase } from '../support/db.js';

const realClock = { now: () => new Date() };
const LEASE_MS = 600;

let db: TestDatabase;
let n = 0;

/** A platform taking `ms` a call, recording who sent what. */
function slowSender(ms: number, log: { by: string; text: string }[], by: string, onSend?: (entry: OutboxEntry) => Promise<void>): ChannelSender {
  return {
    platform: 'playground',
    async send(entry) {
      await onSend?.(entry);
      await new Promise((resolve) => setTimeout(resolve, ms));
      log.push({ by, text: entry.payload.text });
      return { externalRef: { n: log.length } };
    },
  };
}

async function enqueue(personId: string, texts: string[]): Promise<void> {
  await new PrismaStore(db.prisma).transaction(async (r) => {
    for (const text of texts) {
      n += 1;
      await r.outbox.enqueue({ id: `m${String(n).padStart(4, '0')}`, organisationId: 'org', personId, platform: 'playground', payload: { text }, nextAttemptAt: new Date(0), createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, n)) });
    }
  });
}

beforeEach(async () => {
  db = await createTestDatabase();
  await new PrismaStore(db.prisma).transaction(async (r) => {
    await r.organisations.create({ id: 'org', name: 'Org', platform: 'playground', externalId: 'demo' });
    await r.people.create({ id: 'amina', organisationId: 'org', displayName: 'amina', locale: 'en', timeZone: 'Europe/Oslo' });
  });
});
afterEach(() => db.close());

describe('the outbox lease', () => {
  it('is renewed while a batch outlasts it: the other dispatcher, kicking all along, sends nothing twice', async () => {
    const texts = Array.from({ length: 12 }, (_, i) => `amina ${i + 1}`);
    await enqueue('amina', texts);
    const sends: { by: string; text: string }[] = [];
    const queue = new PrismaOutboxQueue(db.prisma);
    const first = new OutboxDispatcher(queue, [slowSender(150, sends, 'first')], realClock, createLogger('silent'), { leaseMs: LEASE_MS });
    const second = new OutboxDispatcher(queue, [slowSender(150, sends, 'second')], realClock, createLogger('silent'), { leaseMs: LEASE_MS });
    const delivering = first.kick(); // 12 × 150 ms: three times the lease
    const rival = setInterval(() => void second.kick(), 50);
    try {
      expect(await delivering).toBe(12);
    } finally {
      clearInterval(rival);
      await second.kick();
    }
    expect(sends.map((s) => s.text)).toEqual(texts);
    expect(new Set(sends.map((s) => s.by))).toEqual(new Set(['first']));
    expect(await db.prisma.outboxMessage.count({ where: { status: 'sent', leaseToken: null } })).toBe(12);
  });

  it('once lost (another claim took the messages), sends neither that message nor the person’s later ones', async () => {
    await enqueue('amina', ['one', 'two', 'three', 'four']);
    const sends: { by: string; text: string }[] = [];
    const stolen = vi.fn(async (entry: OutboxEntry) => {
      // While "one" is on its way, another process takes the rest over (as after a lease ran out).
      if (entry.payload.text === 'one') await db.prisma.outboxMessage.updateMany({ where: { NOT: { id: entry.id } }, data: { leaseToken: 'someone-else' } });
    });
    const dispatcher = new OutboxDispatcher(new PrismaOutboxQueue(db.prisma), [slowSender(LEASE_MS, sends, 'me', stolen)], realClock, createLogger('silent'), { leaseMs: LEASE_MS });
    expect(await dispatcher.kick()).toBe(1);
    expect(sends.map((s) => s.text)).toEqual(['one']);
    // Nothing of the new holder's was touched: neither released nor failed by the old one.
    const rest = await db.prisma.outboxMessage.findMany({ where: { status: 'pending' }, orderBy: { id: 'asc' } });
    expect(rest.map((r) => [r.payload, r.leaseToken, r.attempts])).toEqual(['two', 'three', 'four'].map((text) => [{ text }, 'someone-else', 0]));
  });

  it('keeps a sent mark that failed to write and writes it later, so the message is not sent again', async () => {
    await enqueue('amina', ['one', 'two']);
    const sends: { by: string; text: string }[] = [];
    const queue = new PrismaOutboxQueue(db.prisma);
    const markSent = vi.spyOn(queue, 'markSent').mockRejectedValueOnce(new Error('connection reset'));
    const dispatcher = new OutboxDispatcher(queue, [slowSender(10, sends, 'me')], realClock, createLogger('silent'), { leaseMs: LEASE_MS });
    expect(await dispatcher.kick()).toBe(2);
    expect(markSent.mock.calls.length).toBeGreaterThan(1);
    expect(await db.prisma.outboxMessage.count({ where: { status: 'sent' } })).toBe(2);
    expect(sends.map((s) => s.text)).toEqual(['one', 'two']);
  });
});
