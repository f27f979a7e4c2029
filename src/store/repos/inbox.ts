import type { FlowRun } from '../../core/domain.js';
import type { Clock, IdSource, InboxRepo, ReceivedInbound, ReceiveKey } from '../../core/ports.js';
import { type FlowRun as FlowRunRow, Prisma } from '../../generated/prisma/client.js';
import { toFlowRun } from '../mappers.js';
import type { Db } from './db.js';

/**
 * The identity, its person and their active run, side by side: the identity columns are all null
 * or all set (an inner join of NOT NULL columns), and so are the run's.
 */
interface ReceivedRow {
  fresh: boolean;
  identityId: string | null;
  personId: string | null;
  address: unknown;
  displayName: string | null;
  locale: string | null;
  timeZone: string | null;
  run_id: string | null;
  run_programmeId: string | null;
  run_flowId: string | null;
  run_flowVersion: number | null;
  run_stepId: string | null;
  run_answers: unknown;
  run_promptId: string | null;
  run_version: number | null;
  run_startedAt: Date | null;
}

export class PrismaInboxRepo implements InboxRepo {
  constructor(
    private readonly db: Db,
    private readonly ids: Pick<IdSource, 'next'>,
    private readonly clock: Clock,
  ) {}

  /**
   * One statement for what every inbound needs first: mark it worked in the inbox, find who sent
   * it, and find their active flow run. Every statement is a round trip (and on the embedded
   * database a turn of the single connection), so these three share one.
   *
   * The mark is an upsert on the delivery's key. No row yet (Teams, the playground: they answer
   * after this transaction) — a row is written done. A pending row (Slack's, stored before its
   * 200) — it becomes done and its stored inbound is dropped. A done or failed row — nothing is
   * written, and the inbound is not fresh: a platform retry, or another worker was first. A
   * concurrent worker on the same row waits for this transaction's row lock and then finds it
   * done (or pending again, if this one rolled back), so exactly one of them sees `fresh`.
   * ON CONFLICT rather than catching a unique violation, which would abort the PostgreSQL transaction.
   */
  async receive(key: ReceiveKey): Promise<ReceivedInbound> {
    const now = this.clock.now();
    const rows = await this.db.$queryRaw<ReceivedRow[]>(Prisma.sql`
      WITH mark AS (
        INSERT INTO "InboxItem" AS x ("id", "platform", "tenant", "dedupeKey", "externalUserId", "status", "attempts", "receivedAt", "doneAt")
        VALUES (${this.ids.next()}, CAST(${key.platform} AS "Platform"), ${key.tenant}, ${key.dedupeKey}, ${key.externalUserId}, 'done', 1, ${now}, ${now})
        ON CONFLICT ("platform", "tenant", "dedupeKey") DO UPDATE
          SET "status" = 'done', "doneAt" = EXCLUDED."doneAt", "inbound" = NULL, "lockedUntil" = NULL, "lastError" = NULL
          WHERE x."status" = 'pending'
        RETURNING 1)
      SELECT EXISTS (SELECT 1 FROM mark) AS "fresh",
        w."id" AS "identityId", w."personId", w."address", w."displayName", w."locale", w."timeZone",
        r."id" AS "run_id", r."programmeId" AS "run_programmeId", r."flowId" AS "run_flowId", r."flowVersion" AS "run_flowVersion",
        r."stepId" AS "run_stepId", r."answers" AS "run_answers", r."promptId" AS "run_promptId", r."version" AS "run_version",
        r."startedAt" AS "run_startedAt"
      FROM (SELECT 1) AS one
      LEFT JOIN (
        SELECT i."id", i."personId", i."address", p."displayName", p."locale", p."timeZone"
        FROM "ChannelIdentity" i
        JOIN "Person" p ON p."id" = i."personId" AND p."organisationId" = i."organisationId"
        WHERE i."organisationId" = ${key.organisationId}
          AND i."platform" = CAST(${key.platform} AS "Platform")
          AND i."externalUserId" = ${key.externalUserId}) AS w ON true
      LEFT JOIN LATERAL (
        SELECT * FROM "FlowRun" f
        WHERE f."organisationId" = ${key.organisationId} AND f."personId" = w."personId" AND f."status" = 'active'
        ORDER BY f."startedAt" DESC, f."id" DESC
        LIMIT 1) AS r ON true`);
    const row = rows[0];
    if (!row) throw new Error('receive returned no row');
    const { organisationId, platform, externalUserId } = key;
    const known =
      row.identityId !== null && row.personId !== null
        ? {
            identity: { id: row.identityId, organisationId, personId: row.personId, platform, externalUserId, address: row.address ?? null },
            person: { id: row.personId, organisationId, displayName: row.displayName ?? '', locale: row.locale ?? '', timeZone: row.timeZone ?? '' },
          }
        : null;
    return { fresh: row.fresh, known, active: known ? activeRun(row, organisationId, known.person.id) : null };
  }
}

function activeRun(row: ReceivedRow, organisationId: string, personId: string): FlowRun | null {
  if (row.run_id === null) return null;
  const run: FlowRunRow = {
    id: row.run_id,
    organisationId,
    personId,
    programmeId: row.run_programmeId,
    flowId: row.run_flowId ?? '',
    flowVersion: row.run_flowVersion ?? 0,
    stepId: row.run_stepId ?? '',
    answers: (row.run_answers ?? {}) as Prisma.JsonValue,
    promptId: row.run_promptId,
    status: 'active',
    version: row.run_version ?? 0,
    startedAt: row.run_startedAt ?? new Date(0),
    // Not read by the core; the run's own reads carry them.
    updatedAt: row.run_startedAt ?? new Date(0),
    finishedAt: null,
  };
  return toFlowRun(run);
}
