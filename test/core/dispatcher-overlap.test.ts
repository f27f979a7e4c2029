/**
 * A sender that waits in the process for a paced slot (Teams' tenant starts) keeps its batch open;
 * with overlappingClaims the next claim goes on meanwhile, so other people's messages are not held
 * behind the wait. Claims never share a message and a person's later message waits for the
 * earlier one, so each person's order holds; a kick resolves once every loop under way has ended.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../src/core/domain.js';
import { OutboxDispatcher } from '../../src/core/outbox/dispatcher.js';
import type { ChannelSender } from '../../src/core/outbox/sender.js';
import { createLogger } from '../../src/log.js';
import { PrismaOutboxQueue } from '../../src/store/outbox-queue.js';
import { PrismaStore } from '../../src/store/prisma-store.js';
import { TestClock } from '../support/clock.js';
import { type TestDatabase, createTestDatabase } from '../support/db.js';

/** Holds every message whose text starts with 'slow' until released; records what it sent, in order. */
class GatedSender implements ChannelSender {
  readonly platform = 'playground' as const;
  sent: string[] = [];
  private open: (() => void) | null = null;
  private readonly gate = new Promise<void>((resolve) => {
    this.open = resolve;
  });
  waiting = 0;
  constructor(readonly overlappingClaims: number | undefined) {}
  release(): void {
    this.open?.();
  }
  async send(entry: OutboxEntry) {
    if (entry.payload.text.startsWith('slow')) {
      this.waiting += 1;
      await this.gate;
    }
    this.sent.push(entry.payload.text);
    return { externalRef: null };
  }
}

let db: TestDatabase;
let clock: TestClock;
let n = 0;

async function enqueue(personId: string, text: string): Promise<void> {
  n += 1;
  const id = `m${String(n).padStart(4, '0')}`;
  await new PrismaStore(db.prisma).transaction((r) => r.outbox.enqueue({ id, organisationId: 'org', personId, platform: 'playground', payload: { text }, nextAttemptAt: clock.now(), createdAt: clock.now() }));
}

beforeEach(async () => {
  db = await createTestDatabase();
  clock = new TestClock();
  await new PrismaStore(db.prisma).transaction(async (r) => {
    await r.organisations.create({ id: 'org', name: 'Org', platform: 'playground', externalId: 'demo' });
    for (const p of ['amina', 'yonas']) {
      await r.people.create({ id: p, organisationId: 'org', displayName: p, locale: 'en', timeZone: 'Europe/Oslo' });
      await r.identities.create({ id: `${p}-id`, organisationId: 'org', personId: p, platform: 'playground', externalUserId: `u-${p}`, address: null });
    }
  });
});
afterEach(() => db.close());

/** Starts a kick while Amina's first message is held, then one for Yonas' message written meanwhile. */
async function holdAmina(sender: GatedSender) {
  const dispatcher = new OutboxDispatcher(new PrismaOutboxQueue(db.prisma), [sender], clock, createLogger('silent'));
  await enqueue('amina', 'slow: first');
  await enqueue('amina', 'second');
  let settled = false;
  const first = dispatcher.kick().finally(() => {
    settled = true;
  });
  await expect.poll(() => sender.waiting).toBe(1);
  await enqueue('yonas', 'for yonas');
  const second = dispatcher.kick().finally(() => {
    settled = true;
  });
  return { first, second, dispatcher, settled: () => settled };
}

describe('OutboxDispatcher with overlapping claims', () => {
  it('delivers another person’s message while a batch waits, keeps each person’s order, and a kick waits for every loop', async () => {
    const sender = new GatedSender(2);
    const { first, second, settled } = await holdAmina(sender);
    await expect.poll(() => sender.sent).toEqual(['for yonas']);
    // Amina's second message stays behind her first (leased with it), and neither kick is over.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sender.sent).toEqual(['for yonas']);
    expect(settled()).toBe(false);
    sender.release();
    const counts = await Promise.all([first, second]);
    expect(sender.sent).toEqual(['for yonas', 'slow: first', 'second']);
    expect(counts[1]).toBe(3); // every loop of the channel under way, counted once each
    expect(await db.prisma.outboxMessage.count({ where: { status: 'sent' } })).toBe(3);
  });

  it('a message written behind one a running batch holds goes once that batch is done, though the kick for it found nothing', async () => {
    const sender = new GatedSender(2);
    const { first, second, dispatcher } = await holdAmina(sender);
    await expect.poll(() => sender.sent).toEqual(['for yonas']);
    await enqueue('amina', 'third'); // behind her first message, which the held batch has leased
    const third = dispatcher.kick();
    await new Promise((resolve) => setTimeout(resolve, 100));
    sender.release();
    await Promise.all([first, second, third]);
    expect(sender.sent).toEqual(['for yonas', 'slow: first', 'second', 'third']);
    expect(await db.prisma.outboxMessage.count({ where: { status: 'pending' } })).toBe(0);
  });

  it('with one claim at a time (the default), the other person waits for the batch to end', async () => {
    const sender = new GatedSender(undefined);
    const { first, second } = await holdAmina(sender);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sender.sent).toEqual([]);
    sender.release();
    await Promise.all([first, second]);
    expect(sender.sent).toEqual(['slow: first', 'second', 'for yonas']);
  });
});
