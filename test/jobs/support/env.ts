/**
 * A real database with the job machinery around it, as main.ts wires it: PrismaStore, Units over
 * a Registry of the test feature, PrismaJobQueue and a JobRunner, one organisation, and a clock
 * the test moves. Effects and job rows are read back from the database.
 */
import type { NewJob } from '../../../src/core/domain.js';
import type { Feature } from '../../../src/core/kernel/feature.js';
import { JobRunner } from '../../../src/core/kernel/jobs/runner.js';
import { Registry } from '../../../src/core/kernel/registry.js';
import { Units } from '../../../src/core/kernel/unit-of-work.js';
import type { Clock } from '../../../src/core/ports.js';
import type { ScheduledJob as JobRow } from '../../../src/generated/prisma/client.js';
import { createIdSource } from '../../../src/ids.js';
import { createLogger } from '../../../src/log.js';
import { PrismaJobQueue } from '../../../src/store/job-queue.js';
import { PrismaStore } from '../../../src/store/prisma-store.js';
import { TestClock } from '../../support/clock.js';
import { createTestDatabase, type TestBackend, type TestDatabase } from '../../support/db.js';
import { RAN, testFeature } from './feature.js';
import { texts } from './texts.js';

export interface JobsEnvOptions {
  backend?: TestBackend;
  feature?: Feature;
  /** The runner's clock (a TestClock unless given). */
  clock?: Clock;
}

export interface Effect {
  key: string;
  at: string;
  attempts: number;
  pid: number;
}

export async function createJobsEnv(options: JobsEnvOptions = {}) {
  const db: TestDatabase = await createTestDatabase({ backend: options.backend });
  const testClock = new TestClock();
  const clock = options.clock ?? testClock;
  const ids = createIdSource(() => clock.now().getTime());
  const store = new PrismaStore(db.prisma, { ids, clock, timeoutMs: 30_000 });
  const registry = new Registry([options.feature ?? testFeature()]);
  const logLines: string[] = [];
  const log = createLogger('info', (line) => logLines.push(line));
  const units = new Units({ store, clock, ids, texts, log, registry });
  const queue = new PrismaJobQueue(db.prisma, clock);
  const runner = new JobRunner({ queue, units, registry, clock, ids, log });
  const organisationId = ids.next();
  await store.transaction((r) => r.organisations.create({ id: organisationId, name: 'Jobs', platform: 'playground', externalId: `jobs-${organisationId}` }));
  return {
    db,
    prisma: db.prisma,
    clock: testClock,
    ids,
    units,
    queue,
    runner,
    organisationId,
    logLines,
    /** Schedules in a unit of work, as a feature does; true when created. */
    schedule: (job: NewJob) => units.forOrganisation(organisationId, (work) => work.schedule(job)),
    /** Every job effect recorded, in the order recorded. */
    async effects(): Promise<Effect[]> {
      const rows = await db.prisma.auditEvent.findMany({ where: { action: RAN }, orderBy: [{ id: 'asc' }] });
      return rows.map((row) => ({ key: row.subjectId, ...(row.data as { at: string; attempts: number; pid: number }) }));
    },
    job: (key: string): Promise<JobRow | null> => db.prisma.scheduledJob.findFirst({ where: { organisationId, uniqueKey: key } }),
    close: () => db.close(),
  };
}

export type JobsEnv = Awaited<ReturnType<typeof createJobsEnv>>;
