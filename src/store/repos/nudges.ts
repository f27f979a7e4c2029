/**
 * Nudges' tables, and the planner's bulk read of an organisation. Raw SQL: the plan reads every
 * active participant each hour (20,000 people in a large deployment), so each kind of fact is one
 * statement returning plain columns, grouped in the database, and the writes of a chunk of nudges
 * (logs, questions) are one INSERT each, as the outbox's are (outbox.ts).
 */
import type { NewJob, OpenQuestion } from '../../core/domain.js';
import type { NewNudgeLog, NudgeFacts, NudgePause, NudgeRepo, NudgeSettings, PairFact, Reader } from '../../core/features/nudges/ports.js';
import { DEFAULT_QUIET } from '../../core/features/nudges/time.js';
import type { MeetingFrequency } from '../../core/domain.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { Db } from './db.js';

type Opts = Parameters<NudgeRepo['facts']>[2];
const iso = (d: Date) => d.toISOString();

export class PrismaNudgeRepo implements NudgeRepo {
  constructor(private readonly db: Db) {}

  async facts(org: string, now: Date, opts: Opts): Promise<NudgeFacts> {
    const [programmes, members, pairs, waiting, training, reflecting, pauses, lastNudges, lastInbound, stalls] = [
      await this.programmes(org),
      await this.db.$queryRaw<NudgeFacts['members']>(Prisma.sql`
        SELECT m."id" AS "membershipId", m."personId", m."programmeId", m."role"::text AS "role", p."timeZone"
        FROM "Membership" m JOIN "Person" p ON p."id" = m."personId" JOIN "Programme" g ON g."id" = m."programmeId"
        WHERE m."organisationId" = ${org} AND m."status" = 'active' AND m."role" <> 'coordinator' AND g."status" <> 'closed'
        ORDER BY m."joinedAt", m."id"`),
      await this.pairs(org, now),
      await this.db.$queryRaw<NudgeFacts['waiting']>(Prisma.sql`
        SELECT a."personId", q."programmeId", q."kind", count(*)::int AS "count"
        FROM "OpenQuestion" q CROSS JOIN LATERAL unnest(q."audience") AS a("personId")
        WHERE q."organisationId" = ${org} AND q."status" = 'open' AND q."kind" = ANY(${opts.waitingKinds})
          AND (q."expiresAt" IS NULL OR q."expiresAt" > ${now}) AND q."createdAt" <= ${opts.waitingBefore}
        GROUP BY 1, 2, 3`),
      await this.db.$queryRaw<NudgeFacts['training']>(Prisma.sql`
        SELECT "membershipId", array_agg("moduleId") AS "moduleIds" FROM "TrainingRecord" WHERE "organisationId" = ${org} GROUP BY 1`),
      await this.db.$queryRaw<NudgeFacts['reflecting']>(Prisma.sql`
        SELECT DISTINCT "personId", "programmeId" FROM "FlowRun"
        WHERE "organisationId" = ${org} AND "flowId" = 'reflection' AND "status" = 'active' AND "updatedAt" <= ${opts.waitingBefore}`),
      await this.db.$queryRaw<NudgeFacts['pauses']>(Prisma.sql`SELECT "personId", "until" FROM "NudgePause" WHERE "organisationId" = ${org} AND "until" > ${now}`),
      await this.db.$queryRaw<NudgeFacts['lastNudges']>(Prisma.sql`
        SELECT DISTINCT ON ("personId") "personId", "sentAt", "answeredAt", "ignoredBefore" FROM "NudgeLog"
        WHERE "organisationId" = ${org} AND "sentAt" > ${opts.inboundSince} ORDER BY "personId", "sentAt" DESC`),
      await this.lastInbound(org, opts.inboundSince),
      await this.db.$queryRaw<NudgeFacts['stalls']>(Prisma.sql`
        SELECT s."matchId", s."since" FROM "NudgeStall" s JOIN "Match" x ON x."id" = s."matchId" AND x."status" = 'active'
        WHERE s."organisationId" = ${org}`),
    ];
    return { programmes, members, pairs, waiting, training, reflecting, pauses, lastNudges, lastInbound, stalls };
  }

