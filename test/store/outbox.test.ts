/** The outbox's delivery side: claims, leases, outcomes, and the lookups channels need. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../src/core/domain.js';
import type { Outbound, Platform } from '../../src/core/messages.js';
import { PrismaOutboxQueue } from '../../src/store/outbox-queue.js';
import { PrismaStore } from '../../src/store/prisma-store.js';
import { createTestDatabase, type TestBackend, testDatabaseUrl } from '../support/db.js';

type TestDb = Awaited<ReturnType<typeof createTestDatabase>>;

/** PGlite always; PostgreSQL too when the test setup found or started a server. */
const BACKENDS: TestBackend[] = testDatabaseUrl() ? ['pglite', 'postgres'] : ['pglite'];

const ORG = 'org-1';
const T0 = new Date('2025-01-06T09:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const LEASE = at(60);

let db: TestDb;
let store: PrismaStore;
let queue: PrismaOutboxQueue;
let seq = 0;

interface Msg {
  person?: string;
  platform?: Platform;
  payload?: Outbound;
  createdAt?: Date;
  org?: string;
}

/** Enqueues messages through the store, as the core does; ids sort in enqueue order. */
async function enqueue<T extends Msg[]>(...msgs: T): Promise<{ [K in keyof T]: string }> {
  const ids = await store.transaction(async (r) => {
    const ids: string[] = [];
    for (const m of msgs) {
      seq += 1;
      const id = `msg-${String(seq).padStart(4, '0')}`;
      const createdAt = m.createdAt ?? T0;
      const payload = m.payload ?? { text: `text ${id}` };
      await r.outbox.enqueue({ id, organisationId: m.org ?? ORG, personId: m.person ?? 'p1', platform: m.platform ?? 'slack', payload, nextAttemptAt: createdAt, createdAt });
      ids.push(id);
    }
    return ids;
  });
  return ids as { [K in keyof T]: string };
}

const idsOf = (entries: OutboxEntry[]) => entries.map((e) => e.id);

describe.each(BACKENDS)('on %s', (backend) => {
  beforeEach(async () => {
    db = await createTestDatabase({ backend });
    store = new PrismaStore(db.prisma);
    queue = new PrismaOutboxQueue(db.prisma);
    await store.transaction(async (r) => {
      // Outbox rows reference the organisation only, so no people are needed.
      for (const org of [ORG, 'org-2']) await r.organisations.create({ id: org, name: org, platform: 'slack', externalId: org });
    });
  });
  afterEach(async () => {
    await db?.close();
  });

  describe('claimDue', () => {
    it('claims due messages of one platform oldest first, up to the limit', async () => {
      const [late] = await enqueue({ person: 'p3', createdAt: at(5) });
      const [a, b] = await enqueue({ person: 'p2' }, {});
      await enqueue({ platform: 'teams' }, { createdAt: at(100) });
      const claimed = await queue.claimDue('slack', at(10), 2, LEASE);
      expect(idsOf(claimed)).toEqual([a, b]);
      expect(claimed[0]).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: LEASE, createdAt: T0, externalRef: null });
      expect(idsOf(await queue.claimDue('slack', at(10), 10, LEASE))).toEqual([late]);
    });

    it('leases: a claimed message is not claimed again until the lease ends', async () => {
      const [id] = await enqueue({});
      expect(idsOf(await queue.claimDue('slack', at(1), 10, LEASE))).toEqual([id]);
      expect(await queue.claimDue('slack', at(30), 10, at(90))).toEqual([]);
      // The sender crashed: after the lease the message is due again.
      expect(idsOf(await queue.claimDue('slack', LEASE, 10, at(120)))).toEqual([id]);
    });

    it('never hands the same message to two concurrent claims', async () => {
      // One message per person, so holding back a person's later messages plays no part here.
      const all = await enqueue(...Array.from({ length: 40 }, (_, i) => ({ person: `p${i}` })));
      const batches = await Promise.all([1, 2, 3, 4].map(() => queue.claimDue('slack', at(1), 12, LEASE)));
      const claimed = batches.flatMap(idsOf);
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed.sort()).toEqual(all);
    });

    it('never hands a message to two claims, round after round, when one commits while the other waits on its lock', async () => {
      // PostgreSQL's FOR UPDATE re-reads a row a concurrent claim leased and committed; only the
      // claim's conditions on that row itself see the new lease. Before they were there, 20 rounds
      // of 4 claims at once handed out hundreds of messages twice (PGlite has one session: no race).
      let twice = 0;
      let left = 0;
      for (let round = 0; round < 20; round += 1) {
        const ids = await enqueue(...Array.from({ length: 40 }, (_, i) => ({ person: `r${round}p${i}`, createdAt: at(round) })));
        const batches = await Promise.all([1, 2, 3, 4].map(() => queue.claimDue('slack', at(round + 0.5), 12, at(1000))));
        const claimed = batches.flatMap(idsOf);
        twice += claimed.length - new Set(claimed).size;
        left += ids.filter((id) => !claimed.includes(id)).length;
      }
      expect({ twice, left }).toEqual({ twice: 0, left: 0 });
    });

    it('holds back a person\'s later messages while an earlier one is in flight or waits for a retry', async () => {
      const [first, second] = await enqueue({}, {});
      const [other] = await enqueue({ person: 'p2' });
      const [claimedFirst] = await queue.claimDue('slack', at(1), 1, LEASE);
      expect(claimedFirst?.id).toBe(first);
      // Another process must not send the second message while the first one is being sent.
      const [claimedOther] = await queue.claimDue('slack', at(1), 1, LEASE);
      expect(claimedOther?.id).toBe(other);
      await queue.markFailed(first, claimedFirst?.leaseToken ?? '', '429', at(30));
      expect(await queue.claimDue('slack', at(2), 10, LEASE)).toEqual([]);
      await queue.markFailed(other, claimedOther?.leaseToken ?? '', '429', at(2));
      expect(idsOf(await queue.claimDue('slack', at(2), 10, LEASE))).toEqual([other]);
      expect(idsOf(await queue.claimDue('slack', at(30), 10, at(90)))).toEqual([first, second]);
    });
  });

  describe('delivery outcomes', () => {
    it('markSent takes the message out of the queue and keeps its reference', async () => {
      const [id] = await enqueue({});
      await queue.claimDue('slack', at(1), 10, LEASE);
      await queue.markSent([{ id, sentAt: at(2), externalRef: { channel: 'D1', ts: '123.456' } }]);
      expect(await queue.claimDue('slack', at(1000), 10, at(2000))).toEqual([]);
      const row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ status: 'sent', sentAt: at(2), externalRef: { channel: 'D1', ts: '123.456' } });
    });

    it('markSent marks several messages in one call, each with its own time and reference', async () => {
      const [a, b, c, untouched] = await enqueue({}, {}, { person: 'p2' }, {});
      await queue.markSent([
        { id: a, sentAt: at(2), externalRef: { ts: '1' } },
        { id: c, sentAt: at(4), externalRef: null },
        { id: b, sentAt: at(3), externalRef: { ts: 'ü"\\' } },
      ]);
      const rows = await db.prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(byId.get(a)).toMatchObject({ status: 'sent', sentAt: at(2), externalRef: { ts: '1' } });
      expect(byId.get(b)).toMatchObject({ status: 'sent', sentAt: at(3), externalRef: { ts: 'ü"\\' } });
      expect(byId.get(c)).toMatchObject({ status: 'sent', sentAt: at(4), externalRef: null });
      expect(byId.get(untouched)).toMatchObject({ status: 'pending', sentAt: null });
      await queue.markSent([]);
    });

    it('markFailed counts the attempt and schedules the next one', async () => {
      const [id] = await enqueue({});
      const [claimed] = await queue.claimDue('slack', at(1), 10, LEASE);
      await queue.markFailed(id, claimed?.leaseToken ?? '', 'rate limited', at(20));
      expect(await queue.claimDue('slack', at(19), 10, LEASE)).toEqual([]);
      const [again] = await queue.claimDue('slack', at(20), 10, LEASE);
      expect(again).toMatchObject({ id, status: 'pending', attempts: 1 });
      expect(await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ lastError: 'rate limited' });
    });

    it('markUndeliverable gives up for good and records why in the audit log, in one go', async () => {
      const [id] = await enqueue({});
      const [later] = await enqueue({});
      const [claimed] = await queue.claimDue('slack', at(1), 1, LEASE);
      const audit = { organisationId: ORG, actorPersonId: null, action: 'outbox:undeliverable', subjectType: 'Person', subjectId: 'p1', data: { outboxId: id, reason: 'gone' } };
      expect(await queue.markUndeliverable(id, claimed?.leaseToken ?? '', 'slack: user_not_found', audit)).toBe(true);
      expect(await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'failed', attempts: 1, lastError: 'slack: user_not_found', leaseToken: null });
      expect(await db.prisma.auditEvent.findMany({ select: { action: true, subjectId: true, data: true } })).toEqual([{ action: 'outbox:undeliverable', subjectId: 'p1', data: { outboxId: id, reason: 'gone' } }]);
      // A message given up on no longer holds back the person's later messages.
      expect(idsOf(await queue.claimDue('slack', at(1000), 10, at(2000)))).toEqual([later]);
    });
  });

  describe('lease tokens', () => {
    it('renewLease extends only what this claim still holds, and says which', async () => {
      const [a, b, c] = await enqueue({ person: 'p1' }, { person: 'p2' }, { person: 'p3' });
      const claimed = await queue.claimDue('slack', at(1), 10, LEASE);
      const token = claimed[0]?.leaseToken ?? '';
      expect(new Set(claimed.map((e) => e.leaseToken))).toEqual(new Set([token]));
      await queue.markSent([{ id: a, sentAt: at(2), externalRef: null }]);
      // The lease ran out, and another process claimed b under a token of its own.
      const [taken] = await queue.claimDue('slack', at(61), 1, at(121));
      expect(taken?.id).toBe(b);
      expect(taken?.leaseToken).not.toBe(token);
      expect(await queue.renewLease(token, [a, b, c], at(200))).toEqual([c]);
      expect((await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: b } })).nextAttemptAt).toEqual(at(121));
      expect((await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: c } })).nextAttemptAt).toEqual(at(200));
    });

    it('a lost lease cannot fail, throttle, release or give up a message another claim holds', async () => {
      const [id] = await enqueue({});
      const [mine] = await queue.claimDue('slack', at(1), 10, LEASE);
      const [theirs] = await queue.claimDue('slack', at(61), 10, at(121));
      const stale = mine?.leaseToken ?? '';
      await queue.markFailed(id, stale, 'late', at(500));
      await queue.markThrottled(id, stale, 'late', at(500));
      await queue.release(id, stale, at(500));
      const audit = { organisationId: ORG, actorPersonId: null, action: 'outbox:undeliverable', subjectType: 'Person', subjectId: 'p1' };
      expect(await queue.markUndeliverable(id, stale, 'late', audit)).toBe(false);
      // attempts 1: their claim counted the one that never finished (it may have sent; outbox-queue.ts).
      expect(await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: at(121), leaseToken: theirs?.leaseToken });
      expect(await db.prisma.auditEvent.count()).toBe(0);
      // A sent mark is a fact whoever learns it: it always lands, and frees the row of its token.
      await queue.markSent([{ id, sentAt: at(70), externalRef: null }]);
      expect(await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'sent', leaseToken: null });
    });
  });

  describe('lookups', () => {
    const ask = (promptId: string): Outbound => ({ text: 'Which?', prompt: { id: promptId, spec: { kind: 'choice', options: [{ value: 'a', label: 'A' }] } } });

    it('findRefForPrompt returns the newest sent message carrying the prompt', async () => {
      const [old, newer, pending, otherPerson, otherOrg] = await enqueue(
        { payload: ask('q1') },
        { payload: ask('q1'), createdAt: at(1) },
        { payload: ask('q1'), createdAt: at(2) },
        { payload: ask('q1'), person: 'p2' },
        { payload: ask('q1'), org: 'org-2' },
      );
      await queue.markSent(([[old, '1'], [newer, '2'], [otherPerson, '3'], [otherOrg, '4']] as const).map(([id, ts]) => ({ id, sentAt: at(3), externalRef: { ts } })));
      expect(pending).toBeDefined();
      expect(await queue.findRefForPrompt(ORG, 'p1', 'q1')).toEqual({ ts: '2' });
      expect(await queue.findRefForPrompt(ORG, 'p1', 'q2')).toBeNull();
    });

    it('listForPerson returns the newest messages, oldest first, with their payloads', async () => {
      const ids = await enqueue(...[0, 1, 2, 3].map((s) => ({ createdAt: at(s), payload: ask(`q${s}`) })), { person: 'p2' });
      const listed = await queue.listForPerson(ORG, 'p1', 3);
      expect(idsOf(listed)).toEqual(ids.slice(1, 4));
      expect(listed[2]?.payload).toEqual(ask('q3'));
    });
  });
});
