/**
 * The delivery side of the outbox, used by the dispatcher outside any flow transaction. Several
 * processes may deliver at once: a claim is one UPDATE whose row choice uses FOR UPDATE SKIP
 * LOCKED, so two claims never take the same message, and the lease it sets (nextAttemptAt moved
 * to leaseUntil while the status stays pending) makes a message whose sender crashed due again.
 */
import type { OutboxEntry } from '../core/domain.js';
import type { Platform } from '../core/messages.js';
import type { OutboxQueue, Recipient, RecipientKey } from '../core/ports.js';
import { type OutboxMessage as OutboxRow, Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { toNullableJson, toOutboxEntry } from './mappers.js';

/** Platform error texts can be long (HTML error pages); keep what helps and no more. */
const MAX_ERROR_LENGTH = 1000;

interface RecipientRow {
  externalUserId: string;
  address: unknown;
  tenant: string;
  locale: string;
}

const toRecipient = (row: RecipientRow): Recipient => ({ externalUserId: row.externalUserId, tenant: row.tenant, address: row.address ?? null, locale: row.locale });

export class PrismaOutboxQueue implements OutboxQueue {
  constructor(private readonly prisma: PrismaClient) {}

  async claimDue(platform: Platform, now: Date, limit: number, leaseUntil: Date): Promise<OutboxEntry[]> {
    if (limit <= 0) return [];
    return (await this.leaseDue(platform, now, limit, leaseUntil)).map(toOutboxEntry);
  }

  /**
   * Leases due messages in creation order and returns them, in one statement. A message is held
   * back while an earlier pending message to the same person on the same platform is not due
   * (backing off after a failure, or leased by another process): a person must never get
   * message 2 before message 1, and a message that replaces a prompt needs the prompt's message
   * sent first.
   */
  private leaseDue(platform: Platform, now: Date, limit: number, leaseUntil: Date): Promise<OutboxRow[]> {
    return this.prisma.$queryRaw<OutboxRow[]>(Prisma.sql`
      WITH claimed AS (
        UPDATE "OutboxMessage" SET "nextAttemptAt" = ${leaseUntil}
        WHERE "id" IN (
          SELECT o."id" FROM "OutboxMessage" o
          WHERE o."status" = 'pending'
            AND o."platform" = CAST(${platform} AS "Platform")
            AND o."nextAttemptAt" <= ${now}
            AND NOT EXISTS (
              SELECT 1 FROM "OutboxMessage" e
              WHERE e."organisationId" = o."organisationId"
                AND e."personId" = o."personId"
                AND e."platform" = o."platform"
                AND e."status" = 'pending'
                AND e."nextAttemptAt" > ${now}
                AND (e."createdAt", e."id") < (o."createdAt", o."id"))
          ORDER BY o."createdAt", o."id"
          LIMIT ${limit}
          FOR UPDATE OF o SKIP LOCKED)
        RETURNING *)
      SELECT * FROM claimed ORDER BY "createdAt", "id"`);
  }

  async markSent(id: string, sentAt: Date, externalRef: unknown): Promise<void> {
    await this.prisma.outboxMessage.update({
      where: { id },
      data: { status: 'sent', sentAt, externalRef: toNullableJson(externalRef) },
    });
  }

  async markFailed(id: string, error: string, nextAttemptAt: Date | null): Promise<void> {
    await this.prisma.outboxMessage.update({
      where: { id },
      data: {
        attempts: { increment: 1 },
        lastError: error.slice(0, MAX_ERROR_LENGTH),
        // Giving up keeps nextAttemptAt as it was: status alone takes the message out of the queue.
        ...(nextAttemptAt === null ? { status: 'failed' as const } : { nextAttemptAt }),
      },
    });
  }

  async release(id: string, at: Date): Promise<void> {
    await this.prisma.outboxMessage.updateMany({ where: { id, status: 'pending' }, data: { nextAttemptAt: at } });
  }

  /** One statement: the newest identity on the platform, joined with its organisation and person. */
  async recipient(organisationId: string, personId: string, platform: Platform): Promise<Recipient | null> {
    const rows = await this.prisma.$queryRaw<RecipientRow[]>(Prisma.sql`
      SELECT i."externalUserId", i."address", o."externalId" AS "tenant", p."locale"
      FROM "ChannelIdentity" i
      JOIN "Organisation" o ON o."id" = i."organisationId"
      JOIN "Person" p ON p."id" = i."personId"
      WHERE i."organisationId" = ${organisationId} AND i."personId" = ${personId} AND i."platform" = CAST(${platform} AS "Platform")
      ORDER BY i."updatedAt" DESC
      LIMIT 1`);
    const [row] = rows;
    return row ? toRecipient(row) : null;
  }

  async recipients(keys: readonly RecipientKey[]): Promise<(Recipient | null)[]> {
    const keyOf = (k: RecipientKey) => `${k.organisationId}\u0000${k.personId}\u0000${k.platform}`;
    const distinct = [...new Map(keys.map((k) => [keyOf(k), k])).values()];
    if (distinct.length === 0) return [];
    const wanted = Prisma.join(distinct.map((k) => Prisma.sql`(${k.organisationId}, ${k.personId}, CAST(${k.platform} AS "Platform"))`));
    // The newest identity per (organisation, person, platform), as `recipient` picks it.
    const rows = await this.prisma.$queryRaw<(RecipientRow & { organisationId: string; personId: string; platform: Platform })[]>(Prisma.sql`
      SELECT DISTINCT ON (i."organisationId", i."personId", i."platform")
        i."organisationId", i."personId", i."platform"::text AS "platform", i."externalUserId", i."address", o."externalId" AS "tenant", p."locale"
      FROM "ChannelIdentity" i
      JOIN "Organisation" o ON o."id" = i."organisationId"
      JOIN "Person" p ON p."id" = i."personId"
      WHERE (i."organisationId", i."personId", i."platform") IN (${wanted})
      ORDER BY i."organisationId", i."personId", i."platform", i."updatedAt" DESC`);
    const found = new Map(rows.map((row) => [keyOf(row), toRecipient(row)]));
    return keys.map((k) => found.get(keyOf(k)) ?? null);
  }

  async saveAddress(organisationId: string, personId: string, platform: Platform, address: unknown): Promise<void> {
    await this.prisma.channelIdentity.updateMany({ where: { organisationId, personId, platform }, data: { address: toNullableJson(address) } });
  }

  async findRefForPrompt(organisationId: string, personId: string, promptId: string): Promise<unknown> {
    const row = await this.prisma.outboxMessage.findFirst({
      where: { organisationId, personId, status: 'sent', payload: { path: ['prompt', 'id'], equals: promptId } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { externalRef: true },
    });
    return row?.externalRef ?? null;
  }

  async listForPerson(organisationId: string, personId: string, limit: number): Promise<OutboxEntry[]> {
    const rows = await this.prisma.outboxMessage.findMany({
      where: { organisationId, personId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
    return rows.reverse().map(toOutboxEntry);
  }
}
