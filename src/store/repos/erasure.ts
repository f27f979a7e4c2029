/**
 * Erasing a person from a programme (src/core/features/membership/erasure.ts decides what; this
 * finds and rewrites the rows). Raw SQL where the question is about JSON contents: which strings
 * a payload holds, which ids a question's data names. Dates go in as ISO strings cast to
 * `timestamp(3)`, which keeps their UTC digits, as Prisma stores DateTime.
 */
import type { FlowRun, OpenQuestion } from '../../core/domain.js';
import type { ErasureRepo } from '../../core/features/membership/ports.js';
import { ERASED_MESSAGE } from '../../core/kernel/retention.js';
import { Prisma } from '../../generated/prisma/client.js';
import { toFlowRun } from '../mappers.js';
import type { Db } from './db.js';
import { toQuestion } from './questions.js';

const at = (date: Date) => Prisma.sql`CAST(${date.toISOString()} AS timestamp(3))`;
const erased = Prisma.sql`CAST(${JSON.stringify(ERASED_MESSAGE)} AS jsonb)`;
/** A copy still holding words: pending rows are in flight, and erased ones are done. */
const erasable = Prisma.sql`o."status" <> 'pending' AND NOT (o."payload" @> '{"erased": true}'::jsonb)`;

export class PrismaErasureRepo implements ErasureRepo {
  constructor(private readonly db: Db) {}

  async runsAbout(organisationId: string, personId: string, programmeId: string): Promise<FlowRun[]> {
    const rows = await this.db.flowRun.findMany({
      where: {
        organisationId,
        personId,
        OR: [{ programmeId }, { answers: { path: ['programmeId'], equals: programmeId } }, { answers: { path: ['initialFrom'], equals: programmeId } }],
      },
      orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toFlowRun);
  }

  async eraseRunAnswers(organisationId: string, runIds: readonly string[], now: Date): Promise<number> {
    if (runIds.length === 0) return 0;
    return this.db.$executeRaw(Prisma.sql`
      UPDATE "FlowRun" SET
        "answers" = '{}'::jsonb,
        "status" = CASE WHEN "status" = 'active' THEN 'cancelled'::"FlowRunStatus" ELSE "status" END,
        "finishedAt" = COALESCE("finishedAt", ${at(now)}),
        "promptId" = CASE WHEN "status" = 'active' THEN NULL ELSE "promptId" END,
        "version" = "version" + 1,
        "updatedAt" = ${at(now)}
      WHERE "organisationId" = ${organisationId} AND "id" = ANY(CAST(${[...runIds]} AS text[]))
        AND ("answers" <> '{}'::jsonb OR "status" = 'active')`);
  }

  eraseMessagesTo(organisationId: string, personId: string, since: Date, keepPromptId: string | null): Promise<number> {
    return this.db.$executeRaw(Prisma.sql`
      UPDATE "OutboxMessage" o SET "payload" = ${erased}
      WHERE o."organisationId" = ${organisationId} AND o."personId" = ${personId} AND o."createdAt" >= ${at(since)} AND ${erasable}
        AND (o."payload"->'prompt'->>'id') IS DISTINCT FROM ${keepPromptId}`);
  }

  async eraseMessagesMentioning(organisationId: string, programmeId: string, personId: string, since: Date, texts: readonly string[]): Promise<number> {
    if (texts.length === 0) return 0;
    // Every string anywhere in the payload (text, title, sections, context), unescaped by jsonpath,
    // so a name with quotes or non-Latin letters matches as it was written. A file the message
    // carried (a meeting's .ics holds the place she typed) goes with it.
    const [row] = await this.db.$queryRaw<{ n: number }[]>(Prisma.sql`
      WITH hit AS (
        SELECT o."id", o."payload"->'file'->>'fileId' AS "file", o."payload"->'image'->>'fileId' AS "image" FROM "OutboxMessage" o
        WHERE o."organisationId" = ${organisationId} AND o."personId" <> ${personId} AND o."createdAt" >= ${at(since)} AND ${erasable}
          AND o."personId" IN (SELECT m."personId" FROM "Membership" m WHERE m."organisationId" = ${organisationId} AND m."programmeId" = ${programmeId})
          AND EXISTS (
            SELECT 1 FROM jsonb_path_query(o."payload", 'strict $.**') AS v(value), unnest(CAST(${[...texts]} AS text[])) AS n(text)
            WHERE jsonb_typeof(v.value) = 'string' AND strpos(v.value #>> '{}', n.text) > 0)
      ), files AS (
        DELETE FROM "StoredFile" f WHERE f."organisationId" = ${organisationId} AND f."id" IN (SELECT "file" FROM hit UNION SELECT "image" FROM hit) RETURNING f."id"
      ), updated AS (
        UPDATE "OutboxMessage" o SET "payload" = ${erased} WHERE o."id" IN (SELECT "id" FROM hit) RETURNING o."id"
      )
      SELECT (SELECT count(*) FROM updated)::int AS n, (SELECT count(*) FROM files)::int AS "filesDeleted"`);
    return row?.n ?? 0;
  }

  deleteFilesFor(organisationId: string, personId: string, since: Date): Promise<number> {
    return this.db.$executeRaw(Prisma.sql`
      DELETE FROM "StoredFile" f
      WHERE f."organisationId" = ${organisationId} AND f."personId" = ${personId} AND f."createdAt" >= ${at(since)}
        AND NOT EXISTS (
          SELECT 1 FROM "OutboxMessage" o
          WHERE o."organisationId" = f."organisationId" AND o."personId" = f."personId" AND o."status" = 'pending'
            AND f."id" IN (o."payload"->'image'->>'fileId', o."payload"->'file'->>'fileId'))`);
  }

  async openQuestionsAbout(organisationId: string, programmeId: string, personId: string, ids: readonly string[]): Promise<OpenQuestion[]> {
    const found = await this.db.$queryRaw<{ id: string }[]>(Prisma.sql`
      SELECT q."id" FROM "OpenQuestion" q
      WHERE q."organisationId" = ${organisationId} AND q."programmeId" = ${programmeId} AND q."status" = 'open'
        AND (q."subjectId" = ANY(CAST(${[...ids]} AS text[]))
          OR q."audience" = CAST(${[personId]} AS text[])
          OR EXISTS (
            SELECT 1 FROM jsonb_path_query(q."data", 'strict $.**') AS v(value)
            WHERE jsonb_typeof(v.value) = 'string' AND v.value #>> '{}' = ANY(CAST(${[...ids]} AS text[]))))`);
    if (found.length === 0) return [];
    const rows = await this.db.openQuestion.findMany({ where: { organisationId, id: { in: found.map((f) => f.id) } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    return rows.map(toQuestion);
  }

  leaveAudiences(organisationId: string, programmeId: string, personId: string): Promise<number> {
    return this.db.$executeRaw(Prisma.sql`
      UPDATE "OpenQuestion" SET "audience" = array_remove("audience", ${personId})
      WHERE "organisationId" = ${organisationId} AND "programmeId" = ${programmeId} AND "status" = 'open'
        AND ${personId} = ANY("audience") AND cardinality("audience") > 1`);
  }
}
