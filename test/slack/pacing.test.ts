/**
 * Slack's pace (src/channels/slack/pacing.ts): a workspace's cap and a DM's one a second, with a
 * slot booked per message so that a run of thousands waits once each and goes at its slot; the
 * sender refuses before calling Slack; and the outbox dispatcher comes back for every booked
 * slot by itself (not only the first), so delivery keeps the allowed pace with no scheduler tick.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SlackPacing, HORIZON_MS } from '../../src/channels/slack/pacing.js';
import { SlackSender } from '../../src/channels/slack/sender.js';
import type { OutboxEntry } from '../../src/core/domain.js';
import { OutboxDispatcher } from '../../src/core/outbox/dispatcher.js';
import { type ChannelSender, SendError } from '../../src/core/outbox/sender.js';
import type { Recipient, Texts } from '../../src/core/ports.js';
import { createLogger } from '../../src/log.js';
import { PrismaOutboxQueue } from '../../src/store/outbox-queue.js';
import { PrismaStore } from '../../src/store/prisma-store.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

/** Sends per window of `ms` at most, over a list of send times. */
function busiest(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while ((sorted[j] as number) <= (sorted[i] as number) - ms) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/** Every message asked about at t=0, then again exactly when told, until it goes; returns when each went and how often it was refused. */
function run(pacing: SlackPacing, clock: { t: number }, messages: { id: string; workspace: string; channel: string }[]) {
  const sentAt = new Map<string, number>();
  const refusals = new Map<string, number>();
  const due = messages.map((m) => ({ ...m, at: 0 }));
  while (due.length > 0) {
    due.sort((a, b) => a.at - b.at);
    const next = due.shift() as (typeof due)[number];
    clock.t = Math.max(clock.t, next.at);
    const wait = pacing.take(next.workspace, next.channel, next.id);
    if (wait === 0) sentAt.set(next.id, clock.t);
    else {
      refusals.set(next.id, (refusals.get(next.id) ?? 0) + 1);
      due.push({ ...next, at: clock.t + wait });
    }
  }
  return { sentAt, refusals };
}

describe('SlackPacing', () => {
  it('keeps a workspace to its cap (after a burst of two seconds’ worth), each message refused at most once', () => {
    const clock = { t: 0 };
    const pacing = new SlackPacing({ workspacePerSecond: 10, now: () => clock.t });
    const messages = Array.from({ length: 200 }, (_, i) => ({ id: `m${i}`, workspace: 'T1', channel: `D${i}` }));
    const { sentAt, refusals } = run(pacing, clock, messages);
    expect(sentAt.size).toBe(200);
    const times = [...sentAt.values()];
    expect(times.filter((t) => t === 0)).toHaveLength(21); // the burst: 2 s at 10 a second, and the first
    expect(busiest(times.filter((t) => t > 0), 1000)).toBeLessThanOrEqual(10);
    expect(Math.max(...times)).toBe(17_900); // 179 more at 100 ms apart: the cap, not slower
    expect(Math.max(...refusals.values())).toBe(1);
  });

  it('a message back early keeps its slot (others are not pushed back); one back late goes at once', () => {
    const clock = { t: 0 };
    const pacing = new SlackPacing({ workspacePerSecond: 1, now: () => clock.t });
    for (let i = 0; i < 3; i += 1) expect(pacing.take('T1', `D${i}`, `m${i}`)).toBe(0);
    expect(pacing.take('T1', 'Dx', 'late')).toBe(1000);
    expect(pacing.take('T1', 'Dy', 'next')).toBe(2000);
    clock.t = 400;
    expect(pacing.take('T1', 'Dx', 'late')).toBe(600); // the same slot, not a new one
    clock.t = 5000;
    expect(pacing.take('T1', 'Dx', 'late')).toBe(0);
    expect(pacing.take('T1', 'Dy', 'next')).toBe(0);
    expect(pacing.take('T2', 'Dz', 'other workspace')).toBe(0);
  });

  it('holds one DM to one a second once a minute’s burst is spent', () => {
    const clock = { t: 0 };
    const pacing = new SlackPacing({ workspacePerSecond: 1000, now: () => clock.t });
    for (let i = 0; i < 61; i += 1) expect(pacing.take('T1', 'D1', `m${i}`)).toBe(0);
    expect(pacing.take('T1', 'D1', 'm61')).toBe(1000);
    expect(pacing.take('T1', 'D2', 'to someone else')).toBe(0);
  });

  it('tells a message with a far slot to come back before it, then waits out the rest; memory empties', () => {
    const clock = { t: 0 };
    const pacing = new SlackPacing({ workspacePerSecond: 1, now: () => clock.t });
    for (let i = 0; i < 60; i += 1) pacing.take('T1', `D${i}`, `m${i}`);
    const wait = pacing.take('T1', 'Dfar', 'far');
    expect(wait).toBe(58_000 - HORIZON_MS / 2); // slot at 58 s (3 at once, then one a second), back at 38 s
    clock.t = wait;
    expect(pacing.take('T1', 'Dfar', 'far')).toBe(HORIZON_MS / 2);
    clock.t = 200_000;
    expect(pacing.take('T1', 'Dfar', 'far')).toBe(0);
    clock.t = 300_000;
    pacing.take('T9', 'D9', 'sweeps');
    expect(pacing.held).toBe(2); // only the last send's workspace and DM
  });

  it('the sender refuses over the pace without calling Slack: a throttle with the wait, never a failure', async () => {
    const texts = { t: (_l: string, key: string) => key } as unknown as Texts;
    const clients = { forTenant: () => Promise.reject(new Error('Slack must not be called')) };
    const sender = new SlackSender({ clients, texts }, new SlackPacing({ workspacePerSecond: 1, now: () => 0 }));
    const recipient: Recipient = { externalUserId: 'U1', tenant: 'T1', address: { channel: 'D1' }, locale: 'en' };
    const entry = (id: string) => ({ id, attempts: 0, payload: { text: 'hi' } }) as unknown as OutboxEntry;
    for (const id of ['a', 'b', 'c']) await expect(sender.send(entry(id), null, recipient)).rejects.toThrow('Slack must not be called');
    const refused = await sender.send(entry('d'), null, recipient).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SendError);
    expect(refused).toMatchObject({ retryAfterMs: 1000, throttled: true });
  });
});

