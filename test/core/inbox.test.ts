/**
 * The inbox in front of the core (src/core/inbox/), over its storage in memory: stored before
 * anything is acknowledged, worked once, a person's messages in order, failures tried again and
 * then left to the sweep, leases renewed and taken over, and a shutdown that leaves what it could
 * not work pending and free for the next process.
 */
import { describe, expect, it } from 'vitest';
import type { HandleResult } from '../../src/core/app.js';
import { Inbox, LEASE_MS, MAX_ATTEMPTS } from '../../src/core/inbox/inbox.js';
import { Lanes } from '../../src/core/inbox/lanes.js';
import type { Inbound } from '../../src/core/messages.js';
import { createIdSource } from '../../src/ids.js';
import { createLogger } from '../../src/log.js';
import { MemoryInboxQueue } from '../support/memory-inbox.js';

const T0 = new Date('2026-11-30T10:00:00.000Z');

function gate(): { promise: Promise<void>; open(): void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

const dm = (user: string, key: string, text = 'help'): Inbound => ({ dedupeKey: key, platform: 'slack', tenant: 'T1', user: { externalId: user }, event: { kind: 'text', text } });

interface Setup {
  inbox: Inbox;
  queue: MemoryInboxQueue;
  worked: string[];
  clock: { now(): Date; advance(ms: number): void };
  logs: Array<Record<string, unknown>>;
  /** Makes the core throw for these dedupe keys, `times` times each. */
  failing: Map<string, number>;
}

function setup(options: { concurrency?: number; gateFor?: Map<string, Promise<void>>; result?: (i: Inbound) => HandleResult } = {}): Setup {
  const queue = new MemoryInboxQueue();
  const worked: string[] = [];
  const failing = new Map<string, number>();
  let now = T0.getTime();
  const clock = {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
  const logs: Array<Record<string, unknown>> = [];
  const log = createLogger('info', (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  const inbox = new Inbox({
    queue,
    clock,
    ids: createIdSource(() => now),
    log,
    concurrency: options.concurrency ?? 2,
    retryBaseMs: 1,
    handle: (inbounds) => Promise.allSettled(inbounds.map(handleOne)),
  });
  async function handleOne(inbound: Inbound): Promise<HandleResult> {
    await options.gateFor?.get(inbound.dedupeKey);
    const left = failing.get(inbound.dedupeKey) ?? 0;
    if (left > 0) {
      failing.set(inbound.dedupeKey, left - 1);
      throw new Error('database went away');
    }
    const result = options.result?.(inbound) ?? { status: 'handled', organisationId: 'o', personId: inbound.user.externalId };
    if (result.status !== 'handled') return result;
    // The unit of work marks the row done in its transaction; here, in the memory store.
    const row = queue.rows.find((r) => r.dedupeKey === inbound.dedupeKey);
    if (row && !queue.markDone(row.id)) return { status: 'duplicate', organisationId: 'o' };
    worked.push(inbound.dedupeKey);
    return result;
  }
  return { inbox, queue, worked, clock, logs, failing };
}

describe('Lanes', () => {
  it('runs a few at once, one lane strictly in order, urgent tasks first', async () => {
    const gates = new Map<string, ReturnType<typeof gate>>();
    const started: string[] = [];
    const lanes = new Lanes<string>(2, async (item) => {
      started.push(item);
      const g = gate();
      gates.set(item, g);
      await g.promise;
      return undefined;
    });
    lanes.push('ann', 'ann-1');
    lanes.push('ann', 'ann-2');
    lanes.push('bob', 'bob-1');
    lanes.push('cat', 'cat-1');
    const urgent = lanes.run(async () => {
      started.push('urgent');
      return 'read';
    }, true);
    await tick();
    expect(started).toEqual(['ann-1', 'bob-1']);
    expect(lanes.size).toBe(4);
    gates.get('ann-1')?.open();
    await tick();
    // ann's second waited for her first; the urgent read went ahead of cat.
    expect(await urgent).toBe('read');
    await tick();
    expect(started).toEqual(['ann-1', 'bob-1', 'urgent', 'cat-1']);
    gates.get('bob-1')?.open();
    await tick();
    expect(started.at(-1)).toBe('ann-2');
    for (const name of ['cat-1', 'ann-2']) gates.get(name)?.open();
    await lanes.idle();
    expect(lanes.size).toBe(0);
  });

  it('keeps a lane waiting while its head waits to be tried again, without holding a place', async () => {
    const started: string[] = [];
    let firstTry = true;
    const lanes = new Lanes<string>(1, async (item) => {
      started.push(item);
      if (item === 'ann-1' && firstTry) {
        firstTry = false;
        return { retryInMs: 20 };
      }
      return undefined;
    });
    lanes.push('ann', 'ann-1');
    lanes.push('ann', 'ann-2');
    lanes.push('bob', 'bob-1');
    await lanes.idle();
    expect(started).toEqual(['ann-1', 'bob-1', 'ann-1', 'ann-2']);
  });
});

describe('Inbox', () => {
  it('stores an inbound before it is worked, and a redelivery is neither stored nor worked again', async () => {
    const hold = gate();
    const { inbox, queue, worked } = setup({ gateFor: new Map([['Ev1', hold.promise]]) });
    expect(await inbox.accept(dm('U1', 'Ev1'))).toEqual({ status: 'accepted' });
    expect(queue.rows.map((r) => [r.dedupeKey, r.status])).toEqual([['Ev1', 'pending']]);
    expect(queue.rows[0]?.lockedUntil?.getTime()).toBe(T0.getTime() + LEASE_MS);
    expect(await inbox.accept(dm('U1', 'Ev1'))).toEqual({ status: 'duplicate' });
    hold.open();
    await inbox.idle();
    expect(await inbox.accept(dm('U1', 'Ev1'))).toEqual({ status: 'duplicate' });
    await inbox.idle();
    expect(worked).toEqual(['Ev1']);
    expect(queue.rows.map((r) => r.status)).toEqual(['done']);
  });

  it('refuses what is not a valid inbound, and stores nothing', async () => {
    const { inbox, queue } = setup();
    const outcome = await inbox.accept({ ...dm('U1', 'Ev1'), platform: 'fax' });
    expect(outcome.status).toBe('invalid');
    expect(queue.rows).toEqual([]);
  });

  it('rejects when the inbound cannot be stored, and works nothing', async () => {
    const { inbox, queue, worked } = setup();
    queue.down = true;
    await expect(inbox.accept(dm('U1', 'Ev1'))).rejects.toThrow('connection refused');
    await inbox.idle();
    expect(worked).toEqual([]);
  });

  it('stores what arrives together in one write', async () => {
    const { inbox, queue } = setup();
    await Promise.all(Array.from({ length: 5 }, (_, i) => inbox.accept(dm(`U${i}`, `Ev${i}`))));
    expect(queue.calls.filter((c) => c.startsWith('accept'))).toEqual(['accept:5']);
    await inbox.idle();
  });

  it("works a person's messages in the order they arrived, even when the first has to be tried again", async () => {
    const { inbox, worked, failing } = setup({ concurrency: 4 });
    failing.set('Ev1', 2);
    for (const key of ['Ev1', 'Ev2', 'Ev3']) await inbox.accept(dm('U1', key));
    await inbox.accept(dm('U2', 'Ev4'));
    await inbox.idle();
    expect(worked.filter((k) => k !== 'Ev4')).toEqual(['Ev1', 'Ev2', 'Ev3']);
    // Somebody else did not wait for U1's trouble.
    expect(worked.indexOf('Ev4')).toBeLessThan(worked.indexOf('Ev1'));
  });

  it('leaves an inbound that keeps failing to the sweep, which takes it up again after the lease', async () => {
    const { inbox, queue, worked, failing, clock } = setup();
    failing.set('Ev1', 7);
    await inbox.accept(dm('U1', 'Ev1'));
    await inbox.accept(dm('U1', 'Ev2'));
    await inbox.idle();
    // The person's next message went on; the failing one waits, pending, with why.
    expect(worked).toEqual(['Ev2']);
    const row = queue.rows.find((r) => r.dedupeKey === 'Ev1');
    expect(row).toMatchObject({ status: 'pending', lastError: 'database went away' });
    await inbox.tick();
    expect(worked).toEqual(['Ev2']); // not before its lease is over
    clock.advance(LEASE_MS + 1);
    await inbox.tick();
    await inbox.idle();
    expect(worked).toEqual(['Ev2', 'Ev1']);
    expect(queue.rows.map((r) => r.status)).toEqual(['done', 'done']);
  });

  it('gives up a row taken more than MAX_ATTEMPTS times, keeping it for someone to look at', async () => {
    const { inbox, queue, worked, clock } = setup();
    await inbox.accept(dm('U1', 'Ev1'));
    await inbox.idle();
    const row = queue.rows[0];
    if (!row) throw new Error('no row');
    Object.assign(row, { status: 'pending', attempts: MAX_ATTEMPTS, lockedUntil: null });
    worked.length = 0;
    clock.advance(1);
    await inbox.tick();
    await inbox.idle();
    expect(worked).toEqual([]);
    expect(row).toMatchObject({ status: 'failed', lastError: `failed ${MAX_ATTEMPTS} times` });
    expect(row.inbound).not.toBeNull();
  });

  it('drops an inbound from an unknown organisation (failed, its words forgotten)', async () => {
    const { inbox, queue } = setup({ result: () => ({ status: 'unknown-organisation' }) });
    await inbox.accept(dm('U1', 'Ev1'));
    await inbox.idle();
    expect(queue.rows[0]).toMatchObject({ status: 'failed', lastError: 'unknown-organisation', inbound: null });
  });

  it('tells `after` how the work came out', async () => {
    const { inbox } = setup();
    const results: string[] = [];
    await inbox.accept(dm('U1', 'Ev1'), { after: (r) => void results.push(r.status) });
    await inbox.idle();
    expect(results).toEqual(['handled']);
  });

  it('renews the lease of what waits here on every tick', async () => {
    const hold = gate();
    const { inbox, queue, clock } = setup({ concurrency: 1, gateFor: new Map([['Ev1', hold.promise]]) });
    await inbox.accept(dm('U1', 'Ev1'));
    await inbox.accept(dm('U2', 'Ev2'));
    clock.advance(20_000);
    await inbox.tick();
    expect(queue.calls).toContain('renew:2');
    expect(queue.rows.map((r) => r.lockedUntil?.getTime())).toEqual([T0.getTime() + 20_000 + LEASE_MS, T0.getTime() + 20_000 + LEASE_MS]);
    hold.open();
    await inbox.idle();
  });

  it('at start-up takes up rows a dead process held, at once when alone on the database, else after their lease', async () => {
    const { inbox: first, queue } = setup({ concurrency: 1, gateFor: new Map([['Ev1', new Promise(() => undefined)]]) });
    await first.accept(dm('U1', 'Ev1'));
    await first.accept(dm('U1', 'Ev2'));
    // The first process "dies": its rows stay pending and held. A second one starts on the same store.
    const second = setup();
    second.queue.rows.push(...queue.rows.map((r) => ({ ...r, status: 'pending' as const })));
    second.clock.advance(1_000);
    expect(await second.inbox.start({ alone: false })).toBe(0);
    expect(await second.inbox.start({ alone: true })).toBe(2);
    await second.inbox.idle();
    expect(second.worked).toEqual(['Ev1', 'Ev2']);
  });

  it('on stop, finishes within the grace what it can and leaves the rest pending and free, saying how many', async () => {
    const hold = gate();
    const { inbox, queue, worked, logs, clock } = setup({ concurrency: 1, gateFor: new Map([['Ev1', hold.promise]]) });
    for (const key of ['Ev1', 'Ev2', 'Ev3']) await inbox.accept(dm(`U-${key}`, key));
    setTimeout(() => hold.open(), 30);
    const stopped = await inbox.stop(10);
    expect(stopped).toEqual({ leftPending: 2 });
    expect(worked).toEqual(['Ev1']);
    expect(queue.rows.map((r) => [r.dedupeKey, r.status, r.lockedUntil?.getTime() ?? null])).toEqual([
      ['Ev1', 'done', null],
      ['Ev2', 'pending', clock.now().getTime()],
      ['Ev3', 'pending', clock.now().getTime()],
    ]);
    expect(logs.find((l) => l.msg === 'inbox stopped')).toMatchObject({ leftPending: 2 });
    // Anything still arriving is stored (Slack may be told "received") and left free for the next process.
    expect(await inbox.accept(dm('U9', 'Ev9'))).toEqual({ status: 'accepted' });
    await inbox.idle();
    expect(worked).toEqual(['Ev1']);
    expect(queue.rows.at(-1)).toMatchObject({ dedupeKey: 'Ev9', status: 'pending', lockedUntil: clock.now() });
  });
});
