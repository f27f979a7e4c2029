/**
 * The repository methods that read (or write) in one statement what used to take several round
 * trips: they must return exactly what the one-row-at-a-time methods return.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConcurrentUpdateError } from '../../src/core/ports.js';
import { EMPTY_PROFILE, type Membership, type Profile, type Programme } from '../../src/core/domain.js';
import { PrismaOutboxQueue } from '../../src/store/outbox-queue.js';
import { PrismaStore } from '../../src/store/prisma-store.js';
import { createTestDatabase, type TestBackend, testDatabaseUrl } from '../support/db.js';

type TestDb = Awaited<ReturnType<typeof createTestDatabase>>;

/** PGlite always; PostgreSQL too when the test setup found or started a server. */
const BACKENDS: TestBackend[] = testDatabaseUrl() ? ['pglite', 'postgres'] : ['pglite'];

const ORG = 'org-1';
const OTHER = 'org-2';
const T0 = new Date('2025-01-06T09:00:00.123Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

const spring: Programme = {
  id: 'prog-1', organisationId: ORG, name: 'Spring', purpose: 'First jobs', startsOn: '2025-03-30', endsOn: '2025-10-26',
  meetingFrequency: 'biweekly', joinCode: 'K7QX', status: 'open', createdById: 'ada',
};
const autumn: Programme = { ...spring, id: 'prog-2', name: 'Autumn', joinCode: 'Z9PL', status: 'closed', startsOn: '2025-09-01', endsOn: '2026-01-31' };

const profile: Profile = {
  fullName: 'Ada Lovelace', languages: [{ code: 'nb', level: 'C1' }], field: 'IT', profession: 'Developer', education: 'BSc in mathematics', employer: 'Analytical Engines', yearsExperience: 4,
  region: 'Oslo', availability: 'evenings', goals: ['CV', 'network'], helpWanted: 'A job', offer: null, capacity: null,
};

function membership(id: string, programmeId: string, overrides: Partial<Membership> = {}): Membership {
  return {
    id, organisationId: ORG, programmeId, personId: 'ada', role: 'mentee', status: 'active', consentedAt: null, consentVersion: null,
    profileDoneAt: null, profile: EMPTY_PROFILE, joinedAt: T0, leftAt: null, ...overrides,
  };
}

let db: TestDb;
let store: PrismaStore;

describe.each(BACKENDS)('on %s', (backend) => {
  beforeAll(async () => {
    db = await createTestDatabase({ backend });
    store = new PrismaStore(db.prisma);
    await store.transaction(async (r) => {
      await r.organisations.create({ id: ORG, name: 'Org', platform: 'slack', externalId: 'T1' });
      await r.organisations.create({ id: OTHER, name: 'Other', platform: 'slack', externalId: 'T2' });
      await r.people.create({ id: 'ada', organisationId: ORG, displayName: 'Ada', locale: 'en', timeZone: 'Europe/London' });
      await r.people.create({ id: 'bob', organisationId: ORG, displayName: 'Bob', locale: 'nb', timeZone: 'Europe/Oslo' });
      await r.identities.create({ id: 'i-ada', organisationId: ORG, personId: 'ada', platform: 'slack', externalUserId: 'U1', address: { channel: 'D1', nested: { a: [1, 2] } } });
      await r.identities.create({ id: 'i-bob', organisationId: ORG, personId: 'bob', platform: 'slack', externalUserId: 'U2', address: null });
      await r.programmes.create(spring);
      await r.programmes.create(autumn);
    });
  });
  afterAll(async () => {
    await db?.close();
  });

  describe('IdentityRepo.findWithPerson', () => {
    it('returns the identity and its person, as find and people.get do', async () => {
      for (const user of ['U1', 'U2']) {
        const [joined, identity] = await store.transaction(async (r) => [await r.identities.findWithPerson(ORG, 'slack', user), await r.identities.find(ORG, 'slack', user)] as const);
        const person = identity && (await store.transaction((r) => r.people.get(ORG, identity.personId)));
        expect(joined).toEqual({ identity, person });
      }
    });

    it('finds nothing for another platform, another organisation or an unknown user', async () => {
      await store.transaction(async (r) => {
        expect(await r.identities.findWithPerson(ORG, 'teams', 'U1')).toBeNull();
        expect(await r.identities.findWithPerson(OTHER, 'slack', 'U1')).toBeNull();
        expect(await r.identities.findWithPerson(ORG, 'slack', 'U404')).toBeNull();
      });
    });
  });

  describe('IdentityRepo.createWithPerson', () => {
    it('stores the person and the identity together, with their times in UTC', async () => {
      const person = { id: 'p-cw', organisationId: ORG, displayName: 'Chloé Wirth', locale: 'en', timeZone: 'America/Toronto' };
      const identity = { id: 'i-cw', organisationId: ORG, personId: 'p-cw', platform: 'teams' as const, externalUserId: '29:chloe', address: { conversation: { id: 'a:1' }, 'ü': [1] } };
      const before = Date.now();
      await store.transaction((r) => r.identities.createWithPerson(person, identity));
      expect(await store.transaction((r) => r.identities.findWithPerson(ORG, 'teams', '29:chloe'))).toEqual({ identity, person });
      const row = await db.prisma.person.findUniqueOrThrow({ where: { id: 'p-cw' } });
      // Stored from our clock, not the session's zone: within the test's own window.
      expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(row.createdAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    });

    it('says ConcurrentUpdateError when the identity exists, and leaves no person behind', async () => {
      const twin = { id: 'p-twin', organisationId: ORG, displayName: 'Twin', locale: 'en', timeZone: 'UTC' };
      const again = { id: 'i-twin', organisationId: ORG, personId: 'p-twin', platform: 'slack' as const, externalUserId: 'U1', address: null };
      await expect(store.transaction((r) => r.identities.createWithPerson(twin, again))).rejects.toThrow(ConcurrentUpdateError);
      expect(await db.prisma.person.count({ where: { id: 'p-twin' } })).toBe(0);
    });
  });

  describe('MembershipRepo.listWithProgrammes', () => {
    it('returns memberships oldest first, each with its programme, filtered by status when asked', async () => {
      const first = membership('m-1', spring.id, { profile, consentedAt: at(1), consentVersion: 'v1', profileDoneAt: at(2), joinedAt: at(0) });
      const second = membership('m-2', autumn.id, { role: 'coordinator', status: 'left', leftAt: at(9), joinedAt: at(5) });
      await store.transaction(async (r) => {
        await r.memberships.create(second);
        await r.memberships.create(first);
      });
      const all = await store.transaction((r) => r.memberships.listWithProgrammes(ORG, 'ada'));
      expect(all).toEqual([{ membership: first, programme: spring }, { membership: second, programme: autumn }]);
      expect(all.map((m) => m.membership)).toEqual(await store.transaction((r) => r.memberships.listForPerson(ORG, 'ada')));
      expect(await store.transaction((r) => r.memberships.listWithProgrammes(ORG, 'ada', 'active'))).toEqual([{ membership: first, programme: spring }]);
      expect(await store.transaction((r) => r.memberships.listWithProgrammes(ORG, 'bob'))).toEqual([]);
      expect(await store.transaction((r) => r.memberships.listWithProgrammes(OTHER, 'ada'))).toEqual([]);
    });

    it('overview: the active memberships, whether the organisation has programmes and whether the person is an organiser, in one read', async () => {
      // ada has the two memberships of the test above: m-1 active, m-2 left.
      const overview = await store.transaction((r) => r.memberships.overview(ORG, 'ada'));
      expect(overview.mine.map((m) => [m.membership.id, m.programme])).toEqual([['m-1', spring]]);
      expect(overview).toEqual({ mine: await store.transaction((r) => r.memberships.listWithProgrammes(ORG, 'ada', 'active')), organisationHasProgrammes: true, isOrganiser: false });
      // Not a member anywhere, in an organisation that has programmes.
      expect(await store.transaction((r) => r.memberships.overview(ORG, 'bob'))).toEqual({ mine: [], organisationHasProgrammes: true, isOrganiser: false });
      // bob redeems the setup code: an organiser of ORG only.
      expect(await store.transaction((r) => r.organisers.grantFirst(ORG, 'bob', 'setup-code', new Date()))).toBe(true);
      expect(await store.transaction((r) => r.memberships.overview(ORG, 'bob'))).toMatchObject({ isOrganiser: true });
      expect(await store.transaction((r) => r.memberships.overview(OTHER, 'bob'))).toMatchObject({ isOrganiser: false });
      // The other organisation has none, and ada's memberships in ORG do not show there.
      expect(await store.transaction((r) => r.memberships.overview(OTHER, 'ada'))).toEqual({ mine: [], organisationHasProgrammes: false, isOrganiser: false });
    });
  });

  describe('OutboxRepo.enqueueMany and the claim', () => {
    const entry = (id: string, personId: string, platform: 'slack' | 'teams', text: string, organisationId = ORG) => ({
      id, organisationId, personId, platform, payload: { text }, nextAttemptAt: T0, createdAt: T0,
    });

    it('writes every message, which are then claimed in order with their recipient', async () => {
      const entries = ['one', 'two', 'three'].map((text, i) => entry(`out-${i}`, 'ada', 'slack', text));
      await store.transaction((r) => r.outbox.enqueueMany(entries));
      await store.transaction((r) => r.outbox.enqueueMany([]));
      const queue = new PrismaOutboxQueue(db.prisma);
      const claimed = await queue.claimDue('slack', at(1), 10, at(60));
      const ada = { externalUserId: 'U1', tenant: 'T1', address: { channel: 'D1', nested: { a: [1, 2] } }, locale: 'en' };
      const leaseToken = claimed[0]?.leaseToken; // one claim, one token for all it leased
      expect(leaseToken).toEqual(expect.any(String));
      expect(claimed).toEqual(entries.map((e) => ({ ...e, status: 'pending', attempts: 0, externalRef: null, nextAttemptAt: at(60), leaseToken, recipient: ada })));
    });

    it('finds each message’s recipient on its platform, and none where the person has no identity', async () => {
      await store.transaction((r) => r.outbox.enqueueMany([entry('m-bob', 'bob', 'slack', 'b'), entry('m-ada-teams', 'ada', 'teams', 't'), entry('m-other', 'ada', 'slack', 'o', OTHER)]));
      const queue = new PrismaOutboxQueue(db.prisma);
      const slack = await queue.claimDue('slack', at(1), 10, at(60));
      expect(slack.map((c) => [c.id, c.recipient])).toEqual([
        ['m-bob', { externalUserId: 'U2', tenant: 'T1', address: null, locale: 'nb' }],
        // Ada of the other organisation is someone else: organisation 1's identity is not hers.
        ['m-other', null],
      ]);
      expect((await queue.claimDue('teams', at(1), 10, at(60))).map((c) => [c.id, c.recipient])).toEqual([['m-ada-teams', null]]);
    });
  });
});
