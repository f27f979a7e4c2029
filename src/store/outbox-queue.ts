/**
 * The delivery side of the outbox, used by the dispatcher outside any flow transaction. Several
 * processes may deliver at once: a claim is one UPDATE whose row choice uses FOR UPDATE SKIP
 * LOCKED, so two claims never take the same message, and the lease it sets (nextAttemptAt moved
 * to leaseUntil while the status stays pending) makes a message whose sender crashed due again.
 * Each claim writes a token of its own on its rows; renewals and outcomes (but "sent", which is a
 * fact whoever learns it) apply only while the token is still there, and every outcome clears it.
 */
import { randomUUID } from 'node:crypto';
import type { AuditEntry, OutboxEntry } from '../core/domain.js';
import type { Platform } from '../core/messages.js';
import type { ClaimedEntry, Clock, HeldBack, IdSource, OutboxQueue, Recipient, SentMark } from '../core/ports.js';
import { type OutboxMessage as OutboxRow, Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { createIdSource } from '../ids.js';
import { toNullableJson, toOutboxEntry } from './mappers.js';
import { PrismaAuditRepo } from './repos/audit.js';

/** Platform error texts can be long (HTML error pages); keep what helps and no more. */
const MAX_ERROR_LENGTH = 1000;

interface RecipientRow {
  externalUserId: string;
  address: unknown;
  tenant: string;
  locale: string;
}

/** A leased row with its recipient's columns (all null when the person has no identity there). */
type ClaimedRow = OutboxRow & { r_externalUserId: string | null; r_address: unknown; r_tenant: string | null; r_locale: string | null };

const toRecipient = (row: RecipientRow): Recipient => ({ externalUserId: row.externalUserId, tenant: row.tenant, address: row.address ?? null, locale: row.locale });

/** Where audit entries get their ids and times (the app's; tests may give their own). */
export interface OutboxQueueSources {
  ids: Pick<IdSource, 'next'>;
  clock: Clock;
}

export class PrismaOutboxQueue implements OutboxQueue {
  private readonly sources: OutboxQueueSources;

  constructor(
    private readonly prisma: PrismaClient,
    sources?: OutboxQueueSources,
  ) {
    this.sources = sources ?? { ids: createIdSource(), clock: { now: () => new Date() } };
  }

  async claimDue(platform: Platform, now: Date, limit: number, leaseUntil: Date): Promise<ClaimedEntry[]> {
    if (limit <= 0) return [];
    const leaseToken = randomUUID();
    const rows = await this.leaseDue(platform, now, limit, leaseUntil, leaseToken);
    return rows.map((row) => ({
      ...toOutboxEntry(row),
      leaseToken,
      recipient: row.r_externalUserId === null ? null : toRecipient({ externalUserId: row.r_externalUserId, address: row.r_address, tenant: row.r_tenant ?? '', locale: row.r_locale ?? '' }),
    }));
  }

  async renewLease(leaseToken: string, ids: readonly string[], leaseUntil: Date): Promise<string[]> {
    if (ids.length === 0) return [];
    // By id (the primary key), not by token alone: the token column has no index, and needs none.
    const rows = await this.prisma.$queryRaw<{ id: string }[]>(Prisma.sql`
      UPDATE "OutboxMessage" SET "nextAttemptAt" = ${leaseUntil}
      WHERE "id" = ANY(CAST(${[...ids]} AS text[])) AND "leaseToken" = ${leaseToken} AND "status" = 'pending'
      RETURNING "id"`);
    return rows.map((row) => row.id);
  }

  /**
   * Leases due messages in creation order and returns them with their recipients, in one
   * statement. Organisations take turns (each one's oldest, then each one's next, …): a weekly
   * run writes thousands per organisation at once, and each workspace or tenant has a rate of
   * its own, so oldest-first alone would start them one after another. A message is held back
   * while an earlier pending message to the same person on the same platform is not due (backing
   * off after a failure, or leased by another process): a person must never get message 2 before
   * message 1, and a message that replaces a prompt needs the prompt's message sent first. The recipient is the person's newest identity on the
   * platform, with their organisation's id there and their language.
   *
   * A row still carrying a token was claimed and never finished (every outcome clears the
   * token): its process died or lost the lease, maybe after the platform took the message. That
   * claim counts as an attempt (SET reads the row's old token), so a sender knows to look before
   * sending again (Slack: src/channels/slack/posted.ts), and a message that kills its process
   * every time ends after MAX_ATTEMPTS instead of forever.
   */
  private leaseDue(platform: Platform, now: Date, limit: number, leaseUntil: Date, leaseToken: string): Promise<ClaimedRow[]> {
    return this.prisma.$queryRaw<ClaimedRow[]>(Prisma.sql`
      WITH claimed AS (
        UPDATE "OutboxMessage" SET "nextAttemptAt" = ${leaseUntil}, "leaseToken" = ${leaseToken},
          "attempts" = "attempts" + CASE WHEN "leaseToken" IS NULL THEN 0 ELSE 1 END
        WHERE "id" IN (
          SELECT o."id" FROM "OutboxMessage" o
          JOIN (
            SELECT d."id", row_number() OVER (PARTITION BY d."organisationId" ORDER BY d."createdAt", d."id") AS "turn"
            FROM "OutboxMessage" d
            WHERE d."status" = 'pending'
              AND d."platform" = CAST(${platform} AS "Platform")
              AND d."nextAttemptAt" <= ${now}
              AND NOT EXISTS (
                SELECT 1 FROM "OutboxMessage" e
                WHERE e."organisationId" = d."organisationId"
                  AND e."personId" = d."personId"
                  AND e."platform" = d."platform"
                  AND e."status" = 'pending'
                  AND e."nextAttemptAt" > ${now}
                  AND (e."createdAt", e."id") < (d."createdAt", d."id"))
          ) q ON q."id" = o."id"
          -- Checked again on the row itself: a row another claim leased and committed while this
          -- one waited is re-read by FOR UPDATE, and only conditions on "o" see the new version
          -- (the ones above read the statement's snapshot), so without these two claims could
          -- both take it.
          WHERE o."status" = 'pending' AND o."nextAttemptAt" <= ${now}
          ORDER BY q."turn", o."createdAt", o."id"
          LIMIT ${limit}
          FOR UPDATE OF o SKIP LOCKED)
        RETURNING *)
      SELECT c.*, r."externalUserId" AS "r_externalUserId", r."address" AS "r_address", r."tenant" AS "r_tenant", r."locale" AS "r_locale"
      FROM claimed c
      LEFT JOIN LATERAL (
        SELECT i."externalUserId", i."address", g."externalId" AS "tenant", p."locale"
        FROM "ChannelIdentity" i
        JOIN "Organisation" g ON g."id" = i."organisationId"
        JOIN "Person" p ON p."id" = i."personId"
        WHERE i."organisationId" = c."organisationId" AND i."personId" = c."personId" AND i."platform" = c."platform"
        ORDER BY i."updatedAt" DESC
        LIMIT 1) r ON true
      ORDER BY c."createdAt", c."id"`);
  }

  /** One UPDATE for all marks: row values come in as three parallel arrays, unnested side by side. */
  async markSent(marks: readonly SentMark[]): Promise<void> {
    if (marks.length === 0) return;
    const ids = marks.map((m) => m.id);
    // Prisma keeps DateTime as UTC in `timestamp(3)`; an ISO string cast to it keeps the UTC digits.
    const sentAts = marks.map((m) => m.sentAt.toISOString());
    // JSON text per row, or null (SQL NULL, as `toNullableJson` stores for a message with no reference).
    const refs = marks.map((m) => (m.externalRef === null || m.externalRef === undefined ? null : JSON.stringify(m.externalRef)));
    await this.prisma.$executeRaw(Prisma.sql`
      UPDATE "OutboxMessage" AS o
      SET "status" = 'sent', "sentAt" = v."sentAt", "externalRef" = v."externalRef", "leaseToken" = NULL
      FROM (
        SELECT * FROM unnest(CAST(${ids} AS text[]), CAST(${sentAts} AS timestamp(3)[]), CAST(${refs} AS jsonb[]))
          AS t("id", "sentAt", "externalRef")
      ) AS v
      WHERE o."id" = v."id"`);
  }

  async markFailed(id: string, leaseToken: string, error: string, nextAttemptAt: Date): Promise<void> {
    await this.prisma.outboxMessage.updateMany({
      where: { id, leaseToken, status: 'pending' },
      data: { attempts: { increment: 1 }, lastError: error.slice(0, MAX_ERROR_LENGTH), nextAttemptAt, leaseToken: null },
    });
  }

  async markUndeliverable(id: string, leaseToken: string, error: string, audit: AuditEntry): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      // Giving up keeps nextAttemptAt as it was: status alone takes the message out of the queue.
      const { count } = await tx.outboxMessage.updateMany({
        where: { id, leaseToken, status: 'pending' },
        data: { status: 'failed', attempts: { increment: 1 }, lastError: error.slice(0, MAX_ERROR_LENGTH), leaseToken: null },
      });
      if (count === 0) return false;
      await new PrismaAuditRepo(tx, this.sources.ids, this.sources.clock).record(audit);
      return true;
    });
  }

  async markThrottled(id: string, leaseToken: string, reason: string, nextAttemptAt: Date): Promise<void> {
    await this.prisma.outboxMessage.updateMany({ where: { id, leaseToken, status: 'pending' }, data: { nextAttemptAt, lastError: reason.slice(0, MAX_ERROR_LENGTH), leaseToken: null } });
  }

  async release(id: string, leaseToken: string, at: Date): Promise<void> {
    await this.prisma.outboxMessage.updateMany({ where: { id, leaseToken, status: 'pending' }, data: { nextAttemptAt: at, leaseToken: null } });
  }

  /**
   * One UPDATE for every message a claim puts back (a weekly run books thousands of paced slots:
   * a statement each capped the outbox at a hundred bookings a second). Each row only while its
   * token still holds it, as markThrottled, markFailed and release do one by one.
   */
  async holdBack(items: readonly HeldBack[]): Promise<void> {
    if (items.length === 0) return;
    const ids = items.map((h) => h.id);
    const tokens = items.map((h) => h.leaseToken);
    const nexts = items.map((h) => h.nextAttemptAt.toISOString());
    const errors = items.map((h) => (h.error === null ? null : h.error.slice(0, MAX_ERROR_LENGTH)));
    const attempts = items.map((h) => (h.attempt ? 1 : 0));
    await this.prisma.$executeRaw(Prisma.sql`
      UPDATE "OutboxMessage" AS o
      SET "nextAttemptAt" = v."next", "lastError" = COALESCE(v."error", o."lastError"), "attempts" = o."attempts" + v."attempt", "leaseToken" = NULL
      FROM (
        SELECT * FROM unnest(CAST(${ids} AS text[]), CAST(${tokens} AS text[]), CAST(${nexts} AS timestamp(3)[]), CAST(${errors} AS text[]), CAST(${attempts} AS int[]))
          AS t("id", "token", "next", "error", "attempt")
      ) AS v
      WHERE o."id" = v."id" AND o."leaseToken" = v."token" AND o."status" = 'pending'`);
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
