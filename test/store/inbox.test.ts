/**
 * The inbox's SQL on a real database (PGlite, and PostgreSQL when there is one): rows stored once
 * per delivery, leases and claims in arrival order with a person's later row waiting for their
 * earlier one, FOR UPDATE SKIP LOCKED between two claimers, and the unit of work's done-mark,
 * which commits exactly once however many workers race for one row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewInboxRow } from '../../src/core/inbox/ports.js';
import type { Inbound } from '../../src/core/messages.js';
import { PrismaInboxQueue } from '../../src/store/inbox-queue.js';
import { PrismaStore } from '../../src/store/prisma-store.js';
import { createTestDatabase, type TestBackend, testDatabaseUrl } from '../support/db.js';

const BACKENDS: TestBackend[] = testDatabaseUrl() ? ['pglite', 'postgres'] : ['pglite'];

const T0 = new Date('2026-11-30T10:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const ORG = 'org-1';
const TENANT = 'T0INBOX';

let seq = 0;
function row(user: string, key: string, receivedAt: Date, lockedUntil: Date): NewInboxRow {
  seq += 1;
  const inbound: Inbound = { dedupeKey: key, platform: 'slack', tenant: TENANT, user: { externalId: user }, event: { kind: 'text', text: `hello ${key}` } };
  return { id: `row-${String(seq).padStart(4, '0')}`, platform: 'slack', tenant: TENANT, dedupeKey: key, externalUserId: user, inbound, receivedAt, lockedUntil };
}

describe.each(BACKENDS)('the inbox on %s', (backend) => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let queue: PrismaInboxQueue;
  let store: PrismaStore;
  const status = async () => (await db.prisma.inboxItem.findMany({ orderBy: { id: 'asc' } })).map((r) => [r.dedupeKey, r.status]);

  beforeAll(async () => {
    db = await createTestDatabase({ backend });
    queue = new PrismaInboxQueue(db.prisma);
    store = new PrismaStore(db.prisma);
    await db.prisma.organisation.create({ data: { id: ORG, name: 'Org', platform: 'slack', externalId: TENANT } });
  });
  afterAll(async () => {
    await db?.close();
  });

  const receive = (key: string, user = 'U1') => store.transaction((r) => r.inbox.receive({ organisationId: ORG, platform: 'slack', tenant: TENANT, dedupeKey: key, externalUserId: user }));

  it('stores each delivery once, with its inbound and lease, and says which rows were new', async () => {
    const a = row('U1', 'Ev-a', at(0), at(30));
    const b = row('U2', 'Ev-b', at(0), at(30));
    expect(await queue.accept([a, b])).toEqual(new Set([a.id, b.id]));
    const again = row('U1', 'Ev-a', at(1), at(31));
    expect(await queue.accept([again, row('U3', 'Ev-c', at(1), at(31))])).toEqual(new Set([`row-${String(seq).padStart(4, '0')}`]));
    const stored = await db.prisma.inboxItem.findUniqueOrThrow({ where: { id: a.id } });
    expect(stored).toMatchObject({ status: 'pending', attempts: 1, externalUserId: 'U1', lockedUntil: at(30), receivedAt: at(0), inbound: a.inbound });
    expect(await queue.pending()).toBe(3);
  });

  it('marks a pending row done with the work, once, and forgets its words', async () => {
    const first = await receive('Ev-a');
    expect(first.fresh).toBe(true);
    expect((await receive('Ev-a')).fresh).toBe(false);
    expect(await db.prisma.inboxItem.findFirstOrThrow({ where: { dedupeKey: 'Ev-a' } })).toMatchObject({ status: 'done', inbound: null, lockedUntil: null });
    // A delivery that was never stored first (Teams, the playground) gets its row written done.
    expect((await receive('Ev-direct')).fresh).toBe(true);
    expect((await receive('Ev-direct')).fresh).toBe(false);
    expect(await db.prisma.inboxItem.findFirstOrThrow({ where: { dedupeKey: 'Ev-direct' } })).toMatchObject({ status: 'done', externalUserId: 'U1' });
  });

  it("claims free rows oldest first; a person's later row waits while their earlier one is held", async () => {
    await db.prisma.inboxItem.deleteMany();
    const held = row('U1', 'Ev-1', at(0), at(100)); // being worked elsewhere
    const later = row('U1', 'Ev-2', at(1), at(0)); // free, but behind Ev-1
    const other = row('U2', 'Ev-3', at(2), at(0));
    const oldest = row('U3', 'Ev-0', at(-1), at(0));
    await queue.accept([held, later, other, oldest]);
    const claimed = await queue.claim(at(10), 10, at(40));
    expect(claimed.map((c) => [c.id, c.attempts])).toEqual([
      [oldest.id, 2],
      [other.id, 2],
    ]);
    expect(claimed[0]?.inbound).toEqual(oldest.inbound);
    // Claimed rows are held now: nobody else gets them before the new lease ends.
    expect(await queue.claim(at(11), 10, at(41))).toEqual([]);
    // A process that is alone on its database takes over leases given before it started.
    const takenOver = await queue.claim(at(12), 10, at(42), { orphanedBefore: at(200) });
    expect(takenOver.map((c) => c.id)).toEqual([oldest.id, held.id, later.id, other.id]);
  });

  it('renews, releases with a reason, and fails rows, only while they are pending', async () => {
    await db.prisma.inboxItem.deleteMany();
    const a = row('U1', 'Ev-r1', at(0), at(30));
    const b = row('U2', 'Ev-r2', at(0), at(30));
    await queue.accept([a, b]);
    await queue.renew([a.id, b.id], at(60));
    await queue.release([b.id], at(5), 'database went away');
    await queue.fail(a.id, 'failed 5 times', false);
    const [ra, rb] = await db.prisma.inboxItem.findMany({ orderBy: { id: 'asc' } });
    expect(ra).toMatchObject({ status: 'failed', lastError: 'failed 5 times', lockedUntil: null, inbound: a.inbound });
    expect(rb).toMatchObject({ status: 'pending', lastError: 'database went away', lockedUntil: at(5) });
    await queue.fail(b.id, 'unknown-organisation', true);
    expect(await db.prisma.inboxItem.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: 'failed', inbound: null });
    // A failed row is not worked again by a redelivery either.
    expect((await receive('Ev-r1')).fresh).toBe(false);
    expect(await status()).toEqual([
      ['Ev-r1', 'failed'],
      ['Ev-r2', 'failed'],
    ]);
  });

  it.runIf(backend === 'postgres')('gives two claimers at once different rows (FOR UPDATE SKIP LOCKED)', async () => {
    await db.prisma.inboxItem.deleteMany();
    await queue.accept(Array.from({ length: 40 }, (_, i) => row(`U${i}`, `Ev-s${i}`, at(i / 100), at(0))));
    const [one, two] = await Promise.all([queue.claim(at(1), 25, at(31)), queue.claim(at(1), 25, at(31))]);
    const ids = [...(one ?? []), ...(two ?? [])].map((c) => c.id);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
  });

  it.runIf(backend === 'postgres')('lets exactly one of several workers racing for one row commit its work', async () => {
    await db.prisma.inboxItem.deleteMany();
    await queue.accept([row('U1', 'Ev-race', at(0), at(30))]);
    const results = await Promise.all(Array.from({ length: 4 }, () => receive('Ev-race')));
    expect(results.filter((r) => r.fresh)).toHaveLength(1);
    expect(await status()).toEqual([['Ev-race', 'done']]);
  });
});