  private async programmes(org: string): Promise<NudgeFacts['programmes']> {
    const rows = await this.db.$queryRaw<{ id: string; meetingFrequency: string; trainingRequired: boolean | null; quietFrom: number | null; quietTo: number | null; quietWeekends: boolean | null }[]>(Prisma.sql`
      SELECT g."id", g."meetingFrequency", s."trainingRequired", n."quietFrom", n."quietTo", n."quietWeekends"
      FROM "Programme" g LEFT JOIN "MatchingSettings" s ON s."programmeId" = g."id" LEFT JOIN "NudgeSettings" n ON n."programmeId" = g."id"
      WHERE g."organisationId" = ${org} AND g."status" <> 'closed'`);
    return rows.map((r) => ({
      id: r.id,
      meetingFrequency: r.meetingFrequency as MeetingFrequency,
      trainingRequired: r.trainingRequired ?? false,
      quiet: r.quietFrom === null ? DEFAULT_QUIET : { quietFrom: r.quietFrom, quietTo: r.quietTo ?? DEFAULT_QUIET.quietTo, quietWeekends: r.quietWeekends ?? false },
    }));
  }

  /** Active pairs with their meetings and agreement summed up in the database. */
  private async pairs(org: string, now: Date): Promise<PairFact[]> {
    const rows = await this.db.$queryRaw<(Omit<PairFact, 'partsDone' | 'hasConfirmedAgreement'> & { partsDone: unknown; confirmed: number })[]>(Prisma.sql`
      WITH meet AS (
        SELECT "matchId", max("startsAt") FILTER (WHERE "status" = 'held') AS "lastHeldAt",
               min("startsAt") FILTER (WHERE "status" IN ('proposed', 'planned') AND "startsAt" >= ${now}) AS "nextMeetingAt"
        FROM "Meeting" WHERE "organisationId" = ${org} GROUP BY "matchId"),
      newest AS (
        SELECT DISTINCT ON ("matchId") "matchId", "status", "answers"->'done'->'parts' AS "partsDone"
        FROM "Agreement" WHERE "organisationId" = ${org} ORDER BY "matchId", "version" DESC),
      confirmed AS (
        SELECT DISTINCT ON ("matchId") "matchId", "answers"->'frame'->>'frequency' AS "frequency"
        FROM "Agreement" WHERE "organisationId" = ${org} AND "status" = 'confirmed' ORDER BY "matchId", "version" DESC)
      SELECT x."id" AS "matchId", x."programmeId", x."mentorMembershipId", x."menteeMembershipId",
             COALESCE(x."startedAt", x."createdAt") AS "startedAt", meet."lastHeldAt", meet."nextMeetingAt",
             confirmed."frequency" AS "agreedFrequency", (confirmed."matchId" IS NOT NULL)::int AS "confirmed",
             newest."status" AS "newestAgreementStatus", newest."partsDone"
      FROM "Match" x LEFT JOIN meet ON meet."matchId" = x."id" LEFT JOIN newest ON newest."matchId" = x."id" LEFT JOIN confirmed ON confirmed."matchId" = x."id"
      WHERE x."organisationId" = ${org} AND x."status" = 'active'`);
    return rows.map(({ confirmed, partsDone, ...r }) => ({
      ...r,
      hasConfirmedAgreement: confirmed === 1,
      partsDone: Array.isArray(partsDone) ? partsDone.filter((p): p is string => typeof p === 'string') : [],
    }));
  }

  /**
   * The newest inbound of each person who has an unanswered nudge: the inbox row of any message or
   * click keeps its sender (platform user id) and time for 30 days.
   */
  private lastInbound(org: string, since: Date): Promise<NudgeFacts['lastInbound']> {
    return this.db.$queryRaw<NudgeFacts['lastInbound']>(Prisma.sql`
      SELECT c."personId", max(i."receivedAt") AS "at"
      FROM "ChannelIdentity" c JOIN "Organisation" o ON o."id" = c."organisationId"
      JOIN "InboxItem" i ON i."platform" = c."platform" AND i."tenant" = o."externalId" AND i."externalUserId" = c."externalUserId"
      WHERE c."organisationId" = ${org} AND i."receivedAt" > ${since}
        AND c."personId" IN (SELECT "personId" FROM "NudgeLog" WHERE "organisationId" = ${org} AND "answeredAt" IS NULL AND "sentAt" > ${since})
      GROUP BY c."personId"`);
  }

