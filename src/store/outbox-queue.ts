/**
 * The delivery side of the outbox, used by the dispatcher outside any flow transaction. Several
 * processes may deliver at once: a claim is one UPDATE whose row choice uses FOR UPDATE SKIP
 * LOCKED, so two claims never take the same message, and the lease it sets (nextAttemptAt moved
 * to leaseUntil while the status stays pending) makes a message whose sender crashed due again.
 */
import type { OutboxEntry } from '../core/domain.js';
import type { Platform } from '../core/messages.js';
import type { OutboxQueue, Recipient } from '../core/ports.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { toNullableJson, toOutboxEntry } from './mappers.js';

/** Platform error texts can be long (HTML error pages); keep what helps and no more. */
const MAX_ERROR_LENGTH = 1000;

const OLDEST_FIRST: Prisma.OutboxMessageOrderByWithRelationInput[] = [{ createdAt: 'asc' }, { id: 'asc' }];

export class PrismaOutboxQueue implements OutboxQueue {
  constructor(private readonly prisma: PrismaClient) {}

  async claimDue(platform: Platform, now: Date, limit: number, leaseUntil: Date): Promise<OutboxEntry[]> {
    if (limit <= 0) return [];
    const ids = await this.leaseDueIds(platform, now, limit, leaseUntil);
    if (ids.length === 0) return [];
    // Leased rows are ours until leaseUntil, so reading them in a second statement is safe.
    const rows = await this.prisma.outboxMessage.findMany({ where: { id: { in: ids } }, orderBy: OLDEST_FIRST });
    return rows.map(toOutboxEntry);
  }

  /**
   * Leases due messages in creation order. A message is held back while an earlier pending
   * message to the same person on the same platform is not due (backing off after a failure, or
   * leased by another process): a person must never get message 2 before message 1, and a
   * message that replaces a prompt needs the prompt's message sent first.
   */
  private async leaseDueIds(platform: Platform, now: Date, limit: number, leaseUntil: Date): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ id: string }[]>(Prisma.sql`
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
      RETURNING "id"`);
    return rows.map((row) => row.id);
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

  async recipient(organisationId: string, personId: string, platform: Platform): Promise<Recipient | null> {
    const identity = await this.prisma.channelIdentity.findFirst({
      where: { organisationId, personId, platform },
      orderBy: { updatedAt: 'desc' },
      select: { externalUserId: true, address: true, organisation: { select: { externalId: true } }, person: { select: { locale: true } } },
    });
    if (!identity) return null;
    return { externalUserId: identity.externalUserId, tenant: identity.organisation.externalId, address: identity.address ?? null, locale: identity.person.locale };
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
