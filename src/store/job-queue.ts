/**
 * The claiming side of scheduled jobs, used by the JobRunner outside any unit of work.
 *
 * Why our own table rather than a queue library (pg-boss was allowed, and has a PGlite adapter):
 * a job's completion must commit in the SAME transaction as its effects (outbox rows, state
 * changes), so a job never runs twice nor is lost. A queue library completes jobs through its
 * own connection and transaction, which leaves a window where the effects committed and the
 * completion did not (the job runs again) or the other way round (its effects are lost). Here
 * `JobRepo.finish` runs inside the job's unit of work, checked against the claim's lease token.
 *
 * Lifecycle: pending → (claimDue) running with a lease → done (finish, in the unit of work), or
 * back to pending at a later dueAt (fail with a retry), or failed (fail, given up). A claimed
 * job goes 'running' rather than staying 'pending' as outbox messages do, so what is running now
 * can be read off the table; a running job whose lease ran out (its process died) is due again.
 *
 * Attempts count claims: an attempt counts when it starts, so one that failed and one whose
 * lease ran out have both been counted, and a job that kills its process every time is given up
 * by the runner after its maximum like any other failing job.
 */
import type { Answers, ScheduledJob } from '../core/domain.js';
import type { Clock, JobQueue } from '../core/ports.js';
import { Prisma, type PrismaClient, type ScheduledJob as JobRow } from '../generated/prisma/client.js';

/** Error texts can be long (a stack in a message); keep what helps and no more. */
const MAX_ERROR_LENGTH = 1000;

/** A claimable job: pending and due, or running with its lease run out (its process died). */
const claimable = (now: Date) => Prisma.sql`
  (("status" = 'pending' AND "dueAt" <= ${now}) OR ("status" = 'running' AND "lockedUntil" <= ${now}))`;

export class PrismaJobQueue implements JobQueue {
  constructor(
    private readonly prisma: PrismaClient,
    /** Time for bookkeeping columns (updatedAt, finishedAt); the app's clock (the demo clock in the playground). */
    private readonly clock: Clock,
  ) {}

  /**
   * One statement: the row choice locks with FOR UPDATE SKIP LOCKED, so two processes claiming
   * at once take different jobs, and a job whose finish is committing right now (its row locked
   * by that transaction) is skipped rather than waited for.
   */
  async claimDue(now: Date, limit: number, leaseUntil: Date, leaseToken: string): Promise<ScheduledJob[]> {
    if (limit <= 0) return [];
    const rows = await this.prisma.$queryRaw<JobRow[]>(Prisma.sql`
      WITH claimed AS (
        UPDATE "ScheduledJob"
        SET "status" = 'running', "lockedUntil" = ${leaseUntil}, "leaseToken" = ${leaseToken}, "attempts" = "attempts" + 1, "updatedAt" = ${now}
        WHERE "id" IN (
          SELECT "id" FROM "ScheduledJob"
          WHERE ${claimable(now)}
          ORDER BY "dueAt", "id"
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING *)
      SELECT * FROM claimed ORDER BY "dueAt", "id"`);
    return rows.map(toScheduledJob);
  }

  /**
   * Only while `leaseToken` still holds the job: a runner whose lease was lost must not undo the
   * claim that took it over. A retry clears the lease and moves dueAt; giving up keeps dueAt.
   */
  async fail(id: string, leaseToken: string, error: string, nextAttemptAt: Date | null): Promise<void> {
    const now = this.clock.now();
    const lastError = error.slice(0, MAX_ERROR_LENGTH);
    const outcome =
      nextAttemptAt === null
        ? Prisma.sql`"status" = 'failed', "finishedAt" = ${now}`
        : Prisma.sql`"status" = 'pending', "dueAt" = ${nextAttemptAt}`;
    await this.prisma.$executeRaw(Prisma.sql`
      UPDATE "ScheduledJob"
      SET ${outcome}, "lockedUntil" = NULL, "leaseToken" = NULL, "lastError" = ${lastError}, "updatedAt" = ${now}
      WHERE "id" = ${id} AND "leaseToken" = ${leaseToken} AND "status" = 'running'`);
  }

  /** The first moment at or before `until` when a job can be claimed: a pending one's dueAt, a running one's lease end. */
  async nextDue(until: Date): Promise<Date | null> {
    const rows = await this.prisma.$queryRaw<{ at: Date | null }[]>(Prisma.sql`
      SELECT min(CASE WHEN "status" = 'pending' THEN "dueAt" ELSE "lockedUntil" END) AS "at"
      FROM "ScheduledJob"
      WHERE ${claimable(until)}`);
    return rows[0]?.at ?? null;
  }
}

function toScheduledJob(row: JobRow): ScheduledJob {
  return {
    id: row.id,
    organisationId: row.organisationId,
    kind: row.kind,
    key: row.uniqueKey,
    dueAt: row.dueAt,
    // Written only by JobRepo.schedule from an Answers value. Not validated here: a throw would
    // strand the whole claimed batch; each job kind checks the fields it reads.
    payload: row.payload as Answers,
    attempts: row.attempts,
    leaseToken: row.leaseToken,
  };
}
