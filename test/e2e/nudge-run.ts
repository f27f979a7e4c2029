/**
 * A weekly nudge run for the process tests (nudge-crash, nudge-two-bots): many active pairs seeded
 * straight into PostgreSQL (createMany: the run, not the seeding, is under test), the run's job
 * due now, and what the fake Slack got, per DM and per outbox row (the metadata every post carries).
 */
import { DateTime } from 'luxon';
import { PLAN_JOB, planKey } from '../../src/core/features/nudges/index.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import type { FakeSlackWebApi } from '../support/slack/fake-web-api.js';

/** The job kind that starts a nudge run (contracts.md: nudges.plan, one per organisation and hour). */
export const RUN_KIND = PLAN_JOB;

/**
 * A fixed-offset zone where it is early afternoon now, so the programme's quiet hours (nights,
 * in each reader's zone) never hold the run back, whenever the test runs. Etc/GMT-5 is UTC+5.
 */
export function afternoonZone(now = new Date()): string {
  const offset = 13 - DateTime.fromJSDate(now, { zone: 'utc' }).hour; // -10 … 13
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

export interface SeededRun {
  orgId: string;
  /** Every mentor and mentee: person id → their DM channel at the fake. */
  channels: Map<string, string>;
}

/**
 * An organisation on Slack workspace `team` with one programme and `pairs` active pairs that
 * started three days ago and have no meeting planned: each mentee is due a nudge to propose one,
 * and both sides one about their part of the agreement (one message each). Every person already
 * has a DM with the bot (its address), so a post is the only call a nudge makes.
 */
export async function seedPairs(prisma: PrismaClient, options: { orgId: string; team: string; pairs: number }): Promise<SeededRun> {
  const { orgId, team, pairs } = options;
  const now = new Date();
  const started = new Date(now.getTime() - 3 * 86_400_000);
  const zone = afternoonZone(now);
  const programmeId = `${orgId}-prog`;
  await prisma.organisation.create({ data: { id: orgId, name: `Org ${orgId}`, platform: 'slack', externalId: team } });
  await prisma.programme.create({
    data: { id: programmeId, organisationId: orgId, name: 'Jobbstart', purpose: 'Work within a year', startsOn: new Date('2026-01-01'), endsOn: new Date('2027-12-31'), meetingFrequency: 'biweekly', joinCode: `J${orgId}`.toUpperCase(), status: 'open', createdById: 'nobody' },
  });
  const people: { id: string; user: string; role: 'mentor' | 'mentee' }[] = [];
  for (let i = 0; i < pairs; i += 1) {
    const n = String(i).padStart(4, '0');
    people.push({ id: `${orgId}-r${n}`, user: `U${orgId.toUpperCase()}R${n}`, role: 'mentor' }, { id: `${orgId}-e${n}`, user: `U${orgId.toUpperCase()}E${n}`, role: 'mentee' });
  }
  const channels = new Map(people.map((p) => [p.id, `D${p.user.slice(1)}`]));
  await prisma.person.createMany({ data: people.map((p) => ({ id: p.id, organisationId: orgId, displayName: p.id, locale: 'en', timeZone: zone })) });
  await prisma.channelIdentity.createMany({ data: people.map((p) => ({ id: `${p.id}-slack`, organisationId: orgId, personId: p.id, platform: 'slack' as const, externalUserId: p.user, address: { channel: channels.get(p.id) } })) });
  await prisma.membership.createMany({
    data: people.map((p) => ({ id: `${p.id}-m`, organisationId: orgId, programmeId, personId: p.id, role: p.role, status: 'active' as const, consentedAt: started, consentVersion: '2026-12', profileDoneAt: started, fullName: p.id, joinedAt: started })),
  });
  await prisma.match.createMany({
    data: Array.from({ length: pairs }, (_, i) => {
      const n = String(i).padStart(4, '0');
      return { id: `${orgId}-x${n}`, organisationId: orgId, programmeId, mentorMembershipId: `${orgId}-r${n}-m`, menteeMembershipId: `${orgId}-e${n}-m`, status: 'active' as const, origin: 'direct', startedAt: started, createdAt: started };
    }),
  });
  return { orgId, channels };
}

/** Makes a job due now (as the scheduler of another hour, or another feature, would have written it). */
export async function dueJob(prisma: PrismaClient, orgId: string, kind: string, key: string, payload: Record<string, unknown> = {}): Promise<void> {
  await prisma.scheduledJob.create({ data: { id: `job-${orgId}-${key}`, organisationId: orgId, kind, uniqueKey: key, dueAt: new Date(Date.now() - 1000), payload: payload as never } });
}

/** The nudge run of `orgId`, due now. */
export const startNudgeRun = (prisma: PrismaClient, orgId: string) => dueJob(prisma, orgId, RUN_KIND, planKey(new Date()));

/** Posts the fake answered, per DM channel. */
export function postsPerChannel(fake: FakeSlackWebApi): Map<string, number> {
  return new Map([...fake.messages].map(([channel, list]) => [channel, list.length]));
}

/** The outbox ids posts carried (metadata), in the order the fake received them; `before`: only calls received before then. */
export function postedIds(fake: FakeSlackWebApi, before = Number.POSITIVE_INFINITY): string[] {
  return fake
    .callsOf('chat.postMessage')
    .filter((c) => c.at < before)
    .map((c) => String((c.args.metadata as { event_payload?: { outbox_id?: unknown } } | undefined)?.event_payload?.outbox_id ?? ''));
}

/** Ids that occur more than once. */
export const repeated = (ids: string[]) => [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];

/** Polls `check` every 250 ms until it is true or `ms` pass; then `settleMs` more, for anything extra to show. */
export async function until(check: () => Promise<boolean> | boolean, ms: number, settleMs = 2000): Promise<boolean> {
  const end = Date.now() + ms;
  let ok = await check();
  while (!ok && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 250));
    ok = await check();
  }
  await new Promise((r) => setTimeout(r, settleMs));
  return ok;
}