  readers(org: string, personIds: string[]): Promise<Reader[]> {
    if (personIds.length === 0) return Promise.resolve([]);
    // The platform of their first identity, as the unit of work's outbox flush picks it.
    return this.db.$queryRaw<Reader[]>(Prisma.sql`
      SELECT p."id", p."locale", p."timeZone",
             (SELECT c."platform"::text FROM "ChannelIdentity" c WHERE c."organisationId" = p."organisationId" AND c."personId" = p."id" ORDER BY c."createdAt", c."id" LIMIT 1) AS "platform"
      FROM "Person" p WHERE p."organisationId" = ${org} AND p."id" = ANY(${personIds})`);
  }

  async record(rows: NewNudgeLog[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const col = <T>(pick: (r: NewNudgeLog) => T) => rows.map(pick);
    const inserted = await this.db.$queryRaw<{ personId: string }[]>(Prisma.sql`
      INSERT INTO "NudgeLog" ("id", "organisationId", "programmeId", "personId", "week", "sentAt", "items", "questionId", "ignoredBefore")
      SELECT * FROM unnest(
        CAST(${col((r) => r.id)} AS text[]), CAST(${col((r) => r.organisationId)} AS text[]), CAST(${col((r) => r.programmeId)} AS text[]),
        CAST(${col((r) => r.personId)} AS text[]), CAST(${col((r) => r.week)} AS text[]), CAST(${col((r) => iso(r.sentAt))} AS timestamp(3)[]),
        CAST(${col((r) => JSON.stringify(r.items))} AS jsonb[]), CAST(${col((r) => r.questionId)} AS text[]), CAST(${col((r) => r.ignoredBefore)} AS int[]))
      ON CONFLICT ("organisationId", "personId", "week") DO NOTHING
      RETURNING "personId"`);
    return new Set(inserted.map((r) => r.personId));
  }

  async scheduleChunks(org: string, jobs: (NewJob & { id: string })[], now: Date): Promise<void> {
    if (jobs.length === 0) return;
    const col = <T>(pick: (j: NewJob & { id: string }) => T) => jobs.map(pick);
    await this.db.$executeRaw(Prisma.sql`
      INSERT INTO "ScheduledJob" ("id", "organisationId", "kind", "uniqueKey", "dueAt", "payload", "createdAt", "updatedAt")
      SELECT "id", ${org}, "kind", "uniqueKey", "dueAt", "payload", CAST(${iso(now)} AS timestamp(3)), CAST(${iso(now)} AS timestamp(3))
      FROM unnest(CAST(${col((j) => j.id)} AS text[]), CAST(${col((j) => j.kind)} AS text[]), CAST(${col((j) => j.key)} AS text[]),
                  CAST(${col((j) => iso(j.dueAt))} AS timestamp(3)[]), CAST(${col((j) => JSON.stringify(j.payload ?? {}))} AS jsonb[]))
      AS t("id", "kind", "uniqueKey", "dueAt", "payload")
      ON CONFLICT ("organisationId", "uniqueKey") DO NOTHING`);
  }

  async createQuestions(questions: OpenQuestion[]): Promise<void> {
    if (questions.length === 0) return;
    const col = <T>(pick: (q: OpenQuestion) => T) => questions.map(pick);
    // Audiences go in as one text per question (a 2-D array cannot be ragged), split back here.
    await this.db.$executeRaw(Prisma.sql`
      INSERT INTO "OpenQuestion" ("id", "organisationId", "programmeId", "kind", "subjectType", "subjectId", "audience", "data", "status", "expiresAt", "createdAt")
      SELECT "id", "organisationId", "programmeId", "kind", "subjectType", "subjectId", string_to_array("audience", ','), "data", CAST('open' AS "QuestionStatus"), "expiresAt", "createdAt"
      FROM unnest(
        CAST(${col((q) => q.id)} AS text[]), CAST(${col((q) => q.organisationId)} AS text[]), CAST(${col((q) => q.programmeId)} AS text[]),
        CAST(${col((q) => q.kind)} AS text[]), CAST(${col((q) => q.subjectType)} AS text[]), CAST(${col((q) => q.subjectId)} AS text[]),
        CAST(${col((q) => q.audience.join(','))} AS text[]), CAST(${col((q) => JSON.stringify(q.data))} AS jsonb[]),
        CAST(${col((q) => (q.expiresAt ? iso(q.expiresAt) : null))} AS timestamp(3)[]), CAST(${col((q) => iso(q.createdAt))} AS timestamp(3)[]))
      AS t("id", "organisationId", "programmeId", "kind", "subjectType", "subjectId", "audience", "data", "expiresAt", "createdAt")`);
  }

  async markAnswered(org: string, questionId: string, now: Date): Promise<void> {
    await this.db.nudgeLog.updateMany({ where: { organisationId: org, questionId, answeredAt: null }, data: { answeredAt: now } });
  }

  async recordStalls(org: string, rows: { matchId: string; since: Date }[], now: Date): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const inserted = await this.db.$queryRaw<{ matchId: string }[]>(Prisma.sql`
      INSERT INTO "NudgeStall" ("organisationId", "matchId", "since", "raisedAt")
      SELECT ${org}, * , CAST(${iso(now)} AS timestamp(3)) FROM unnest(CAST(${rows.map((r) => r.matchId)} AS text[]), CAST(${rows.map((r) => iso(r.since))} AS timestamp(3)[]))
      ON CONFLICT DO NOTHING RETURNING "matchId"`);
    return new Set(inserted.map((r) => r.matchId));
  }

