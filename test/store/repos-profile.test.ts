/** Memberships, programmes and identities: how domain values survive a trip through the rows. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_PROFILE, type Membership, type Profile, type Programme, type Role } from '../../src/core/domain.js';
import { PrismaStore } from '../../src/store/prisma-store.js';
import { createTestDatabase, type TestBackend, testDatabaseUrl } from '../support/db.js';

type TestDb = Awaited<ReturnType<typeof createTestDatabase>>;

/** PGlite always; PostgreSQL too when the test setup found or started a server. */
const BACKENDS: TestBackend[] = testDatabaseUrl() ? ['pglite', 'postgres'] : ['pglite'];

const ORG = 'org-1';
const T0 = new Date('2025-01-06T09:00:00.000Z');

let db: TestDb;
let store: PrismaStore;

const programme: Programme = {
  id: 'prog-1', organisationId: ORG, name: 'Spring', purpose: 'First jobs', startsOn: '2025-03-30', endsOn: '2025-10-26',
  meetingFrequency: 'biweekly', joinCode: 'K7QX', status: 'open', createdById: 'coord',
};

const fullProfile: Profile = {
  fullName: 'Ada Lovelace',
  languages: [{ code: 'nb', level: 'C1' }, { code: 'en', level: 'native' }],
  field: 'IT', profession: 'Developer', education: 'BSc in mathematics', employer: 'Statens vegvesen', yearsExperience: 4, region: 'Oslo', availability: 'evenings',
  goals: ['CV', 'network', 'interview'], helpWanted: 'Find a job', offer: null, capacity: null,
};

function membership(id: string, personId: string, overrides: Partial<Membership> = {}): Membership {
  return {
    id, organisationId: ORG, programmeId: programme.id, personId, role: 'mentee', status: 'active', consentedAt: null,
    consentVersion: null, profileDoneAt: null, profile: EMPTY_PROFILE, joinedAt: T0, leftAt: null, ...overrides,
  };
}

