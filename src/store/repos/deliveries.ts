import { UNDELIVERABLE_ACTION } from '../../core/outbox/dispatcher.js';
import { DELIVERY_FAILURES, type DeliveryFailure } from '../../core/outbox/sender.js';
import type { DeliveryRepo, UndeliveredSummary } from '../../core/features/help/ports.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { Db } from './db.js';

/** Rows per person and reason; a coordinator's view shows a handful and counts the rest. */
const MAX_ROWS = 50;

interface Row {
  personId: string;
  displayName: string;
  reason: string | null;
  count: number;
  lastAt: Date;
}

/**
 * Reads the audit entries the outbox dispatcher writes when it gives a message up (subject: the
 * recipient, data.reason: a DeliveryFailure), not the outbox rows: those lose their words to
 * retention and erasure, while the audit entry holds only ids and the reason's code.
 */
export class PrismaDeliveryRepo implements DeliveryRepo {
  constructor(private readonly db: Db) {}

  async undelivered(organisationId: string, coordinatorId: string | null, since: Date): Promise<UndeliveredSummary[]> {
    const scope =
      coordinatorId === null
        ? Prisma.empty
        : Prisma.sql`AND a."subjectId" IN (
            SELECT m."personId" FROM "Membership" m
            WHERE m."organisationId" = ${organisationId}
              AND m."programmeId" IN (
                SELECT c."programmeId" FROM "Membership" c
                WHERE c."organisationId" = ${organisationId} AND c."personId" = ${coordinatorId}
                  AND c."role" = 'coordinator' AND c."status" = 'active'))`;
    const rows = await this.db.$queryRaw<Row[]>(Prisma.sql`
      SELECT a."subjectId" AS "personId", p."displayName", a."data"->>'reason' AS "reason", count(*)::int AS "count", max(a."at") AS "lastAt"
      FROM "AuditEvent" a
      JOIN "Person" p ON p."organisationId" = a."organisationId" AND p."id" = a."subjectId"
      WHERE a."organisationId" = ${organisationId} AND a."action" = ${UNDELIVERABLE_ACTION} AND a."subjectType" = 'Person' AND a."at" >= ${since}
        ${scope}
      GROUP BY a."subjectId", p."displayName", a."data"->>'reason'
      ORDER BY max(a."at") DESC, a."subjectId"
      LIMIT ${MAX_ROWS}`);
    return rows.map((row) => ({ personId: row.personId, displayName: row.displayName, reason: toFailure(row.reason), count: row.count, lastAt: row.lastAt }));
  }
}

/** An unknown code (an older or newer dispatcher's) reads as "refused", the most general reason. */
function toFailure(code: string | null): DeliveryFailure {
  return (DELIVERY_FAILURES as readonly string[]).includes(code ?? '') ? (code as DeliveryFailure) : 'refused';
}
