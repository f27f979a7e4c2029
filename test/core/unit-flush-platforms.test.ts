/**
 * The unit of work writes each message to the platform where its recipient first met the bot
 * (the person who spoke hears back where they wrote), and reads those platforms for all of a
 * unit's recipients in one statement: a job telling 300 people once made 300 lookups, which is
 * why the weekly nudges wrote to the outbox around the unit of work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from '../../src/core/kernel/registry.js';
import { Units } from '../../src/core/kernel/unit-of-work.js';
import type { Repos, Store } from '../../src/core/ports.js';
import { createIdSource } from '../../src/ids.js';
import { createLogger } from '../../src/log.js';
import { PrismaStore } from '../../src/store/prisma-store.js';
import { TestClock } from '../support/clock.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { texts } from '../jobs/support/texts.js';

const ORG = 'org-flush';
const PEOPLE = 300;
const platformOf = (i: number) => (i % 3 === 0 ? 'teams' : i % 3 === 1 ? 'slack' : null);

/** The real store, counting the identity reads made through it. */
function counting(store: Store): { store: Store; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  const wrap = (repos: Repos): Repos => ({
    ...repos,
    identities: new Proxy(repos.identities, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          reads.set(String(prop), (reads.get(String(prop)) ?? 0) + 1);
          return value.apply(target, args);
        };
      },
    }),
  });
  return { store: { transaction: (body) => store.transaction((repos) => body(wrap(repos))) } as Store, reads };
}

describe('the unit of work: where each recipient gets their message', () => {
  let db: TestDatabase;
  let base: PrismaStore;
  const clock = new TestClock();
  const ids = createIdSource(() => clock.now().getTime());

  beforeAll(async () => {
    db = await createTestDatabase();
    base = new PrismaStore(db.prisma, { ids, clock });
    await base.transaction(async (r) => {
      await r.organisations.create({ id: ORG, name: 'Flush', platform: 'slack', externalId: 'T-FLUSH' });
      for (let i = 0; i < PEOPLE; i += 1) {
        await r.people.create({ id: `p${i}`, organisationId: ORG, displayName: `P ${i}`, locale: 'nb', timeZone: 'Europe/Oslo' });
        const platform = platformOf(i);
        if (platform) await r.identities.create({ id: `i${i}`, organisationId: ORG, personId: `p${i}`, platform, externalUserId: `x${i}`, address: null });
      }
    });
  });
  afterAll(async () => {
    await db?.close();
  });

  it(`tells ${PEOPLE} people with one read of their platforms, each where they met the bot (the organisation's own platform for none)`, async () => {
    const { store, reads } = counting(base);
    const units = new Units({ store, clock, ids, texts, log: createLogger('silent'), registry: new Registry([]) });
    await units.forOrganisation(ORG, async (work) => {
      for (let i = 0; i < PEOPLE; i += 1) work.sayTo(`p${i}`, { text: `hello ${i}` });
    });
    expect(Object.fromEntries(reads)).toEqual({ firstPlatforms: 1 });
    const rows = await db.prisma.outboxMessage.findMany({ where: { organisationId: ORG }, select: { personId: true, platform: true } });
    expect(rows).toHaveLength(PEOPLE);
    for (const row of rows) expect(row.platform).toBe(platformOf(Number(row.personId.slice(1))) ?? 'slack');
  });

  it('sends the person who spoke their reply on the platform they wrote from, without reading it', async () => {
    const { store, reads } = counting(base);
    const units = new Units({ store, clock, ids, texts, log: createLogger('silent'), registry: new Registry([]) });
    await units.run(async (repos) => {
      const organisation = await repos.organisations.get(ORG);
      if (!organisation) throw new Error('no organisation');
      const work = Object.assign(units.work(repos, organisation), { person: { id: 'p0' } });
      work.sayTo('p0', { text: 'your reply' });
      return { result: null, work, platform: 'playground' as const };
    });
    expect(reads.size).toBe(0);
    expect(await db.prisma.outboxMessage.findFirst({ where: { payload: { path: ['text'], equals: 'your reply' } }, select: { platform: true } })).toEqual({ platform: 'playground' });
  });
});
