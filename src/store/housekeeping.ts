/** Upkeep queries that span organisations; only the scheduler calls them. */
import type { Housekeeping } from '../core/ports.js';
import type { PrismaClient } from '../generated/prisma/client.js';

export class PrismaHousekeeping implements Housekeeping {
  constructor(private readonly prisma: PrismaClient) {}

  async pruneProcessed(before: Date): Promise<number> {
    const { count } = await this.prisma.processedInbound.deleteMany({ where: { processedAt: { lt: before } } });
    return count;
  }
}
