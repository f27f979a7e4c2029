/**
 * The inbox's storage outside any unit of work (src/core/inbox/): storing what a platform
 * delivered before it is acknowledged, and the leases that keep two processes off one row. A
 * claim is one UPDATE whose row choice uses FOR UPDATE SKIP LOCKED, so two claims never take the
 * same row; the lease (lockedUntil) makes a row whose holder died free again. Marking a row done
 * is not here: it commits with the work (repos/inbox.ts).
 */
import type { ClaimedInbound, InboxQueue, NewInboxRow } from '../core/inbox/ports.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';

/** Error texts can be long; keep what helps and no more. */
const MAX_ERROR_LENGTH = 1000;

export class PrismaInboxQueue implements InboxQueue {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Every row in one INSERT, as parallel arrays unnested side by side: one SQL text whatever the
   * number of rows, so it is planned once (statement-names.ts). Dates go in as ISO strings cast
   * to timestamp(3), which keeps their UTC digits, as Prisma stores DateTime.
   */
  async accept(rows: readonly NewInboxRow[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const column = <T>(pick: (r: NewInboxRow) => T) => rows.map(pick);
    const stored = await this.prisma.$queryRaw<{ id: string }[]>(Prisma.sql`
      INSERT INTO "InboxItem" ("id", "platform", "tenant", "dedupeKey", "externalUserId", "inbound", "status", "attempts", "receivedAt", "lockedUntil")
      SELECT "id", CAST("platform" AS "Platform"), "tenant", "dedupeKey", "externalUserId", "inbound", 'pending', 1, "receivedAt", "lockedUntil"
      FROM unnest(
        CAST(${column((r) => r.id)} AS text[]),
        CAST(${column((r) => r.platform)} AS text[]),
        CAST(${column((r) => r.tenant)} AS text[]),
        CAST(${column((r) => r.dedupeKey)} AS text[]),
        CAST(${column((r) => r.externalUserId)} AS text[]),
        CAST(${column((r) => JSON.stringify(r.inbound))} AS jsonb[]),
        CAST(${column((r) => r.receivedAt.toISOString())} AS timestamp(3)[]),
        CAST(${column((r) => r.lockedUntil.toISOString())} AS timestamp(3)[])
      ) AS t("id", "platform", "tenant", "dedupeKey", "externalUserId", "inbound", "receivedAt", "lockedUntil")
      ON CONFLICT ("platform", "tenant", "dedupeKey") DO NOTHING
      RETURNING "id"`);
    return new Set(stored.map((r) => r.id));
  }

  /**
   * Leases free pending rows in arrival order. A row waits while an earlier pending row of the
   * same person is held by someone (being worked elsewhere): nobody's second message is worked
   * before their first. Rows held under a lease that ends before `orphanedBefore` count as free.
   */
  async claim(now: Date, limit: number, lockedUntil: Date, options: { orphanedBefore?: Date } = {}): Promise<ClaimedInbound[]> {
    if (limit <= 0) return [];
    const orphanedBefore = options.orphanedBefore ?? new Date(0);
    const rows = await this.prisma.$queryRaw<Array<{ id: string; inbound: unknown; attempts: number; receivedAt: Date }>>(Prisma.sql`
      UPDATE "InboxItem" SET "lockedUntil" = ${lockedUntil}, "attempts" = "attempts" + 1
      WHERE "id" IN (
        SELECT c."id" FROM "InboxItem" c
        WHERE c."status" = 'pending'
          AND (c."lockedUntil" IS NULL OR c."lockedUntil" <= ${now} OR c."lockedUntil" < ${orphanedBefore})
          AND NOT EXISTS (
            SELECT 1 FROM "InboxItem" e
            WHERE e."platform" = c."platform" AND e."tenant" = c."tenant" AND e."externalUserId" = c."externalUserId"
              AND e."status" = 'pending'
              AND e."lockedUntil" > ${now} AND e."lockedUntil" >= ${orphanedBefore}
              AND (e."receivedAt", e."id") < (c."receivedAt", c."id"))
        ORDER BY c."receivedAt", c."id"
        LIMIT ${limit}
        FOR UPDATE OF c SKIP LOCKED)
      RETURNING "id", "inbound", "attempts", "receivedAt"`);
    rows.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return rows.map(({ id, inbound, attempts }) => ({ id, inbound, attempts }));
  }

  async renew(ids: readonly string[], lockedUntil: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.prisma.$executeRaw(Prisma.sql`
      UPDATE "InboxItem" SET "lockedUntil" = ${lockedUntil}
      WHERE "id" = ANY(CAST(${[...ids]} AS text[])) AND "status" = 'pending'`);
  }

  async release(ids: readonly string[], at: Date, error?: string): Promise<void> {
    if (ids.length === 0) return;
    const reason = error === undefined ? null : error.slice(0, MAX_ERROR_LENGTH);
    await this.prisma.$executeRaw(Prisma.sql`
      UPDATE "InboxItem" SET "lockedUntil" = ${at}, "lastError" = COALESCE(${reason}, "lastError")
      WHERE "id" = ANY(CAST(${[...ids]} AS text[])) AND "status" = 'pending'`);
  }

  async fail(id: string, error: string, forget: boolean): Promise<void> {
    await this.prisma.$executeRaw(Prisma.sql`
      UPDATE "InboxItem"
      SET "status" = 'failed', "lastError" = ${error.slice(0, MAX_ERROR_LENGTH)}, "lockedUntil" = NULL,
          "inbound" = CASE WHEN ${forget} THEN NULL ELSE "inbound" END
      WHERE "id" = ${id} AND "status" = 'pending'`);
  }

  async pending(): Promise<number> {
    const [row] = await this.prisma.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS "n" FROM "InboxItem" WHERE "status" = 'pending'`);
    return row?.n ?? 0;
  }
}