describe.each(BACKENDS)('on %s', (backend) => {
  beforeAll(async () => {
    db = await createTestDatabase({ backend });
    store = new PrismaStore(db.prisma);
    await store.transaction(async (r) => {
      await r.organisations.create({ id: ORG, name: 'Org', platform: 'teams', externalId: 'tenant-1' });
      for (const id of ['coord', 'p1', 'p2', 'p3']) {
        await r.people.create({ id, organisationId: ORG, displayName: id, locale: 'nb', timeZone: 'Europe/Oslo' });
      }
      await r.programmes.create(programme);
    });
  });
  afterAll(async () => {
    await db?.close();
  });

  describe('ProgrammeRepo', () => {
    it('round-trips calendar dates as YYYY-MM-DD', async () => {
      expect(await store.transaction((r) => r.programmes.get(ORG, programme.id))).toEqual(programme);
      expect(await store.transaction((r) => r.programmes.listForOrganisation(ORG))).toEqual([programme]);
    });

    it('refuses a date that is not a calendar date', async () => {
      const bad = { ...programme, id: 'prog-bad', joinCode: 'BAD1', endsOn: '2025-02-30' };
      await expect(store.transaction((r) => r.programmes.create(bad))).rejects.toThrow(RangeError);
    });
  });

  describe('MembershipRepo', () => {
    it('round-trips a full profile, languages JSON and goals array included', async () => {
      const m = membership('m-1', 'p1', { consentedAt: T0, consentVersion: 'v1', profileDoneAt: T0, profile: fullProfile });
      expect(await store.transaction((r) => r.memberships.create(m))).toEqual(m);
      expect(await store.transaction((r) => r.memberships.get(ORG, 'm-1'))).toEqual(m);
    });

    it('updates part of a profile and leaves the rest', async () => {
      await store.transaction((r) => r.memberships.create(membership('m-2', 'p2', { profile: fullProfile })));
      const updated = await store.transaction((r) =>
        r.memberships.update(ORG, 'm-2', { profile: { goals: ['mentoring'], capacity: null, region: null } }),
      );
      expect(updated.profile).toEqual({ ...fullProfile, goals: ['mentoring'], region: null });
      const languages = [{ code: 'uk', level: 'basic' as const }];
      const again = await store.transaction((r) => r.memberships.update(ORG, 'm-2', { status: 'left', leftAt: T0, profile: { languages } }));
      expect(again).toMatchObject({ status: 'left', leftAt: T0, profile: { languages, goals: ['mentoring'] } });
    });

    it('lists by programme with role and status filters', async () => {
      await store.transaction((r) => r.memberships.create(membership('m-3', 'p3', { role: 'mentor', joinedAt: new Date(T0.getTime() + 1) })));
      const ids = async (filter?: { role?: Role; status?: Membership['status'] }) =>
        (await store.transaction((r) => r.memberships.listForProgramme(ORG, programme.id, filter))).map((m) => m.id);
      expect(await ids()).toEqual(['m-1', 'm-2', 'm-3']);
      expect(await ids({ role: 'mentor' })).toEqual(['m-3']);
      expect(await ids({ role: 'mentee', status: 'active' })).toEqual(['m-1']);
      expect((await store.transaction((r) => r.memberships.listForPerson(ORG, 'p3'))).map((m) => m.id)).toEqual(['m-3']);
    });

    it('refuses to read malformed languages JSON', async () => {
      await db.prisma.membership.update({ where: { id: 'm-3' }, data: { languages: [{ code: 'nb', level: 'b1' }] } });
      await expect(store.transaction((r) => r.memberships.get(ORG, 'm-3'))).rejects.toThrow(/languages of membership m-3/);
    });
  });

  describe('IdentityRepo', () => {
    it('stores, replaces and clears the address', async () => {
      const identity = { id: 'i-1', organisationId: ORG, personId: 'p1', platform: 'teams' as const, externalUserId: '29:abc', address: { conversation: { id: 'c1' } } };
      await store.transaction((r) => r.identities.create(identity));
      expect(await store.transaction((r) => r.identities.find(ORG, 'teams', '29:abc'))).toEqual(identity);
      await store.transaction((r) => r.identities.updateAddress(ORG, 'i-1', { conversation: { id: 'c2' } }));
      expect(await store.transaction((r) => r.identities.listForPerson(ORG, 'p1'))).toEqual([{ ...identity, address: { conversation: { id: 'c2' } } }]);
      await store.transaction((r) => r.identities.updateAddress(ORG, 'i-1', null));
      expect((await store.transaction((r) => r.identities.find(ORG, 'teams', '29:abc')))?.address).toBeNull();
    });

    it('reads many people\'s first platforms in one call, as listForPerson orders them, leaving out people with none', async () => {
      await store.transaction(async (r) => {
        await r.identities.create({ id: 'i-2', organisationId: ORG, personId: 'p2', platform: 'slack', externalUserId: 'U2', address: null });
        await r.identities.create({ id: 'i-3', organisationId: ORG, personId: 'p1', platform: 'slack', externalUserId: 'U1', address: null });
      });
      const first = await store.transaction((r) => r.identities.firstPlatforms(ORG, ['p1', 'p2', 'p3', 'p1']));
      expect(first).toEqual(new Map([['p1', 'teams'], ['p2', 'slack']])); // p1 met the bot in Teams first; p3 never did
      expect(await store.transaction((r) => r.identities.listForPerson(ORG, 'p1'))).toMatchObject([{ platform: 'teams' }, { platform: 'slack' }]);
      expect(await store.transaction((r) => r.identities.firstPlatforms(ORG, []))).toEqual(new Map());
    });
  });

  describe('PersonRepo', () => {
    it('updates only the given fields', async () => {
      const updated = await store.transaction((r) => r.people.update(ORG, 'p1', { locale: 'en' }));
      expect(updated).toEqual({ id: 'p1', organisationId: ORG, displayName: 'p1', locale: 'en', timeZone: 'Europe/Oslo' });
    });
  });
});
