/**
 * Runs the Teams test app's due jobs once, as the scheduler in main.ts does on its tick (the
 * test app has no scheduler of its own): e.g. the reflection job a logged meeting schedules for
 * "now", whose rating questions then go out through the outbox to Teams.
 */
import { JobRunner } from '../../../src/core/kernel/jobs/runner.js';
import { createIdSource } from '../../../src/ids.js';
import { createLogger } from '../../../src/log.js';
import { PrismaJobQueue } from '../../../src/store/job-queue.js';
import type { TeamsTestApp } from './app.js';
import { deliverDue } from '../outbox-drain.js';

export async function runDueJobs(app: TeamsTestApp): Promise<void> {
  const clock = { now: () => new Date() };
  const runner = new JobRunner({ queue: new PrismaJobQueue(app.prisma, clock), units: app.core.units, registry: app.core.registry, clock, ids: createIdSource(), log: createLogger('silent') });
  await runner.runDue();
  await deliverDue(app);
}
