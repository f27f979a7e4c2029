/** Organisation scoping and transaction atomicity of the Prisma store. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_PROFILE } from '../../src/core/domain.js';
import { ConcurrentUpdateError, type Repos } from '../../src/core/ports.js';
import { PrismaOutboxQueue } from '../../src/store/outbox-queue.js';
import { PrismaStore } from '../../src/store/prisma-store.js';
import { RecordNotFoundError } from '../../src/store/repos/index.js';
import { createTestDatabase, type TestBackend, testDatabaseUrl } from '../support/db.js';

/** Marks a delivery worked in the inbox as an inbound from an unknown user would; true the first time. */
const fresh = (r: Repos, organisationId: string, dedupeKey: string) =>
  r.inbox.receive({ organisationId, tenant: organisationId, dedupeKey, platform: 'slack', externalUserId: 'U-nobody' }).then((x) => x.fresh);

type TestDb = Awaited<ReturnType<typeof createTestDatabase>>;

/** PGlite always; PostgreSQL too when the test setup found or started a server. */
const BACKENDS: TestBackend[] = testDatabaseUrl() ? ['pglite', 'postgres'] : ['pglite'];

const T0 = new Date('2025-01-06T09:00:00.000Z');

/** One organisation with one of every organisation-owned row, all ids prefixed by `p`. */
async function seedOrganisation(r: Repos, p: string): Promise<void> {
  await r.organisations.create({ id: `${p}-org`, name: p, platform: 'slack', externalId: `${p}-team` });
  await r.people.create({ id: `${p}-person`, organisationId: `${p}-org`, displayName: 'Ada', locale: 'en', timeZone: 'Europe/Oslo' });
  await r.identities.create({
    id: `${p}-ident`, organisationId: `${p}-org`, personId: `${p}-person`, platform: 'slack', externalUserId: 'U1', address: { channel: 'D1' },
  });
  await r.programmes.create({
    id: `${p}-prog`, organisationId: `${p}-org`, name: 'Spring', purpose: 'Jobs', startsOn: '2025-02-01', endsOn: '2025-06-30',
    meetingFrequency: 'weekly', joinCode: `${p}-CODE`, status: 'open', createdById: `${p}-person`,
  });
  await r.memberships.create({
    id: `${p}-member`, organisationId: `${p}-org`, programmeId: `${p}-prog`, personId: `${p}-person`, role: 'mentee', status: 'active',
    consentedAt: null, consentVersion: null, profileDoneAt: null, profile: EMPTY_PROFILE, joinedAt: T0, leftAt: null,
  });
  await r.flowRuns.create({
    id: `${p}-run`, organisationId: `${p}-org`, personId: `${p}-person`, programmeId: `${p}-prog`, flowId: 'profile', flowVersion: 1,
    stepId: 'name', answers: {}, promptId: `${p}-prompt`, status: 'active', version: 0, startedAt: T0, finishedAt: null,
  });
  await r.outbox.enqueue({
    id: `${p}-msg`, organisationId: `${p}-org`, personId: `${p}-person`, platform: 'slack',
    payload: { text: 'Hi', prompt: { id: `${p}-prompt`, spec: { kind: 'text' } } }, nextAttemptAt: T0, createdAt: T0,
  });
}