describe('the outbox dispatcher with paced slots', () => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('comes back for every booked slot by itself: all delivered at the cap after one kick', { timeout: 30_000 }, async () => {
    db = await createTestDatabase();
    const now = () => Date.now();
    const pacing = new SlackPacing({ workspacePerSecond: 20, now });
    const sentAt: number[] = [];
    const sender: ChannelSender = {
      platform: 'playground',
      async send(entry, _replace, recipient) {
        const wait = pacing.take(recipient?.tenant ?? '', recipient?.externalUserId ?? '', entry.id);
        if (wait > 0) throw new SendError('paced', wait, true);
        sentAt.push(now());
        return { externalRef: { n: sentAt.length } };
      },
    };
    const people = Array.from({ length: 70 }, (_, i) => `p${String(i).padStart(3, '0')}`);
    const at = new Date();
    await new PrismaStore(db.prisma).transaction(async (r) => {
      await r.organisations.create({ id: 'org', name: 'Org', platform: 'playground', externalId: 'T1' });
      for (const p of people) {
        await r.people.create({ id: p, organisationId: 'org', displayName: p, locale: 'en', timeZone: 'Europe/Oslo' });
        await r.identities.create({ id: `${p}-id`, organisationId: 'org', personId: p, platform: 'playground', externalUserId: `U${p}`, address: null });
        await r.outbox.enqueue({ id: `m-${p}`, organisationId: 'org', personId: p, platform: 'playground', payload: { text: 'nudge' }, nextAttemptAt: at, createdAt: at });
      }
    });
    const dispatcher = new OutboxDispatcher(new PrismaOutboxQueue(db.prisma), [sender], { now: () => new Date() }, createLogger('silent'));
    const started = now();
    await dispatcher.kick(); // the burst goes, the other 29 get slots 50 ms apart
    const until = started + 10_000;
    while (sentAt.length < 70 && now() < until) await new Promise((r) => setTimeout(r, 50));
    dispatcher.close();
    expect(sentAt).toHaveLength(70);
    // 29 slots at 20 a second end 1.45 s after the start; the 10-second tick never came.
    expect(Math.max(...sentAt) - started).toBeLessThan(3_500);
    expect(await db.prisma.outboxMessage.count({ where: { status: 'sent' } })).toBe(70);
  });
});
