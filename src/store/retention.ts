/**
 * The retention period of the bot's copies of messages (src/core/kernel/retention.ts), applied
 * across organisations: older copies that were sent or given up lose their words (the payload
 * becomes the erased marker; the row stays for ordering and ids), and older files go, unless a
 * pending message still carries them. PrismaHousekeeping exposes it to the scheduler.
 */
import { ERASED_MESSAGE, retentionCutoff } from '../core/kernel/retention.js';
import type { Clock, Housekeeping, Logger } from '../core/ports.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';

/**
 * Copies erased per statement: each is a short transaction of its own, so the outbox is never
 * held long; a backlog (the first run after an upgrade) is worked through in up to
 * ERASE_BATCHES per call, and the next hour continues.
 */
const ERASE_BATCH = 1000;
const ERASE_BATCHES = 100;

export async function eraseCopiesBefore(prisma: PrismaClient, before: Date): Promise<{ payloads: number; files: number }> {
  const cutoff = Prisma.sql`CAST(${before.toISOString()} AS timestamp(3))`;
  let payloads = 0;
  for (let i = 0; i < ERASE_BATCHES; i += 1) {
    // Pending rows are still to be delivered; SKIP LOCKED leaves a row someone holds to the next run.
    const erased = await prisma.$executeRaw(Prisma.sql`
      UPDATE "OutboxMessage" SET "payload" = CAST(${JSON.stringify(ERASED_MESSAGE)} AS jsonb)
      WHERE "id" IN (
        SELECT "id" FROM "OutboxMessage"
        WHERE "status" <> 'pending' AND "createdAt" < ${cutoff} AND NOT ("payload" @> '{"erased": true}'::jsonb)
        LIMIT ${ERASE_BATCH}
        FOR UPDATE SKIP LOCKED)`);
    payloads += erased;
    if (erased < ERASE_BATCH) break;
  }
  const files = await prisma.$executeRaw(Prisma.sql`
    DELETE FROM "StoredFile" f
    WHERE f."createdAt" < ${cutoff}
      AND NOT EXISTS (
        SELECT 1 FROM "OutboxMessage" o
        WHERE o."organisationId" = f."organisationId" AND o."status" = 'pending'
          AND f."id" IN (o."payload"->'image'->>'fileId', o."payload"->'file'->>'fileId'))`);
  return { payloads, files };
}

/** The hourly retention tick: erases copies older than the retention period, and logs counts only. */
export async function eraseOldCopies(housekeeping: Pick<Housekeeping, 'eraseOldCopies'>, clock: Clock, log: Logger): Promise<void> {
  const erased = await housekeeping.eraseOldCopies(retentionCutoff(clock.now()));
  if (erased.payloads > 0 || erased.files > 0) log.info('old message copies erased', erased);
}
