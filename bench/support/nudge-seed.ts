/**
 * Seeds bench/nudges.ts's organisations with bulk SQL (a statement per table per organisation,
 * rows made by generate_series inside the database): one programme each (weekly meetings), and
 * `pairs` active pairs whose agreement is confirmed (weekly) and whose last meeting was held 10
 * days ago, with nothing planned since. So each mentee has a meeting to propose, and each mentor
 * the rating of that meeting still open (9 days old): everyone has one thing waiting, and no pair
 * has gone twice its interval without meeting (no escalations: this measures nudges).
 * Each person's address is what the channel stored when they first wrote: a Slack DM, or a Teams
 * conversation reference pointing at the fake connector (conversation id `a:<tenant>:<n>`).
 */
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { planKey } from '../../src/core/features/nudges/plan.js';
import { RATING_KIND } from '../../src/core/features/reflections/rating.js';

export interface BenchOrg {
  /** o<k> */
  id: string;
  platform: 'slack' | 'teams';
  /** The workspace's team id or the tenant id. */
  externalId: string;
  pairs: number;
}

const DAY = 86_400_000;

/** Where person i of an organisation gets their messages at the fake (DM channel or conversation id). */
export function inboxKey(org: BenchOrg, i: number): string {
  return org.platform === 'slack' ? `D${org.id}X${i}` : `a:${org.externalId}:${i}`;
}

const ANSWERS = {
  mentee: { help: 'h', hopes: 'h', goals: ['g'] },
  mentor: { offer: 'o', hopes: 'h', limits: 'l' },
  frame: { confidentiality: 'yes', confidentialityText: '', frequency: 'weekly', initiator: 'mentee', cancelling: '24h', evaluation: 'monthly', summary: 'no' },
  done: { parts: ['mentor', 'mentee'], frame: ['mentor', 'mentee'] },
};

