/**
 * Runs scheduled jobs that are due. A job is claimed with a lease (JobQueue.claimDue), then run
 * in its own unit of work whose first statement marks it done, checked against the claim's lease
 * token: the job's effects (outbox messages, state changes) and its completion commit together
 * or not at all. If the process dies mid-job nothing commits, and the lease running out makes
 * the job due again; if a slow run outlives its lease and another process claims the job, the
 * slow run's `finish` finds a different token and rolls back, so a job's effects never commit
 * twice. A handler that throws rolls back too, and the job is retried with exponential back-off
 * until MAX_JOB_ATTEMPTS, then failed for good.
 *
 * Assumption: a job is short (a few statements and messages, well under a second), so a lease
 * of a minute covers a whole claimed batch run one job after another. A job that needs longer
 * must split its work into further jobs.
 */
import type { ScheduledJob } from '../../domain.js';
import { backoffMs } from '../../outbox/dispatcher.js';
import type { Clock, IdSource, JobQueue, Logger } from '../../ports.js';
import type { Registry } from '../registry.js';
import type { Units } from '../unit-of-work.js';

/** Attempts before a job is failed for good; back-off from 1 s doubling gives it about 8 minutes. */
export const MAX_JOB_ATTEMPTS = 10;
export const JOB_LEASE_MS = 60_000;
/** Jobs claimed per statement; small, so the last of a batch starts well within the lease. */
const BATCH = 10;

/** The claim no longer holds the job (its lease ran out and another claim took it): nothing of this run may commit. */
export class LeaseLostError extends Error {
  constructor(jobId: string) {
    super(`lease on job ${jobId} was lost`);
    this.name = 'LeaseLostError';
  }
}

export interface JobRunnerDeps {
  queue: JobQueue;
  units: Pick<Units, 'forOrganisation'>;
  registry: Pick<Registry, 'jobs'>;
  clock: Clock;
  /** Lease tokens: one per claim, unique across processes. */
  ids: Pick<IdSource, 'next'>;
  log: Logger;
  leaseMs?: number;
  maxAttempts?: number;
}

export class JobRunner {
  private running: Promise<number> | null = null;
  private again = false;
  private closed = false;

  constructor(private readonly deps: JobRunnerDeps) {}

  /**
   * Runs what is due, one loop at a time: a kick while a loop runs makes it go round once more
   * (seeing the clock as it is then) and shares its result. For the scheduler and the demo clock.
   */
  kick(): Promise<number> {
    if (this.closed) return Promise.resolve(0);
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const loop = (async () => {
      let total = 0;
      do {
        this.again = false;
        total += await this.runDue();
      } while (this.again && !this.closed);
      return total;
    })().finally(() => {
      this.running = null;
    });
    this.running = loop;
    return loop;
  }

  /** No more kicks; resolves when the loop under way (if any) has finished (before the database closes). */
  async close(): Promise<void> {
    this.closed = true;
    await this.running?.catch(() => undefined);
  }

  /**
   * Claims and runs due jobs until none are left; returns how many it took (done, retried or
   * given up). Throws only when the database does (claiming, or recording a failure): jobs
   * claimed and not yet run then wait for their lease to run out.
   */
  async runDue(): Promise<number> {
    const { queue, clock, ids } = this.deps;
    const leaseMs = this.deps.leaseMs ?? JOB_LEASE_MS;
    let taken = 0;
    for (;;) {
      const now = clock.now();
      const token = ids.next();
      const batch = await queue.claimDue(now, BATCH, new Date(now.getTime() + leaseMs), token);
      for (const job of batch) await this.runOne(job, token);
      taken += batch.length;
      if (batch.length < BATCH) return taken;
    }
  }

  private async runOne(job: ScheduledJob, token: string): Promise<void> {
    const { queue, units, registry, clock, log } = this.deps;
    const maxAttempts = this.deps.maxAttempts ?? MAX_JOB_ATTEMPTS;
    const ids = { jobId: job.id, organisationId: job.organisationId, kind: job.kind, attempts: job.attempts };
    const handler = registry.jobs.get(job.kind);
    if (!handler) {
      // A kind no feature declares (removed, or a typo): retrying cannot help.
      log.error('job of unknown kind, given up', ids);
      await queue.fail(job.id, token, `unknown job kind "${job.kind}": no feature declares it`, null);
      return;
    }
    if (job.attempts > maxAttempts) {
      // Attempts count claims, so only a run that never reported back gets here: the process
      // stopped (crashed, killed) during every one of them. Running it again would stop it again.
      log.error('job given up: its process stopped during every attempt', ids);
      await queue.fail(job.id, token, `gave up after ${maxAttempts} attempts whose process stopped before they finished`, null);
      return;
    }
    try {
      await units.forOrganisation(
        job.organisationId,
        async (work) => {
          if (!(await work.repos.jobs.finish(job.organisationId, job.id, token, clock.now()))) throw new LeaseLostError(job.id);
          await handler.run(work, job);
        },
        `job ${job.kind}`,
      );
    } catch (error) {
      if (error instanceof LeaseLostError) {
        // Another claim holds it now and will run it; this run's effects were rolled back.
        log.warn('job lease lost, left to the claim that took it', ids);
        return;
      }
      const giveUp = job.attempts >= maxAttempts;
      const next = giveUp ? null : new Date(clock.now().getTime() + backoffMs(job.attempts));
      const reason = error instanceof Error ? error.message : String(error);
      // Ids and the error only: the payload may carry what a person wrote.
      log.warn('job failed', { ...ids, giveUp, reason });
      await queue.fail(job.id, token, reason, next);
    }
  }
}
