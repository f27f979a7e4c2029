/** Flow runs (optimistic locking, lookups) and inbound de-duplication (the inbox) on a real database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowRun } from '../../src/core/domain.js';
import { ConcurrentUpdateError, type Repos } from '../../src/core/ports.js';
import { PrismaStore } from '../../src/store/prisma-store.js';
import { createTestDatabase, type TestBackend, testDatabaseUrl } from '../support/db.js';

/** Marks a delivery worked in the inbox as an inbound from an unknown user would; true the first time. */
const fresh = (r: Repos, organisationId: string, dedupeKey: string) =>
  r.inbox.receive({ organisationId, tenant: organisationId, dedupeKey, platform: 'slack', externalUserId: 'U-nobody' }).then((x) => x.fresh);

type TestDb = Awaited<ReturnType<typeof createTestDatabase>>;

/** PGlite always; PostgreSQL too when the test setup found or started a server. */
const BACKENDS: TestBackend[] = testDatabaseUrl() ? ['pglite', 'postgres'] : ['pglite'];

const ORG = 'org-1';
const PERSON = 'person-1';
const T0 = new Date('2025-01-06T09:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

let db: TestDb;
let store: PrismaStore;
let seq = 0;

/** Reads a run in its own transaction, as each click does. */
async function load(id: string): Promise<FlowRun> {
  const found = await store.transaction((r) => r.flowRuns.get(ORG, id));
  if (!found) throw new Error(`flow run ${id} missing`);
  return found;
}

function run(overrides: Partial<FlowRun> = {}): FlowRun {
  seq += 1;
  return {
    id: `run-${String(seq).padStart(3, '0')}`, organisationId: ORG, personId: PERSON, programmeId: null, flowId: 'profile', flowVersion: 1,
    stepId: 'name', answers: {}, promptId: `prompt-${seq}`, status: 'active', version: 0, startedAt: minutes(seq), finishedAt: null,
    ...overrides,
  };
}

describe.each(BACKENDS)('on %s', (backend) => {
  beforeAll(async () => {
    db = await createTestDatabase({ backend });
    store = new PrismaStore(db.prisma);
    await store.transaction(async (r) => {
      await r.organisations.create({ id: ORG, name: 'Org', platform: 'playground', externalId: 'demo' });
      await r.people.create({ id: PERSON, organisationId: ORG, displayName: 'Ada', locale: 'nb', timeZone: 'Europe/Oslo' });
    });
  });
  afterAll(async () => {
    await db?.close();
  });

  describe('FlowRunRepo', () => {
    it('round-trips answers JSON', async () => {
      const answers = { name: 'Ada', years: 3, ok: true, none: null, goals: ['a', 'b'], nested: { lang: 'nb', deep: { x: ['y'] } } };
      const created = await store.transaction((r) => r.flowRuns.create(run({ answers })));
      const read = await store.transaction((r) => r.flowRuns.get(ORG, created.id));
      expect(read).toEqual(created);
      expect(read?.answers).toEqual(answers);
    });

    it('saves with the read version and returns the bumped version', async () => {
      const created = await store.transaction((r) => r.flowRuns.create(run()));
      const saved = await store.transaction((r) => r.flowRuns.save({ ...created, stepId: 'languages', answers: { name: 'Ada' } }));
      expect(saved.version).toBe(1);
      expect(await store.transaction((r) => r.flowRuns.get(ORG, created.id))).toEqual(saved);
    });

    it('rejects a second save of the same read version', async () => {
      const created = await store.transaction((r) => r.flowRuns.create(run()));
      const first = await load(created.id);
      const second = await load(created.id);
      await store.transaction((r) => r.flowRuns.save({ ...first, stepId: 'first' }));
      await expect(store.transaction((r) => r.flowRuns.save({ ...second, stepId: 'second' }))).rejects.toThrow(ConcurrentUpdateError);
      expect(await store.transaction((r) => r.flowRuns.get(ORG, created.id))).toMatchObject({ stepId: 'first', version: 1 });
    });

    it('lets exactly one of two concurrent saves win', async () => {
      const created = await store.transaction((r) => r.flowRuns.create(run()));
      const results = await Promise.allSettled(
        ['left', 'right'].map((stepId) => store.transaction((r) => r.flowRuns.save({ ...created, stepId }))),
      );
      expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter((x) => x.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrentUpdateError);
      expect(await store.transaction((r) => r.flowRuns.get(ORG, created.id))).toMatchObject({ version: 1 });
    });

    it('finds the newest active run, runs by prompt (finished too) and runs by flow', async () => {
      await db.prisma.flowRun.deleteMany({});
      const older = run({ flowId: 'checkin' });
      const newer = run({ flowId: 'checkin' });
      const done = run({ flowId: 'checkin', status: 'completed', finishedAt: minutes(100), promptId: 'old-prompt' });
      await store.transaction(async (r) => {
        for (const x of [older, newer, done]) await r.flowRuns.create(x);
      });
      await store.transaction(async (r) => {
        expect((await r.flowRuns.findActive(ORG, PERSON))?.id).toBe(newer.id);
        expect((await r.flowRuns.findByPrompt(ORG, PERSON, 'old-prompt'))?.id).toBe(done.id);
        expect(await r.flowRuns.findByPrompt(ORG, 'someone-else', 'old-prompt')).toBeNull();
        expect((await r.flowRuns.listByFlow(ORG, 'checkin', 'active')).map((x) => x.id)).toEqual([older.id, newer.id]);
        expect((await r.flowRuns.listByFlow(ORG, 'checkin', 'completed')).map((x) => x.id)).toEqual([done.id]);
      });
    });
  });

  describe('InboxRepo.receive', () => {
    it('reads the sender and their active run in the same statement', async () => {
      await store.transaction(async (r) => {
        await r.people.create({ id: 'rx-person', organisationId: ORG, displayName: 'Rut', locale: 'nb', timeZone: 'Europe/Oslo' });
        await r.identities.create({ id: 'rx-ident', organisationId: ORG, personId: 'rx-person', platform: 'teams', externalUserId: '29:rut', address: { conv: 'a:1' } });
      });
      const key = { organisationId: ORG, tenant: 'tenant-1', platform: 'teams' as const, externalUserId: '29:rut' };
      const first = await store.transaction((r) => r.inbox.receive({ ...key, dedupeKey: 'rx-1' }));
      expect(first).toEqual({
        fresh: true,
        known: {
          identity: { id: 'rx-ident', organisationId: ORG, personId: 'rx-person', platform: 'teams', externalUserId: '29:rut', address: { conv: 'a:1' } },
          person: { id: 'rx-person', organisationId: ORG, displayName: 'Rut', locale: 'nb', timeZone: 'Europe/Oslo' },
        },
        active: null,
      });
      const created = await store.transaction((r) => r.flowRuns.create(run({ personId: 'rx-person', id: 'rx-run', answers: { name: 'Rut', langs: ['nb', 'en'] } })));
      const second = await store.transaction((r) => r.inbox.receive({ ...key, dedupeKey: 'rx-2' }));
      expect(second.active).toEqual(await store.transaction((r) => r.flowRuns.findActive(ORG, 'rx-person')));
      expect(second.active?.id).toBe(created.id);
      const retried = await store.transaction((r) => r.inbox.receive({ ...key, dedupeKey: 'rx-2' }));
      expect(retried.fresh).toBe(false);
      // Another platform's user with the same id is somebody else.
      expect(await store.transaction((r) => r.inbox.receive({ ...key, platform: 'slack', dedupeKey: 'rx-3' }))).toEqual({ fresh: true, known: null, active: null });
    });

    it('is true the first time and false after', async () => {
      expect(await store.transaction((r) => fresh(r, ORG, 'evt-a'))).toBe(true);
      expect(await store.transaction((r) => fresh(r, ORG, 'evt-a'))).toBe(false);
    });

    it('leaves the transaction usable after a duplicate', async () => {
      await store.transaction(async (r) => {
        expect(await fresh(r, ORG, 'evt-b')).toBe(true);
        expect(await fresh(r, ORG, 'evt-b')).toBe(false);
        // On PostgreSQL a failed statement would abort the transaction and this write would fail.
        await r.people.create({ id: 'person-after-dup', organisationId: ORG, displayName: 'Bo', locale: 'en', timeZone: 'UTC' });
      });
      expect(await db.prisma.person.count({ where: { id: 'person-after-dup' } })).toBe(1);
    });

    it('lets exactly one of two concurrent transactions claim the same id', async () => {
      const results = await Promise.all(
        [1, 2].map(() => store.transaction((r) => fresh(r, ORG, 'evt-concurrent'))),
      );
      expect(results.sort()).toEqual([false, true]);
    });

    it('forgets the id when its transaction rolls back, so the retry is processed', async () => {
      await expect(
        store.transaction(async (r) => {
          await fresh(r, ORG, 'evt-c');
          throw new Error('crash');
        }),
      ).rejects.toThrow('crash');
      expect(await store.transaction((r) => fresh(r, ORG, 'evt-c'))).toBe(true);
    });
  });
});