export async function seedOrganisation(prisma: PrismaClient, org: BenchOrg, now: Date, connectorUrl: string): Promise<void> {
  const at = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const o = org.id;
  const people = org.pairs * 2;
  const run = (sql: string, ...params: unknown[]) => prisma.$executeRawUnsafe(sql, ...params);
  const ts = (n: number) => `CAST($${n} AS timestamp(3))`;
  await run(`INSERT INTO "Organisation" ("id", "name", "platform", "externalId", "createdAt") VALUES ($1, $1, CAST($2 AS "Platform"), $3, ${ts(4)})`, o, org.platform, org.externalId, at(100 * DAY));
  await run(
    `INSERT INTO "Programme" ("id", "organisationId", "name", "purpose", "startsOn", "endsOn", "meetingFrequency", "joinCode", "status", "createdById", "createdAt", "updatedAt")
     VALUES ($1 || 'g', $1, 'Bench', 'Bench', CAST($2 AS date), CAST($3 AS date), 'weekly', 'BENCH' || $1, 'open', $1 || 'p0', ${ts(4)}, ${ts(4)})`,
    o, at(90 * DAY).slice(0, 10), new Date(now.getTime() + 270 * DAY).toISOString().slice(0, 10), at(90 * DAY),
  );
  await run(
    `INSERT INTO "Person" ("id", "organisationId", "displayName", "locale", "timeZone", "createdAt", "updatedAt")
     SELECT $1 || 'p' || g, $1, 'Person ' || g, CASE WHEN g % 3 = 0 THEN 'en' ELSE 'nb' END, 'Europe/Oslo', ${ts(2)}, ${ts(2)} FROM generate_series(0, $3 - 1) g`,
    o, at(80 * DAY), people,
  );
  const address =
    org.platform === 'slack'
      ? `jsonb_build_object('channel', 'D' || $1 || 'X' || g)`
      : `jsonb_build_object('serviceUrl', $4::text, 'channelId', 'msteams', 'conversation', jsonb_build_object('id', 'a:' || $5::text || ':' || g, 'tenantId', $5::text, 'conversationType', 'personal'), 'bot', jsonb_build_object('id', '28:bench-bot', 'name', 'Mentor Bridge'), 'user', jsonb_build_object('id', '29:' || $1 || 'p' || g))`;
  const userId = org.platform === 'slack' ? `'U' || $1 || 'X' || g` : `'29:' || $1 || 'p' || g`;
  await run(
    `INSERT INTO "ChannelIdentity" ("id", "organisationId", "personId", "platform", "externalUserId", "address", "createdAt", "updatedAt")
     SELECT $1 || 'i' || g, $1, $1 || 'p' || g, CAST(${org.platform === 'slack' ? "'slack'" : "'teams'"} AS "Platform"), ${userId}, ${address}, ${ts(2)}, ${ts(2)} FROM generate_series(0, $3 - 1) g`,
    ...[o, at(80 * DAY), people, ...(org.platform === 'teams' ? [connectorUrl, org.externalId] : [])],
  );
  await run(
    `INSERT INTO "Membership" ("id", "organisationId", "programmeId", "personId", "role", "status", "consentedAt", "consentVersion", "profileDoneAt", "fullName", "joinedAt", "updatedAt")
     SELECT $1 || 'm' || g, $1, $1 || 'g', $1 || 'p' || g, CAST(CASE WHEN g % 2 = 0 THEN 'mentor' ELSE 'mentee' END AS "Role"), CAST('active' AS "MembershipStatus"), ${ts(2)}, '1', ${ts(2)}, 'Person ' || g, ${ts(2)}, ${ts(2)}
     FROM generate_series(0, $3 - 1) g`,
    o, at(80 * DAY), people,
  );
  await run(
    `INSERT INTO "Match" ("id", "organisationId", "programmeId", "mentorMembershipId", "menteeMembershipId", "status", "origin", "startedAt", "createdAt", "updatedAt")
     SELECT $1 || 'x' || j, $1, $1 || 'g', $1 || 'm' || (2 * j), $1 || 'm' || (2 * j + 1), CAST('active' AS "MatchStatus"), 'suggestion', ${ts(2)}, ${ts(2)}, ${ts(2)}
     FROM generate_series(0, $3 - 1) j`,
    o, at(60 * DAY), org.pairs,
  );
  await run(
    `INSERT INTO "Agreement" ("id", "organisationId", "programmeId", "matchId", "version", "answers", "status", "mentorConfirmedAt", "menteeConfirmedAt", "confirmedAt", "createdAt")
     SELECT $1 || 'a' || j, $1, $1 || 'g', $1 || 'x' || j, 1, CAST($4 AS jsonb), 'confirmed', ${ts(2)}, ${ts(2)}, ${ts(2)}, ${ts(2)} FROM generate_series(0, $3 - 1) j`,
    o, at(55 * DAY), org.pairs, JSON.stringify(ANSWERS),
  );
  await run(
    `INSERT INTO "Meeting" ("id", "organisationId", "programmeId", "matchId", "startsAt", "minutes", "mode", "status", "sequence", "proposedById", "loggedById", "loggedAt", "createdAt", "updatedAt")
     SELECT $1 || 't' || j, $1, $1 || 'g', $1 || 'x' || j, ${ts(2)}, 60, 'video', 'held', 0, $1 || 'm' || (2 * j + 1), $1 || 'm' || (2 * j), ${ts(2)}, ${ts(2)}, ${ts(2)}
     FROM generate_series(0, $3 - 1) j`,
    o, at(10 * DAY), org.pairs,
  );
  await run(
    `INSERT INTO "OpenQuestion" ("id", "organisationId", "programmeId", "kind", "subjectType", "subjectId", "audience", "data", "status", "createdAt")
     SELECT $1 || 'q' || j, $1, $1 || 'g', $4, 'Meeting', $1 || 't' || j, ARRAY[$1 || 'p' || (2 * j)], jsonb_build_object('meetingId', $1 || 't' || j, 'matchId', $1 || 'x' || j), CAST('open' AS "QuestionStatus"), ${ts(2)}
     FROM generate_series(0, $3 - 1) j`,
    o, at(9 * DAY), org.pairs, RATING_KIND,
  );
}

/** The organisation's planning run, due now (what the hourly chain would have scheduled). */
export async function schedulePlan(prisma: PrismaClient, org: BenchOrg, now: Date): Promise<void> {
  await prisma.$executeRawUnsafe(
    `INSERT INTO "ScheduledJob" ("id", "organisationId", "kind", "dueAt", "payload", "status", "uniqueKey", "createdAt", "updatedAt")
     VALUES ($1 || 'plan', $1, 'nudges.plan', CAST($2 AS timestamp(3)), '{}', CAST('pending' AS "JobStatus"), $3, CAST($2 AS timestamp(3)), CAST($2 AS timestamp(3)))`,
    org.id, now.toISOString(), planKey(now),
  );
}
