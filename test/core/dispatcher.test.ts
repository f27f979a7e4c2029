/** The outbox dispatcher over the real outbox queue: order, retries after 429, giving up, replacing. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutboxEntry } from '../../src/core/domain.js';
import type { Outbound } from '../../src/core/messages.js';
import { GATHER_MS, OutboxDispatcher } from '../../src/core/outbox/dispatcher.js';
import { type ChannelSender, SendError } from '../../src/core/outbox/sender.js';
import type { Recipient } from '../../src/core/ports.js';
import { createLogger } from '../../src/log.js';
import { PrismaOutboxQueue } from '../../src/store/outbox-queue.js';
import { PrismaStore } from '../../src/store/prisma-store.js';
import { TestClock } from '../support/clock.js';
import { type TestDatabase, createTestDatabase } from '../support/db.js';

/** A channel that records what it was given and fails as told. */
class ScriptedSender implements ChannelSender {
  readonly platform = 'playground' as const;
  sent: { text: string; replaceRef: unknown; recipient: Recipient | null }[] = [];
  failures: (SendError | Error)[] = [];
  learnedAddress: unknown;
  /** Answers every call with 429 and Retry-After: 1 s while `now()` is before this (a rate-limit storm). */
  throttledUntil = 0;
  constructor(private readonly now: () => number = () => 0) {}
  async send(entry: OutboxEntry, replaceRef: unknown, recipient: Recipient | null) {
    if (this.now() < this.throttledUntil) throw new SendError('slack answered 429', 1_000, true);
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push({ text: entry.payload.text, replaceRef, recipient });
    return { externalRef: { n: this.sent.length }, ...(this.learnedAddress ? { address: this.learnedAddress } : {}) };
  }
}

let db: TestDatabase;
let clock: TestClock;
let sender: ScriptedSender;
let dispatcher: OutboxDispatcher;
let n = 0;

async function enqueue(personId: string, message: Outbound): Promise<void> {
  n += 1;
  const id = `m${String(n).padStart(4, '0')}`;
  await new PrismaStore(db.prisma).transaction((r) => r.outbox.enqueue({ id, organisationId: 'org', personId, platform: 'playground', payload: message, nextAttemptAt: clock.now(), createdAt: clock.now() }));
}

beforeEach(async () => {
  db = await createTestDatabase();
  clock = new TestClock();
  sender = new ScriptedSender(() => clock.now().getTime());
  dispatcher = new OutboxDispatcher(new PrismaOutboxQueue(db.prisma), [sender], clock, createLogger('silent'));
  await new PrismaStore(db.prisma).transaction(async (r) => {
    await r.organisations.create({ id: 'org', name: 'Org', platform: 'playground', externalId: 'demo' });
    for (const p of ['amina', 'yonas']) {
      await r.people.create({ id: p, organisationId: 'org', displayName: p, locale: 'en', timeZone: 'Europe/Oslo' });
      await r.identities.create({ id: `${p}-id`, organisationId: 'org', personId: p, platform: 'playground', externalUserId: `u-${p}`, address: { dm: `D-${p}` } });
    }
  });
});
afterEach(() => db.close());