describe.each(BACKENDS)('on %s', (backend) => {
  describe('PrismaStore organisation scoping', () => {
    let db: TestDb;
    let store: PrismaStore;

    beforeAll(async () => {
      db = await createTestDatabase({ backend });
      store = new PrismaStore(db.prisma);
      await store.transaction(async (r) => {
        await seedOrganisation(r, 'a');
        await r.organisations.create({ id: 'b-org', name: 'b', platform: 'slack', externalId: 'b-team' });
      });
    });
    afterAll(async () => {
      await db?.close();
    });

    it('finds organisation A rows through A', async () => {
      await store.transaction(async (r) => {
        expect(await r.people.get('a-org', 'a-person')).toMatchObject({ displayName: 'Ada' });
        expect(await r.identities.find('a-org', 'slack', 'U1')).toMatchObject({ id: 'a-ident', address: { channel: 'D1' } });
        expect(await r.programmes.findByJoinCode('a-org', 'a-CODE')).toMatchObject({ id: 'a-prog' });
        expect(await r.memberships.find('a-org', 'a-prog', 'a-person')).toMatchObject({ id: 'a-member' });
        expect(await r.flowRuns.findByPrompt('a-org', 'a-person', 'a-prompt')).toMatchObject({ id: 'a-run' });
      });
    });

    it('hides organisation A rows from reads through B', async () => {
      await store.transaction(async (r) => {
        expect(await r.people.get('b-org', 'a-person')).toBeNull();
        expect(await r.identities.find('b-org', 'slack', 'U1')).toBeNull();
        expect(await r.identities.listForPerson('b-org', 'a-person')).toEqual([]);
        expect(await r.programmes.get('b-org', 'a-prog')).toBeNull();
        expect(await r.programmes.findByJoinCode('b-org', 'a-CODE')).toBeNull();
        expect(await r.programmes.listForOrganisation('b-org')).toEqual([]);
        expect(await r.programmes.anyInOrganisation('b-org')).toBe(false);
        expect(await r.programmes.anyInOrganisation('a-org')).toBe(true);
        expect(await r.memberships.get('b-org', 'a-member')).toBeNull();
        expect(await r.memberships.find('b-org', 'a-prog', 'a-person')).toBeNull();
        expect(await r.memberships.listForPerson('b-org', 'a-person')).toEqual([]);
        expect(await r.memberships.listForProgramme('b-org', 'a-prog')).toEqual([]);
        expect(await r.flowRuns.get('b-org', 'a-run')).toBeNull();
        expect(await r.flowRuns.findActive('b-org', 'a-person')).toBeNull();
        expect(await r.flowRuns.findByPrompt('b-org', 'a-person', 'a-prompt')).toBeNull();
        expect(await r.flowRuns.listByFlow('b-org', 'profile', 'active')).toEqual([]);
      });
      const queue = new PrismaOutboxQueue(db.prisma);
      await queue.markSent([{ id: 'a-msg', sentAt: T0, externalRef: { ts: '1.2' } }]);
      expect(await queue.findRefForPrompt('a-org', 'a-person', 'a-prompt')).toEqual({ ts: '1.2' });
      expect(await queue.findRefForPrompt('b-org', 'a-person', 'a-prompt')).toBeNull();
      expect(await queue.listForPerson('b-org', 'a-person', 10)).toEqual([]);
    });

    it('refuses writes to organisation A rows through B', async () => {
      await expect(store.transaction((r) => r.people.update('b-org', 'a-person', { displayName: 'Eve' }))).rejects.toThrow(RecordNotFoundError);
      await expect(store.transaction((r) => r.identities.updateAddress('b-org', 'a-ident', null))).rejects.toThrow(RecordNotFoundError);
      await expect(store.transaction((r) => r.memberships.update('b-org', 'a-member', { status: 'left' }))).rejects.toThrow(RecordNotFoundError);
      const run = await store.transaction((r) => r.flowRuns.get('a-org', 'a-run'));
      if (!run) throw new Error('seeded run missing');
      await expect(store.transaction((r) => r.flowRuns.save({ ...run, organisationId: 'b-org', stepId: 'x' }))).rejects.toThrow(ConcurrentUpdateError);
      await store.transaction(async (r) => {
        expect(await r.people.get('a-org', 'a-person')).toMatchObject({ displayName: 'Ada' });
        expect(await r.identities.find('a-org', 'slack', 'U1')).toMatchObject({ address: { channel: 'D1' } });
        expect(await r.memberships.get('a-org', 'a-member')).toMatchObject({ status: 'active' });
        expect(await r.flowRuns.get('a-org', 'a-run')).toMatchObject({ stepId: 'name', version: 0 });
      });
    });

    it('keeps processed inbound ids per organisation', async () => {
      await store.transaction(async (r) => {
        expect(await fresh(r, 'a-org', 'evt-1')).toBe(true);
        expect(await fresh(r, 'b-org', 'evt-1')).toBe(true);
        expect(await fresh(r, 'a-org', 'evt-1')).toBe(false);
      });
    });
  });

  describe('PrismaStore transactions', () => {
    let db: TestDb;
    let store: PrismaStore;

    beforeAll(async () => {
      db = await createTestDatabase({ backend });
      store = new PrismaStore(db.prisma);
    });
    afterAll(async () => {
      await db?.close();
    });

    it('stores nothing when the work throws', async () => {
      const failure = new Error('flow failed');
      const work = store.transaction(async (r) => {
        await seedOrganisation(r, 'rb');
        await fresh(r, 'rb-org', 'evt-1');
        throw failure;
      });
      await expect(work).rejects.toBe(failure);
      expect(await db.prisma.organisation.count()).toBe(0);
      expect(await db.prisma.person.count()).toBe(0);
      expect(await db.prisma.outboxMessage.count()).toBe(0);
      expect(await db.prisma.inboxItem.count()).toBe(0);
    });

    it('stores everything when the work succeeds, and returns its result', async () => {
      const result = await store.transaction(async (r) => {
        await seedOrganisation(r, 'ok');
        return 'done';
      });
      expect(result).toBe('done');
      expect(await db.prisma.flowRun.count({ where: { organisationId: 'ok-org' } })).toBe(1);
      expect(await db.prisma.outboxMessage.count({ where: { organisationId: 'ok-org' } })).toBe(1);
    });

    it('records audit events with the id and time sources it was given', async () => {
      const audited = new PrismaStore(db.prisma, { ids: { next: () => 'audit-1' }, clock: { now: () => T0 } });
      await audited.transaction((r) =>
        r.audit.record({ organisationId: 'ok-org', actorPersonId: 'ok-person', action: 'join', subjectType: 'programme', subjectId: 'ok-prog' }),
      );
      const row = await db.prisma.auditEvent.findUniqueOrThrow({ where: { id: 'audit-1' } });
      expect(row).toMatchObject({ organisationId: 'ok-org', action: 'join', data: {}, at: T0 });
    });
  });
});
