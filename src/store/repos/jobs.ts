import type { NewJob } from '../../core/domain.js';
import type { Clock, IdSource, JobRepo } from '../../core/ports.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { Db } from './db.js';

/**
 * The unit-of-work side of ScheduledJob: scheduling and finishing run in the transaction of the
 * work around them, so a job is scheduled exactly when the work that asked for it commits, and
 * marked done exactly when its own effects commit. Claiming is PrismaJobQueue (outside any unit).
 * Raw SQL where Prisma has no single statement for it (INSERT … ON CONFLICT DO NOTHING).
 */
export class PrismaJobRepo implements JobRepo {
  constructor(
    private readonly db: Db,
    private readonly ids: Pick<IdSource, 'next'>,
    private readonly clock: Clock,
  ) {}

  /**
   * ON CONFLICT DO NOTHING rather than catching the unique violation: a failed statement would
   * abort the surrounding PostgreSQL transaction. A concurrent insert of the same key waits for
   * the other transaction and then inserts nothing, so exactly one of them gets true. The key
   * stays taken after the job ran (done rows are kept), so scheduling it again does nothing.
   */
  async schedule(organisationId: string, job: NewJob): Promise<boolean> {
    const now = this.clock.now();
    const inserted = await this.db.$executeRaw(Prisma.sql`
      INSERT INTO "ScheduledJob" ("id", "organisationId", "kind", "uniqueKey", "dueAt", "payload", "createdAt", "updatedAt")
      VALUES (${this.ids.next()}, ${organisationId}, ${job.kind}, ${job.key}, ${job.dueAt}, CAST(${JSON.stringify(job.payload ?? {})} AS jsonb), ${now}, ${now})
      ON CONFLICT ("organisationId", "uniqueKey") DO NOTHING`);
    return inserted === 1;
  }

  /**
   * Deletes rather than marks, so the key can be scheduled again later (a reminder set anew).
   * A 'running' job has not committed anything yet, so it is still cancellable: its runner's
   * `finish` then finds no row, and its effects roll back. A job being finished right now holds
   * its row lock; this waits for that commit and then finds it done (nothing to cancel).
   */
  async cancel(organisationId: string, key: string): Promise<boolean> {
    const deleted = await this.db.$executeRaw(Prisma.sql`
      DELETE FROM "ScheduledJob"
      WHERE "organisationId" = ${organisationId} AND "uniqueKey" = ${key} AND "status" IN ('pending', 'running')`);
    return deleted === 1;
  }

  /**
   * Done only while this claim still holds the job: if the lease ran out and another claim took
   * it, the token differs and nothing is written, so the job's effects commit at most once. The
   * UPDATE locks the row to the end of the transaction, and a concurrent claim skips locked rows.
   */
  async finish(organisationId: string, id: string, leaseToken: string, now: Date): Promise<boolean> {
    const updated = await this.db.$executeRaw(Prisma.sql`
      UPDATE "ScheduledJob"
      SET "status" = 'done', "finishedAt" = ${now}, "lockedUntil" = NULL, "lastError" = NULL, "updatedAt" = ${now}
      WHERE "organisationId" = ${organisationId} AND "id" = ${id} AND "leaseToken" = ${leaseToken} AND "status" = 'running'`);
    return updated === 1;
  }
}
