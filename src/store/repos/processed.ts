import type { ProcessedInboundRepo } from '../../core/ports.js';
import type { Db } from './db.js';

export class PrismaProcessedInboundRepo implements ProcessedInboundRepo {
  constructor(private readonly db: Db) {}

  /**
   * INSERT … ON CONFLICT DO NOTHING (what skipDuplicates compiles to on PostgreSQL). Catching a
   * unique violation instead would leave the surrounding PostgreSQL transaction aborted, and
   * the work that follows in it would fail. A concurrent duplicate waits for the first
   * transaction and then inserts nothing, so exactly one of them sees `true`.
   */
  async markProcessed(organisationId: string, dedupeKey: string): Promise<boolean> {
    const { count } = await this.db.processedInbound.createMany({
      data: [{ organisationId, dedupeKey }],
      skipDuplicates: true,
    });
    return count === 1;
  }
}
