import type { OutboxEntry } from '../../core/domain.js';
import type { OutboxRepo } from '../../core/ports.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { Db } from './db.js';

type NewEntry = Omit<OutboxEntry, 'status' | 'attempts' | 'externalRef'>;

/** The write side of the outbox, used inside flow transactions (delivery is PrismaOutboxQueue). */
export class PrismaOutboxRepo implements OutboxRepo {
  constructor(private readonly db: Db) {}

  /** One message: the same statement as a turn's replies, so both write the same columns. */
  enqueue(entry: NewEntry): Promise<void> {
    return this.enqueueMany([entry]);
  }

  /**
   * Every reply of a turn in one INSERT: the rows come in as parallel arrays, unnested side by
   * side. Raw SQL because it runs on every inbound, and Prisma's createMany costs about three
   * times the CPU of this statement. Dates go in as ISO strings cast to `timestamp(3)`, which
   * keeps their UTC digits, as Prisma stores DateTime. createdAt is the core's clock, not the
   * database's: delivery order is createdAt then id.
   */
  async enqueueMany(entries: NewEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const column = <T>(pick: (e: NewEntry) => T) => entries.map(pick);
    await this.db.$executeRaw(Prisma.sql`
      INSERT INTO "OutboxMessage" ("id", "organisationId", "personId", "platform", "payload", "nextAttemptAt", "createdAt")
      SELECT "id", "organisationId", "personId", CAST("platform" AS "Platform"), "payload", "nextAttemptAt", "createdAt"
      FROM unnest(
        CAST(${column((e) => e.id)} AS text[]),
        CAST(${column((e) => e.organisationId)} AS text[]),
        CAST(${column((e) => e.personId)} AS text[]),
        CAST(${column((e) => e.platform)} AS text[]),
        CAST(${column((e) => JSON.stringify(e.payload))} AS jsonb[]),
        CAST(${column((e) => e.nextAttemptAt.toISOString())} AS timestamp(3)[]),
        CAST(${column((e) => e.createdAt.toISOString())} AS timestamp(3)[])
      ) AS t("id", "organisationId", "personId", "platform", "payload", "nextAttemptAt", "createdAt")`);
  }
}