describe('OutboxDispatcher', () => {
  it('delivers in order, with the recipient’s address, and marks each sent', async () => {
    await enqueue('amina', { text: 'one' });
    await enqueue('amina', { text: 'two' });
    expect(await dispatcher.kick()).toBe(2);
    expect(sender.sent.map((s) => s.text)).toEqual(['one', 'two']);
    expect(sender.sent[0]?.recipient).toEqual({ externalUserId: 'u-amina', tenant: 'demo', address: { dm: 'D-amina' }, locale: 'en' });
    expect(await db.prisma.outboxMessage.count({ where: { status: 'sent' } })).toBe(2);
    expect(await dispatcher.kick()).toBe(0);
  });

  it('a 429 delays by Retry-After and holds the person’s later messages; nothing is dropped', async () => {
    await enqueue('amina', { text: 'first' });
    await enqueue('amina', { text: 'second' });
    await enqueue('yonas', { text: 'for yonas' });
    sender.failures.push(new SendError('rate limited', 30_000));
    expect(await dispatcher.kick()).toBe(1);
    expect(sender.sent.map((s) => s.text)).toEqual(['for yonas']);
    const first = await db.prisma.outboxMessage.findFirstOrThrow({ where: { payload: { path: ['text'], equals: 'first' } } });
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastError: 'rate limited' });
    expect(first.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 30_000);

    clock.advance(29_000);
    expect(await dispatcher.kick()).toBe(0);
    clock.advance(1_000);
    expect(await dispatcher.kick()).toBe(2);
    expect(sender.sent.map((s) => s.text)).toEqual(['for yonas', 'first', 'second']);
  });

  it('gives up at once when retrying cannot help, and backs off on other errors', async () => {
    await enqueue('amina', { text: 'gone' });
    sender.failures.push(new SendError('user_not_found', null));
    await dispatcher.kick();
    expect(await db.prisma.outboxMessage.findFirstOrThrow()).toMatchObject({ status: 'failed', attempts: 1 });

    await enqueue('yonas', { text: 'flaky' });
    sender.failures.push(new Error('socket hang up'));
    await dispatcher.kick();
    const flaky = await db.prisma.outboxMessage.findFirstOrThrow({ where: { personId: 'yonas' } });
    expect(flaky).toMatchObject({ status: 'pending', attempts: 1 });
    expect(flaky.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 1000);
  });

  it('hands the sender the reference of the message a replacement replaces', async () => {
    await enqueue('amina', { text: 'question', prompt: { id: 'p1', spec: { kind: 'choice', options: [{ value: 'a', label: 'A' }] } } });
    await dispatcher.kick();
    await enqueue('amina', { text: 'question ✓ A', replacesPromptId: 'p1' });
    await dispatcher.kick();
    expect(sender.sent[1]?.replaceRef).toEqual({ n: 1 });
  });

  it('keeps an address the sender learned', async () => {
    sender.learnedAddress = { dm: 'D-new' };
    await enqueue('amina', { text: 'hello' });
    await dispatcher.kick();
    const identity = await db.prisma.channelIdentity.findFirstOrThrow({ where: { personId: 'amina' } });
    expect(identity.address).toEqual({ dm: 'D-new' });
  });

  it('serves people side by side while each person’s messages stay in order', async () => {
    // Amina's first message hangs at the platform until released; Yonas must not wait for it.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const order: string[] = [];
    const gated: ChannelSender = {
      platform: 'playground',
      async send(entry) {
        if (entry.payload.text === 'amina 1') await gate;
        order.push(entry.payload.text);
        return { externalRef: { text: entry.payload.text } };
      },
    };
    const parallel = new OutboxDispatcher(new PrismaOutboxQueue(db.prisma), [gated], clock, createLogger('silent'));
    await enqueue('amina', { text: 'amina 1' });
    await enqueue('amina', { text: 'amina 2' });
    await enqueue('yonas', { text: 'yonas 1' });
    await enqueue('yonas', { text: 'yonas 2' });
    const kicked = parallel.kick();
    await vi.waitFor(() => expect(order).toEqual(['yonas 1', 'yonas 2']));
    release();
    expect(await kicked).toBe(4);
    expect(order).toEqual(['yonas 1', 'yonas 2', 'amina 1', 'amina 2']);
    const rows = await db.prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.status, r.externalRef])).toEqual([
      ['sent', { text: 'amina 1' }],
      ['sent', { text: 'amina 2' }],
      ['sent', { text: 'yonas 1' }],
      ['sent', { text: 'yonas 2' }],
    ]);
  });

  it('a replacement in the same batch as its question updates the message just sent', async () => {
    await enqueue('amina', { text: 'question', prompt: { id: 'p9', spec: { kind: 'choice', options: [{ value: 'a', label: 'A' }] } } });
    await enqueue('amina', { text: 'question ✓ A', replacesPromptId: 'p9' });
    expect(await dispatcher.kick()).toBe(2);
    expect(sender.sent.map((s) => s.replaceRef)).toEqual([null, { n: 1 }]);
  });

  it('more than a batch of messages all go out, each person in order', async () => {
    const people = ['amina', 'yonas'];
    for (let i = 0; i < 60; i += 1) await enqueue(people[i % 2] as string, { text: `${people[i % 2]} ${i}` });
    expect(await dispatcher.kick()).toBe(60);
    for (const person of people) {
      const mine = sender.sent.filter((s) => s.text.startsWith(person)).map((s) => Number(s.text.split(' ')[1]));
      expect(mine).toEqual([...mine].sort((a, b) => a - b));
      expect(mine).toHaveLength(30);
    }
    expect(await db.prisma.outboxMessage.count({ where: { status: 'sent' } })).toBe(60);
  });

  it('a ten-minute storm of 429s with Retry-After delays every message, drops none, and keeps each person’s order', async () => {
    for (let i = 0; i < 6; i += 1) await enqueue(i % 2 ? 'yonas' : 'amina', { text: `${i % 2 ? 'yonas' : 'amina'} ${i}` });
    const stormEnds = clock.now().getTime() + 10 * 60_000;
    sender.throttledUntil = stormEnds;
    while (clock.now().getTime() < stormEnds) {
      expect(await dispatcher.kick()).toBe(0);
      clock.advance(1_000); // each Retry-After: 1 s, honoured
    }
    expect(await db.prisma.outboxMessage.count({ where: { status: 'failed' } })).toBe(0);
    expect(await dispatcher.kick()).toBe(6);
    expect(sender.sent.filter((s) => s.text.startsWith('amina')).map((s) => s.text)).toEqual(['amina 0', 'amina 2', 'amina 4']);
    expect(sender.sent.filter((s) => s.text.startsWith('yonas')).map((s) => s.text)).toEqual(['yonas 1', 'yonas 3', 'yonas 5']);
    // A rate limit is not an attempt: after the storm, a real failure still gets all its retries.
    expect((await db.prisma.outboxMessage.findMany()).map((m) => m.attempts)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('retries a throttled message when the platform says, not at the next scheduler tick', async () => {
    const real = new OutboxDispatcher(new PrismaOutboxQueue(db.prisma), [sender], { now: () => new Date() }, createLogger('silent'));
    sender.throttledUntil = Number.POSITIVE_INFINITY;
    const realNow = () => Date.now();
    await enqueue('amina', { text: 'soon' });
    await db.prisma.outboxMessage.updateMany({ data: { nextAttemptAt: new Date(realNow() - 1000) } });
    const started = realNow();
    await real.kick();
    sender.throttledUntil = 0;
    // The bound tells the platform's Retry-After (1 s) from the scheduler's tick (10 s), not a speed:
    // a loaded CI machine once took over 5 s.
    await vi.waitFor(() => expect(sender.sent.map((s) => s.text)).toEqual(['soon']), { timeout: 9_000, interval: 50 });
    expect(realNow() - started).toBeLessThan(9_000);
    real.close();
  });

  it('a wake-up that fires a little before the clock says the message is due still delivers it (no wait for the tick)', async () => {
    // Node's timers may fire a millisecond early by the wall clock; a clock running 1 % slow makes that certain.
    const start = Date.now();
    const slow = { now: () => new Date(start + (Date.now() - start) * 0.99) };
    const real = new OutboxDispatcher(new PrismaOutboxQueue(db.prisma), [sender], slow, createLogger('silent'));
    sender.failures.push(new SendError('slack answered 429', 1_000, true));
    await enqueue('amina', { text: 'due soon' });
    await db.prisma.outboxMessage.updateMany({ data: { nextAttemptAt: new Date(start - 1000) } });
    await real.kick();
    expect(sender.sent).toEqual([]);
    await vi.waitFor(() => expect(sender.sent.map((s) => s.text)).toEqual(['due soon']), { timeout: 5_000, interval: 50 });
    real.close();
  });

  it('kickSoon gathers the kicks of the next few milliseconds into one claim, and stops after close()', async () => {
    const queue = new PrismaOutboxQueue(db.prisma);
    const claims = vi.spyOn(queue, 'claimDue');
    const gathering = new OutboxDispatcher(queue, [sender], clock, createLogger('silent'));
    // Both rows exist before the first kick: a slow enqueue on a loaded machine must not split the claim.
    await enqueue('amina', { text: 'one' });
    await enqueue('yonas', { text: 'two' });
    gathering.kickSoon();
    gathering.kickSoon();
    gathering.kickSoon();
    expect(sender.sent).toHaveLength(0); // nothing goes out before the gathering time
    await vi.waitFor(() => expect(sender.sent.map((s) => s.text).sort()).toEqual(['one', 'two']), { timeout: 2000, interval: 5 });
    await vi.waitFor(async () => expect(await db.prisma.outboxMessage.count({ where: { status: 'sent' } })).toBe(2));
    expect(claims).toHaveBeenCalledTimes(1);

    gathering.close();
    await enqueue('amina', { text: 'after close' });
    gathering.kickSoon();
    await new Promise((resolve) => setTimeout(resolve, GATHER_MS * 4));
    expect(claims).toHaveBeenCalledTimes(1);
    expect(sender.sent).toHaveLength(2);
  });

  it('kickSoon logs a failed delivery run instead of throwing', async () => {
    const queue = new PrismaOutboxQueue(db.prisma);
    vi.spyOn(queue, 'claimDue').mockRejectedValue(new Error('database gone'));
    const errors: string[] = [];
    const log = { info: () => undefined, warn: () => undefined, error: (msg: string) => void errors.push(msg) };
    new OutboxDispatcher(queue, [sender], clock, log).kickSoon();
    await vi.waitFor(() => expect(errors).toEqual(['outbox dispatch failed']), { timeout: 2000, interval: 5 });
  });
});
