/** Upkeep queries that span organisations; only the scheduler calls them. */
import type { Housekeeping } from '../core/ports.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { eraseCopiesBefore } from './retention.js';

export class PrismaHousekeeping implements Housekeeping {
  constructor(private readonly prisma: PrismaClient) {}

  /** Pending rows are never pruned, however old: they are work still owed to someone. */
  async pruneInbox(before: Date): Promise<number> {
    const { count } = await this.prisma.inboxItem.deleteMany({ where: { status: { not: 'pending' }, receivedAt: { lt: before } } });
    return count;
  }

  /** The retention period of message copies (src/store/retention.ts). */
  eraseOldCopies(before: Date): Promise<{ payloads: number; files: number }> {
    return eraseCopiesBefore(this.prisma, before);
  }
}
