import type { OutboxEntry } from '../../core/domain.js';
import type { OutboxRepo } from '../../core/ports.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { Db } from './db.js';

/** The write side of the outbox, used inside flow transactions (delivery is PrismaOutboxQueue). */
export class PrismaOutboxRepo implements OutboxRepo {
  constructor(private readonly db: Db) {}

  async enqueue(entry: Omit<OutboxEntry, 'status' | 'attempts' | 'externalRef'>): Promise<void> {
    await this.db.outboxMessage.create({
      data: {
        id: entry.id,
        organisationId: entry.organisationId,
        personId: entry.personId,
        platform: entry.platform,
        payload: entry.payload as unknown as Prisma.InputJsonObject,
        nextAttemptAt: entry.nextAttemptAt,
        // The core's clock, not the database's: delivery order is createdAt then id.
        createdAt: entry.createdAt,
      },
    });
  }
}