  async settings(org: string, programmeId: string): Promise<NudgeSettings> {
    const row = await this.db.nudgeSettings.findFirst({ where: { organisationId: org, programmeId } });
    return row ? { programmeId, quietFrom: row.quietFrom, quietTo: row.quietTo, quietWeekends: row.quietWeekends } : { programmeId, ...DEFAULT_QUIET };
  }

  async saveSettings(org: string, s: NudgeSettings, now: Date): Promise<void> {
    const data = { quietFrom: s.quietFrom, quietTo: s.quietTo, quietWeekends: s.quietWeekends, updatedAt: now };
    await this.db.nudgeSettings.upsert({ where: { programmeId: s.programmeId }, create: { programmeId: s.programmeId, organisationId: org, ...data }, update: data });
  }

  async pause(org: string, personId: string): Promise<NudgePause | null> {
    const row = await this.db.nudgePause.findUnique({ where: { organisationId_personId: { organisationId: org, personId } } });
    return row ? { kind: row.kind === 'snooze' ? 'snooze' : 'pause', until: row.until } : null;
  }

  async setPause(org: string, personId: string, pause: NudgePause, now: Date): Promise<void> {
    const data = { kind: pause.kind, until: pause.until, createdAt: now };
    await this.db.nudgePause.upsert({ where: { organisationId_personId: { organisationId: org, personId } }, create: { organisationId: org, personId, ...data }, update: data });
  }

  async resume(org: string, personId: string): Promise<boolean> {
    const { count } = await this.db.nudgePause.deleteMany({ where: { organisationId: org, personId } });
    return count > 0;
  }

  async eraseFor(org: string, personId: string, programmeId: string, stillActiveElsewhere: boolean): Promise<number> {
    const logs = await this.db.nudgeLog.deleteMany({ where: { organisationId: org, personId, programmeId } });
    const pauses = stillActiveElsewhere ? { count: 0 } : await this.db.nudgePause.deleteMany({ where: { organisationId: org, personId } });
    return logs.count + pauses.count;
  }
}
