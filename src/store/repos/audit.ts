import type { AuditEntry } from '../../core/domain.js';
import type { AuditRepo, Clock, IdSource } from '../../core/ports.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { Db } from './db.js';

/**
 * AuditEntry carries neither an id nor a time, so the store supplies both from the sources it
 * was given (the core's, in the app; deterministic ones in tests).
 */
export class PrismaAuditRepo implements AuditRepo {
  constructor(
    private readonly db: Db,
    private readonly ids: Pick<IdSource, 'next'>,
    private readonly clock: Clock,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.auditEvent.create({
      data: {
        id: this.ids.next(),
        organisationId: entry.organisationId,
        actorPersonId: entry.actorPersonId,
        action: entry.action,
        subjectType: entry.subjectType,
        subjectId: entry.subjectId,
        data: (entry.data ?? {}) as Prisma.InputJsonObject,
        at: this.clock.now(),
      },
    });
  }
}
