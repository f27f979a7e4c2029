/**
 * A feature for the job tests, shared by the test files and the child processes: its jobs leave
 * one AuditEvent each (action RAN, subject the job's key, the time the job saw), so "ran exactly
 * once" is a count of real rows.
 */
import type { ScheduledJob } from '../../../src/core/domain.js';
import type { Feature } from '../../../src/core/kernel/feature.js';
import type { Work } from '../../../src/core/kernel/work.js';

export const RAN = 'test.job.ran';
/** Records its effect. */
export const EFFECT = 'test.effect';
/** Throws while its attempts are at most `payload.failures`, then records its effect. */
export const FLAKY = 'test.flaky';

export interface TestFeatureOptions {
  /** Runs before the effect is recorded (a child signals and hangs here; a slow job sleeps). */
  before?: (job: ScheduledJob) => Promise<void>;
}

export function testFeature(options: TestFeatureOptions = {}): Feature {
  const record = async (work: Work, job: ScheduledJob) => {
    await options.before?.(job);
    await work.repos.audit.record({
      organisationId: work.organisation.id,
      actorPersonId: null,
      action: RAN,
      subjectType: 'job',
      subjectId: job.key,
      data: { at: work.clock.now().toISOString(), attempts: job.attempts, pid: process.pid },
    });
  };
  return {
    name: 'test-jobs',
    jobs: [
      { kind: EFFECT, run: record },
      {
        kind: FLAKY,
        run: async (work, job) => {
          const failures = typeof job.payload.failures === 'number' ? job.payload.failures : 0;
          if (job.attempts <= failures) throw new Error(`flaky attempt ${job.attempts} failed`);
          await record(work, job);
        },
      },
    ],
  };
}
