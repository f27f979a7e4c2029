import type { OutboxEntry } from '../../core/domain.js';
import type { OutboxRepo } from '../../core/ports.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { Db } from './db.js';

type NewEntry = Omit<OutboxEntry, 'status' | 'attempts' | 'externalRef'>;

function columns(entry: NewEntry) {
  return {
    id: entry.id,
    organisationId: entry.organisationId,
    personId: entry.personId,
    platform: entry.platform,
    payload: entry.payload as unknown as Prisma.InputJsonObject,
    nextAttemptAt: entry.nextAttemptAt,
    // The core's clock, not the database's: delivery order is createdAt then id.
    createdAt: entry.createdAt,
  };
}

/** The write side of the outbox, used inside flow transactions (delivery is PrismaOutboxQueue). */
export class PrismaOutboxRepo implements OutboxRepo {
  constructor(private readonly db: Db) {}

  async enqueue(entry: NewEntry): Promise<void> {
    await this.db.outboxMessage.create({ data: columns(entry) });
  }

  async enqueueMany(entries: NewEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.outboxMessage.createMany({ data: entries.map(columns) });
  }
}
